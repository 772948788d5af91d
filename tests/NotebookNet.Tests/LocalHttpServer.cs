using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NotebookNet.Tests;

/// <summary>
/// A tiny HTTP/1.1 file server on 127.0.0.1 for download tests: serves one body, honours
/// <c>Range: bytes=N-</c> (206 / 416), can drop the connection after N body bytes of a given request,
/// records every request's Range header, closes each connection after its response, and stops by
/// itself after <see cref="Lifetime"/> or on dispose.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(Lifetime);
    private readonly byte[] _body;
    private readonly Func<int, long?> _dropAfter;
    private readonly Task _loop;

    /// <param name="body">What every GET returns.</param>
    /// <param name="dropAfter">Request index (0-based) → body bytes to
    /// send before cutting the connection (null: send all).</param>
    public LocalHttpServer(byte[] body, Func<int, long?>? dropAfter = null)
    {
        _body = body;
        _dropAfter = dropAfter ?? (_ => null);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Url = new Uri($"http://127.0.0.1:{port}/{NotebookNet.Data.Cifar10.ArchiveName}");
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }
    /// <summary>The Range header of each request, in order (null when absent).</summary>
    public List<string?> Ranges { get; } = [];
    /// <summary>Called with (request index, body bytes sent so far) after each chunk.</summary>
    public Action<int, long>? OnSent { get; set; }

    private async Task LoopAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(ct);
                int index;
                await using var stream = client.GetStream();
                var headers = await ReadHeadersAsync(stream, ct);
                if (headers is null) continue;
                string? range = headers
                    .FirstOrDefault(h => h.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?[6..].Trim();
                lock (Ranges) { index = Ranges.Count; Ranges.Add(range); }
                await RespondAsync(client, stream, index, range, ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    private static async Task<List<string>?> ReadHeadersAsync(NetworkStream stream, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, ct) == 0 || text.Length > 16_384) return null;
            text.Append((char)buffer[0]);
        }
        return [.. text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private async Task RespondAsync(TcpClient client, NetworkStream stream, int index, string? range,
        CancellationToken ct)
    {
        long start = 0;
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            start = long.Parse(range[6..^1]);
        string head;
        if (start >= _body.Length && range is not null)
            head = "HTTP/1.1 416 Range Not Satisfiable\r\n" +
                   $"Content-Range: bytes */{_body.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        else if (range is not null)
            head = "HTTP/1.1 206 Partial Content\r\n" +
                   $"Content-Range: bytes {start}-{_body.Length - 1}/{_body.Length}\r\n" +
                   $"Content-Length: {_body.Length - start}\r\nConnection: close\r\n\r\n";
        else
            head = "HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\n" +
                   $"Content-Length: {_body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        if (head.Contains("416")) return;
        long end = _dropAfter(index) is long drop ? Math.Min(_body.Length, start + drop) : _body.Length;
        for (long at = start; at < end;)
        {
            int n = (int)Math.Min(16_384, end - at);
            await stream.WriteAsync(_body.AsMemory((int)at, n), ct);
            await stream.FlushAsync(ct);
            at += n;
            OnSent?.Invoke(index, at - start);
        }
        // reset: the connection breaks mid-body
        if (end < _body.Length) client.Client.LingerState = new LingerOption(true, 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
