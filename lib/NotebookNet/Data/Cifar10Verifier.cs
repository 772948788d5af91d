using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// Checks a CIFAR-10 binary archive (<c>.tar.gz</c>) or extracted directory: all six batches present
/// (<c>data_batch_1..5.bin</c>, <c>test_batch.bin</c>), each exactly 10 000 × 3073 bytes, every label 0–9.
/// Reports the first problem, naming the file (and the record for a bad label); for an archive, whether it is no
/// archive at all, truncated, corrupt, or the wrong archive (<see cref="ArchiveScan"/>). For an archive it also
/// computes the MD5 (on the other core, while the archive is decompressed) and compares it with
/// <see cref="Cifar10.OfficialMd5"/>: by default a mismatch is a warning on a usable archive (a local copy the user
/// passed on purpose, e.g. a rebuilt archive), not an error. The format's checks, paths and messages are
/// <see cref="Cifar10Reader"/>'s; batches are checked in chunks, not parsed.
/// </summary>
public static class Cifar10Verifier
{
    /// <summary>Exact size of a batch file: 10 000 records of 3073 bytes.</summary>
    public const long BatchBytes = Cifar10.BatchBytes;

    /// <summary>The six batch files a complete data set has, in checking order.</summary>
    public static IReadOnlyList<string> RequiredFiles => Cifar10.BatchFiles;

    /// <summary>Verifies an archive or a directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    /// <param name="path">A <c>.tar.gz</c> archive or a directory.</param>
    /// <param name="requireOfficialMd5">When true an archive whose MD5 is not the official one is a problem;
    /// otherwise a warning.</param>
    /// <param name="cancellationToken">Stops between batch files.</param>
    /// <exception cref="FileNotFoundException">nothing exists at <paramref name="path"/>.</exception>
    public static Cifar10Verification Verify(string path, bool requireOfficialMd5 = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return VerifyDirectory(path, cancellationToken);
        if (File.Exists(path)) return VerifyArchive(path, requireOfficialMd5, cancellationToken);
        throw new FileNotFoundException(
            $"CIFAR-10 data not found at '{path}' (expected a .tar.gz archive or a cifar-10-batches-bin directory).",
            path);
    }

    /// <summary>Verifies an extracted directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    public static Cifar10Verification VerifyDirectory(string directory, CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(Cifar10Reader.BatchDirectory(directory));
        var report = new Cifar10Verification
        {
            Path = directory, IsArchive = false, ClassNames = Cifar10Reader.ClassNamesIn(directory),
        };
        var batches = new List<Cifar10BatchCheck>();
        var chunk = BatchReader.NewChunk();
        foreach (var name in RequiredFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = Path.Combine(directory, name);
            if (!File.Exists(file))
                return report with
                {
                    Batches = batches,
                    ProblemFile = file,
                    Problem = Cifar10Reader.MissingFileProblem(file),
                };
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 0,
                FileOptions.SequentialScan);   // its Length follows a symbolic link, FileInfo's does not
            batches.Add(new Cifar10BatchCheck(name, stream.Length, stream.Length / Cifar10.RecordBytes));
            // Read only files of the right size; a wrong size is reported without loading the file.
            var problem = Cifar10Reader.SizeProblem(file, stream.Length) is { } size ? new DataFormatException(size)
                : Check(() => BatchReader.Read(stream, file, Cifar10.RecordsPerBatch, chunk, unpack: false));
            if (problem is not null)
                return report with
                {
                    Batches = batches,
                    ProblemFile = file,
                    Problem = problem.Message,
                    ProblemRecord = problem.Record,
                };
        }
        return report with { Batches = batches };
    }

    /// <summary>Verifies a <c>.tar.gz</c> archive in one streaming pass, computing its MD5 alongside.</summary>
    public static Cifar10Verification VerifyArchive(string archivePath, bool requireOfficialMd5 = false,
        CancellationToken cancellationToken = default) =>
        VerifyArchive(archivePath, requireOfficialMd5, extractTo: null, cancellationToken);

    /// <summary>
    /// Verifies a <c>.tar.gz</c> archive in one streaming pass, computing its MD5 alongside; with
    /// <paramref name="extractTo"/>, the same pass writes each checked batch and <c>batches.meta.txt</c> there
    /// (complete only when the result is valid; the caller discards the folder otherwise).
    /// </summary>
    /// <exception cref="IOException">writing into <paramref name="extractTo"/> failed (e.g. the disk is full).
    /// </exception>
    internal static Cifar10Verification VerifyArchive(string archivePath, bool requireOfficialMd5, string? extractTo,
        CancellationToken cancellationToken)
    {
        var (contents, md5) = ScanWithMd5(archivePath, unpack: false, extractTo, cancellationToken);
        return Report(contents, md5, requireOfficialMd5);
    }

    /// <summary>
    /// One pass of <see cref="ArchiveScan"/> over the archive while another core computes its MD5 (null when the
    /// file is no archive: nothing worth hashing).
    /// </summary>
    internal static (ArchiveContents Contents, string? Md5) ScanWithMd5(string archivePath, bool unpack,
        string? writeTo, CancellationToken cancellationToken)
    {
        archivePath = Path.GetFullPath(archivePath);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var md5 = Task.Run(() => Md5Of(archivePath, stop.Token), stop.Token);
        ArchiveContents contents;
        try
        {
            contents = ArchiveScan.Run(archivePath, unpack, writeTo, cancellationToken);
        }
        catch
        {
            stop.Cancel();
            try { md5.Wait(CancellationToken.None); } catch (AggregateException) { }   // not left reading the file
            throw;
        }
        if (contents.Kind == ArchiveKind.NotAnArchive)
        {
            stop.Cancel();   // no archive: its MD5 says nothing
            try { md5.Wait(CancellationToken.None); } catch (AggregateException) { }
            return (contents, null);
        }
        return (contents, md5.GetAwaiter().GetResult());
    }

    /// <summary>The report of a scan: its problem, and the MD5 as a warning on a usable archive.</summary>
    internal static Cifar10Verification Report(ArchiveContents contents, string? md5, bool requireOfficialMd5)
    {
        string? problem = contents.Problem, problemFile = contents.ProblemFile;
        var warnings = new List<string>();
        if (md5 is not null && !md5.Equals(Cifar10.OfficialMd5, StringComparison.OrdinalIgnoreCase) && problem is null)
        {
            var text = $"{contents.Path}: MD5 {md5} differs from the official archive's {Cifar10.OfficialMd5}";
            if (requireOfficialMd5)
                (problem, problemFile) = (text + "; it is not the official archive.", contents.Path);
            else warnings.Add(text + "; accepted because it was given explicitly " +
                              "(a local copy, not the official download).");
        }
        return new Cifar10Verification
        {
            Path = contents.Path, IsArchive = true, Md5 = md5, ClassNames = contents.ClassNames, Warnings = warnings,
            Batches = [.. RequiredFiles.Where(contents.Batches.ContainsKey).Select(f => contents.Batches[f])],
            Problem = problem, ProblemFile = problemFile,
            ProblemRecord = problem == contents.Problem ? contents.ProblemRecord : null,
        };
    }

    /// <summary>MD5 of a file as lower-case hex.</summary>
    internal static string Md5Of(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20,
            FileOptions.SequentialScan);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[1 << 20];
        for (int n; (n = stream.Read(buffer)) > 0;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            md5.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    // The DataFormatException a check throws, or null.
    private static DataFormatException? Check(Action check)
    {
        try { check(); return null; }
        catch (DataFormatException e) { return e; }
    }
}
