using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>Progress of a download: bytes so far and the total when the server says it.</summary>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes, bool Resumed)
{
    /// <summary>Fraction done, when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 ? (double)BytesReceived / TotalBytes.Value : null;
    /// <inheritdoc/>
    public override string ToString() =>
        $"{BytesReceived / 1e6:0.0} MB" + (TotalBytes is long t ? $" of {t / 1e6:0.0} MB ({Fraction:P0})" : "")
            + (Resumed ? " (resumed)" : "");
}

/// <summary>
/// Downloads a file into a partial file beside the destination, resuming a partial file left by an
/// interrupted download (HTTP Range), verifies its MD5, and renames it into place atomically.
/// </summary>
public static class Cifar10Download
{
    /// <summary>Suffix of the file a download writes to before it is complete and verified.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destination"/>; returns the destination.</summary>
    /// <exception cref="DataFormatException">the downloaded file's
    /// MD5 differs from <paramref name="expectedMd5"/>.</exception>
    /// <exception cref="HttpRequestException">the network or server
    /// failed; the partial file is kept for a resume.</exception>
    public static async Task<string> DownloadAsync(Uri url, string destination, string? expectedMd5,
        IProgress<DownloadProgress>? progress = null, HttpClient? client = null,
        CancellationToken cancellationToken = default)
    {
        if (File.Exists(destination)) return destination;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var partial = destination + PartialSuffix;
        var http = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
            using var response = await http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            {
                // The partial file already holds the whole body: verify it below.
            }
            else
            {
                response.EnsureSuccessStatusCode();
                bool resumed = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
                if (!resumed) existing = 0; // server ignored the range: start over
                long? total = response.Content.Headers.ContentLength is long len ? len + existing : null;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken)
                    .ConfigureAwait(false);
                await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create,
                    FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                var buffer = new byte[1 << 16];
                long received = existing, lastReport = 0;
                progress?.Report(new DownloadProgress(received, total, resumed));
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                    if (received - lastReport >= 1 << 20)
                    {
                        progress?.Report(new DownloadProgress(received, total, resumed));
                        lastReport = received;
                    }
                }
                progress?.Report(new DownloadProgress(received, total, resumed));
                if (total is long t && received != t)
                    throw new HttpRequestException($"download of {url} ended after {received} of {t} bytes; " +
                        $"run it again to resume from {partial}.");
            }
        }
        finally
        {
            if (client is null) http.Dispose();
        }
        if (expectedMd5 is not null)
        {
            var actual = Md5Of(partial);
            if (!actual.Equals(expectedMd5, StringComparison.OrdinalIgnoreCase))
            {
                var rejected = destination + ".md5-mismatch";
                File.Move(partial, rejected, overwrite: true);
                throw new DataFormatException(
                    $"{url}: the downloaded file's MD5 is {actual}, expected {expectedMd5}; " +
                    $"it was kept as {rejected} and not used. Fetch again, or pass a local copy of the archive " +
                    "explicitly (--data PATH or NOTEBOOKNET_CIFAR10).");
            }
        }
        File.Move(partial, destination, overwrite: false);
        return destination;
    }

    /// <summary>MD5 of a file as lower-case hex.</summary>
    public static string Md5Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
