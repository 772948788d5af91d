using NotebookNet.Data;
using NotebookNet.Runner;
using NotebookNet.Tests.Data;

namespace NotebookNet.Tests.Runner;

/// <summary>
/// The runner's <c>data</c> command: <c>fetch</c> resumes, checks and extracts, <c>verify</c> and <c>info</c> report;
/// its errors point the right way: what the file is, verdict before the warnings that qualify it, the extracted copy
/// in <c>data info</c>, and <c>--data synthetic</c> offered when there is no data at all.
/// </summary>
public class DataCommandTests(CraftedDataFixture data) : IClassFixture<CraftedDataFixture>
{
    // stdout and stderr into one writer, in the order they were written.
    private static async Task<(int Code, string Text)> Data(params string[] args)
    {
        var both = new StringWriter();
        using var client = new HttpClient();
        int code = await DataCommand.RunAsync(args, both, both, interactive: false, client, CancellationToken.None);
        return (code, both.ToString());
    }

    [Fact]
    public async Task Data_pointing_at_a_text_file_says_not_a_gzip_tar_archive()
    {
        using var dir = new TempDir();
        var text = dir["hostname"];
        File.WriteAllText(text, "myhost\n");
        foreach (var command in new[] { "verify", "info", "fetch" })
        {
            using var cache = new TempDir();
            var (code, output) = await Data(command, "--data", text, "--cache", cache.Path);
            Assert.Equal(1, code);
            Assert.Contains($"error: {text}: not a gzip/tar archive", output);
            Assert.DoesNotContain("truncated", output);
            Assert.DoesNotContain("Download", output);
            Assert.DoesNotContain("warning", output);
            Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
        }
    }

