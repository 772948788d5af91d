using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>
/// An archive given by path is extracted once into the cache, checked, atomically, under a key of its size and
/// time; later loads read the copy; another or a changed archive never loads it; the archive is only read.
/// </summary>
public class ArchiveCacheTests(CraftedDataFixture data) : IClassFixture<CraftedDataFixture>
{
    /// <summary>A private copy of the crafted archive (its own path and time) in <paramref name="dir"/>.</summary>
    private string CopyOfArchive(TempDir dir, string name = Cifar10.ArchiveName)
    {
        var path = dir[name];
        File.WriteAllBytes(path, data.ArchiveBytes);
        return path;
    }

    private static string[] Entries(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order()!] : [];

    private static void AssertSameData(Cifar10Dataset expected, Cifar10Dataset actual)
    {
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        for (int b = 1; b <= 5; b++)
        {
            Assert.Equal(expected.Batch(b).Pixels, actual.Batch(b).Pixels);
            Assert.Equal(expected.Batch(b).Labels, actual.Batch(b).Labels);
        }
        Assert.Equal(expected.Test.Pixels, actual.Test.Pixels);
    }

    [Fact]
    public void The_first_load_extracts_once_and_the_next_reads_the_copy()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = CopyOfArchive(dir);
        var time = File.GetLastWriteTimeUtc(archive);

        var first = ArchiveCache.Load(archive, cache.Path);
        AssertSameData(Cifar10Reader.ReadArchive(archive), first);
        Assert.Equal(archive, first.Source);   // results and resumable searches still name the archive
        var folder = ArchiveCache.FolderFor(archive, cache.Path);
        Assert.Equal([folder], Directory.GetDirectories(cache[ArchiveCache.FolderName]));   // no scratch left
        Assert.Equal([.. Cifar10.BatchFiles.Append(Cifar10.MetaFile).Append(ExtractedArchive.RecordFile).Order()],
            Entries(folder));
        var copy = ArchiveCache.Find(archive, cache.Path);
        Assert.NotNull(copy);
        Assert.Equal(folder, copy.Directory);
        Assert.Equal(archive, copy.Archive);
        Assert.Equal(Cifar10Download.Md5Of(archive), copy.Md5);
        Assert.Equal(data.ArchiveBytes, File.ReadAllBytes(archive));   // the archive is only read
        Assert.Equal(time, File.GetLastWriteTimeUtc(archive));

