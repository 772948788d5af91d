using CsCheck;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>
/// Exact results of the broadcast-form kernels: A·Bᵀ on the Vector256 and Vector128 paths is one chain of fused
/// multiply-adds over K in order for every element (whichever operand is packed, on one core or two), and the
/// weight step with a sparse A (G_h after ReLU) is bitwise the dense product followed by the SGD step.
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

    /// <summary>A with many zeros takes the sparse path: bitwise the product into a buffer, then the step.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(4)]
    public void Sparse_weight_step_equals_the_product_then_the_step(int width) =>
        Gen.Select(Gen.Int[1, 130], Gen.Int[1, 400], Gen.Int[1, 700], Gen.Double[0, 0.7], Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, density, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, k * m, density); var b = Random(rng, k * n); var w0 = Random(rng, m * n);
                float eta = (float)rng.NextDouble() * 0.1f, lambda = (float)rng.NextDouble() * 0.05f;
                var expected = (float[])w0.Clone(); var actual = (float[])w0.Clone();
                SimdPath.Forced = width;
                Gemm.SparseMaxDensity = 1;
                try
                {
                    var gradient = new float[m * n];
                    Gemm.MultiplyAtB(a, b, gradient, m, n, k);
                    Ops.SgdStepL2(expected, gradient, eta, lambda);
                    Gemm.SgdStepAtB(a, b, actual, m, n, k, eta, lambda);
                }
                finally { SimdPath.Forced = 0; Gemm.SparseMaxDensity = null; }
                AssertBitwise(expected, actual, $"width {width} m={m} n={n} k={k} density={density:0.00}");
            }, iter: width == 0 ? 40 : 15);

    /// <summary>The wide network's weight step (G_h half zeros) on one core and on two.</summary>
    [Fact]
    public void Sparse_weight_step_does_not_depend_on_the_thread_count_and_equals_the_dense_one()
    {
        const int m = 1000, n = 3072, k = 100;
        var rng = new Random(7);
        var a = Random(rng, k * m, 0.5); var b = Random(rng, k * n); var w = Random(rng, m * n);
        var single = (float[])w.Clone(); var dual = (float[])w.Clone(); var dense = (float[])w.Clone();
        Gemm.SparseMaxDensity = 1;
        try
        {
            using (KernelThreads.Single()) Gemm.SgdStepAtB(a, b, single, m, n, k, 0.01f, 0.001f);
            Gemm.SgdStepAtB(a, b, dual, m, n, k, 0.01f, 0.001f);
            Gemm.SparseMaxDensity = -1;
            Gemm.SgdStepAtB(a, b, dense, m, n, k, 0.01f, 0.001f);
        }
        finally { Gemm.SparseMaxDensity = null; }
        AssertBitwise(single, dual, "one core vs two");
        AssertBitwise(dense, dual, "sparse vs dense");
    }
}