    [Fact]
    public async Task A_truncated_archive_says_truncated_and_gets_no_accepted_warning()
    {
        using var dir = new TempDir();
        var cut = dir["cut.tar.gz"];
        File.WriteAllBytes(cut, data.ArchiveBytes[..(data.ArchiveBytes.Length * 3 / 5)]);
        var (code, output) = await Data("verify", "--data", cut);
        Assert.Equal(1, code);
        Assert.Contains("truncated", output);
        Assert.DoesNotContain("accepted", output);
        int error = output.IndexOf("error:", StringComparison.Ordinal);
        Assert.True(error >= 0 && error < output.IndexOf("FAILED:", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task The_md5_warning_comes_after_the_verdict_it_qualifies()
    {
        var (code, output) = await Data("verify", "--data", data.Archive);
        Assert.Equal(0, code);
        int verdict = output.IndexOf("OK with 1 warning:", StringComparison.Ordinal);
        int warning = output.IndexOf("warning: ", verdict + 1, StringComparison.Ordinal);
        Assert.True(verdict >= 0 && warning > verdict, output);
        Assert.Contains("accepted because it was given explicitly", output[warning..]);
    }

    [Fact]
    public async Task Info_says_whether_the_archive_has_its_extracted_copy()
    {
        using var dir = new TempDir();
        using var cache = new TempDir();
        var archive = dir[Cifar10.ArchiveName];
        File.WriteAllBytes(archive, data.ArchiveBytes);
        var (code, output) = await Data("info", "--data", archive, "--cache", cache.Path);
        Assert.Equal(0, code);
        Assert.Contains($"extracted copy: none yet; the first run checks and extracts the archive once into " +
                        ArchiveCache.FolderFor(archive, cache.Path), output);
        ArchiveCache.Load(archive, cache.Path);
        (code, output) = await Data("info", "--data", archive, "--cache", cache.Path);
        Assert.Equal(0, code);
        Assert.Contains($"extracted copy: {ArchiveCache.FolderFor(archive, cache.Path)} (made ", output);
        Assert.Contains("runs load it at directory speed", output);
    }

    [Fact]
    public async Task With_no_data_and_no_download_the_messages_offer_synthetic_data()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/cifar-10-binary.tar.gz");
        using var cache = new TempDir();
        using var client = new HttpClient();

        // What a notebook's data cell (and so `run`) reports:
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Cifar10Source.LocateAsync("auto", cache.Path,
            environment: null, progress: null, client, url, CancellationToken.None));
        Assert.Contains("--data synthetic", e.Message);
        Assert.Contains("--data PATH", e.Message);
        Assert.Contains(Cifar10Source.EnvironmentVariable, e.Message);

        // What `data fetch` reports:
        var (code, output) = await Data("fetch", "--url", url.ToString(), "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains("--data synthetic", output);
    }

    // stdout and stderr apart.
    private static async Task<(int Code, string Out, string Err)> DataApart(params string[] args)
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
        var md5 = Crafted.Md5(body);

        var (code, _, err) =
            await DataApart("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.Equal(1, code);
        Assert.Contains("resumes", err);
        Assert.Contains("--data PATH", err);
        Assert.Contains(Cifar10Source.EnvironmentVariable, err);
        Assert.False(File.Exists(cache[Cifar10.ArchiveName]));
        Assert.True(File.Exists(cache[Cifar10.ArchiveName + Cifar10Download.PartialSuffix]));

        (code, var output, err) =
            await DataApart("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.True(code == 0, err);
        Assert.Contains("resuming", err);
        Assert.StartsWith("bytes=", server.Ranges[1]);
        Assert.Contains("extracted into", output);
        Assert.DoesNotContain("warning", err); // the MD5 asked for with --md5 is no "unofficial archive" warning
        Assert.Equal(body, File.ReadAllBytes(cache[Cifar10.ArchiveName]));
        Assert.True(Cifar10Verifier.Verify(cache[Cifar10.DirectoryName]).IsValid);

        // a second fetch changes nothing; verify and info find the cache
        (code, output, _) =
            await DataApart("fetch", "--url", server.Url.ToString(), "--md5", md5, "--cache", cache.Path);
        Assert.Equal(0, code);
        Assert.Contains("already in the cache", output);
        if (Environment.GetEnvironmentVariable(Cifar10Source.EnvironmentVariable) is not { Length: > 0 })
        {
            (code, output, err) = await DataApart("verify", "--cache", cache.Path);
            Assert.True(code == 0, err);
            Assert.Contains("the download cache", output);
            (code, output, _) = await DataApart("info", "--cache", cache.Path);
            Assert.Equal(0, code);
            Assert.Contains("airplane", output);
        }
    }

    [Fact]
    public async Task Fetch_md5_mismatch_keeps_the_file_aside_and_says_what_to_do()
    {
        var body = Crafted.RandomBody(100_000, 3);
        using var server = new LocalHttpServer(body);
        using var cache = new TempDir();
        var (code, _, err) = await DataApart("fetch", "--url", server.Url.ToString(), "--cache", cache.Path);
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
        var (code, _, err) =
            await DataApart("fetch", "--url", $"http://127.0.0.1:{port}/cifar-10-binary.tar.gz", "--cache", cache.Path);
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
        var (code, output, err) = await DataApart("fetch", "--data", data.Archive, "--cache", cache.Path);
        Assert.True(code == 0, err);
        Assert.Contains("warning", err);            // not the official MD5: accepted with a warning
        Assert.Contains("extracted into", output);
        Assert.Equal(data.ArchiveBytes.Length, new FileInfo(data.Archive).Length);
        Assert.Equal(before, File.GetLastWriteTimeUtc(data.Archive));
        Assert.True(Directory.Exists(cache[Cifar10.DirectoryName]));
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

        var (code, _, err) = await DataApart("fetch", "--data", cut, "--cache", cache.Path);
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
        var (code, _, err) = await DataApart("verify", "--data", dir["cut.tar.gz"]);
        Assert.Equal(1, code);
        Assert.Contains(dir["cut.tar.gz"], err);
        (code, _, err) = await DataApart("verify", "--data", dir["nothing-here"]);
        Assert.Equal(1, code);
        Assert.Contains("nothing-here", err);
        (code, _, err) = await DataApart("verify", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err);
    }

    [Fact]
    public async Task Verify_and_info_commands_on_the_shared_archive()
    {
        var archive = VerifierTests.SharedArchive();
        if (archive is null) Assert.Skip($"the shared archive is absent (set {Cifar10Source.EnvironmentVariable})");
        var (code, output, err) = await DataApart("verify", "--data", archive);
        Assert.True(code == 0, err);
        Assert.Contains("OK with 1 warning", output);
        Assert.Contains("warning:", err);
        (code, output, _) = await DataApart("info", "--data", archive);
        Assert.Equal(0, code);
        Assert.Contains("given with --data", output);
        Assert.Contains("airplane, automobile", output);
        TestContext.Current.SendDiagnosticMessage(output);
    }
}
