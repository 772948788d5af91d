using System.Security.Cryptography;
using NotebookNet.Data;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Reliability;

public class DownloadTests(CraftedDataFixture data) : IClassFixture<CraftedDataFixture>
{
    private static byte[] RandomBody(int length, int seed)
    {
        var body = new byte[length];
        new Random(seed).NextBytes(body);
        return body;
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    [Fact]
    public async Task Download_cut_in_the_middle_resumes_with_a_range_request_and_is_byte_identical()
    {
        var body = RandomBody(3_000_000, 1);
        using var server = new LocalHttpServer(body, dropAfter: i => i == 0 ? 1_000_000 : null);
        using var dir = new TempDir();
        var destination = dir["archive.tar.gz"];
        var partial = destination + Cifar10Download.PartialSuffix;
        bool destinationSeenEarly = false;
        server.OnSent = (_, _) => destinationSeenEarly |= File.Exists(destination);
        using var client = new HttpClient();

        // First run: the connection breaks after 1 MB; the partial file is kept, nothing is at the destination.
        await Assert.ThrowsAnyAsync<IOException>(() => Cifar10Download.DownloadAsync(server.Url, destination, Md5(body), client: client));
        Assert.False(File.Exists(destination));
        long kept = new FileInfo(partial).Length;
        Assert.InRange(kept, 1, 1_000_000);
        Assert.Null(server.Ranges[0]);

        // Second run: resumes with Range from the kept length, verifies MD5, renames into place.
        var resumed = new List<DownloadProgress>();
        var done = await Cifar10Download.DownloadAsync(server.Url, destination, Md5(body), new SyncProgress<DownloadProgress>(resumed.Add), client);
        Assert.Equal(destination, done);
        Assert.Equal($"bytes={kept}-", server.Ranges[1]);
        Assert.All(resumed, p => Assert.True(p.Resumed));
        Assert.Equal(body, File.ReadAllBytes(destination));
        Assert.Equal(Md5(body), Cifar10Download.Md5Of(destination));
        Assert.False(File.Exists(partial));
        Assert.False(destinationSeenEarly, "the destination existed before the download was complete and verified");
    }

    [Fact]
    public async Task Md5_mismatch_is_rejected_and_the_file_kept_aside()
    {
        var body = RandomBody(200_000, 2);
        using var server = new LocalHttpServer(body);
        using var dir = new TempDir();
        var destination = dir["archive.tar.gz"];
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<DataFormatException>(() =>
            Cifar10Download.DownloadAsync(server.Url, destination, Cifar10.OfficialMd5, client: client));
        Assert.False(File.Exists(destination));
        var aside = destination + ".md5-mismatch";
        Assert.Equal(body, File.ReadAllBytes(aside));
        Assert.Contains(Md5(body), e.Message);
        Assert.Contains(aside, e.Message);
        Assert.Contains("--data PATH", e.Message);
    }

    private static async Task<(int Code, string Out, string Err)> Data(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        using var client = new HttpClient();
        int code = await DataCommand.RunAsync(args, stdout, stderr, interactive: false, client, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Fetch_cut_then_resumed_extracts_into_the_cache()
    {
        var body = data.ArchiveBytes;
        using var server = new LocalHttpServer(body, dropAfter: i => i == 0 ? body.Length / 3 : null);
        using var cache = new TempDir();
        var md5 = Md5(body);

        var (code, _, err) = await Data("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains("resumes", err);
        Assert.Contains("--data PATH", err);
        Assert.Contains(Cifar10Source.EnvironmentVariable, err);
        Assert.False(File.Exists(cache[Cifar10.ArchiveName]));
        Assert.True(File.Exists(cache[Cifar10.ArchiveName + Cifar10Download.PartialSuffix]));

        (code, var output, err) = await Data("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.True(code == 0, err);
        Assert.Contains("resuming", err);
        Assert.StartsWith("bytes=", server.Ranges[1]);
        Assert.Contains("extracted into", output);
        Assert.DoesNotContain("warning", err); // the MD5 asked for with --md5 is no "unofficial archive" warning
        Assert.Equal(body, File.ReadAllBytes(cache[Cifar10.ArchiveName]));
        Assert.True(Cifar10Verifier.Verify(cache[Cifar10.DirectoryName]).IsValid);

        // a second fetch changes nothing; verify and info find the cache
        (code, output, _) = await Data("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.Equal(0, code);
        Assert.Contains("already in the cache", output);
        if (Environment.GetEnvironmentVariable(Cifar10Source.EnvironmentVariable) is not { Length: > 0 })
        {
            (code, output, err) = await Data("verify", "--cache", cache.Path);
            Assert.True(code == 0, err);
            Assert.Contains("the download cache", output);
            (code, output, _) = await Data("info", "--cache", cache.Path);
            Assert.Equal(0, code);
            Assert.Contains("airplane", output);
        }
    }

    [Fact]
    public async Task Fetch_md5_mismatch_keeps_the_file_aside_and_says_what_to_do()
    {
        var body = RandomBody(100_000, 3);
        using var server = new LocalHttpServer(body);
        using var cache = new TempDir();
        var (code, _, err) = await Data("fetch", "--url", server.Url.ToString(), "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains("MD5", err);
        Assert.Contains("--data PATH", err);
        Assert.False(File.Exists(cache[Cifar10.ArchiveName]));
        Assert.True(File.Exists(cache[Cifar10.ArchiveName + ".md5-mismatch"]));
        Assert.False(Directory.Exists(cache[Cifar10.DirectoryName]));
    }

    [Fact]
    public async Task Fetch_without_network_says_how_to_pass_a_local_archive()
    {
        // a port nobody listens on: take a free one and close it
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var cache = new TempDir();
        var (code, _, err) = await Data("fetch", "--url", $"http://127.0.0.1:{port}/cifar-10-binary.tar.gz", "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains("download", err);
        Assert.Contains("--data PATH", err);
        Assert.Contains(Cifar10Source.EnvironmentVariable, err);
        Assert.False(File.Exists(cache[Cifar10.ArchiveName]));
    }

    [Fact]
    public async Task Fetch_from_a_local_archive_extracts_and_never_touches_it()
    {
        using var cache = new TempDir();
        var before = File.GetLastWriteTimeUtc(data.Archive);
        var (code, output, err) = await Data("fetch", "--data", data.Archive, "--cache", cache.Path);
        Assert.True(code == 0, err);
        Assert.Contains("warning", err);            // not the official MD5: accepted with a warning
        Assert.Contains("extracted into", output);
        Assert.Equal(data.ArchiveBytes.Length, new FileInfo(data.Archive).Length);
        Assert.Equal(before, File.GetLastWriteTimeUtc(data.Archive));
        Assert.True(Directory.Exists(cache[Cifar10.DirectoryName]));
    }

    [Fact]
    public void Extraction_checks_the_archive_in_the_same_pass_and_writes_the_batches_unchanged()
    {
        using var cache = new TempDir();
        var report = Cifar10Source.ExtractIntoCache(data.Archive, cache.Path);
        Assert.True(report.IsValid, report.Problem);
        Assert.Equal(Cifar10Download.Md5Of(data.Archive), report.Md5);
        Assert.Equal([cache[Cifar10.DirectoryName]], Directory.GetFileSystemEntries(cache.Path)); // no scratch folder left
        foreach (var (name, bytes) in Crafted.ValidEntries())
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(cache[Cifar10.DirectoryName], name)));
    }

    [Fact]
    public async Task Truncated_archive_is_not_extracted_and_the_error_names_it()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var cut = dir["cut.tar.gz"];
        File.WriteAllBytes(cut, data.ArchiveBytes[..(data.ArchiveBytes.Length * 3 / 4)]);
        var report = Cifar10Source.ExtractIntoCache(cut, cache.Path);
        Assert.False(report.IsValid);
        Assert.Contains(cut, report.Problem);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path)); // neither the cache folder nor a scratch folder

        var (code, _, err) = await Data("fetch", "--data", cut, "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains(cut, err);
        Assert.Contains("truncated", err);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
        Assert.Equal(data.ArchiveBytes.Length * 3 / 4, new FileInfo(cut).Length); // the user's file is only read
    }

    [Fact]
    public async Task Verify_command_names_the_first_problem_and_exits_1()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["cut.tar.gz"], data.ArchiveBytes[..(data.ArchiveBytes.Length / 2)]);
        var (code, _, err) = await Data("verify", "--data", dir["cut.tar.gz"]);
        Assert.Equal(1, code);
        Assert.Contains(dir["cut.tar.gz"], err);
        (code, _, err) = await Data("verify", "--data", dir["nothing-here"]);
        Assert.Equal(1, code);
        Assert.Contains("nothing-here", err);
        (code, _, err) = await Data("verify", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err);
    }

    [Fact]
    public async Task Verify_and_info_commands_on_the_shared_archive()
    {
        var archive = VerifierTests.SharedArchive();
        if (archive is null) Assert.Skip($"the shared archive is absent (set {Cifar10Source.EnvironmentVariable})");
        var (code, output, err) = await Data("verify", "--data", archive);
        Assert.True(code == 0, err);
        Assert.Contains("OK with 1 warning", output);
        Assert.Contains("warning:", err);
        (code, output, _) = await Data("info", "--data", archive);
        Assert.Equal(0, code);
        Assert.Contains("given with --data", output);
        Assert.Contains("airplane, automobile", output);
        TestContext.Current.SendDiagnosticMessage(output);
    }
}
