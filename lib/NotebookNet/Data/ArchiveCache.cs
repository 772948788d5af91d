using System.Globalization;

namespace NotebookNet.Data;

/// <summary>
/// Extracted copies of archives given by path (<c>--data</c>, <c>DataSource</c>, <c>NOTEBOOKNET_CIFAR10</c>) in the
/// data cache. The first load of an archive decompresses it once, checking it as <see cref="Cifar10Verifier"/> does
/// and reading the batches in the same pass, into <c>cache/extracted/NAME-SIZE-TIME/</c> (a scratch folder renamed
/// into place only when the archive is valid); later loads read that folder at directory speed. The folder is named
/// after the archive's size and last-write time, which the copy's record (<see cref="ExtractedArchive"/>) holds
/// too, so a different or changed archive never loads an old copy. The archive is only read. When the cache cannot be
/// written, the archive is read directly, as before.
/// </summary>
public static class ArchiveCache
{
    /// <summary>The cache's folder for extracted archives.</summary>
    public const string FolderName = "extracted";

    private const string ScratchPrefix = ".partial-";

    /// <summary>
    /// The folder <paramref name="archive"/>'s copy lives in, in <paramref name="cache"/>, whether it exists or not.
    /// </summary>
    public static string FolderFor(string archive, string cache)
    {
        var file = new FileInfo(archive);
        var name = file.Name;
        foreach (var suffix in new[] { ".tar.gz", ".tgz", ".tar", ".gz" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { name = name[..^suffix.Length]; break; }
        var time = file.LastWriteTimeUtc.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        return Path.Combine(cache, FolderName, $"{name}-{file.Length}-{time}");
    }

    /// <summary>
    /// The extracted copy of <paramref name="archive"/> as it is now (same size and time): its own folder, or the
    /// cache's <c>cifar-10-batches-bin</c> when <c>data fetch --data</c> extracted it there; null when there is none.
    /// </summary>
    public static ExtractedArchive? Find(string archive, string cache)
    {
        var file = new FileInfo(archive);
        foreach (var folder in new[] { FolderFor(archive, cache), Path.Combine(cache, Cifar10.DirectoryName) })
            if (ExtractedArchive.ReadFrom(folder) is { } copy && copy.Matches(file)) return copy;
        return null;
    }

    /// <summary>
    /// Reads <paramref name="archive"/>: from its extracted copy when there is one, else extracting it while it is
    /// read. The data set's <see cref="Cifar10Dataset.Source"/> is the archive either way.
    /// </summary>
    /// <exception cref="DataFormatException">the archive is not usable (nothing is left in the cache).</exception>
    internal static Cifar10Dataset Load(string archive, string cache, CancellationToken cancellationToken = default)
    {
        archive = Path.GetFullPath(archive);
        if (Find(archive, cache) is { } copy)
        {
            try
            {
                return Cifar10Reader.ReadDirectory(copy.Directory) with { Source = archive };
            }
            catch (DataFormatException)   // the copy was damaged since: make a new one (only our own folder goes)
            {
                if (copy.Directory == FolderFor(archive, cache)) TryDelete(copy.Directory);
            }
        }
        return Extract(archive, cache, cancellationToken);
    }

    // One pass: check, read and write the batches into a scratch folder, then rename it into place.
    private static Cifar10Dataset Extract(string archive, string cache, CancellationToken cancellationToken)
    {
        var file = new FileInfo(archive);
        var (size, time) = (file.Length, file.LastWriteTimeUtc);   // the key, taken before reading
        var target = FolderFor(archive, cache);
        var scratch = TryCreateScratch(Path.GetDirectoryName(target)!);
        if (scratch is null) return Cifar10Reader.ReadArchive(archive);   // the cache cannot be written
        try
        {
            ArchiveContents contents;
            string? md5;
            try
            {
                (contents, md5) = Cifar10Verifier.ScanWithMd5(archive, unpack: true, scratch, cancellationToken);
            }
            catch (IOException e) when (e is not EndOfStreamException)   // writing failed, e.g. the disk is full
            {
                return Cifar10Reader.ReadArchive(archive);
            }
            var data = contents.ToDataset() with { Source = archive };   // throws when the archive is not usable
            new ExtractedArchive(target, archive, size, time, md5 ?? "", DateTime.UtcNow).WriteTo(scratch);
            if (Directory.Exists(target) && ExtractedArchive.ReadFrom(target)?.Matches(file) != true)
                TryDelete(target);   // a leftover without a matching record
            try
            {
                Directory.Move(scratch, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // another process extracted the same archive meanwhile: its copy is as good
            }
            return data;
        }
        finally
        {
            TryDelete(scratch);   // left only when something failed, or another copy won the rename
        }
    }

    // A new scratch folder beside the copies (same file system: the rename is atomic); stale ones of crashed
    // processes (over an hour old) are removed first. Null when the cache cannot be written.
    private static string? TryCreateScratch(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.EnumerateDirectories(folder, ScratchPrefix + "*"))
                if (Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1)) TryDelete(stale);
            return Directory.CreateDirectory(
                Path.Combine(folder, $"{ScratchPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a scratch or damaged copy that cannot go now is retried, or replaced, later
        }
    }
}
