using System.Diagnostics;
using NotebookNet.Data;

namespace NotebookNet.Runner;

/// <summary>
/// <c>data fetch|verify|info</c>: downloads CIFAR-10 into the cache (progress, resume, MD5, atomic rename,
/// extraction), verifies an archive or directory, and says where the data comes from. It never deletes or
/// overwrites a file the user owns: a local archive is only read; the cache only gains files.
/// Exit codes: 0 done (warnings allowed), 1 the data or the download failed, 2 bad command line, 130 interrupted.
/// </summary>
public static class DataCommand
{
    /// <summary>The command's help text.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project lib/NotebookNet.Runner -- data <fetch|verify|info> [options]
          fetch    download the official CIFAR-10 binary archive into the cache (resumes a partial download,
                   checks its MD5, renames it into place only when complete) and extract it there;
                   with --data ARCHIVE, extract that local archive into the cache instead (it is only read)
          verify   check an archive or directory: all six batches, each 10 000 × 3073 bytes, labels 0–9;
                   prints the first problem (exit 1) or OK (exit 0; an unofficial MD5 is a warning)
          info     where the data would be taken from and how (an archive: its extracted copy in the cache,
                   which runs load after the first one made it), its batches, sizes and class names
        options:
          --data PATH    a cifar-10-binary.tar.gz archive or a cifar-10-batches-bin directory
                         (default: $NOTEBOOKNET_CIFAR10, else the cache)
          --url URL      fetch: download from this address instead of the official one
          --md5 HEX      fetch: the MD5 the download must have (default: the official archive's)
          --cache DIR    the cache directory (default: $NOTEBOOKNET_DATA_DIR, else the repository's data/)
        """;

    /// <summary>Runs <c>data …</c> with the process's console; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken ct) =>
        RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, client: null, ct);

    /// <summary>
    /// Runs <c>data …</c> writing results to <paramref name="stdout"/> and progress, warnings and errors to
    /// <paramref name="stderr"/>; <paramref name="interactive"/> redraws one progress line (else a line per 10 %).
    /// <paramref name="client"/> (optional) is used for downloads.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive,
        HttpClient? client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help") { stdout.WriteLine(Usage); return 0; }
            if (args[i] is not ("--data" or "--url" or "--md5" or "--cache"))
                return UsageError(stderr, $"unknown option \"{args[i]}\".");
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return UsageError(stderr, $"{args[i]} needs a value.");
            options[args[i]] = args[++i];
        }
        var data = options.GetValueOrDefault("--data");
        if (data is not null && data.Equals("auto", StringComparison.OrdinalIgnoreCase)) data = null;
        var cache = Path.GetFullPath(options.GetValueOrDefault("--cache") ?? Cifar10Source.CacheDirectory);
        try
        {
            switch (args[0])
            {
                case "fetch":
                    Uri? url = null;
                    if (options.TryGetValue("--url", out var u) && !Uri.TryCreate(u, UriKind.Absolute, out url))
                        return UsageError(stderr, $"--url \"{u}\" is not an absolute address.");
                    var md5 = options.GetValueOrDefault("--md5");
                    if (md5 is not null && (md5.Length != 32 || !md5.All(Uri.IsHexDigit)))
                        return UsageError(stderr, $"--md5 \"{md5}\" is not 32 hex digits.");
                    if (data is not null && (url is not null || md5 is not null))
                        return UsageError(stderr,
                            "--data takes a local copy; it cannot be combined with --url or --md5.");
                    return await FetchAsync(data, url, md5, cache, stdout, stderr, interactive, client, ct)
                        .ConfigureAwait(false);
                case "verify":
                    if (options.ContainsKey("--url") || options.ContainsKey("--md5"))
                        return UsageError(stderr, "verify takes only --data and --cache.");
                    return Verify(data, cache, stdout, stderr, ct);
                case "info":
                    if (options.ContainsKey("--url") || options.ContainsKey("--md5"))
                        return UsageError(stderr, "info takes only --data and --cache.");
                    return Info(data, cache, stdout, stderr, ct);
                default:
                    return UsageError(stderr, $"unknown data command \"{args[0]}\"; use fetch, verify or info.");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine(
                "interrupted; nothing finished was lost (a partial download is kept and resumes next time).");
            return 130;
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }

    private static string HowText(DataLocation location) => location.How switch
    {
        "explicit" => "given with --data",
        "cache" => "the download cache",
        var how when how.StartsWith("env", StringComparison.Ordinal) =>
            $"the environment variable {Cifar10Source.EnvironmentVariable}",
        var how => how,
    };

    private static string NoDataHelp(string cache) =>
        $"No CIFAR-10 data found: --data not given, {Cifar10Source.EnvironmentVariable} not set, and no " +
        $"{Path.Combine(cache, Cifar10.DirectoryName)}.\nRun `data fetch` to download it (170 MB). " +
        Cifar10Source.NoDataAdvice;

    private static int Verify(string? data, string cache, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var location = Cifar10Source.Find(data ?? "auto", cache);
        if (location is null) { stderr.WriteLine($"error: {NoDataHelp(cache)}"); return 1; }
        if (location.How == "synthetic")
        {
            stdout.WriteLine("synthetic: generated in memory from a seed; nothing on disk to verify.");
            return 0;
        }
        stdout.WriteLine($"verifying {location.Path} ({HowText(location)}) …");
        return Check(location.Path, stdout, stderr, ct);
    }

    // Verifies an archive or directory and prints the result (see Report).
    private static int Check(string path, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        Report(() => Cifar10Verifier.Verify(path, requireOfficialMd5: false, ct), stdout, stderr);

    // Runs a check, timing it, and prints its report: the details on stdout; then the verdict (the problem on
    // stderr and FAILED on stdout, or the status line on stdout); then the warnings that qualify it, on stderr.
    // Returns 0 when the data is usable, else 1.
    private static int Report(Func<Cifar10Verification> check, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var report = check();
        foreach (var line in report.DetailLines()) stdout.WriteLine(line);
        if (!report.IsValid)
        {
            stderr.WriteLine($"error: {report.Problem}");
            stdout.WriteLine($"FAILED: {report.Path}");
        }
        else
            stdout.WriteLine($"{report.Status}: {report.Path}: {report.Batches.Count} batches of " +
                             $"{Cifar10.RecordsPerBatch:N0} records, labels 0–9 " +
                             $"({clock.Elapsed.TotalSeconds:0.0} s)");
        foreach (var warning in report.Warnings) stderr.WriteLine($"warning: {warning}");
        return report.IsValid ? 0 : 1;
    }

    private static int Info(string? data, string cache, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var location = Cifar10Source.Find(data ?? "auto", cache);
        var target = Path.Combine(cache, Cifar10.DirectoryName);
        var archive = Path.Combine(cache, Cifar10.ArchiveName);
        stdout.WriteLine($"resolution order: --data, ${Cifar10Source.EnvironmentVariable}, the cache {target}, " +
                         $"else download {Cifar10.OfficialUrl}");
        if (location is null)
        {
            stdout.WriteLine("data: none on this machine");
            stdout.WriteLine($"  `data fetch` (or the first notebook run) would download {Cifar10.OfficialUrl}");
            stdout.WriteLine($"  to {archive} (MD5 {Cifar10.OfficialMd5}) and extract it into {target}.");
            var partial = archive + Cifar10Download.PartialSuffix;
            if (File.Exists(partial))
                stdout.WriteLine($"  a partial download of {new FileInfo(partial).Length / 1e6:0.0} MB " +
                                 $"is at {partial}; fetch resumes it.");
            if (File.Exists(archive))
                stdout.WriteLine($"  the archive is already downloaded at {archive}; fetch extracts it.");
            stdout.WriteLine($"  offline? pass a local archive: --data PATH, -p DataSource=PATH to `run`, or " +
                             $"{Cifar10Source.EnvironmentVariable}=PATH; or run on --data synthetic, a generated " +
                             "stand-in (results are not CIFAR-10's).");
            return 0;
        }
        if (location.How == "synthetic")
        {
            stdout.WriteLine("data: synthetic (a learnable CIFAR-shaped set generated from a seed in memory; " +
                             "for offline demos and tests)");
            return 0;
        }
        stdout.WriteLine($"data: {location.Path}");
        stdout.WriteLine($"  found via: {HowText(location)}");
        bool isArchive = File.Exists(location.Path);
        long size = isArchive ? new FileInfo(location.Path).Length
            : new DirectoryInfo(location.Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        stdout.WriteLine($"  {(isArchive ? "archive" : "directory")}: {size:N0} bytes ({size / 1e6:0.0} MB)");
        if (isArchive) DescribeCopy(location.Path, cache, stdout);
        return Check(location.Path, stdout, stderr, ct);
    }

    // Where runs read an archive from: its extracted copy in the cache, or the copy its first run makes.
    private static void DescribeCopy(string archive, string cache, TextWriter stdout)
    {
        if (ArchiveCache.Find(archive, cache) is { } copy)
            stdout.WriteLine($"  extracted copy: {copy.Directory} " +
                             $"(made {copy.ExtractedUtc.ToLocalTime():yyyy-MM-dd HH:mm}, matching the archive's size " +
                             "and time); runs load it at directory speed");
        else
            stdout.WriteLine($"  extracted copy: none yet; the first run checks and extracts the archive once into " +
                             $"{ArchiveCache.FolderFor(archive, cache)} (≈ 185 MB), later runs load that copy at " +
                             "directory speed");
    }

    private static async Task<int> FetchAsync(string? data, Uri? url, string? md5, string cache,
        TextWriter stdout, TextWriter stderr, bool interactive, HttpClient? client, CancellationToken ct)
    {
        var target = Path.Combine(cache, Cifar10.DirectoryName);
        if (data is not null)
        {
            var location = Cifar10Source.Find(data)!;
            if (location.How == "synthetic")
            {
                stdout.WriteLine("synthetic data is generated in memory; nothing to fetch.");
                return 0;
            }
            if (Directory.Exists(location.Path))
            {
                stdout.WriteLine($"{location.Path} is already an extracted directory; " +
                                 $"use it as it is (--data {location.Path}). Checking it:");
                return Check(location.Path, stdout, stderr, ct);
            }
            if (Directory.Exists(target))
            {
                stdout.WriteLine($"already in the cache: {target} (nothing changed; `data verify` checks it).");
                return 0;
            }
            return Extract(location.Path, cache, stdout, stderr, ct);
        }
        if (Directory.Exists(target))
        {
            stdout.WriteLine($"already in the cache: {target} (nothing to download; `data verify` checks it).");
            return 0;
        }

        var source = url ?? new Uri(Cifar10.OfficialUrl);
        var expected = md5?.ToLowerInvariant() ?? Cifar10.OfficialMd5;
        var archive = Path.Combine(cache, Cifar10.ArchiveName);
        var partial = archive + Cifar10Download.PartialSuffix;
        if (File.Exists(archive)) stdout.WriteLine($"using the archive already downloaded at {archive}");
        else
        {
            stderr.WriteLine(File.Exists(partial)
                ? $"resuming {source} into {archive} " +
                  $"from {new FileInfo(partial).Length / 1e6:0.0} MB already downloaded"
                : $"downloading {source} into {archive}");
            using var own = client is null
                ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
                {
                    Timeout = Timeout.InfiniteTimeSpan,
                }
                : null;
            var line = new ProgressLine(stderr, interactive);
            try
            {
                await Cifar10Download.DownloadAsync(source, archive, expected, line, client ?? own, ct)
                    .ConfigureAwait(false);
                line.Done();
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                                      || e is TaskCanceledException && !ct.IsCancellationRequested)
            {
                line.Done();
                var kept = File.Exists(partial)
                    ? $"The {new FileInfo(partial).Length / 1e6:0.0} MB downloaded so far are kept in {partial}; " +
                      "`data fetch` resumes from there. "
                    : "";
                stderr.WriteLine($"error: the download of {source} failed ({e.Message}). {kept}".TrimEnd());
                stderr.WriteLine("No network? Pass a local archive instead: --data PATH (to `data fetch`, " +
                                 "`data verify` or `run`), -p DataSource=PATH, or set " +
                                 $"{Cifar10Source.EnvironmentVariable}=PATH. No CIFAR-10 at all? " +
                                 "`run --data synthetic` runs the notebooks on a generated stand-in.");
                return 1;
            }
            catch (DataFormatException e) // MD5 mismatch: the file was set aside, not used
            {
                line.Done();
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                line.Done();
                throw;
            }
            stdout.WriteLine($"downloaded {archive} (MD5 {expected} verified)");
        }
        int extracted = Extract(archive, cache, stdout, stderr, ct, downloadedMd5: expected);
        if (extracted != 0)
            stderr.WriteLine($"The downloaded archive is kept at {archive}; delete it before downloading again, " +
                             "or pass another archive with --data PATH.");
        return extracted;
    }

    // Checks the archive and extracts it into the cache in one pass (it is decompressed once), printing the check.
    // downloadedMd5: the MD5 a download was checked against (--md5); an archive with it gets no unofficial-MD5 warning.
    private static int Extract(string archive, string cache, TextWriter stdout, TextWriter stderr, CancellationToken ct,
        string? downloadedMd5 = null)
    {
        stdout.WriteLine($"checking {archive} and extracting it into {cache} …");
        try
        {
            int code = Report(() =>
            {
                var report = Cifar10Source.ExtractIntoCache(archive, cache, ct);
                return downloadedMd5 is not null && report.Md5 == downloadedMd5
                    ? report with { Warnings = [] }
                    : report;
            }, stdout, stderr);
            if (code != 0) return code;
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            stderr.WriteLine($"error: could not extract {archive} into {cache}: {e.Message}");
            return 1;
        }
        stdout.WriteLine(
            $"extracted into {Path.Combine(cache, Cifar10.DirectoryName)}; runs now find it there (data info).");
        return 0;
    }

    /// <summary>One progress line on stderr, redrawn with '\r' when interactive, else a line per 10 %; reported
    /// synchronously.</summary>
    private sealed class ProgressLine(TextWriter writer, bool interactive) : IProgress<DownloadProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _firstBytes = -1;
        private TimeSpan _lastDraw = TimeSpan.MinValue;
        private int _lastDecile = -1;
        private bool _drawn;

        public void Report(DownloadProgress value)
        {
            if (_firstBytes < 0) _firstBytes = value.BytesReceived;
            var seconds = _clock.Elapsed.TotalSeconds;
            var rate = seconds > 0.2 ? (value.BytesReceived - _firstBytes) / seconds / 1e6 : 0;
            var text = $"  {value}  {rate:0.0} MB/s";
            if (interactive)
            {
                if (_clock.Elapsed - _lastDraw < TimeSpan.FromMilliseconds(250)
                    && value.BytesReceived != value.TotalBytes) return;
                _lastDraw = _clock.Elapsed;
                writer.Write($"\r{text,-60}");
                _drawn = true;
            }
            else
            {
                int decile = value.Fraction is double f ? (int)(f * 10) : (int)(value.BytesReceived / 10_000_000);
                if (decile == _lastDecile) return;
                _lastDecile = decile;
                writer.WriteLine(text);
            }
        }

        public void Done()
        {
            if (_drawn) writer.WriteLine();
            _drawn = false;
        }
    }
}
