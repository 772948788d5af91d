using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>One batch file as found by <see cref="Cifar10Verifier"/>: its name, size and record count.</summary>
/// <param name="Name">File name, e.g. <c>data_batch_1.bin</c>.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Records">Whole 3073-byte records it holds.</param>
public sealed record Cifar10BatchCheck(string Name, long Bytes, long Records);

/// <summary>
/// What <see cref="Cifar10Verifier.Verify"/> found: the batches, the class names, the archive's MD5
/// (archives only), warnings, and the first problem (null when the data is usable).
/// </summary>
public sealed record Cifar10Verification
{
    /// <summary>The archive or directory checked (full path; for a directory, the one holding the batches).</summary>
    public required string Path { get; init; }
    /// <summary>True for a <c>.tar.gz</c> archive, false for a directory.</summary>
    public required bool IsArchive { get; init; }
    /// <summary>The archive's MD5 as lower-case hex (null for a directory).</summary>
    public string? Md5 { get; init; }
    /// <summary>Whether <see cref="Md5"/> equals <see cref="Cifar10.OfficialMd5"/> (null for a directory).</summary>
    public bool? IsOfficialArchive => Md5 is null ? null : Md5.Equals(Cifar10.OfficialMd5, StringComparison.OrdinalIgnoreCase);
    /// <summary>The batch files found, in the order they were checked.</summary>
    public IReadOnlyList<Cifar10BatchCheck> Batches { get; init; } = [];
    /// <summary>Class names from <c>batches.meta.txt</c>, else the official ones.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = Cifar10.DefaultClassNames;
    /// <summary>Things worth saying that do not make the data unusable (e.g. an unofficial MD5).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The first problem found, naming the file (and record, for labels); null when the data is usable.</summary>
    public string? Problem { get; init; }
    /// <summary>The file the problem is in (the archive, or <c>archive:member</c>, or a batch file's path).</summary>
    public string? ProblemFile { get; init; }
    /// <summary>The record index (0-based) of an out-of-range label, when that is the problem.</summary>
    public int? ProblemRecord { get; init; }

    /// <summary>True when all six batches are present and well-formed (warnings allowed).</summary>
    public bool IsValid => Problem is null;

    /// <summary>"OK", "OK with N warning(s)" or "FAILED".</summary>
    public string Status => !IsValid ? "FAILED" : Warnings.Count == 0 ? "OK" : $"OK with {Warnings.Count} warning{(Warnings.Count == 1 ? "" : "s")}";

    /// <summary>What was found, a line each, indented: the batches, the class names and (archives) the MD5.</summary>
    public IEnumerable<string> DetailLines()
    {
        foreach (var b in Batches) yield return $"  {b.Name,-16} {b.Bytes,12:N0} bytes  {b.Records,6:N0} records";
        yield return $"  classes: {string.Join(", ", ClassNames)}";
        if (Md5 is not null) yield return $"  MD5 {Md5}{(IsOfficialArchive == true ? " (the official archive)" : $" (official archive: {Cifar10.OfficialMd5})")}";
    }

    /// <summary>A few lines: status, path, <see cref="DetailLines"/>, warnings and the problem.</summary>
    public override string ToString()
    {
        var w = new StringWriter();
        w.WriteLine($"{Status}: {Path} ({(IsArchive ? "archive" : "directory")})");
        foreach (var line in DetailLines()) w.WriteLine(line);
        foreach (var warning in Warnings) w.WriteLine($"  warning: {warning}");
        if (Problem is not null) w.WriteLine($"  problem: {Problem}");
        return w.ToString().TrimEnd();
    }
}

