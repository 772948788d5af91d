using NotebookNet.Data;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Reliability;

/// <summary>
/// The runner's data errors point the right way: what the file is, verdict before the warnings that qualify it,
/// the extracted copy in <c>data info</c>, and <c>--data synthetic</c> offered when there is no data at all.
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
}
