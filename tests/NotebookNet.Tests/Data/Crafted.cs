using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>Crafted CIFAR-10 batch files and archives in temporary directories.</summary>
internal static class Crafted
{
    /// <summary>A batch of <paramref name="records"/> records: label
    /// i % 10, pixels mostly zero (compresses ~1000:1).</summary>
    public static byte[] Batch(int records = Cifar10.RecordsPerBatch)
    {
        var bytes = new byte[records * Cifar10.RecordBytes];
        for (int i = 0; i < records; i++)
        {
            bytes[i * Cifar10.RecordBytes] = (byte)(i % 10);
            bytes[i * Cifar10.RecordBytes + 1 + i % Cifar10.Dimensions] = (byte)i;
        }
        return bytes;
    }

    /// <summary>Writes a .tar.gz holding <c>cifar-10-batches-bin/NAME</c>
    /// for each entry (fastest compression).</summary>
    public static void WriteArchive(string path, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, bytes) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{Cifar10.DirectoryName}/{name}")
            {
                DataStream = new MemoryStream(bytes),
            };
            tar.WriteEntry(entry);
        }
    }

    /// <summary><paramref name="length"/> seeded random bytes: a download body that is no archive.</summary>
    public static byte[] RandomBody(int length, int seed)
    {
        var body = new byte[length];
        new Random(seed).NextBytes(body);
        return body;
    }

    /// <summary>The lower-case hex MD5 of <paramref name="bytes"/>, as downloads are checked.</summary>
    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>The six valid batches plus the class-names file, as archive entries.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> ValidEntries()
    {
        var batch = Batch();
        foreach (var f in Cifar10Verifier.RequiredFiles) yield return (f, batch);
        yield return (Cifar10.MetaFile,
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Cifar10.DefaultClassNames) + "\n"));
    }
}



/// <summary>One valid crafted archive and extracted directory, shared by a test class (built once, ~1 s).</summary>
public sealed class CraftedDataFixture : IDisposable
{
    private readonly TempDir _dir = new();
    /// <summary>A complete, valid crafted archive (not the official MD5).</summary>
    public string Archive { get; }
    /// <summary>A complete, valid extracted directory.</summary>
    public string Directory { get; }
    /// <summary>The archive's bytes.</summary>
    public byte[] ArchiveBytes { get; }

    public CraftedDataFixture()
    {
        Archive = _dir[Cifar10.ArchiveName];
        Crafted.WriteArchive(Archive, Crafted.ValidEntries());
        ArchiveBytes = File.ReadAllBytes(Archive);
        Directory = _dir[Cifar10.DirectoryName];
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var (name, bytes) in Crafted.ValidEntries())
            File.WriteAllBytes(System.IO.Path.Combine(Directory, name), bytes);
    }

    public void Dispose() => _dir.Dispose();
}
