using System.Formats.Tar;
using System.IO.Compression;
using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>
/// A bad archive is named for what it is: no archive at all, truncated, corrupt, the wrong archive, or incomplete;
/// the reader used by runs and the verifier say the same.
/// </summary>
public class ArchiveProblemTests(CraftedDataFixture data) : IClassFixture<CraftedDataFixture>
{
    /// <summary>The reader's message and the verifier's problem for <paramref name="path"/>; both must exist.</summary>
    private static (string Read, Cifar10Verification Report) Problems(string path)
    {
        var e = Assert.Throws<DataFormatException>(() => Cifar10Reader.Read(path));
        var report = Cifar10Verifier.Verify(path);
        Assert.False(report.IsValid);
        Assert.Contains(path, e.Message);
        Assert.Contains(path, report.Problem);
        Assert.Empty(report.Warnings);   // no "MD5 differs, accepted" about a file that is not accepted
        return (e.Message, report);
    }

    [Fact]
    public void A_text_file_is_not_a_gzip_tar_archive()
    {
        using var dir = new TempDir();
        var text = dir["hostname"];
        File.WriteAllText(text, "myhost\n");
        var (read, report) = Problems(text);
        foreach (var message in new[] { read, report.Problem! })
        {
            Assert.Contains("not a gzip/tar archive", message);
            Assert.Contains("\"myhost\"", message);
            Assert.DoesNotContain("truncated", message);
            Assert.DoesNotContain("Download", message);
        }
        Assert.Null(report.Md5);
    }

