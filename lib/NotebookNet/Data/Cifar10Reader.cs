using NotebookNet.Numerics;

namespace NotebookNet.Data;

/// <summary>
/// Reads CIFAR-10 binary batches from an extracted directory or a <c>.tar.gz</c> archive. It is the one place
/// that knows the record layout and where the batches are, with their error messages; <see cref="Cifar10Verifier"/>
/// checks data through the same helpers and <see cref="ArchiveScan"/>. Batches are read in chunks straight into
/// their arrays (each byte read once); a directory's six files are read by both cores.
/// </summary>
public static class Cifar10Reader
{
    /// <summary>
    /// Parses one batch file's bytes, validating size and labels; errors name <paramref name="name"/>.
    /// </summary>
    public static Cifar10Batch ParseBatch(string name, ReadOnlySpan<byte> bytes,
        int? expectedRecords = Cifar10.RecordsPerBatch)
    {
        if (SizeProblem(name, bytes.Length, expectedRecords) is { } size) throw new DataFormatException(size);
        if (FirstBadLabel(bytes) is var bad and >= 0)
            throw new DataFormatException(LabelProblem(name, bad, bytes[bad * Cifar10.RecordBytes]), bad);
        int n = bytes.Length / Cifar10.RecordBytes;
        var pixels = GC.AllocateUninitializedArray<byte>(n * Cifar10.Dimensions);
        var labels = new int[n];
        BatchReader.Unpack(bytes, pixels, labels);
        return new Cifar10Batch(BatchReader.BatchName(name), pixels, labels);
    }

    /// <summary>The index of the first record whose label byte is outside 0–9, or −1.</summary>
    public static int FirstBadLabel(ReadOnlySpan<byte> records)
    {
        int n = records.Length / Cifar10.RecordBytes;
        for (int i = 0; i < n; i++)
            if (records[i * Cifar10.RecordBytes] >= Cifar10.Classes) return i;
        return -1;
    }

    /// <summary>
    /// What is wrong with the size of a batch file of <paramref name="length"/> bytes, or null: it must hold
    /// exactly <paramref name="expectedRecords"/> records, or (when null) a whole, non-zero number of them.
    /// </summary>
    internal static string? SizeProblem(string name, long length, int? expectedRecords = Cifar10.RecordsPerBatch)
    {
        const string advice = "not a CIFAR-10 binary batch. Delete it and fetch the data again.";
        if (expectedRecords is int expected)
        {
            long bytes = (long)expected * Cifar10.RecordBytes;
            return length == bytes ? null
                : $"{name}: {length} bytes, expected {expected} × {Cifar10.RecordBytes} = {bytes}; " +
                  $"the file is {(length < bytes ? "truncated" : "too long")} or {advice}";
        }
        return length > 0 && length % Cifar10.RecordBytes == 0 ? null
            : $"{name}: {length} bytes is not a whole number of {Cifar10.RecordBytes}-byte records; " +
              $"the file is truncated or {advice}";
    }

    /// <summary>
    /// The message for record <paramref name="record"/> of <paramref name="name"/>, whose label is out of range.
    /// </summary>
    internal static string LabelProblem(string name, int record, int label) =>
        $"{name}: record {record} has label {label}, outside 0–9; the file is corrupt.";

    /// <summary>The message for a batch file missing from a directory.</summary>
    internal static string MissingFileProblem(string path) =>
        $"{path}: missing; a CIFAR-10 directory needs {string.Join(", ", Cifar10.BatchFiles)}.";

    /// <summary>The message for a batch file missing from an archive that holds some of the others.</summary>
    internal static string MissingMemberProblem(string archivePath, string name) =>
        $"{archivePath}: has no {name}; the archive is incomplete. CIFAR-10 needs all of " +
        $"{string.Join(", ", Cifar10.BatchFiles)}. Pass the complete cifar-10-binary.tar.gz.";

    /// <summary>
    /// The directory holding the batches: <paramref name="directory"/>, or its <c>cifar-10-batches-bin</c> when it
    /// is the parent.
    /// </summary>
    internal static string BatchDirectory(string directory)
    {
        var nested = Path.Combine(directory, Cifar10.DirectoryName);
        return !File.Exists(Path.Combine(directory, Cifar10.TestBatchFile)) && Directory.Exists(nested)
            ? nested : directory;
    }

    /// <summary>The class names of a directory's <c>batches.meta.txt</c>, else the official ones.</summary>
    internal static IReadOnlyList<string> ClassNamesIn(string directory)
    {
        var meta = Path.Combine(directory, Cifar10.MetaFile);
        return File.Exists(meta) ? ParseClassNames(File.ReadAllText(meta)) : Cifar10.DefaultClassNames;
    }

    /// <summary>Reads from a <c>.tar.gz</c> archive or an extracted <c>cifar-10-batches-bin</c> directory.</summary>
    public static Cifar10Dataset Read(string path) =>
        Directory.Exists(path) ? ReadDirectory(path)
        : File.Exists(path) ? ReadArchive(path)
        : throw new FileNotFoundException(
            $"CIFAR-10 data not found at '{path}' (expected a .tar.gz archive or a cifar-10-batches-bin directory).",
            path);

    /// <summary>
    /// Reads an extracted directory (or its parent holding <c>cifar-10-batches-bin</c>). A missing file or a file of
    /// the wrong size is reported before anything is read; then the six files are read by both cores, and the
    /// first bad label in file order is reported.
    /// </summary>
    public static Cifar10Dataset ReadDirectory(string directory)
    {
        directory = BatchDirectory(directory);
        var paths = Cifar10.BatchFiles.Select(f => Path.Combine(directory, f)).ToArray();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new DataFormatException(MissingFileProblem(path));
            using var handle = File.OpenHandle(path);   // its length follows a symbolic link, FileInfo's does not
            if (SizeProblem(path, RandomAccess.GetLength(handle)) is { } size) throw new DataFormatException(size);
        }
        var batches = new Cifar10Batch[paths.Length];
        var problems = new DataFormatException?[paths.Length];
        KernelThreads.ForEach(paths.Length, KernelThreads.PartsFor(paths.Length), (i, _) =>
        {
            using var file = new FileStream(paths[i], FileMode.Open, FileAccess.Read, FileShare.Read, 0,
                FileOptions.SequentialScan);
            try { batches[i] = BatchReader.Read(file, paths[i], Cifar10.RecordsPerBatch, BatchReader.NewChunk())!; }
            catch (DataFormatException e) { problems[i] = e; }
            catch (EndOfStreamException)   // the file shrank after its size was checked
            {
                problems[i] = new DataFormatException(SizeProblem(paths[i], file.Position)!);
            }
        });
        if (problems.FirstOrDefault(p => p is not null) is { } first) throw first;
        return new Cifar10Dataset(batches[..^1], batches[^1], ClassNamesIn(directory), Path.GetFullPath(directory));
    }

    /// <summary>
    /// Reads the batches straight out of a <c>.tar.gz</c> archive in one pass, without extracting to disk.
    /// </summary>
    /// <exception cref="DataFormatException">the file is no archive, is truncated or corrupt, or is not CIFAR-10.
    /// </exception>
    public static Cifar10Dataset ReadArchive(string archivePath) =>
        ArchiveScan.Run(archivePath, unpack: true, writeTo: null).ToDataset();

    /// <summary>
    /// The class names of a <c>batches.meta.txt</c> (one a line); the official names when it does not hold ten.
    /// </summary>
    public static string[] ParseClassNames(string text)
    {
        var names = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length == Cifar10.Classes ? names : Cifar10.DefaultClassNames;
    }
}
