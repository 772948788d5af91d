using System.Formats.Tar;
using System.IO.Compression;

namespace NotebookNet.Data;

/// <summary>The data on disk is missing, truncated or malformed.</summary>
public sealed class DataFormatException(string message) : Exception(message);

/// <summary>Reads CIFAR-10 binary batches from an extracted directory or a <c>.tar.gz</c> archive.</summary>
public static class Cifar10Reader
{
    /// <summary>Parses one batch file's bytes, validating size and labels; errors name <paramref name="name"/>.</summary>
    public static Cifar10Batch ParseBatch(string name, ReadOnlySpan<byte> bytes, int? expectedRecords = Cifar10.RecordsPerBatch)
    {
        if (bytes.Length == 0 || bytes.Length % Cifar10.RecordBytes != 0)
            throw new DataFormatException(
                $"{name}: {bytes.Length} bytes is not a whole number of {Cifar10.RecordBytes}-byte records " +
                $"(expected {Cifar10.RecordsPerBatch} × {Cifar10.RecordBytes} = {Cifar10.RecordsPerBatch * Cifar10.RecordBytes}); " +
                "the file is truncated or not a CIFAR-10 binary batch. Delete it and fetch the data again.");
        int n = bytes.Length / Cifar10.RecordBytes;
        if (expectedRecords is int expected && n != expected)
            throw new DataFormatException(
                $"{name}: has {n} records, expected {expected} ({expected * Cifar10.RecordBytes} bytes); the file is truncated or wrong.");
        var pixels = new byte[n * Cifar10.Dimensions];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var record = bytes.Slice(i * Cifar10.RecordBytes, Cifar10.RecordBytes);
            int label = record[0];
            if (label >= Cifar10.Classes)
                throw new DataFormatException($"{name}: record {i} has label {label}, outside 0–9; the file is corrupt.");
            labels[i] = label;
            record[1..].CopyTo(pixels.AsSpan(i * Cifar10.Dimensions, Cifar10.Dimensions));
        }
        return new Cifar10Batch(Path.GetFileNameWithoutExtension(name.Split(':')[^1]), pixels, labels);
    }

    /// <summary>Reads from a <c>.tar.gz</c> archive or an extracted <c>cifar-10-batches-bin</c> directory.</summary>
    public static Cifar10Dataset Read(string path) =>
        Directory.Exists(path) ? ReadDirectory(path)
        : File.Exists(path) ? ReadArchive(path)
        : throw new FileNotFoundException($"CIFAR-10 data not found at '{path}' (expected a .tar.gz archive or a cifar-10-batches-bin directory).", path);

    /// <summary>Reads an extracted directory (or its parent holding <c>cifar-10-batches-bin</c>).</summary>
    public static Cifar10Dataset ReadDirectory(string directory)
    {
        var nested = Path.Combine(directory, Cifar10.DirectoryName);
        if (!File.Exists(Path.Combine(directory, Cifar10.TestBatchFile)) && Directory.Exists(nested)) directory = nested;
        Cifar10Batch Load(string file)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
                throw new DataFormatException($"{path}: missing; a CIFAR-10 directory needs {string.Join(", ", Cifar10.TrainingBatchFiles)} and {Cifar10.TestBatchFile}.");
            return ParseBatch(path, File.ReadAllBytes(path));
        }
        var train = Cifar10.TrainingBatchFiles.Select(Load).ToArray();
        var test = Load(Cifar10.TestBatchFile);
        var meta = Path.Combine(directory, Cifar10.MetaFile);
        var names = File.Exists(meta) ? ParseClassNames(File.ReadAllText(meta)) : Cifar10.DefaultClassNames;
        return new Cifar10Dataset(train, test, names, Path.GetFullPath(directory));
    }

    /// <summary>Reads the batches straight out of a <c>.tar.gz</c> archive, without extracting to disk.</summary>
    public static Cifar10Dataset ReadArchive(string archivePath)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var file = File.OpenRead(archivePath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                var name = Path.GetFileName(entry.Name);
                if (!name.EndsWith(".bin", StringComparison.Ordinal) && name != Cifar10.MetaFile) continue;
                using var buffer = new MemoryStream((int)Math.Max(0, entry.Length));
                entry.DataStream.CopyTo(buffer);
                files[name] = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException and not FileNotFoundException)
        {
            throw new DataFormatException(
                $"{archivePath}: cannot be read as a .tar.gz archive ({e.Message}); it is truncated or corrupt. " +
                "Download it again (runner: data fetch) or pass another archive.");
        }
        Cifar10Batch Batch(string name) => files.TryGetValue(name, out var bytes)
            ? ParseBatch($"{archivePath}:{name}", bytes)
            : throw new DataFormatException($"{archivePath}: has no {name}; it is incomplete or not the CIFAR-10 binary archive.");
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
