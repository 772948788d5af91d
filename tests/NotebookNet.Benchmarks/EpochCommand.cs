using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Numerics;
using NotebookNet.Training;

namespace NotebookNet.Benchmarks;

/// <summary>
/// `epoch`: one training epoch (450 steps × 100 samples, forward + backward + SGD update, no evaluation)
/// for m = 50 and m = 1000, and one evaluation pass over 45k + 5k + 10k, medians of 7 after a warm-up;
/// the products' GFLOPS and the machine's FMA peak. The last line printed is one JSON object.
/// Options: --reps N, --data SOURCE (archive, directory or "synthetic"), --no-m1000.
/// </summary>
internal static class EpochCommand
{
    private const int Batch = 100, D = 3072, K = 10, Steps = 450;
    private const float Lambda = 0.01f;
    private static readonly CyclicalLearningRate Schedule = new(stepSize: 900);   // 1e-5 … 1e-1, like the peer

    public static int Run(string[] args)
    {
        int reps = 7;
        string source = "auto";
        bool m1000 = true;
        for (int i = 0; i < args.Length; i++)
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data": source = args[++i]; break;
                case "--no-m1000": m1000 = false; break;
                case "--no-lanes": Gemm.UseLanes = false; break;            // A·Bᵀ as dot products (AVX2 and below)
                case "--no-pack-b": GemmKernels.PackBroadcastB = false; break;  // Aᵀ·B and A·B read B in place
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }

