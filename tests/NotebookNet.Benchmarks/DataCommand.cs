using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NotebookNet.Data;

namespace NotebookNet.Benchmarks;

/// <summary>
/// `data`: the data step a notebook starts with, the same work as the numpy peer's <c>bench_data.py</c>: all six
/// batches read into float32 sample-major arrays, the seeded 45k / 5k split of the training batches, per-feature
/// standardisation fitted on the 45k and applied to the validation and test images; once from the
/// <c>.tar.gz</c> (decompressed in the process, no cache) and once from an extracted directory, reps alternating.
/// Each rep starts from the files (no in-process reuse); the garbage of a rep is collected before the next one,
/// untimed. Then, for information, one load through the extract-once cache (first load, then the copy).
/// The last line printed is one JSON object <c>{"tarGzSeconds", "directorySeconds"}</c>: medians over the reps.
/// Options: --archive PATH (default $NOTEBOOKNET_CIFAR10 when it is a file), --dir DIR (default $CIFAR_DIR, else
/// the archive extracted into a temporary folder first, untimed), --reps N (default 5), --stages (also time the
/// split's stages from the directory: picking the rows, the fit, applying it to each set).
/// </summary>
internal static class DataCommand
{
    public static int Run(string[] args)
    {
        int reps = 5;
        bool stages = false;
        string? archive = Environment.GetEnvironmentVariable(Cifar10Source.EnvironmentVariable) is { Length: > 0 } env
            && File.Exists(env) ? env : null;
        string? directory = Environment.GetEnvironmentVariable("CIFAR_DIR") is { Length: > 0 } dir ? dir : null;
        for (int i = 0; i < args.Length; i++)
            switch (args[i])
            {
                case "--reps" when i + 1 < args.Length:
                    reps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--archive" when i + 1 < args.Length: archive = args[++i]; break;
                case "--dir" when i + 1 < args.Length: directory = args[++i]; break;
                case "--stages": stages = true; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; " +
                                            "use --archive PATH, --dir DIR, --reps N, --stages");
                    return 2;
            }
        if (archive is null || !File.Exists(archive))
        {
            Console.Error.WriteLine("error: no archive: pass --archive PATH or set " +
                                    $"{Cifar10Source.EnvironmentVariable} to a cifar-10-binary.tar.gz " +
                                    "(e.g. ../shared/data/cifar-10-binary.tar.gz).");
            return 2;
        }
        using var scratch = new Scratch();
        if (directory is null)
        {
            var report = Cifar10Source.ExtractIntoCache(archive, scratch.Path);
            if (!report.IsValid) { Console.Error.WriteLine($"error: {report.Problem}"); return 1; }
            directory = Path.Combine(scratch.Path, Cifar10.DirectoryName);
        }
        var vectors = PixelKernels.NativeWidth == 0 ? "scalar" : $"{PixelKernels.NativeWidth * 8}-bit vectors";
        Console.WriteLine($"data step: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {vectors}");
        Console.WriteLine($"  archive   {Path.GetFullPath(archive)}");
        Console.WriteLine($"  directory {Path.GetFullPath(directory)}");
        var tarGz = new Timed("tar.gz", () => Cifar10Reader.ReadArchive(archive), reps);
        var fromDirectory = new Timed("directory", () => Cifar10Reader.ReadDirectory(directory), reps);
        for (int r = 0; r < reps; r++)   // alternating, so both meet the same state of memory and machine
        {
            tarGz.Run(r);
            fromDirectory.Run(r);
        }
        tarGz.Report();
        fromDirectory.Report();
        ThroughTheCache(archive);
        if (stages) Stages(directory, reps);
        var json = new Dictionary<string, double>
        {
            ["tarGzSeconds"] = Math.Round(Median(tarGz.Times), 4),
            ["directorySeconds"] = Math.Round(Median(fromDirectory.Times), 4),
        };
        Console.WriteLine(JsonSerializer.Serialize(json));
        return 0;
    }

    /// <summary>
    /// One way of reading, timed rep by rep: reading the batches, then the split with its standardisation; the
    /// report shows every rep (the first includes the JIT and fresh memory), the medians and the page faults.
    /// </summary>
    private sealed class Timed(string what, Func<Cifar10Dataset> read, int reps)
    {
        public double[] Times { get; } = new double[reps];
        private readonly double[] _reads = new double[reps];
        private readonly double[] _faults = new double[reps];
        private string? _described;

        public void Run(int r)
        {
            Collect();
            long faults = MinorFaults();
            long t0 = Stopwatch.GetTimestamp();
            var data = read();
            _reads[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var split = Splits.AllBatchesRandomValidation(data, validationSize: 5000, seed: 1);
            Times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            _faults[r] = MinorFaults() - faults;
            _described ??= split.ToString();
        }

        public void Report()
        {
            var splits = Times.Zip(_reads, (t, r) => t - r).ToArray();
            Console.WriteLine($"{what,-9} → standardised splits: median {Median(Times):0.000} s, " +
                              $"min {Times.Min():0.000} s, first (cold) {Times[0]:0.000} s  " +
                              $"[{string.Join(", ", Times.Select(F))}]");
            Console.WriteLine($"  read {Median(_reads):0.000} s + split and standardise {Median(splits):0.000} s " +
                              $"(medians); fresh pages touched a rep (median) {Median(_faults):N0}");
            Console.WriteLine($"  {_described}");
        }
    }

    // A notebook's data cell given the archive: the first load extracts it into the cache while reading it, a
    // later one (another notebook) reads the copy. One rep each, in a scratch cache; not in the JSON.
    private static void ThroughTheCache(string archive)
    {
        using var cache = new Scratch();
        foreach (var what in new[] { "first load (extracts)", "later load (the copy)" })
        {
            Collect();
            long faults = MinorFaults(), t0 = Stopwatch.GetTimestamp();
            var data = ArchiveCache.Load(archive, cache.Path);
            double read = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var split = Splits.AllBatchesRandomValidation(data, 5000, seed: 1);
            double total = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Console.WriteLine($"archive through the cache, {what}: {total:0.000} s (read {read:0.000} s; " +
                              $"fresh pages {MinorFaults() - faults:N0}; train {split.Train.Count})");
        }
    }

    // The split's stages from the directory, medians over the reps: where its time goes.
    private static void Stages(string directory, int reps)
    {
        string[] names = ["read", "shuffle, pick rows", "fit 45k", "apply 45k", "apply 5k + 10k"];
        var times = names.Select(_ => new double[reps]).ToArray();
        for (int r = 0; r < reps; r++)
        {
            Collect();
            long t = Stopwatch.GetTimestamp();
            void Lap(int stage)
            {
                times[stage][r] = Stopwatch.GetElapsedTime(t).TotalSeconds;
                t = Stopwatch.GetTimestamp();
            }
            var data = Cifar10Reader.ReadDirectory(directory);
            Lap(0);
            var order = Enumerable.Range(0, 50_000).ToArray();
            new Random(1).Shuffle(order);
            using var train = new PixelRows(data.TrainingBatches, order.AsSpan(5000));
            using var validation = new PixelRows(data.TrainingBatches, order.AsSpan(0, 5000));
            using var test = PixelRows.First(data.Test);
            Lap(1);
            var s = Standardiser.Fit(train);
            Lap(2);
            var x = s.Apply(train);
            Lap(3);
            var (v, te) = (s.Apply(validation), s.Apply(test));
            Lap(4);
            GC.KeepAlive(x); GC.KeepAlive(v); GC.KeepAlive(te);
        }
        Console.WriteLine("stages (directory, medians): " +
                          string.Join(", ", names.Select((n, i) => $"{n} {Median(times[i]):0.000} s")));
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    // The process's minor page faults so far (Linux; 0 elsewhere): each is a fresh 4 KB page touched.
    private static long MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);   // field 10 of the whole line: minflt
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static double Median(double[] xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A temporary folder, deleted on dispose.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("nbnet-bench-data-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
