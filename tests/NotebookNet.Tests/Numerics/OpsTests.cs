using CsCheck;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>Each vectorised operation against a straightforward scalar loop, on every vector path.</summary>
public class OpsTests
{
    private static readonly int[] Widths = [0, 8, 4];

    private static float[] Random(Random rng, int count, double scale = 1)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return x;
    }

    /// <summary>Runs <paramref name="check"/> over odd shapes n, m in 1..130 on each vector path.</summary>
    private static void ForShapes(Action<int, int, Random> check, long iterations = 40)
    {
        foreach (int width in Widths)
            Gen.Select(Gen.Int[1, 130], Gen.Int[1, 130], Gen.Int[0, int.MaxValue]).Sample(t =>
            {
                SimdPath.Forced = width;
                try { check(t.Item1, t.Item2, new Random(t.Item3)); }
                finally { SimdPath.Forced = 0; }
            }, iter: iterations);
    }

    private static void Same(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                throw new Exception($"{what}: [{i}] = {actual[i]}, scalar {expected[i]} (width {SimdPath.Width})");
    }

    [Fact]
    public void AddBiasRelu_and_AddBias_equal_the_scalar_code() => ForShapes((n, m, rng) =>
    {
        var h = Random(rng, n * m); var b = Random(rng, m);
        h[0] = -0f;
        var expected = (float[])h.Clone(); var actual = (float[])h.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) expected[i * m + j] = MathF.Max(0f, expected[i * m + j] + b[j]);
        Ops.AddBiasRelu(actual, b, n, m);
        Same(expected, actual, "AddBiasRelu");
        expected = (float[])h.Clone(); actual = (float[])h.Clone();
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) expected[i * m + j] += b[j];
        Ops.AddBias(actual, b, n, m);
        Same(expected, actual, "AddBias");
    });

    [Fact]
    public void Softmax_cross_entropy_matches_the_scalar_code() => ForShapes((n, k, rng) =>
    {
        var s = Random(rng, n * k, 30);
        var y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        var expected = (float[])s.Clone(); var actual = (float[])s.Clone();
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var row = expected.AsSpan(i * k, k);
            float max = row[0];
            for (int j = 1; j < k; j++) max = MathF.Max(max, row[j]);
            float sum = 0;
            for (int j = 0; j < k; j++) { row[j] = MathF.Exp(row[j] - max); sum += row[j]; }
            for (int j = 0; j < k; j++) row[j] /= sum;
            loss -= Math.Log(Math.Max(row[y[i]], 1e-30f));
        }
        var withoutLoss = (float[])s.Clone();
        double got = Ops.SoftmaxCrossEntropy(actual, y, n, k);
        Assert.True(Math.Abs(got - loss) <= 1e-5 * (1 + Math.Abs(loss)), $"loss {got} vs {loss}");
        for (int i = 0; i < n * k; i++)
            Assert.True(MathF.Abs(actual[i] - expected[i]) <= 1e-6f + 1e-5f * expected[i],
                $"P[{i}] {actual[i]} vs {expected[i]}");
        Ops.Softmax(withoutLoss, n, k);   // evaluation's softmax: the same P, bit for bit
        Assert.Equal(actual, withoutLoss);
    });

    [Fact]
    public void A_bad_label_throws_before_touching_the_scores()
    {
        float[] s = [1f, 2f, 3f, 4f];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.SoftmaxCrossEntropy(s, [0, 7], 2, 2));
        Assert.Contains("label of row 1", ex.Message);
        Assert.Equal([1f, 2f, 3f, 4f], s);
    }

    [Fact]
    public void Too_small_spans_throw_naming_the_operand_and_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Softmax(new float[90], 10, 10));
        Assert.StartsWith("Softmax: s has 90 of n×K = 100 elements.", e.Message);
        Assert.Equal("s", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Ops.AddBiasRelu(new float[12], new float[3], 3, 4));
        Assert.StartsWith("AddBiasRelu: b has 3 of m = 4 elements.", e.Message);
        Assert.Throws<ArgumentException>(() => Ops.Softmax(new float[10], -2, -5));   // n×K = 10, but n < 0
    }

    [Fact]
    public void Softmax_is_stable_for_huge_scores()
    {
        float[] s = [1000f, 1000f, -1000f, 3e38f, 0f, -3e38f];
        double loss = Ops.SoftmaxCrossEntropy(s, [0, 1], 2, 3);
        Assert.Equal([0.5f, 0.5f, 0f, 1f, 0f, 0f], s);
        Assert.True(Math.Abs(loss - (Math.Log(2) - Math.Log(1e-30f))) < 1e-6);
    }

    [Fact]
    public void The_softmax_gradient_equals_the_scalar_code() => ForShapes((n, k, rng) =>
    {
        var p = Random(rng, n * k);
        var y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        var expected = new float[n * k]; var actual = new float[n * k];
        float inv = 1f / n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) expected[i * k + j] = p[i * k + j] * inv;
            expected[i * k + y[i]] -= inv;
        }
        Ops.SoftmaxGradient(p, y, actual, n, k);
        Same(expected, actual, "SoftmaxGradient");
    });

    [Fact]
    public void ReluBackward_and_column_sums_equal_the_scalar_code() => ForShapes((n, m, rng) =>
    {
        var g = Random(rng, n * m); var h = Random(rng, n * m);
        h[0] = 0f; h[^1] = -0f;
        var expected = (float[])g.Clone(); var actual = (float[])g.Clone();
        for (int i = 0; i < n * m; i++) if (h[i] <= 0f) expected[i] = 0f;
        Ops.ReluBackward(actual, h, n * m);
        Same(expected, actual, "ReluBackward");
        var sums = new float[m]; var fast = Random(rng, m);
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) sums[j] += g[i * m + j];
        Ops.ColumnSums(g, fast, n, m);
        Same(sums, fast, "ColumnSums");
    });

    [Fact]
    public void Sgd_steps_equal_the_scalar_code() => ForShapes((n, m, rng) =>
    {
        var w = Random(rng, n * m); var dw = Random(rng, n * m);
        float eta = (float)rng.NextDouble() * 0.1f, lambda = (float)rng.NextDouble() * 0.01f;
        var expected = (float[])w.Clone(); var actual = (float[])w.Clone();
        float decay = 1f - 2f * eta * lambda;
        for (int i = 0; i < w.Length; i++) expected[i] = decay * expected[i] - eta * dw[i];
        Ops.SgdStepL2(actual, dw, eta, lambda);
        Same(expected, actual, "SgdStepL2");
        expected = (float[])w.Clone(); actual = (float[])w.Clone();
        for (int i = 0; i < w.Length; i++) expected[i] -= eta * dw[i];
        Ops.SgdStep(actual, dw, eta);
        Same(expected, actual, "SgdStep");
    });

    [Fact]
    public void Sum_of_squares_and_ArgMax_match_the_scalar_code() => ForShapes((n, k, rng) =>
    {
        var s = Random(rng, n * k);
        if (s.Length > 3) s[2] = s[1];                              // ties: the first wins
        double sum = 0;
        foreach (float v in s) sum += (double)v * v;
        Assert.True(Math.Abs(Ops.SumOfSquares(s) - sum) <= 1e-12 * sum + 1e-300, "SumOfSquares");
        var expected = new int[n]; var actual = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < k; j++) if (s[i * k + j] > s[i * k + best]) best = j;
            expected[i] = best;
        }
        Ops.ArgMaxRows(s, actual, n, k);
        Assert.Equal(expected, actual);
    });

    [Fact]
    public void Ops_do_not_allocate()
    {
        const int n = 100, m = 50, k = 10;
        var rng = new Random(3);
        var (h, b, s, g, gh) =
            (Random(rng, n * m), Random(rng, m), Random(rng, n * k), new float[n * k], Random(rng, n * m));
        var y = Enumerable.Range(0, n).Select(i => i % k).ToArray();
        var w = Random(rng, n * m); var sums = new float[m]; var idx = new int[n];
        void Step()
        {
            Ops.AddBiasRelu(h, b, n, m); Ops.AddBias(s, b, n, k); Ops.SoftmaxCrossEntropy(s, y, n, k);
            Ops.SoftmaxGradient(s, y, g, n, k); Ops.ReluBackward(gh, h, n * m); Ops.ColumnSums(gh, sums, n, m);
            Ops.SgdStepL2(w, gh, 1e-3f, 1e-2f); Ops.SgdStep(b, sums, 1e-3f); Ops.SumOfSquares(w);
            Ops.ArgMaxRows(s, idx, n, k);
            Gemm.MultiplyABt(h, w, s.AsSpan(0, 1), 1, 1, m);
            Gemm.MultiplyAtB(g, h, w.AsSpan(0, k * m), k, m, n);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