    [Fact]
    public void An_empty_file_and_a_lone_batch_file_are_not_archives_and_say_so()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["empty.tar.gz"], []);
        Assert.Contains("not a gzip/tar archive (it is empty)", Problems(dir["empty.tar.gz"]).Read);
        File.WriteAllBytes(dir["data_batch_1.bin"], Crafted.Batch());
        var (read, _) = Problems(dir["data_batch_1.bin"]);
        Assert.Contains("not a gzip/tar archive", read);
        Assert.Contains("one CIFAR-10 batch file", read);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.999)]
    [InlineData(-8)]   // the gzip trailer cut off: every file is whole, the archive is not
    [InlineData(-3)]
    public void A_truncated_archive_says_truncated(double keep)
    {
        using var dir = new TempDir();
        var cut = dir["cut.tar.gz"];
        var bytes = data.ArchiveBytes;
        File.WriteAllBytes(cut, bytes[..(keep > 0 ? (int)(bytes.Length * keep) : bytes.Length + (int)keep)]);
        var (read, report) = Problems(cut);
        Assert.Contains("truncated", read);
        Assert.Contains("truncated", report.Problem);
        Assert.DoesNotContain("not a gzip/tar archive", read);
    }

    [Fact]
    public void A_corrupt_archive_says_corrupt()
    {
        using var dir = new TempDir();
        var bad = dir["corrupt.tar.gz"];
        var bytes = (byte[])data.ArchiveBytes.Clone();
        for (int i = bytes.Length * 2 / 5; i < bytes.Length * 2 / 5 + 64; i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(bad, bytes);
        var (read, report) = Problems(bad);
        Assert.Contains("corrupt", read);
        Assert.Contains("corrupt", report.Problem);
    }

    [Fact]
    public void A_gzip_file_holding_no_tar_is_not_a_tar_archive()
    {
        using var dir = new TempDir();
        var path = dir["notes.txt.gz"];
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("some notes\n", 100))));
        var (read, report) = Problems(path);
        Assert.Contains("gzip-compressed, but what it holds is not a tar archive", read);
        Assert.Equal(read, report.Problem);
    }

    [Fact]
    public void A_valid_archive_of_other_files_is_the_wrong_archive()
    {
        using var dir = new TempDir();
        var path = dir["photos.tar.gz"];
        WriteTarGz(path, ("holiday/beach.jpg", new byte[5000]), ("holiday/notes.txt", new byte[30]));
        var (read, report) = Problems(path);
        Assert.Contains("the wrong archive", read);
        Assert.Contains("holiday/beach.jpg", read);
        Assert.Contains("data_batch_1.bin", read);
        Assert.DoesNotContain("truncated", read);
        Assert.Equal(read, report.Problem);
        Assert.NotNull(report.Md5);   // a real archive: its MD5 is reported, without the "accepted" warning
    }

    [Fact]
    public void The_python_version_of_cifar10_is_named()
    {
        using var dir = new TempDir();
        var path = dir["cifar-10-python.tar.gz"];
        WriteTarGz(path, ("cifar-10-batches-py/data_batch_1", new byte[100]), ("cifar-10-batches-py/batches.meta", []));
        Assert.Contains("python version", Problems(path).Read);
    }

    [Fact]
    public void An_archive_missing_a_batch_is_incomplete_and_names_it()
    {
        using var dir = new TempDir();
        var path = dir["five.tar.gz"];
        Crafted.WriteArchive(path, Crafted.ValidEntries().Where(e => e.Name != "test_batch.bin"));
        var (read, _) = Problems(path);
        Assert.Contains("has no test_batch.bin", read);
        Assert.Contains("incomplete", read);
        Assert.DoesNotContain("truncated", read);
    }

    [Fact]
    public void An_uncompressed_tar_reads_like_the_tar_gz()
    {
        using var dir = new TempDir();
        var tar = dir["cifar-10-binary.tar"];
        using (var file = File.Create(tar))
        using (var gzip = new GZipStream(new MemoryStream(data.ArchiveBytes), CompressionMode.Decompress))
            gzip.CopyTo(file);
        var fromTar = Cifar10Reader.Read(tar);
        var fromTarGz = Cifar10Reader.Read(data.Archive);
        Assert.Equal(fromTarGz.Test.Pixels, fromTar.Test.Pixels);
        Assert.Equal(fromTarGz.Batch(5).Labels, fromTar.Batch(5).Labels);
        Assert.True(Cifar10Verifier.Verify(tar).IsValid);
    }

    [Fact]
    public void The_md5_warning_of_a_usable_archive_comes_after_its_verdict()
    {
        var text = Cifar10Verifier.Verify(data.Archive).ToString().Split('\n');
        Assert.StartsWith("OK with 1 warning", text[0]);
        Assert.StartsWith("  warning: ", text[^1]);
    }

    [Fact]
    public void Directory_and_archive_give_the_batches_parsing_each_file_gives()
    {
        var fromDirectory = Cifar10Reader.Read(data.Directory);
        var fromArchive = Cifar10Reader.Read(data.Archive);
        foreach (var (name, i) in Cifar10.BatchFiles.Select((n, i) => (n, i)))
        {
            var expected = Cifar10Reader.ParseBatch(name, File.ReadAllBytes(Path.Combine(data.Directory, name)));
            var batches = new[] { fromDirectory, fromArchive }.Select(d => i < 5 ? d.Batch(i + 1) : d.Test);
            foreach (var batch in batches)
            {
                Assert.Equal(expected.Name, batch.Name);
                Assert.Equal(expected.Pixels, batch.Pixels);
                Assert.Equal(expected.Labels, batch.Labels);
            }
        }
    }

    [Fact]
    public void A_directory_with_two_bad_files_names_the_first_in_file_order()
    {
        using var dir = new TempDir();
        foreach (var (name, bytes) in Crafted.ValidEntries()) File.WriteAllBytes(dir[name], bytes);
        foreach (var (name, record) in new[] { ("data_batch_5.bin", 3), ("data_batch_2.bin", 9_876) })
        {
            var bytes = Crafted.Batch();
            bytes[record * Cifar10.RecordBytes] = 200;
            File.WriteAllBytes(dir[name], bytes);
        }
        var e = Assert.Throws<DataFormatException>(() => Cifar10Reader.Read(dir.Path));
        Assert.Contains("data_batch_2.bin: record 9876 has label 200", e.Message);
        Assert.Equal(9_876, e.Record);
    }

    private static void WriteTarGz(string path, params (string Name, byte[] Bytes)[] entries)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, bytes) in entries)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
    }
}
