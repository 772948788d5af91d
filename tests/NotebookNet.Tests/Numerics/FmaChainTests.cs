using CsCheck;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>
/// Exact results of the broadcast-form kernels: A·Bᵀ on the Vector256 and Vector128 paths is one chain of fused
/// multiply-adds over K in order for every element (whichever operand is packed, on one core or two).
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
}
