namespace NotebookNet.Data;

/// <summary>
/// Finds the CIFAR-10 data in the order of DESIGN.md: an explicit source, the environment variable
/// <c>NOTEBOOKNET_CIFAR10</c>, the cache <c>data/cifar-10-batches-bin</c>, else a download of the
/// official archive into the cache. "synthetic" selects <see cref="SyntheticCifar10"/>. An archive given by path
/// is extracted once into the cache (<see cref="ArchiveCache"/>), so later loads read it at directory speed.
/// </summary>
public static class Cifar10Source
{
    /// <summary>Environment variable naming a <c>.tar.gz</c> archive or an extracted directory.</summary>
    public const string EnvironmentVariable = "NOTEBOOKNET_CIFAR10";
    /// <summary>Environment variable overriding the cache directory.</summary>
    public const string CacheEnvironmentVariable = "NOTEBOOKNET_DATA_DIR";

    /// <summary>What to do when there is no data: the ways to give some, including the synthetic stand-in.</summary>
    public const string NoDataAdvice =
        "Pass a local archive or extracted directory: --data PATH (or -p DataSource=PATH to `run`), or set " +
        EnvironmentVariable + "=PATH. Without CIFAR-10, --data synthetic (-p DataSource=synthetic) runs every " +
        "notebook on a generated, learnable CIFAR-shaped set (results are not CIFAR-10's).";