/// <summary>
/// Checks a CIFAR-10 binary archive (<c>.tar.gz</c>) or extracted directory: all six batches present
/// (<c>data_batch_1..5.bin</c>, <c>test_batch.bin</c>), each exactly 10 000 × 3073 bytes, every label 0–9.
/// Reports the first problem, naming the file (and the record for a bad label). For an archive it also
/// computes the MD5 in the same pass and compares it with <see cref="Cifar10.OfficialMd5"/>: by default a
/// mismatch is a warning (a local copy the user passed on purpose, e.g. a rebuilt archive), not an error.
/// The format's checks, paths and messages are <see cref="Cifar10Reader"/>'s; a batch is scanned in place,
/// in one buffer reused for all six, not parsed.
/// </summary>
public static class Cifar10Verifier
{
    /// <summary>Exact size of a batch file: 10 000 records of 3073 bytes.</summary>
    public const long BatchBytes = Cifar10.BatchBytes;

    /// <summary>The six batch files a complete data set has, in checking order.</summary>
    public static IReadOnlyList<string> RequiredFiles => Cifar10.BatchFiles;

    /// <summary>Verifies an archive or a directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    /// <param name="path">A <c>.tar.gz</c> archive or a directory.</param>
    /// <param name="requireOfficialMd5">When true an archive whose MD5 is not the official one is a problem; otherwise a warning.</param>
    /// <param name="cancellationToken">Stops between batch files.</param>
    /// <exception cref="FileNotFoundException">nothing exists at <paramref name="path"/>.</exception>
    public static Cifar10Verification Verify(string path, bool requireOfficialMd5 = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return VerifyDirectory(path, cancellationToken);
        if (File.Exists(path)) return VerifyArchive(path, requireOfficialMd5, cancellationToken);
        throw new FileNotFoundException($"CIFAR-10 data not found at '{path}' (expected a .tar.gz archive or a cifar-10-batches-bin directory).", path);
    }

    /// <summary>Verifies an extracted directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    public static Cifar10Verification VerifyDirectory(string directory, CancellationToken cancellationToken = default)
    {
        directory = System.IO.Path.GetFullPath(Cifar10Reader.BatchDirectory(directory));
        var report = new Cifar10Verification { Path = directory, IsArchive = false, ClassNames = Cifar10Reader.ClassNamesIn(directory) };
        var batches = new List<Cifar10BatchCheck>();
        byte[]? buffer = null;
        foreach (var name in RequiredFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = System.IO.Path.Combine(directory, name);
            if (!File.Exists(file))
                return report with { Batches = batches, ProblemFile = file, Problem = Cifar10Reader.MissingFileProblem(file) };
            using var stream = File.OpenRead(file); // its Length follows a symbolic link, FileInfo's does not
            batches.Add(new Cifar10BatchCheck(name, stream.Length, stream.Length / Cifar10.RecordBytes));
            // Read only files of the right size; a wrong size is reported without loading the file.
            if (CheckBatch(file, stream.Length, stream, ref buffer) is { } problem)
                return report with { Batches = batches, ProblemFile = file, Problem = problem.Message, ProblemRecord = problem.Record };
        }
        return report with { Batches = batches };
    }

    /// <summary>Verifies a <c>.tar.gz</c> archive in one streaming pass, computing its MD5 as it goes.</summary>
    public static Cifar10Verification VerifyArchive(string archivePath, bool requireOfficialMd5 = false, CancellationToken cancellationToken = default) =>
        VerifyArchive(archivePath, requireOfficialMd5, extractTo: null, cancellationToken);