        Console.WriteLine($"kernels: {Gemm.InstructionSet}, {KernelThreads.MaxThreads} threads, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var sw = Stopwatch.StartNew();
        DataSplit split = source == "synthetic"
            ? SyntheticSplit()
            : Splits.AllBatchesRandomValidation(Cifar10Source.Load(source), 5000, seed: 1);
        Console.WriteLine($"data: {split} in {sw.Elapsed.TotalSeconds:0.0} s");
        var train = split.Train;
        if (train.Count < Steps * Batch)
            throw new InvalidOperationException($"need {Steps * Batch} training samples, have {train.Count}");

        double peak = FmaPeak();
        Console.WriteLine($"FMA peak (registers only, {KernelThreads.MaxThreads} threads): {peak:0} GFLOPS");

        var net50 = new TwoLayerNetwork(TwoLayerParameters.Initialise(D, 50, K, new Random(1)));
        int t = 0;
        var epoch50 = Time(() => Epoch(net50, train, ref t), reps);
        Report("epoch m=50", epoch50);
        var eval = Time(() =>
        {
            net50.Evaluate(split.Train, Lambda);
            net50.Evaluate(split.Validation, Lambda);
            net50.Evaluate(split.Test, Lambda);
        }, reps);
        Report("eval 45k+5k+10k, m=50", eval);
        var e = net50.Evaluate(split.Validation, Lambda);
        Console.WriteLine($"  sanity after {t} steps: validation accuracy {e.Accuracy:0.000}, loss {e.Loss:0.000}");

        double[] epoch1000 = [double.NaN];
        if (m1000)
        {
            var net1000 = new TwoLayerNetwork(TwoLayerParameters.Initialise(D, 1000, K, new Random(1)));
            int t1 = 0;
            epoch1000 = Time(() => Epoch(net1000, train, ref t1), reps);
            Report("epoch m=1000", epoch1000);
        }

        Console.WriteLine("products (median GFLOPS, 2 threads / 1 thread):");
        double gemm = 0;
        foreach (var (name, m, n, k, op) in Products())
        {
            double g2 = ProductGflops(m, n, k, op, single: false), g1 = ProductGflops(m, n, k, op, single: true);
            Console.WriteLine($"  {name,-34} {m,5}×{n,-5}×{k,-5} {g2,7:0.0} / {g1,6:0.0}");
            if (name.StartsWith("m=1000 H = X·W1ᵀ", StringComparison.Ordinal)) gemm = g2;
        }

        var json = new Dictionary<string, double>
        {
            ["epochSeconds"] = Math.Round(Median(epoch50), 4),
            ["m1000EpochSeconds"] = Math.Round(Median(epoch1000), 4),
            ["evalSeconds"] = Math.Round(Median(eval), 4),
            ["gemmGflops"] = Math.Round(gemm, 1),
            ["peakGflops"] = Math.Round(peak, 1),
        };
        Console.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals
        }));
        return 0;
    }

    private static DataSplit SyntheticSplit()
    {
        var rng = new Random(1);
        LabeledSet Make(int n)
        {
            var x = new float[n * D];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            return new LabeledSet(x, Enumerable.Range(0, n).Select(i => rng.Next(K)).ToArray(), D);
        }
        return new DataSplit(Make(45000), Make(5000), Make(10000), Cifar10.DefaultClassNames, "random CIFAR-shaped",
            "synthetic");
    }

    /// <summary>450 steps over consecutive batches, cyclical η (n_s = 900, 1e-5 … 1e-1) like the numpy peer.</summary>
    private static void Epoch(TwoLayerNetwork net, LabeledSet train, ref int t)
    {
        for (int j = 0; j < Steps; j++, t++)
        {
            double eta = Schedule.At(t);
            net.TrainStep(train.X.AsSpan(j * Batch * D, Batch * D), train.Y.AsSpan(j * Batch, Batch), Batch, (float)eta,
                Lambda);
        }
    }

    private static IEnumerable<(string, int, int, int, int)> Products()
    {
        foreach (int m in new[] { 50, 1000 })
        {
            yield return ($"m={m} H = X·W1ᵀ (A·Bᵀ)", Batch, m, D, 0);
            yield return ($"m={m} S = H·W2ᵀ (A·Bᵀ)", Batch, K, m, 0);
            yield return ($"m={m} dW2 = Gᵀ·H (Aᵀ·B)", K, m, Batch, 2);
            yield return ($"m={m} G_h = G·W2 (A·B)", Batch, m, K, 1);
            yield return ($"m={m} dW1 = G_hᵀ·X (Aᵀ·B)", m, D, Batch, 2);
            yield return ($"m={m} W1 step with G_hᵀ·X (fused)", m, D, Batch, 3);
        }
        yield return ("eval chunk H = X·W1ᵀ, m=50", 1000, 50, D, 0);
    }

    private static double ProductGflops(int m, int n, int k, int op, bool single)
    {
        var rng = new Random(2);
        var a = RandomArrays.Uniform(rng, m * k); var b = RandomArrays.Uniform(rng, n * k); var c = new float[m * n];
        void Call()
        {
            if (op == 0) Gemm.MultiplyABt(a, b, c, m, n, k);
            else if (op == 1) Gemm.MultiplyAB(a, b, c, m, n, k);
            else if (op == 2) Gemm.MultiplyAtB(a, b, c, m, n, k);
            else Gemm.SgdStepAtB(a, b, c, m, n, k, 1e-7f, 0f);
        }
        double flops = 2.0 * m * n * k;
        int inner = (int)Math.Clamp(2e8 / flops, 1, 100000);
        using var scope = single ? KernelThreads.Single() : default;
        var times = Time(() => { for (int i = 0; i < inner; i++) Call(); }, 7);
        return flops * inner / Median(times) / 1e9;
    }

    /// <summary>Registers-only FMA loop on every kernel thread at once: the machine's float32 peak.</summary>
    private static double FmaPeak()
    {
        int threads = KernelThreads.MaxThreads;
        const long iterations = 20_000_000;
        double best = 0;
        for (int rep = 0; rep < 5; rep++)
        {
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads)
                .Select(_ => new Thread(() => { start.SignalAndWait(); FmaLoop(iterations); })).ToArray();
            foreach (var w in workers) w.Start();
            start.SignalAndWait();
            var sw = Stopwatch.StartNew();
            foreach (var w in workers) w.Join();
            double seconds = sw.Elapsed.TotalSeconds;
            double flops = threads * iterations * 12.0 * 2 * (SimdPath.Width);
            best = Math.Max(best, flops / seconds / 1e9);
        }
        return best;
    }

    private static float FmaLoop(long iterations) => SimdPath.Width switch
    {
        16 => FmaLoop<Vector512<float>, V512>(iterations),
        8 => FmaLoop<Vector256<float>, V256>(iterations),
        _ => FmaLoop<Vector128<float>, V128>(iterations),
    };

    // 12 independent FMA chains: enough to hide the FMA latency, all in registers (the kernels' ISimd, one width per
    // instantiation).
    private static float FmaLoop<TV, TS>(long n) where TV : struct where TS : struct, ISimd<TV>
    {
        TV m = TS.Splat(0.999999f), a = TS.Splat(1e-7f);
        TV c0 = TS.Splat(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0,
            c11 = c0;
        for (long i = 0; i < n; i++)
        {
            c0 = TS.Fma(c0, m, a); c1 = TS.Fma(c1, m, a); c2 = TS.Fma(c2, m, a);
            c3 = TS.Fma(c3, m, a); c4 = TS.Fma(c4, m, a); c5 = TS.Fma(c5, m, a);
            c6 = TS.Fma(c6, m, a); c7 = TS.Fma(c7, m, a); c8 = TS.Fma(c8, m, a);
            c9 = TS.Fma(c9, m, a); c10 = TS.Fma(c10, m, a); c11 = TS.Fma(c11, m, a);
        }
        TV s = TS.Add(TS.Add(TS.Add(c0, c1), TS.Add(c2, c3)), TS.Add(TS.Add(c4, c5), TS.Add(c6, c7)));
        return TS.Sum(TS.Add(s, TS.Add(TS.Add(c8, c9), TS.Add(c10, c11))));
    }

    private static double[] Time(Action action, int reps)
    {
        // Warm-up: at least two runs and 1.5 s, so the JIT's tiering (tier 0, instrumented, optimised)
        // has finished before timing: a training run of many epochs does not pay it either.
        long w0 = Stopwatch.GetTimestamp();
        for (int run = 0; run < 2 || (run < 20 && Stopwatch.GetElapsedTime(w0).TotalSeconds < 1.5); run++) action();
        var times = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        return times;
    }

    private static double Median(double[] xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static void Report(string what, double[] times) =>
        Console.WriteLine($"{what}: median {Median(times):0.000} s, min {times.Min():0.000} s  " +
            $"[{string.Join(", ", times.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}]");
}