        // The second load reads the copy: a pixel changed there shows.
        var batch = Path.Combine(folder, "data_batch_2.bin");
        var bytes = File.ReadAllBytes(batch);
        bytes[1] ^= 0xFF;
        File.WriteAllBytes(batch, bytes);
        var second = ArchiveCache.Load(archive, cache.Path);
        Assert.Equal(bytes[1], second.Batch(2).Pixels[0]);
        Assert.Equal(archive, second.Source);
    }

    [Fact]
    public void A_changed_or_different_archive_never_loads_an_old_copy()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = CopyOfArchive(dir);
        ArchiveCache.Load(archive, cache.Path);
        var oldFolder = ArchiveCache.FolderFor(archive, cache.Path);

        // Another archive at the same path (different contents and size): its own copy, its own data.
        var entries = Crafted.ValidEntries().ToList();
        var changed = (byte[])entries[0].Bytes.Clone();
        changed[1] = 99;
        entries[0] = (entries[0].Name, changed);
        Crafted.WriteArchive(archive, entries);
        Assert.Null(ArchiveCache.Find(archive, cache.Path));
        Assert.NotEqual(oldFolder, ArchiveCache.FolderFor(archive, cache.Path));
        Assert.Equal(99, ArchiveCache.Load(archive, cache.Path).Batch(1).Pixels[0]);

        // The same bytes with a new time: a new key, so a new (identical) copy rather than a guess.
        var other = CopyOfArchive(dir, "other.tar.gz");
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddMinutes(-5));
        Assert.Null(ArchiveCache.Find(other, cache.Path));
        AssertSameData(Cifar10Reader.ReadArchive(other), ArchiveCache.Load(other, cache.Path));
        Assert.NotNull(ArchiveCache.Find(other, cache.Path));
    }

    [Fact]
    public void A_damaged_copy_is_extracted_again()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = CopyOfArchive(dir);
        ArchiveCache.Load(archive, cache.Path);
        var batch = Path.Combine(ArchiveCache.FolderFor(archive, cache.Path), "test_batch.bin");
        File.WriteAllBytes(batch, File.ReadAllBytes(batch)[..1000]);
        AssertSameData(Cifar10Reader.ReadArchive(archive), ArchiveCache.Load(archive, cache.Path));
        Assert.Equal(Cifar10.BatchBytes, new FileInfo(batch).Length);
    }

    [Fact]
    public void A_bad_archive_leaves_nothing_in_the_cache_and_says_what_is_wrong()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var cut = dir["cut.tar.gz"];
        File.WriteAllBytes(cut, data.ArchiveBytes[..(data.ArchiveBytes.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => ArchiveCache.Load(cut, cache.Path));
        Assert.Contains("truncated", e.Message);
        Assert.Empty(Entries(cache[ArchiveCache.FolderName]));
        var text = dir["hostname"];
        File.WriteAllText(text, "myhost\n");
        e = Assert.Throws<DataFormatException>(
            () => Cifar10Source.Load(new DataLocation(text, "explicit"), cache.Path));
        Assert.Contains("not a gzip/tar archive", e.Message);
        Assert.Empty(Entries(cache[ArchiveCache.FolderName]));
    }

    [Fact]
    public void An_unwritable_cache_falls_back_to_reading_the_archive()
    {
        using var dir = new TempDir();
        var archive = CopyOfArchive(dir);
        var notADirectory = dir["cache-is-a-file"];
        File.WriteAllText(notADirectory, "");
        AssertSameData(Cifar10Reader.ReadArchive(archive), ArchiveCache.Load(archive, notADirectory));
    }

    [Fact]
    public void Two_loads_at_once_both_succeed_and_leave_one_copy()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = CopyOfArchive(dir);
        var results = new Cifar10Dataset[2];
        Parallel.For(0, 2, i => results[i] = ArchiveCache.Load(archive, cache.Path));
        AssertSameData(results[0], results[1]);
        Assert.Equal([ArchiveCache.FolderFor(archive, cache.Path)],
            Directory.GetDirectories(cache[ArchiveCache.FolderName]));
    }

    [Fact]
    public void Fetch_from_a_local_archive_records_it_so_loads_by_path_use_that_copy()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = CopyOfArchive(dir);
        Assert.True(Cifar10Source.ExtractIntoCache(archive, cache.Path).IsValid);
        var copy = ArchiveCache.Find(archive, cache.Path);
        Assert.NotNull(copy);
        Assert.Equal(cache[Cifar10.DirectoryName], copy.Directory);
        AssertSameData(Cifar10Reader.ReadArchive(archive), ArchiveCache.Load(archive, cache.Path));
        Assert.False(Directory.Exists(cache[ArchiveCache.FolderName]));   // no second copy
    }

    [Fact]
    public void The_shared_archive_loads_from_its_copy_as_it_read_from_the_archive()
    {
        var archive = VerifierTests.SharedArchive();
        if (archive is null) Assert.Skip($"the shared archive is absent (set {Cifar10Source.EnvironmentVariable})");
        using var cache = new TempDir();
        var first = ArchiveCache.Load(archive, cache.Path);
        var second = ArchiveCache.Load(archive, cache.Path);
        AssertSameData(first, second);
        Assert.Equal(archive, second.Source);
        Assert.Equal("639c6c67d6a07897c21784a4deb17423", ArchiveCache.Find(archive, cache.Path)!.Md5);
    }

    [Fact]
    public void Extraction_checks_the_archive_in_the_same_pass_and_writes_the_batches_unchanged()
    {
        using var cache = new TempDir();
        var report = Cifar10Source.ExtractIntoCache(data.Archive, cache.Path);
        Assert.True(report.IsValid, report.Problem);
        Assert.Equal(Cifar10Download.Md5Of(data.Archive), report.Md5);
        // no scratch folder left
        Assert.Equal([cache[Cifar10.DirectoryName]], Directory.GetFileSystemEntries(cache.Path));
        foreach (var (name, bytes) in Crafted.ValidEntries())
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(cache[Cifar10.DirectoryName], name)));
    }
}