    /// <summary>
    /// Verifies a <c>.tar.gz</c> archive in one streaming pass, computing its MD5 as it goes; with
    /// <paramref name="extractTo"/>, the same pass writes each checked batch and <c>batches.meta.txt</c> there
    /// (complete only when the result is valid; the caller discards the folder otherwise).
    /// </summary>
    /// <exception cref="IOException">writing into <paramref name="extractTo"/> failed (e.g. the disk is full).</exception>
    internal static Cifar10Verification VerifyArchive(string archivePath, bool requireOfficialMd5, string? extractTo, CancellationToken cancellationToken)
    {
        archivePath = System.IO.Path.GetFullPath(archivePath);
        var batches = new Dictionary<string, Cifar10BatchCheck>(StringComparer.Ordinal);
        IReadOnlyList<string> classNames = Cifar10.DefaultClassNames;
        (string Message, int? Record)? problem = null;
        string? problemFile = null;
        Exception? writeError = null;
        byte[]? buffer = null;
        string md5;
        using (var file = File.OpenRead(archivePath))
        using (var hashing = new Md5ReadStream(file))
        {
            try
            {
                Cifar10Reader.ReadArchiveEntries(hashing, archivePath, (name, entry) =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (name == Cifar10.MetaFile)
                    {
                        var meta = Cifar10Reader.ReadAll(entry);
                        classNames = Cifar10Reader.ParseClassNames(System.Text.Encoding.UTF8.GetString(meta));
                        return Extract(name, meta);
                    }
                    if (!RequiredFiles.Contains(name) || batches.ContainsKey(name)) return true;
                    batches[name] = new Cifar10BatchCheck(name, entry.Length, entry.Length / Cifar10.RecordBytes);
                    var member = $"{archivePath}:{entry.Name}";
                    problem = CheckBatch(member, entry.Length, entry.DataStream!, ref buffer);
                    if (problem is not null) { problemFile = member; return false; }
                    return Extract(name, buffer);
                });
            }
            catch (DataFormatException e)
            {
                (problem, problemFile) = ((e.Message, null), archivePath);
            }
            hashing.CopyTo(Stream.Null); // the rest of the file (after the tar's end, or after a failure) for the MD5
            md5 = hashing.HashHex();
        }
        if (writeError is not null)
            throw new IOException($"could not write the batches of {archivePath} into {extractTo}: {writeError.Message}", writeError);
        if (problem is null && RequiredFiles.FirstOrDefault(f => !batches.ContainsKey(f)) is { } missing)
            (problem, problemFile) = ((Cifar10Reader.MissingMemberProblem(archivePath, missing), null), archivePath);
        var warnings = new List<string>();
        bool official = md5.Equals(Cifar10.OfficialMd5, StringComparison.OrdinalIgnoreCase);
        if (!official)
        {
            var text = $"{archivePath}: MD5 {md5} differs from the official archive's {Cifar10.OfficialMd5}";
            if (requireOfficialMd5 && problem is null) (problem, problemFile) = ((text + "; it is not the official archive.", null), archivePath);
            else if (!requireOfficialMd5) warnings.Add(text + "; accepted because it was given explicitly (a local copy, not the official download).");
        }
        return new Cifar10Verification
        {
            Path = archivePath, IsArchive = true, Md5 = md5, ClassNames = classNames, Warnings = warnings,
            Batches = [.. RequiredFiles.Where(batches.ContainsKey).Select(f => batches[f])],
            Problem = problem?.Message, ProblemFile = problemFile, ProblemRecord = problem?.Record,
        };

        // Writes a checked file into extractTo (when extracting); false stops the pass after a write error.
        bool Extract(string name, byte[]? bytes)
        {
            if (extractTo is null) return true;
            try
            {
                File.WriteAllBytes(System.IO.Path.Combine(extractTo, name), bytes!);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                writeError = e; // not the archive's fault: raised after the pass, not reported as a corrupt archive
                return false;
            }
        }
    }

    // Size first (without reading), then the labels of the batch read into the reused buffer; the reader's messages.
    private static (string Message, int? Record)? CheckBatch(string name, long length, Stream data, ref byte[]? buffer)
    {
        if (Cifar10Reader.SizeProblem(name, length) is { } size) return (size, null);
        buffer ??= new byte[Cifar10.BatchBytes];
        data.ReadExactly(buffer);
        int bad = Cifar10Reader.FirstBadLabel(buffer);
        return bad < 0 ? null : (Cifar10Reader.LabelProblem(name, buffer, bad), bad);
    }

    /// <summary>A read-only pass-through stream that hashes every byte read from it, in order.</summary>
    private sealed class Md5ReadStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        public string HashHex() => Convert.ToHexStringLower(_md5.GetHashAndReset());
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            _md5.AppendData(buffer[..n]);
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) _md5.Dispose();
            base.Dispose(disposing);
        }
    }
}
