using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>The download itself: resume with a range request, MD5
/// check, nothing at the destination until verified.</summary>
public class DownloadTests
{
    [Fact]
    public async Task Download_cut_in_the_middle_resumes_with_a_range_request_and_is_byte_identical()
    {
        var body = Crafted.RandomBody(3_000_000, 1);
        using var server = new LocalHttpServer(body, dropAfter: i => i == 0 ? 1_000_000 : null);
        using var dir = new TempDir();
        var destination = dir["archive.tar.gz"];
        var partial = destination + Cifar10Download.PartialSuffix;
        bool destinationSeenEarly = false;
        server.OnSent = (_, _) => destinationSeenEarly |= File.Exists(destination);
        using var client = new HttpClient();

        // First run: the connection breaks after 1 MB; the partial file is kept, nothing is at the destination.
        await Assert.ThrowsAnyAsync<IOException>(() =>
            Cifar10Download.DownloadAsync(server.Url, destination, Crafted.Md5(body), client: client));
        Assert.False(File.Exists(destination));
        long kept = new FileInfo(partial).Length;
        Assert.InRange(kept, 1, 1_000_000);
        Assert.Null(server.Ranges[0]);

        // Second run: resumes with Range from the kept length, verifies MD5, renames into place.
        var resumed = new List<DownloadProgress>();
        var done = await Cifar10Download.DownloadAsync(server.Url, destination, Crafted.Md5(body),
            new SyncProgress<DownloadProgress>(resumed.Add), client);
        Assert.Equal(destination, done);
        Assert.Equal($"bytes={kept}-", server.Ranges[1]);
        Assert.All(resumed, p => Assert.True(p.Resumed));
        Assert.Equal(body, File.ReadAllBytes(destination));
        Assert.Equal(Crafted.Md5(body), Cifar10Download.Md5Of(destination));
        Assert.False(File.Exists(partial));
        Assert.False(destinationSeenEarly, "the destination existed before the download was complete and verified");
    }

    [Fact]
    public async Task Md5_mismatch_is_rejected_and_the_file_kept_aside()
    {
        var body = Crafted.RandomBody(200_000, 2);
        using var server = new LocalHttpServer(body);
        using var dir = new TempDir();
        var destination = dir["archive.tar.gz"];
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<DataFormatException>(() =>
            Cifar10Download.DownloadAsync(server.Url, destination, Cifar10.OfficialMd5, client: client));
        Assert.False(File.Exists(destination));
        var aside = destination + ".md5-mismatch";
        Assert.Equal(body, File.ReadAllBytes(aside));
        Assert.Contains(Crafted.Md5(body), e.Message);
        Assert.Contains(aside, e.Message);
        Assert.Contains("--data PATH", e.Message);
    }
}
