using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public class VerifierTests(CraftedDataFixture data) : IClassFixture<CraftedDataFixture>
{
    [Fact]
    public void Valid_crafted_archive_verifies_with_an_md5_warning()
    {
        var report = Cifar10Verifier.Verify(data.Archive);
        Assert.True(report.IsValid, report.Problem);
        Assert.True(report.IsArchive);
        Assert.Equal(6, report.Batches.Count);
        Assert.All(report.Batches, b => Assert.Equal(Cifar10Verifier.BatchBytes, b.Bytes));
        Assert.Equal(Cifar10Download.Md5Of(data.Archive), report.Md5);
        Assert.False(report.IsOfficialArchive);
        var warning = Assert.Single(report.Warnings);
        Assert.Contains(Cifar10.OfficialMd5, warning);
        Assert.StartsWith("OK with 1 warning", report.Status);
        Assert.Equal(Cifar10.DefaultClassNames, report.ClassNames);
        var text = report.ToString(); // the runner prints the same detail lines
        Assert.StartsWith($"OK with 1 warning: {data.Archive} (archive)", text);
        Assert.All(report.DetailLines(), line => Assert.Contains(line, text));
        Assert.Contains("classes: airplane, automobile", text);
        Assert.Contains("  warning: ", text);
    }

    [Fact]
    public void Requiring_the_official_md5_makes_the_mismatch_a_problem()
    {
        var report = Cifar10Verifier.Verify(data.Archive, requireOfficialMd5: true);
        Assert.False(report.IsValid);
        Assert.Contains("MD5", report.Problem);
        Assert.Contains(data.Archive, report.Problem);
    }

    [Fact]
    public void Valid_directory_verifies_without_warnings()
    {
        // the parent holding cifar-10-batches-bin
        var report = Cifar10Verifier.Verify(Path.GetDirectoryName(data.Directory)!);
        Assert.True(report.IsValid, report.Problem);
        Assert.Equal("OK", report.Status);
        Assert.Null(report.Md5);
        Assert.Equal(data.Directory, report.Path);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Truncated_archive_is_reported_naming_it(double keep)
    {
        using var dir = new TempDir();
        var cut = dir["cut.tar.gz"];
        File.WriteAllBytes(cut, data.ArchiveBytes[..(int)(data.ArchiveBytes.Length * keep)]);
        var report = Cifar10Verifier.Verify(cut);
        Assert.False(report.IsValid);
        Assert.Contains(cut, report.Problem);
        Assert.Matches("truncated|incomplete", report.Problem);
        // the reader used by runs says the same kind of thing
        var e = Assert.Throws<DataFormatException>(() => Cifar10Reader.Read(cut));
        Assert.Contains(cut, e.Message);
    }

    [Fact]
    public void Archive_batch_of_the_wrong_size_is_named()
    {
        using var dir = new TempDir();
        var archive = dir["short.tar.gz"];
        Crafted.WriteArchive(archive,
            [("data_batch_1.bin", Crafted.Batch()), ("data_batch_2.bin", Crafted.Batch(9_999))]);
        var report = Cifar10Verifier.Verify(archive);
        Assert.False(report.IsValid);
        Assert.Contains("data_batch_2.bin", report.ProblemFile);
        Assert.Contains("data_batch_2.bin", report.Problem);
        Assert.Contains("30726927 bytes", report.Problem);
        Assert.Contains("truncated", report.Problem);
    }

    [Fact]
    public void Archive_label_out_of_range_names_file_and_record()
    {
        using var dir = new TempDir();
        var archive = dir["label.tar.gz"];
        var bad = Crafted.Batch();
        bad[4321 * Cifar10.RecordBytes] = 10;
        Crafted.WriteArchive(archive, [("test_batch.bin", bad)]);
        var report = Cifar10Verifier.Verify(archive);
        Assert.False(report.IsValid);
        Assert.Contains("test_batch.bin", report.Problem);
        Assert.Contains("record 4321", report.Problem);
        Assert.Equal(4321, report.ProblemRecord);
    }

    [Fact]
    public void Archive_missing_a_batch_names_the_missing_one()
    {
        using var dir = new TempDir();
        var archive = dir["five.tar.gz"];
        Crafted.WriteArchive(archive, Crafted.ValidEntries().Where(e => e.Name != "data_batch_4.bin"));
        var report = Cifar10Verifier.Verify(archive);
        Assert.False(report.IsValid);
        Assert.Contains("data_batch_4.bin", report.Problem);
        Assert.Equal(5, report.Batches.Count);
    }

    /// <summary>A directory linking the fixture's valid batches,
    /// with <paramref name="replace"/> written over some.</summary>
    private TempDir DirectoryWith(params (string Name, byte[]? Bytes)[] replace)
    {
        var dir = new TempDir();
        foreach (var name in Cifar10Verifier.RequiredFiles)
        {
            var r = replace.FirstOrDefault(x => x.Name == name);
            if (r.Name is null) File.CreateSymbolicLink(dir[name], Path.Combine(data.Directory, name));
            else if (r.Bytes is not null) File.WriteAllBytes(dir[name], r.Bytes);
        }
        return dir;
    }

    [Fact]
    public void Directory_batch_of_the_wrong_size_is_named_first()
    {
        var bytes = Crafted.Batch();
        using var dir = DirectoryWith(("data_batch_3.bin", bytes[..^1]), ("test_batch.bin", [.. bytes, 0]));
        var report = Cifar10Verifier.Verify(dir.Path);
        Assert.False(report.IsValid);
        Assert.Equal(dir["data_batch_3.bin"], report.ProblemFile);
        Assert.Contains("data_batch_3.bin", report.Problem);
        Assert.Contains("30729999 bytes", report.Problem);
        Assert.Equal(3, report.Batches.Count);
    }

    [Fact]
    public void Directory_flipped_label_names_file_and_record()
    {
        var bytes = Crafted.Batch();
        bytes[77 * Cifar10.RecordBytes] ^= 0xFF; // label 7 → 248
        using var dir = DirectoryWith(("data_batch_5.bin", bytes));
        var report = Cifar10Verifier.Verify(dir.Path);
        Assert.False(report.IsValid);
        Assert.Contains("data_batch_5.bin", report.Problem);
        Assert.Contains("record 77", report.Problem);
        Assert.Contains("248", report.Problem);
        Assert.Equal(77, report.ProblemRecord);
    }

    [Fact]
    public void Directory_missing_test_batch_is_named()
    {
        using var dir = DirectoryWith(("test_batch.bin", null));
        var report = Cifar10Verifier.Verify(dir.Path);
        Assert.False(report.IsValid);
        Assert.Equal(dir["test_batch.bin"], report.ProblemFile);
        Assert.Contains("missing", report.Problem);
    }

    [Fact]
    public void Nothing_at_the_path_is_a_file_not_found_naming_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Cifar10Verifier.Verify("/nonexistent/cifar.tar.gz"));
        Assert.Contains("/nonexistent/cifar.tar.gz", e.Message);
    }

    /// <summary>The shared rebuilt archive (or $NOTEBOOKNET_CIFAR10 when it is an archive); null when absent.</summary>
    internal static string? SharedArchive()
    {
        var env = Environment.GetEnvironmentVariable(Cifar10Source.EnvironmentVariable);
        if (env is { Length: > 0 } && File.Exists(env)) return Path.GetFullPath(env);
        foreach (var candidate in
                 new[] { "/work/shared/data/cifar-10-binary.tar.gz", "../shared/data/cifar-10-binary.tar.gz" })
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "shared", "data", Cifar10.ArchiveName)))
                return Path.Combine(d.FullName, "shared", "data", Cifar10.ArchiveName);
        return null;
    }

    [Fact]
    public void Shared_archive_verifies_ok_with_the_md5_warning()
    {
        var archive = SharedArchive();
        if (archive is null) Assert.Skip($"the shared archive is absent (set {Cifar10Source.EnvironmentVariable})");
        var report = Cifar10Verifier.Verify(archive);
        Assert.True(report.IsValid, report.Problem);
        Assert.Equal(6, report.Batches.Count);
        Assert.Equal("airplane", report.ClassNames[0]);
        if (report.Md5 != Cifar10.OfficialMd5)
        {
            Assert.Single(report.Warnings);
            if (archive.EndsWith("shared/data/cifar-10-binary.tar.gz", StringComparison.Ordinal))
                Assert.Equal("639c6c67d6a07897c21784a4deb17423", report.Md5);
        }
    }
}
