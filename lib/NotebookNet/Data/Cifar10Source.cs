namespace NotebookNet.Data;

/// <summary>Where the data was found and how.</summary>
/// <param name="Path">The archive or directory (or "synthetic").</param>
/// <param name="How">"explicit", "env NOTEBOOKNET_CIFAR10", "cache", "downloaded" or "synthetic".</param>
public sealed record DataLocation(string Path, string How)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({How})";
}

/// <summary>
/// Finds the CIFAR-10 data in the order of DESIGN.md: an explicit source, the environment variable
/// <c>NOTEBOOKNET_CIFAR10</c>, the cache <c>data/cifar-10-batches-bin</c>, else a download of the
/// official archive into the cache. "synthetic" selects <see cref="SyntheticCifar10"/>.
/// </summary>
public static class Cifar10Source
{
    /// <summary>Environment variable naming a <c>.tar.gz</c> archive or an extracted directory.</summary>
    public const string EnvironmentVariable = "NOTEBOOKNET_CIFAR10";
    /// <summary>Environment variable overriding the cache directory.</summary>
    public const string CacheEnvironmentVariable = "NOTEBOOKNET_DATA_DIR";

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
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "notebooknet");
        }
    }

    /// <summary>Finds the data without downloading; null when only a download would do. <paramref name="cache"/> overrides <see cref="CacheDirectory"/>.</summary>
    public static DataLocation? Find(string? source = "auto", string? cache = null)
    {
        if (IsSynthetic(source)) return new DataLocation(SyntheticCifar10.SourceName, "synthetic");
        if (!IsAuto(source))
            return Exists(source!) ? new DataLocation(Path.GetFullPath(source!), "explicit")
                : throw new FileNotFoundException($"data source '{source}' does not exist: pass a cifar-10-binary.tar.gz archive, an extracted cifar-10-batches-bin directory, 'synthetic' or 'auto'.", source);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
            return Exists(env) ? new DataLocation(Path.GetFullPath(env), $"env {EnvironmentVariable}")
                : throw new FileNotFoundException($"{EnvironmentVariable}={env} does not exist: point it at a cifar-10-binary.tar.gz archive or a cifar-10-batches-bin directory, or unset it.", env);
        var cached = Path.Combine(cache ?? CacheDirectory, Cifar10.DirectoryName);
        return Directory.Exists(cached) ? new DataLocation(cached, "cache") : null;
    }

    /// <summary>Finds the data, downloading the official archive into the cache when nothing else is there.</summary>
    public static async Task<DataLocation> LocateAsync(string? source = "auto", IProgress<DownloadProgress>? progress = null,
        HttpClient? client = null, Uri? url = null, CancellationToken cancellationToken = default)
    {
        if (Find(source) is { } found) return found;
        var cache = CacheDirectory;
        var archive = Path.Combine(cache, Cifar10.ArchiveName);
        try
        {
            await Cifar10Download.DownloadAsync(url ?? new Uri(Cifar10.OfficialUrl), archive, Cifar10.OfficialMd5, progress, client, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException(
                $"CIFAR-10 is not on this machine and the download failed ({e.Message}). Any partial download is kept in {cache} and resumes next time. " +
                $"Or pass a local archive: --data PATH / -p DataSource=PATH, or set {EnvironmentVariable}=PATH.", e);
        }
        var report = ExtractIntoCache(archive, cache, cancellationToken);
        if (!report.IsValid)
            throw new DataFormatException($"{report.Problem} (The downloaded archive is kept at {archive}; delete it before downloading again.)");
        return new DataLocation(Path.Combine(cache, Cifar10.DirectoryName), "downloaded");
    }

    /// <summary>Finds (downloading when needed) and reads the data; a path already read in this process is reused.</summary>
    public static Cifar10Dataset Load(string? source = "auto", IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var location = LocateAsync(source, progress, cancellationToken: cancellationToken).GetAwaiter().GetResult();
        return Load(location);
    }

    /// <summary>Reads the data at a location; a path already read in this process is reused.</summary>
    public static Cifar10Dataset Load(DataLocation location)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(location.Path, out var ready)) return ready;
        }
        var data = location.How == "synthetic" ? SyntheticCifar10.Generate() : Cifar10Reader.Read(location.Path);
        lock (Gate) Loaded[location.Path] = data;
        return data;
    }

    /// <summary>
    /// Verifies the archive and extracts its six batches and <c>batches.meta.txt</c> (nothing else, e.g. not the official
    /// <c>readme.html</c>) into <c>cache/cifar-10-batches-bin</c> in one streaming pass
    /// (<see cref="Cifar10Verifier.VerifyArchive(string, bool, CancellationToken)"/>'s checks; an unofficial MD5 is a
    /// warning), through a temporary folder renamed into place only when the archive is valid. The archive is
    /// only read. When the cache folder already exists nothing is extracted and its verification is returned.
    /// </summary>
    /// <returns>The verification: when <see cref="Cifar10Verification.IsValid"/> is false, nothing was extracted and its
    /// <see cref="Cifar10Verification.Problem"/> says why.</returns>
    /// <exception cref="IOException">writing into the cache failed (e.g. the disk is full).</exception>
    public static Cifar10Verification ExtractIntoCache(string archive, string cache, CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(cache, Cifar10.DirectoryName);
        if (Directory.Exists(target)) return Cifar10Verifier.VerifyDirectory(target, cancellationToken);
        var temp = Path.Combine(cache, $".extract-{Environment.ProcessId}");
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        try
        {
            var report = Cifar10Verifier.VerifyArchive(archive, requireOfficialMd5: false, extractTo: temp, cancellationToken);
            if (report.IsValid) Directory.Move(temp, target);
            return report;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true); // our own scratch folder; the archive is untouched
        }
    }

    private static bool IsAuto(string? source) => string.IsNullOrWhiteSpace(source) || source.Equals("auto", StringComparison.OrdinalIgnoreCase);
    private static bool IsSynthetic(string? source) => string.Equals(source, SyntheticCifar10.SourceName, StringComparison.OrdinalIgnoreCase);
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
