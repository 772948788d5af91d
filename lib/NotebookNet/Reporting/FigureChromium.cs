using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Reporting;

/// <summary>
/// One headless Chromium kept running for PNG export, driven over the DevTools protocol (a local WebSocket):
/// each figure is a navigation plus a screenshot (well under a second) instead of a browser start (several
/// seconds). <see cref="FigureExport"/> falls back to one <c>--screenshot</c> process per figure if this fails.
/// </summary>
internal sealed class FigureChromium : IDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private string _session = "";
    private int _nextId;

    private FigureChromium(Process process, string profile) { _process = process; _profile = profile; }

    /// <summary>Starts Chromium with a fresh profile, connects, and opens one page.</summary>
    public static async Task<FigureChromium> StartAsync(string chromium, CancellationToken cancellationToken)
    {
        var profile = Path.Combine(Path.GetTempPath(), "notebooknet-chromium-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in FigureExport.ChromiumArguments(profile)) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--remote-debugging-port=0");
        info.ArgumentList.Add("about:blank");
        var process = Process.Start(info)!;
        var browser = new FigureChromium(process, profile);
        try
        {
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(async () =>
            {
                while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
                {
                    var at = line.IndexOf("ws://", StringComparison.Ordinal);
                    if (line.Contains("DevTools listening on", StringComparison.Ordinal) && at >= 0) endpoint.TrySetResult(line[at..].Trim());
                }
                endpoint.TrySetException(new IOException("Chromium exited before opening the DevTools endpoint."));
            }, cancellationToken);
            var ready = await Task.WhenAny(endpoint.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
            if (ready != endpoint.Task) throw new TimeoutException("Chromium did not open its DevTools endpoint within 30 s.");
            await browser._socket.ConnectAsync(new Uri(await endpoint.Task), cancellationToken);
            _ = Task.Run(browser.ReceiveLoop, CancellationToken.None);
            var target = await browser.CallAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
            var attached = await browser.CallAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, null, cancellationToken);
            browser._session = attached["sessionId"]!.GetValue<string>();
            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>True while the browser process and connection are alive.</summary>
    public bool IsAlive => !_process.HasExited && _socket.State == WebSocketState.Open;

    /// <summary>Loads a page at <paramref name="width"/> × <paramref name="height"/> CSS pixels (device scale 2), waits for the chart, returns the PNG bytes.</summary>
    public async Task<byte[]> ScreenshotAsync(string url, int width, int height, CancellationToken cancellationToken)
    {
        await CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 2, ["mobile"] = false }, _session, cancellationToken);
        await CallAsync("Page.navigate", new JsonObject { ["url"] = url }, _session, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await CallAsync("Runtime.evaluate", new JsonObject
            {
                ["expression"] = "document.readyState === 'complete' && (!!document.querySelector('.main-svg') || !document.querySelector('.notebooknet-chart'))",
                ["returnByValue"] = true,
            }, _session, cancellationToken);
            if (state["result"]?["value"]?.GetValue<bool>() == true) break;
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("the chart did not render within 20 s.");
            await Task.Delay(50, cancellationToken);
        }
        await Task.Delay(100, cancellationToken); // let plotly finish its layout pass
        var shot = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, _session, cancellationToken);
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    private async Task<JsonObject> CallAsync(string method, JsonObject parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using (timeout.Token.Register(() => reply.TrySetException(new TimeoutException($"Chromium did not answer {method} within 30 s."))))
        {
            var result = await reply.Task;
            _calls.TryRemove(id, out _);
            return result;
        }
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray()) as JsonObject;
                message.SetLength(0);
                if (node?["id"] is JsonValue idValue && _calls.TryGetValue(idValue.GetValue<int>(), out var call))
                {
                    if (node["error"] is JsonObject error) call.TrySetException(new IOException($"Chromium: {error["message"]}"));
                    else call.TrySetResult(node["result"] as JsonObject ?? []);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or System.Text.Json.JsonException) { }
        foreach (var call in _calls.Values) call.TrySetException(new IOException("the Chromium connection closed."));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        try { _socket.Abort(); _socket.Dispose(); } catch (WebSocketException) { }
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
