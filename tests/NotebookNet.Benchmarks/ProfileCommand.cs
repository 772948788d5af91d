using System.Diagnostics;
using NotebookNet.Numerics;

namespace NotebookNet.Benchmarks;

/// <summary>`profile [m]`: where one training step's time goes, stage by stage (medians over the last 2 of 3 passes
/// of 450 steps; the first warms up the JIT).</summary>
internal static class ProfileCommand
{
    public static int Run(string[] args)
    {
        int m = args.Length > 0 ? int.Parse(args[0]) : 1000;
        const int n = 100, d = 3072, k = 10;
        var rng = new Random(1);
        float[] R(int count) => RandomArrays.Uniform(rng, count, scale: 0.1f);
        var data = R(450 * n * d);
        var (w1, b1, w2, b2) = (R(m * d), new float[m], R(k * m), new float[k]);
        var (h, s, g, gh, db1, dw2, db2) = (new float[n * m], new float[n * k], new float[n * k], new float[n * m],
            new float[m], new float[k * m], new float[k]);
        var y = Enumerable.Range(0, n).Select(i => i % k).ToArray();
        string[] names =
        [
            "H = X·W1ᵀ", "bias+ReLU, S, softmax, G", "dW2, db2, G_h, ReLU'", "W1 step with G_hᵀX (fused)", "db1",
            "SGD rest"
        ];
        var t = new List<double>[names.Length];
        for (int i = 0; i < t.Length; i++) t[i] = [];
        for (int pass = 0; pass < 3; pass++)
        for (int step = 0; step < 450; step++)
        {
            var x = data.AsSpan(step * n * d, n * d);
            long t0 = Stopwatch.GetTimestamp();
            Gemm.MultiplyABt(x, w1, h, n, m, d);
            long t1 = Stopwatch.GetTimestamp();
            Ops.AddBiasRelu(h, b1, n, m); Gemm.MultiplyABt(h, w2, s, n, k, m); Ops.AddBias(s, b2, n, k);
            Ops.SoftmaxCrossEntropy(s, y, n, k); Ops.SoftmaxGradient(s, y, g, n, k);
            long t2 = Stopwatch.GetTimestamp();
            Gemm.MultiplyAtB(g, h, dw2, k, m, n); Ops.ColumnSums(g, db2, n, k);
            Gemm.MultiplyAB(g, w2, gh, n, m, k); Ops.ReluBackward(gh, h, n * m);
            long t3 = Stopwatch.GetTimestamp();
            Gemm.SgdStepAtB(gh, x, w1, m, d, n, 1e-3f, 0.01f);
            long t4 = Stopwatch.GetTimestamp();
            Ops.ColumnSums(gh, db1, n, m);
            long t5 = Stopwatch.GetTimestamp();
            Ops.SgdStep(b1, db1, 1e-3f); Ops.SgdStepL2(w2, dw2, 1e-3f, 0.01f); Ops.SgdStep(b2, db2, 1e-3f);
            long t6 = Stopwatch.GetTimestamp();
            long[] ts = [t0, t1, t2, t3, t4, t5, t6];
            if (pass > 0)
                for (int i = 0; i < names.Length; i++) t[i].Add((ts[i + 1] - ts[i]) * 1e6 / Stopwatch.Frequency);
        }
        double total = 0;
        foreach (var (name, list) in names.Zip(t))
        {
            double med = list.Order().ElementAt(list.Count / 2);
            total += med;
            Console.WriteLine($"{name,-28} {med,9:0.0} µs");
        }
        Console.WriteLine($"{"sum of medians",-28} {total,9:0.0} µs  → {total * 450 / 1e6:0.000} s an epoch");
        return 0;
    }
}

