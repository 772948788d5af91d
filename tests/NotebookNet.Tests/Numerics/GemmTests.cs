using CsCheck;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>The fast kernels against the naive reference loops, on every vector path, over odd shapes.</summary>
public class GemmTests
{
    private enum Shape { ABt, AB, AtB }

    private static float[] Random(Random rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static void Fast(Shape shape, float[] a, float[] b, float[] c, int m, int n, int k, bool acc)
    {
        switch (shape)
        {
            case Shape.ABt: Gemm.MultiplyABt(a, b, c, m, n, k, acc); break;
            case Shape.AB: Gemm.MultiplyAB(a, b, c, m, n, k, acc); break;
            default: Gemm.MultiplyAtB(a, b, c, m, n, k, acc); break;
        }
    }

    private static void Reference(Shape shape, float[] a, float[] b, float[] c, int m, int n, int k, bool acc)
    {
        switch (shape)
        {
            case Shape.ABt: GemmReference.MultiplyABt(a, b, c, m, n, k, acc); break;
            case Shape.AB: GemmReference.MultiplyAB(a, b, c, m, n, k, acc); break;
            default: GemmReference.MultiplyAtB(a, b, c, m, n, k, acc); break;
        }
    }

    private static void HoldsEqual(Shape shape, int width, int maxK, long iterations)
    {
        Gen.Select(Gen.Int[1, 130], Gen.Int[1, 130], Gen.Int[1, maxK], Gen.Bool, Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, acc, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, m * k);
                var b = Random(rng, n * k);
                var c0 = Random(rng, m * n);
                var expected = (float[])c0.Clone();
                var actual = (float[])c0.Clone();
                Reference(shape, a, b, expected, m, n, k, acc);
                SimdPath.Forced = width;
                try { Fast(shape, a, b, actual, m, n, k, acc); }
                finally { SimdPath.Forced = 0; }
                for (int i = 0; i < m * n; i++)
                {
                    float tol = 2e-7f * k * (1 + MathF.Abs(expected[i])) + 1e-6f;
                    if (!(MathF.Abs(actual[i] - expected[i]) <= tol))
                        throw new Exception($"{shape} width {width} m={m} n={n} k={k} acc={acc}: "
                            + $"C[{i}] = {actual[i]}, reference {expected[i]}");
                }
            }, iter: iterations);
    }

    [Fact] public void ABt_matches_the_reference_on_the_native_path() => HoldsEqual(Shape.ABt, 0, 1100, 60);
    [Fact] public void AB_matches_the_reference_on_the_native_path() => HoldsEqual(Shape.AB, 0, 1100, 60);
    [Fact] public void AtB_matches_the_reference_on_the_native_path() => HoldsEqual(Shape.AtB, 0, 1100, 60);
    [Fact] public void ABt_matches_the_reference_on_Vector256() => HoldsEqual(Shape.ABt, 8, 600, 25);
    [Fact] public void AB_matches_the_reference_on_Vector256() => HoldsEqual(Shape.AB, 8, 600, 25);
    [Fact] public void AtB_matches_the_reference_on_Vector256() => HoldsEqual(Shape.AtB, 8, 600, 25);
    [Fact] public void ABt_matches_the_reference_on_the_portable_path() => HoldsEqual(Shape.ABt, 4, 600, 25);
    [Fact] public void AB_matches_the_reference_on_the_portable_path() => HoldsEqual(Shape.AB, 4, 600, 25);
    [Fact] public void AtB_matches_the_reference_on_the_portable_path() => HoldsEqual(Shape.AtB, 4, 600, 25);

    /// <summary>Large A·Bᵀ products are summed in two K halves: still the reference's result, on every path.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(4)]
    public void ABt_in_K_halves_matches_the_reference(int width) =>
        Gen.Select(Gen.Int[20, 90], Gen.Int[20, 90], Gen.Int[1024, 2600], Gen.Bool, Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, acc, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, m * k); var b = Random(rng, n * k); var c0 = Random(rng, m * n);
                var expected = (float[])c0.Clone(); var actual = (float[])c0.Clone();
                GemmReference.MultiplyABt(a, b, expected, m, n, k, acc);
                SimdPath.Forced = width;
                try { Gemm.MultiplyABt(a, b, actual, m, n, k, acc); }
                finally { SimdPath.Forced = 0; }
                for (int i = 0; i < m * n; i++)
                    if (!(MathF.Abs(actual[i] - expected[i]) <= 2e-7f * k * (1 + MathF.Abs(expected[i])) + 1e-6f))
                        throw new Exception($"width {width} m={m} n={n} k={k} acc={acc}: "
                            + $"C[{i}] = {actual[i]}, reference {expected[i]}");
            }, iter: width == 0 ? 20 : 8);

    /// <summary>
    /// The fused weight step is bitwise the gradient product followed by the SGD step, on every path, with and
    /// without K blocks.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(4)]
    public void SgdStepAtB_equals_the_product_then_the_step(int width) =>
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 400], Gen.Int[0, 700], Gen.Int[0, int.MaxValue])
            .Sample(t =>
            {
                var (m, n, k, seed) = t;
                var rng = new Random(seed);
                var a = Random(rng, k * m); var b = Random(rng, k * n); var w0 = Random(rng, m * n);
                float eta = (float)rng.NextDouble() * 0.1f, lambda = (float)rng.NextDouble() * 0.05f;
                var expected = (float[])w0.Clone(); var actual = (float[])w0.Clone();
                SimdPath.Forced = width;
                try
                {
                    var gradient = new float[m * n];
                    Gemm.MultiplyAtB(a, b, gradient, m, n, k);
                    Ops.SgdStepL2(expected, gradient, eta, lambda);
                    Gemm.SgdStepAtB(a, b, actual, m, n, k, eta, lambda);
                }
                finally { SimdPath.Forced = 0; }
                for (int i = 0; i < m * n; i++)
                    if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                        throw new Exception($"width {width} m={m} n={n} k={k}: "
                            + $"W[{i}] = {actual[i]}, product then step {expected[i]}");
            }, iter: width == 0 ? 40 : 15);

    /// <summary>
    /// Where the operands sit in memory (64-byte aligned or not decides whether blocks of B are copied
    /// to an aligned buffer) changes nothing in the results.
    /// </summary>
    [Theory]
    [InlineData(100, 50, 3072)]    // training forward, m = 50: K halves, one chunk per half
    [InlineData(1000, 50, 3072)]   // evaluation chunk: row split
    [InlineData(100, 1000, 3072)]  // training forward, m = 1000: K halves, column split
    [InlineData(70, 33, 1100)]     // odd shape, rows of odd length
    // several row and column blocks: each copied block of B is reused only for its own column block
    [InlineData(300, 130, 1100)]
    public unsafe void AlignmentDoesNotChangeResults(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Random(rng, m * k); var b = Random(rng, n * k);
        float[]? first = null;
        var bufA = GC.AllocateArray<float>(m * k + 32, pinned: true);
        var bufB = GC.AllocateArray<float>(n * k + 32, pinned: true);
        fixed (float* pa = bufA, pb = bufB)
        {
            int alignA = (int)((64 - (nint)pa % 64) % 64 / 4), alignB = (int)((64 - (nint)pb % 64) % 64 / 4);
            foreach (var (offA, offB) in new[]
                { (alignA, alignB), (alignA + 3, alignB + 5), (alignA, alignB + 2), (alignA + 1, alignB) })
            {
                var sa = bufA.AsSpan(offA, m * k); var sb = bufB.AsSpan(offB, n * k);
                a.CopyTo(sa); b.CopyTo(sb);
                var c = new float[m * n];
                Gemm.MultiplyABt(sa, sb, c, m, n, k);
                if (first is null)
                {
                    first = c;
                    var expected = new float[m * n];
                    GemmReference.MultiplyABt(a, b, expected, m, n, k);
                    for (int i = 0; i < m * n; i++)
                        Assert.True(MathF.Abs(c[i] - expected[i]) <= 2e-7f * k * (1 + MathF.Abs(expected[i])) + 1e-6f,
                            $"C[{i}] = {c[i]} vs {expected[i]}");
                }
                else Assert.Equal(first, c);
            }
        }
    }

    [Fact]
    public void SgdStepAtB_with_a_zero_rate_leaves_the_weights()
    {
        var rng = new Random(3);
        var (a, b, w) = (Random(rng, 100 * 50), Random(rng, 100 * 3072), Random(rng, 50 * 3072));
        var before = (float[])w.Clone();
        Gemm.SgdStepAtB(a, b, w, 50, 3072, 100, eta: 0f, lambda: 0f);
        Assert.Equal(before, w);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 7, 3)]
    [InlineData(7, 1, 3)]
    [InlineData(3, 5, 1)]
    [InlineData(1, 1, 3072)]
    [InlineData(100, 10, 50)]
    [InlineData(10, 50, 100)]
    [InlineData(100, 50, 10)]
    [InlineData(11, 33, 17)]
    public void Tiny_and_training_shapes_match_the_reference(int m, int n, int k)
    {
        foreach (var shape in new[] { Shape.ABt, Shape.AB, Shape.AtB })
            foreach (bool acc in new[] { false, true })
            {
                var rng = new Random(m * 1000 + n * 10 + k);
                var a = Random(rng, m * k); var b = Random(rng, n * k);
                var expected = Random(rng, m * n); var actual = (float[])expected.Clone();
                Reference(shape, a, b, expected, m, n, k, acc);
                Fast(shape, a, b, actual, m, n, k, acc);
                for (int i = 0; i < m * n; i++)
                    Assert.True(MathF.Abs(actual[i] - expected[i]) <= 2e-7f * k * (1 + MathF.Abs(expected[i])) + 1e-6f,
                        $"{shape} acc={acc} C[{i}] = {actual[i]} vs {expected[i]}");
            }
    }

    [Fact]
    public void A_zero_inner_dimension_clears_or_keeps_C()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.MultiplyABt([], [], c, 2, 2, 0, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        Gemm.MultiplyAtB([], [], c, 2, 2, 0);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    [Fact]
    public void Too_small_operands_throw_naming_the_operand_and_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(
            () => Gemm.MultiplyAB(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.StartsWith("MultiplyAB: A has 5 of m×k = 6 elements.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyAtB(new float[6], new float[6], new float[3], 2, 2, 3));
        Assert.StartsWith("MultiplyAtB: C has 3 of m×n = 4 elements.", e.Message);
    }

    /// <summary>
    /// The training products, big enough to be split: single-threaded and two-threaded results are bitwise equal.
    /// </summary>
    [Theory]
    [InlineData(100, 50, 3072)]   // forward, m = 50 (split along rows)
    [InlineData(30, 203, 700)]    // split along columns of C
    [InlineData(50, 3072, 100)]   // dW1 = G_hᵀ X
    [InlineData(100, 1000, 10)]   // G_h = G W2, m = 1000
    [InlineData(97, 131, 1111)]   // odd everything
    [InlineData(100, 1000, 3072)] // forward, m = 1000 (K halves, split along columns)
    public void The_thread_count_does_not_change_results(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        foreach (var shape in new[] { Shape.ABt, Shape.AB, Shape.AtB })
            foreach (bool acc in new[] { false, true })
            {
                var a = Random(rng, m * k); var b = Random(rng, n * k); var c0 = Random(rng, m * n);
                var single = (float[])c0.Clone();
                using (KernelThreads.Single()) Fast(shape, a, b, single, m, n, k, acc);
                if (KernelThreads.MaxThreads < 2) continue;
                // Another test may hold the workers for a moment; retry until this product really ran on two cores.
                for (int attempt = 0; attempt < 50; attempt++)
                {
                    var dual = (float[])c0.Clone();
                    long before = Volatile.Read(ref KernelThreads.s_parallelRuns);
                    Fast(shape, a, b, dual, m, n, k, acc);
                    Assert.Equal(single, dual);
                    if (Volatile.Read(ref KernelThreads.s_parallelRuns) > before) break;
                }
            }
        // The fused weight step splits like Aᵀ·B.
        var (ga, gb, w) = (Random(rng, k * m), Random(rng, k * n), Random(rng, m * n));
        var w1 = (float[])w.Clone();
        using (KernelThreads.Single()) Gemm.SgdStepAtB(ga, gb, w1, m, n, k, 0.01f, 0.005f);
        var w2 = (float[])w.Clone();
        Gemm.SgdStepAtB(ga, gb, w2, m, n, k, 0.01f, 0.005f);
        Assert.Equal(w1, w2);
    }

    [Fact]
    public void A_single_thread_scope_nests_and_restores()
    {
        Assert.False(KernelThreads.IsSingleThreaded && KernelThreads.MaxThreads > 1);
        using (KernelThreads.Single())
        {
            Assert.True(KernelThreads.IsSingleThreaded);
            using (KernelThreads.Single()) Assert.Equal(1, KernelThreads.Available);
            Assert.True(KernelThreads.IsSingleThreaded);
        }
        Assert.Equal(KernelThreads.MaxThreads > 1, !KernelThreads.IsSingleThreaded);
    }

    [Fact]
    public void Concurrent_callers_get_correct_results()
    {
        const int m = 100, n = 50, k = 3072;
        var rng = new Random(5);
        var a = Random(rng, m * k); var b = Random(rng, n * k);
        var expected = new float[m * n];
        using (KernelThreads.Single()) Gemm.MultiplyABt(a, b, expected, m, n, k);
        Parallel.For(0, 4, _ =>
        {
            var c = new float[m * n];
            for (int r = 0; r < 20; r++)
            {
                Gemm.MultiplyABt(a, b, c, m, n, k);
                Assert.Equal(expected, c);
            }
        });
    }
}
