using CsCheck;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>
/// Exact results of the broadcast-form kernels: A·Bᵀ on the Vector256 and Vector128 paths is one chain of fused
/// multiply-adds over K in order for every element (whichever operand is packed, on one core or two), and so are
/// Aᵀ·B and A·B on every path.
/// </summary>
public class FmaChainTests
{
    private static float[] Random(Random rng, int count, double density = 1)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = rng.NextDouble() < density ? (float)(rng.NextDouble() * 2 - 1) : 0f;
        return x;
    }

    /// <summary>C[i, j] (+)= Σ_p A[i, p]·B[j, p] as one FMA chain in p order, starting from C[i, j] or 0.</summary>
    private static float[] Chain(float[] a, float[] b, float[] c0, int m, int n, int k, bool accumulate)
    {
        var c = (float[])c0.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) s = MathF.FusedMultiplyAdd(a[i * k + p], b[j * k + p], s);
                c[i * n + j] = s;
            }
        return c;
    }

    private static void AssertBitwise(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                throw new Exception($"{what}: element {i} is {actual[i]}, expected {expected[i]}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void ABt_is_one_fma_chain_per_element(int width) =>
        Gen.Select(Gen.Int[1, 140], Gen.Int[1, 140], Gen.Int[1, 700], Gen.Bool, Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, accumulate, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, m * k); var b = Random(rng, n * k); var c0 = Random(rng, m * n);
                var expected = Chain(a, b, c0, m, n, k, accumulate);
                var actual = (float[])c0.Clone();
                SimdPath.Forced = width;
                try { Gemm.MultiplyABt(a, b, actual, m, n, k, accumulate); }
                finally { SimdPath.Forced = 0; }
                AssertBitwise(expected, actual, $"width {width} m={m} n={n} k={k} acc={accumulate}");
            }, iter: 40);

    /// <summary>The training and evaluation shapes, either operand packed, one core and two.</summary>
    [Theory]
    [InlineData(100, 1000, 3072)]   // wide training forward: X packed, Cᵀ written as C
    [InlineData(100, 50, 3072)]     // m = 50 training forward: W1 packed
    [InlineData(1000, 50, 3072)]    // evaluation chunk
    [InlineData(100, 10, 1000)]     // S = H·W2ᵀ
    [InlineData(13, 301, 257)]      // odd sizes: partial row blocks, one-vector panels, a short K block
    public void Training_shapes_are_one_fma_chain_on_every_path(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Random(rng, m * k); var b = Random(rng, n * k); var c0 = Random(rng, m * n);
        foreach (bool accumulate in new[] { false, true })
        {
            var expected = Chain(a, b, c0, m, n, k, accumulate);
            foreach (int width in new[] { 8, 4 })
                foreach (bool single in new[] { true, false })
                {
                    var actual = (float[])c0.Clone();
                    SimdPath.Forced = width;
                    try
                    {
                        using (single ? KernelThreads.Single() : default)
                            Gemm.MultiplyABt(a, b, actual, m, n, k, accumulate);
                    }
                    finally { SimdPath.Forced = 0; }
                    AssertBitwise(expected, actual, $"{m}×{n}×{k} width {width} single={single} acc={accumulate}");
                }
        }
    }

    /// <summary>C[i, j] (+)= Σ_p A[p, i]·B[p, j] (Aᵀ·B) or A[i, p]·B[p, j] (A·B) as one FMA chain in p order.</summary>
    private static float[] BroadcastChain(float[] a, float[] b, float[] c0, int m, int n, int k, bool accumulate,
        bool transposedA)
    {
        var c = (float[])c0.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++)
                    s = MathF.FusedMultiplyAdd(transposedA ? a[p * m + i] : a[i * k + p], b[p * n + j], s);
                c[i * n + j] = s;
            }
        return c;
    }

    /// <summary>
    /// Aᵀ·B and A·B (6-row panels below Vector512, B copied into contiguous panels when ≥ 4 panels of A pass over
    /// it) are one FMA chain per element, like the reference order of every path.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(0)]
    public void AtB_and_AB_are_one_fma_chain_per_element(int width) =>
        Gen.Select(Gen.Int[1, 140], Gen.Int[1, 300], Gen.Int[1, 700], Gen.Bool, Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, accumulate, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, m * k); var b = Random(rng, k * n); var c0 = Random(rng, m * n);
                foreach (bool transposedA in new[] { true, false })
                {
                    var expected = BroadcastChain(a, b, c0, m, n, k, accumulate, transposedA);
                    var actual = (float[])c0.Clone();
                    SimdPath.Forced = width;
                    try
                    {
                        if (transposedA) Gemm.MultiplyAtB(a, b, actual, m, n, k, accumulate);
                        else Gemm.MultiplyAB(a, b, actual, m, n, k, accumulate);
                    }
                    finally { SimdPath.Forced = 0; }
                    AssertBitwise(expected, actual,
                        $"width {width} m={m} n={n} k={k} acc={accumulate} transposedA={transposedA}");
                }
            }, iter: 30);

    /// <summary>The weight-gradient shapes (G_hᵀ·X, with its panels of X), one core and two.</summary>
    [Theory]
    [InlineData(1000, 3072, 100)]
    [InlineData(50, 3072, 100)]
    [InlineData(10, 1000, 100)]
    [InlineData(31, 77, 600)]       // two K blocks, partial panels and columns
    public void Weight_gradient_shapes_are_one_fma_chain_on_every_path(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Random(rng, k * m); var b = Random(rng, k * n); var c0 = new float[m * n];
        var expected = BroadcastChain(a, b, c0, m, n, k, accumulate: false, transposedA: true);
        foreach (int width in new[] { 8, 4 })
            foreach (bool single in new[] { true, false })
            {
                var actual = new float[m * n];
                SimdPath.Forced = width;
                try
                {
                    using (single ? KernelThreads.Single() : default) Gemm.MultiplyAtB(a, b, actual, m, n, k);
                }
                finally { SimdPath.Forced = 0; }
                AssertBitwise(expected, actual, $"{m}×{n}×{k} width {width} single={single}");
            }
    }
}
