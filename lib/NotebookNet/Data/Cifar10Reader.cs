using System.Formats.Tar;
using System.IO.Compression;

namespace NotebookNet.Data;

/// <summary>The data on disk is missing, truncated or malformed.</summary>
public sealed class DataFormatException(string message) : Exception(message);

/// <summary>
/// Reads CIFAR-10 binary batches from an extracted directory or a <c>.tar.gz</c> archive. It is the one place
/// that knows the record layout, where the batches are and how an archive is streamed, with their error
/// messages; <see cref="Cifar10Verifier"/> checks data through the same helpers.
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Parses one batch file's bytes, validating size and labels; errors name <paramref name="name"/>.</summary>
    public static Cifar10Batch ParseBatch(string name, ReadOnlySpan<byte> bytes, int? expectedRecords = Cifar10.RecordsPerBatch)
    {
        if (SizeProblem(name, bytes.Length, expectedRecords) is { } size) throw new DataFormatException(size);
        if (FirstBadLabel(bytes) is var bad and >= 0) throw new DataFormatException(LabelProblem(name, bytes, bad));
        int n = bytes.Length / Cifar10.RecordBytes;
        var pixels = new byte[n * Cifar10.Dimensions];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var record = bytes.Slice(i * Cifar10.RecordBytes, Cifar10.RecordBytes);
            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * Cifar10.Dimensions, Cifar10.Dimensions));
        }
        return new Cifar10Batch(Path.GetFileNameWithoutExtension(name.Split(':')[^1]), pixels, labels);
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
            : $"{name}: {length} bytes is not a whole number of {Cifar10.RecordBytes}-byte records; the file is truncated or {advice}";
    }

    /// <summary>The message for record <paramref name="record"/> of <paramref name="records"/>, whose label is out of range.</summary>
    internal static string LabelProblem(string name, ReadOnlySpan<byte> records, int record) =>
        $"{name}: record {record} has label {records[record * Cifar10.RecordBytes]}, outside 0–9; the file is corrupt.";

    /// <summary>The message for a batch file missing from a directory.</summary>
    internal static string MissingFileProblem(string path) =>
        $"{path}: missing; a CIFAR-10 directory needs {string.Join(", ", Cifar10.BatchFiles)}.";

    /// <summary>The message for a batch file missing from an archive.</summary>
    internal static string MissingMemberProblem(string archivePath, string name) =>
        $"{archivePath}: has no {name}; the archive is incomplete (truncated?) or not the CIFAR-10 binary archive. " +
        $"It needs {string.Join(", ", Cifar10.BatchFiles)}.";

    /// <summary>The directory holding the batches: <paramref name="directory"/>, or its <c>cifar-10-batches-bin</c> when it is the parent.</summary>
    internal static string BatchDirectory(string directory)
    {
        var nested = Path.Combine(directory, Cifar10.DirectoryName);
        return !File.Exists(Path.Combine(directory, Cifar10.TestBatchFile)) && Directory.Exists(nested) ? nested : directory;
    }

    /// <summary>The class names of a directory's <c>batches.meta.txt</c>, else the official ones.</summary>
    internal static IReadOnlyList<string> ClassNamesIn(string directory)
    {
        var meta = Path.Combine(directory, Cifar10.MetaFile);
        return File.Exists(meta) ? ParseClassNames(File.ReadAllText(meta)) : Cifar10.DefaultClassNames;
    }

    /// <summary>
    /// Streams the regular files of a <c>.tar.gz</c>, in order, calling <paramref name="visit"/> with each one's
    /// name (without its folder) and entry until it returns false. A truncated or corrupt archive, met here or
    /// while <paramref name="visit"/> reads an entry, is a <see cref="DataFormatException"/> naming <paramref name="archivePath"/>.
    /// </summary>
    /// <param name="compressed">The archive's bytes; left open.</param>
    /// <param name="archivePath">The archive's path, for messages.</param>
    /// <param name="visit">Reads what it wants of the entry; false stops.</param>
    internal static void ReadArchiveEntries(Stream compressed, string archivePath, Func<string, TarEntry, bool> visit)
    {
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                if (!visit(Path.GetFileName(entry.Name), entry)) return;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException and not FileNotFoundException)
        {
            throw new DataFormatException(
                $"{archivePath}: cannot be read as a .tar.gz archive ({e.Message}); it is truncated or corrupt. " +
                "Download it again (runner: data fetch) or pass another archive.");
        }
    }

    /// <summary>An entry's whole contents.</summary>
    internal static byte[] ReadAll(TarEntry entry)
    {
        var bytes = new byte[entry.Length];
        entry.DataStream!.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Reads from a <c>.tar.gz</c> archive or an extracted <c>cifar-10-batches-bin</c> directory.</summary>
    public static Cifar10Dataset Read(string path) =>
        Directory.Exists(path) ? ReadDirectory(path)
        : File.Exists(path) ? ReadArchive(path)
        : throw new FileNotFoundException($"CIFAR-10 data not found at '{path}' (expected a .tar.gz archive or a cifar-10-batches-bin directory).", path);

    /// <summary>Reads an extracted directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    public static Cifar10Dataset ReadDirectory(string directory)
    {
        directory = BatchDirectory(directory);
        Cifar10Batch Load(string file)
        {
            var path = Path.Combine(directory, file);
            return File.Exists(path) ? ParseBatch(path, File.ReadAllBytes(path)) : throw new DataFormatException(MissingFileProblem(path));
        }
        var train = Cifar10.TrainingBatchFiles.Select(Load).ToArray();
        var test = Load(Cifar10.TestBatchFile);
        return new Cifar10Dataset(train, test, ClassNamesIn(directory), Path.GetFullPath(directory));
    }

    /// <summary>Reads the batches straight out of a <c>.tar.gz</c> archive, without extracting to disk.</summary>
    public static Cifar10Dataset ReadArchive(string archivePath)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var file = File.OpenRead(archivePath))
            ReadArchiveEntries(file, archivePath, (name, entry) =>
            {
                if (Cifar10.BatchFiles.Contains(name) || name == Cifar10.MetaFile) files[name] = ReadAll(entry);
                return true;
            });
        Cifar10Batch Batch(string name) => files.TryGetValue(name, out var bytes)
            ? ParseBatch($"{archivePath}:{name}", bytes)
            : throw new DataFormatException(MissingMemberProblem(archivePath, name));
        var train = Cifar10.TrainingBatchFiles.Select(Batch).ToArray();
        var test = Batch(Cifar10.TestBatchFile);
        var names = files.TryGetValue(Cifar10.MetaFile, out var meta)
            ? ParseClassNames(System.Text.Encoding.UTF8.GetString(meta)) : Cifar10.DefaultClassNames;
        return new Cifar10Dataset(train, test, names, Path.GetFullPath(archivePath));
    }

    /// <summary>The class names of a <c>batches.meta.txt</c> (one a line); the official names when it does not hold ten.</summary>
    public static string[] ParseClassNames(string text)
    {
        var names = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length == Cifar10.Classes ? names : Cifar10.DefaultClassNames;
    }
}