    private static readonly Dictionary<string, Cifar10Dataset> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>
    /// The cache directory: <c>$NOTEBOOKNET_DATA_DIR</c>, else the repository's <c>data/</c> folder (found by
    /// walking up to NotebookNet.sln from the current directory), else <c>~/.cache/notebooknet</c>.
    /// </summary>
    public static string CacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(CacheEnvironmentVariable) is { Length: > 0 } env) return env;
            if (RepositoryRoot.Find() is { } root) return Path.Combine(root, "data");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".cache", "notebooknet");
        }
    }

    /// <summary>
    /// Finds the data without downloading; null when only a download would do. <paramref name="cache"/> overrides
    /// <see cref="CacheDirectory"/>.
    /// </summary>
    public static DataLocation? Find(string? source = "auto", string? cache = null) =>
        Find(source, cache, Environment.GetEnvironmentVariable(EnvironmentVariable));

    // Find, with the environment variable's value passed in (tests).
    internal static DataLocation? Find(string? source, string? cache, string? environment)
    {
        if (IsSynthetic(source)) return new DataLocation(SyntheticCifar10.SourceName, "synthetic");
        if (!IsAuto(source))
            return UserPath.Find(source!) is { } explicitPath ? new DataLocation(explicitPath, "explicit")
                : throw new FileNotFoundException(
                    $"data source '{source}' does not exist ({UserPath.Tried(source!)}): " +
                    "pass a cifar-10-binary.tar.gz archive, an extracted cifar-10-batches-bin directory, " +
                    "'synthetic' or 'auto'.", source);
        if (environment is { Length: > 0 })
            return UserPath.Find(environment) is { } environmentPath
                ? new DataLocation(environmentPath, $"env {EnvironmentVariable}")
                : throw new FileNotFoundException(
                    $"{EnvironmentVariable}={environment} does not exist ({UserPath.Tried(environment)}): " +
                    "point it at a cifar-10-binary.tar.gz archive or a cifar-10-batches-bin directory, or unset it.",
                    environment);
        var cached = Path.Combine(cache ?? CacheDirectory, Cifar10.DirectoryName);
        return Directory.Exists(cached) ? new DataLocation(cached, "cache") : null;
    }

    /// <summary>Finds the data, downloading the official archive into the cache when nothing else is there.</summary>
    public static Task<DataLocation> LocateAsync(string? source = "auto", IProgress<DownloadProgress>? progress = null,
        HttpClient? client = null, Uri? url = null, CancellationToken cancellationToken = default) =>
        LocateAsync(source, CacheDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable), progress, client,
            url, cancellationToken);

    // LocateAsync with the cache and the environment variable's value passed in (tests).
    internal static async Task<DataLocation> LocateAsync(string? source, string cache, string? environment,
        IProgress<DownloadProgress>? progress, HttpClient? client, Uri? url, CancellationToken cancellationToken)
    {
        if (Find(source, cache, environment) is { } found) return found;
        var archive = Path.Combine(cache, Cifar10.ArchiveName);
        try
        {
            await Cifar10Download.DownloadAsync(url ?? new Uri(Cifar10.OfficialUrl), archive, Cifar10.OfficialMd5,
                progress, client, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException(
                $"CIFAR-10 is not on this machine (no --data, no {EnvironmentVariable}, nothing in the cache " +
                $"{cache}) and the download failed ({e.Message}). Any partial download is kept in {cache} and " +
                $"resumes next time. {NoDataAdvice}", e);
        }
        var report = ExtractIntoCache(archive, cache, cancellationToken);
        if (!report.IsValid)
            throw new DataFormatException(
                $"{report.Problem} (The downloaded archive is kept at {archive}; delete it before downloading again.)");
        return new DataLocation(Path.Combine(cache, Cifar10.DirectoryName), "downloaded");
    }

    /// <summary>
    /// Finds (downloading when needed) and reads the data; a path already read in this process is reused.
    /// </summary>
    public static Cifar10Dataset Load(string? source = "auto", IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var location = LocateAsync(source, progress, cancellationToken: cancellationToken).GetAwaiter().GetResult();
        return Load(location, CacheDirectory, cancellationToken);
    }

    /// <summary>
    /// Reads the data at a location; a path already read in this process is reused. An archive is read from its
    /// extracted copy in the cache, made on its first load (<see cref="ArchiveCache"/>).
    /// </summary>
    public static Cifar10Dataset Load(DataLocation location) => Load(location, CacheDirectory);

    // Load, with the cache passed in (tests); the token stops a first extraction between files.
    internal static Cifar10Dataset Load(DataLocation location, string cache,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        lock (Gate)
        {
            if (Loaded.TryGetValue(location.Path, out var ready)) return ready;
        }
        var data = location.How == "synthetic" ? SyntheticCifar10.Generate()
            : File.Exists(location.Path) ? ArchiveCache.Load(location.Path, cache, cancellationToken)
            : Cifar10Reader.Read(location.Path);
        lock (Gate) Loaded[location.Path] = data;
        return data;
    }

    /// <summary>
    /// Verifies the archive and extracts its six batches and <c>batches.meta.txt</c> (nothing else, e.g. not the
    /// official <c>readme.html</c>) into <c>cache/cifar-10-batches-bin</c> in one streaming pass
    /// (<see cref="Cifar10Verifier.VerifyArchive(string, bool, CancellationToken)"/>'s checks; an unofficial MD5 is
    /// a warning), through a temporary folder renamed into place only when the archive is valid, with the record of
    /// where it came from (<see cref="ExtractedArchive"/>; a later load of the same archive by path uses this copy).
    /// The archive is only read. When the cache folder already exists nothing is extracted and its verification
    /// is returned.
    /// </summary>
    /// <returns>The verification: when <see cref="Cifar10Verification.IsValid"/> is false, nothing was extracted and
    /// its <see cref="Cifar10Verification.Problem"/> says why.</returns>
    /// <exception cref="IOException">writing into the cache failed (e.g. the disk is full).</exception>
    public static Cifar10Verification ExtractIntoCache(string archive, string cache,
        CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(cache, Cifar10.DirectoryName);
        if (Directory.Exists(target)) return Cifar10Verifier.VerifyDirectory(target, cancellationToken);
        var file = new FileInfo(archive);
        var (size, time) = (file.Length, file.LastWriteTimeUtc);
        var temp = Path.Combine(cache, $".extract-{Environment.ProcessId}");
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        try
        {
            var report = Cifar10Verifier.VerifyArchive(archive, requireOfficialMd5: false, extractTo: temp,
                cancellationToken);
            if (report.IsValid)
            {
                new ExtractedArchive(target, report.Path, size, time, report.Md5 ?? "", DateTime.UtcNow).WriteTo(temp);
                Directory.Move(temp, target);
            }
            return report;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);   // our scratch; not the archive
        }
    }

    private static bool IsAuto(string? source) =>
        string.IsNullOrWhiteSpace(source) || source.Equals("auto", StringComparison.OrdinalIgnoreCase);
    private static bool IsSynthetic(string? source) =>
        string.Equals(source, SyntheticCifar10.SourceName, StringComparison.OrdinalIgnoreCase);
}
