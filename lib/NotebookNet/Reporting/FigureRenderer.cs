using System.Text.Json.Nodes;
using PuppeteerSharp;

namespace NotebookNet.Reporting;

/// <summary>
/// Renders figures to PNG, SVG and PDF with one headless Chromium kept running, driven through PuppeteerSharp: one page
/// holds plotly.js, and each figure is drawn there once and exported by plotly.js's own <c>Plotly.toImage</c> (PNG,
/// SVG) or Chromium's print (PDF, one page the figure's size): no page load, no re-parse of plotly.js, a fraction of a
/// second a figure. Files use the <see cref="PrintLayout"/>. Work is queued and done one figure at a time in the
/// background, so a notebook never waits for it; <see cref="WhenIdle"/> completes when the queue is empty. The browser
/// closes after <see cref="IdleTimeout"/> without work; when the process exits, what is queued gets a few seconds to
/// finish and the browser closes quietly. A failure is one warning on stderr, never a failed cell.
/// </summary>
public sealed class FigureRenderer : IAsyncDisposable
{
    /// <summary>Environment variable naming the Chromium executable (else
    /// <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on PATH).</summary>
    public const string ChromiumVariable = "NOTEBOOKNET_CHROMIUM";

    /// <summary>Scale of PNGs: 2 device pixels per CSS pixel, for print.</summary>
    public const int PngScale = 2;

    /// <summary>How long the browser stays open without work.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a process that is exiting waits for queued figures.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(4);

    private const string Draw = """
        async (figure) => {
            const el = document.getElementById('figure');
            const layout = Object.assign({}, figure.layout);
            const width = layout.width || 600, height = layout.height || 600;
            el.style.width = width + 'px';
            el.style.height = height + 'px';
            document.getElementById('page').textContent = '@page { size: ' + width + 'px ' + height + 'px; margin: 0 }';
            await Plotly.react(el, figure.data, layout, { staticPlot: true });
        }
        """;

    private const string Export = """
        async (format, scale) => {
            const el = document.getElementById('figure');
            return await Plotly.toImage(el,
                { format: format, width: el._fullLayout.width, height: el._fullLayout.height, scale: scale });
        }
        """;

    private static readonly Lazy<FigureRenderer?> SharedRenderer =
        new(() => FindChromium() is { } path ? new FigureRenderer(path) : null);

    private readonly SemaphoreSlim _browserGate = new(1, 1);
    private readonly Lock _queueGate = new();
    private readonly Timer _idleTimer;
    private Task _queue = Task.CompletedTask;
    private int _pending;
    private IBrowser? _browser;
    private IPage? _page;
    private string? _profile;
    private DateTime _lastUse = DateTime.UtcNow;
    private volatile bool _exiting;
    private bool _disposed;

    /// <summary>A renderer using the Chromium at <paramref name="chromium"/> (started on first use).</summary>
    public FigureRenderer(string chromium)
    {
        Chromium = chromium;
        _idleTimer = new Timer(_ => CloseIfIdle(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => OnProcessExit();
    }

    /// <summary>One renderer per process for kernels (null when no Chromium is installed).</summary>
    public static FigureRenderer? Shared => SharedRenderer.Value;

    /// <summary>The Chromium executable.</summary>
    public string Chromium { get; }

    /// <summary>How many figures are queued or being rendered.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>The Chromium executable: <c>$NOTEBOOKNET_CHROMIUM</c>, else the first of
    /// chromium, chromium-browser, google-chrome(-stable) on PATH; null if none.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } env)
            return File.Exists(env) ? env : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Queues the files of <paramref name="figure"/> (plotly figure JSON):
    /// <paramref name="pathWithoutExtension"/> plus each format's extension.</summary>
    /// <returns>Completes with true when every file was written, false after a warning.</returns>
    public Task<bool> Enqueue(JsonObject figure, string pathWithoutExtension, FigureFormats formats)
    {
        var snapshot = figure.DeepClone().AsObject();
        return Enqueue(() => WriteAsync(snapshot, pathWithoutExtension, formats, CancellationToken.None));
    }

    /// <summary>Starts the browser in the background, so the first
    /// figure does not wait for it (a notebook's setup cell).</summary>
    public void WarmUp() => _ = Enqueue(async () =>
    {
        try
        {
            await _browserGate.WaitAsync();
            try { await PageAsync(); }
            finally { _browserGate.Release(); }
            return true;
        }
        catch (Exception) { return false; } // the first figure reports the problem
    });

    private Task<bool> Enqueue(Func<Task<bool>> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _pending);
        lock (_queueGate)
        {
            var job = _queue.ContinueWith(async _ =>
            {
                try { return await work(); }
                finally { Interlocked.Decrement(ref _pending); }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _queue = job;
            return job;
        }
    }

    /// <summary>Completes when every queued figure has been rendered (or has failed with a warning).</summary>
    public Task WhenIdle()
    {
        lock (_queueGate) return _queue;
    }

    /// <summary>
    /// Renders a figure's files now, in the <see cref="PrintLayout"/>, each written atomically; false after a
    /// warning on stderr. A browser that died (crashed, or killed with its process group) is started again once.
    /// </summary>
    public async Task<bool> WriteAsync(JsonObject figure, string pathWithoutExtension, FigureFormats formats,
        CancellationToken cancellationToken)
    {
        var print = PrintLayout.Apply(figure);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var files = await RenderAsync(print, formats, cancellationToken);
                foreach (var (format, bytes) in files)
                {
                    var path = pathWithoutExtension + FigureFormat.Extension(format);
                    await File.WriteAllBytesAsync(path + ".tmp", bytes, cancellationToken);
                    File.Move(path + ".tmp", path, overwrite: true);
                }
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 1 && !_exiting && _browser is not { IsClosed: false }) continue;
                if (!_exiting)
                    Console.Error.WriteLine(
                        $"warning: export of {Path.GetFileName(pathWithoutExtension)} ({formats}) failed: {e.Message}");
                return false;
            }
        }
    }

    /// <summary>Draws a figure (as given: no print layout) and returns each requested format's bytes.</summary>
    public async Task<IReadOnlyList<(FigureFormats Format, byte[] Bytes)>> RenderAsync(JsonObject figure,
        FigureFormats formats, CancellationToken cancellationToken)
    {
        await _browserGate.WaitAsync(cancellationToken);
        try
        {
            var page = await PageAsync();
            await page.EvaluateFunctionAsync(Draw, figure);
            var files = new List<(FigureFormats, byte[])>();
            foreach (var format in FigureFormat.Each.Where(f => formats.HasFlag(f)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (format == FigureFormats.Pdf)
                {
                    // The page size is the figure's, from the @page rule Draw sets: one page, nothing scaled.
                    files.Add((format, await page.PdfDataAsync(new PdfOptions
                    {
                        PreferCSSPageSize = true, PrintBackground = true, PageRanges = "1",
                    })));
                }
                else
                {
                    var url = await page.EvaluateFunctionAsync<string>(Export,
                        format == FigureFormats.Png ? "png" : "svg", format == FigureFormats.Png ? PngScale : 1);
                    files.Add((format, DataUrl.Decode(url)));
                }
            }
            _lastUse = DateTime.UtcNow;
            return files;
        }
        finally { _browserGate.Release(); }
    }

    /// <summary>The one page figures are drawn in, with plotly.js
    /// loaded, in the kept browser (both started when needed).</summary>
    private async Task<IPage> PageAsync()
    {
        if (_browser is { IsClosed: false } && _page is { IsClosed: false } open) return open;
        CloseBrowserQuietly();
        _profile = Path.Combine(Path.GetTempPath(), "notebooknet-chromium-" + Guid.NewGuid().ToString("N"));
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Over a pipe, not a WebSocket: Chromium exits when this process does, however it ends (a kernel is
            // often killed rather than shut down), instead of lingering and holding its parent's output open.
            Pipe = true,
            UserDataDir = _profile,
            Timeout = 60_000,
            // Quiet and offline: the closed network here refuses Chromium's background connections otherwise.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--disable-default-apps", "--no-default-browser-check",
            ],
        });
        var pages = await _browser.PagesAsync();
        var page = pages.Length > 0 ? pages[0] : await _browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style id=\"page\"></style>"
            + "<style>html,body{margin:0;padding:0;background:#fff;overflow:hidden}</style></head>"
            + "<body><div id=\"figure\"></div></body></html>");
        await page.AddScriptTagAsync(new AddTagOptions { Content = PlotlyJs.Script });
        _page = page;
        return page;
    }

    private void CloseIfIdle()
    {
        if (_browser is null || Pending > 0 || DateTime.UtcNow - _lastUse < IdleTimeout) return;
        if (!_browserGate.Wait(0)) return;
        try { CloseBrowserQuietly(); }
        finally { _browserGate.Release(); }
    }

    /// <summary>The process is ending: give queued figures a moment, then close the browser without a word.</summary>
    private void OnProcessExit()
    {
        _exiting = true; // from here on a failure is the exit's doing: counted below, not warned one by one
        if (Pending > 0)
        {
            bool done = WhenIdle().Wait(ExitGrace);
            if (!done)
                Console.Error.WriteLine(
                    $"note: {Pending} figure(s) were not rendered to PNG/SVG/PDF before the process exited " +
                    "(their HTML pages are written).");
        }
        CloseBrowserQuietly();
    }

    /// <summary>Closes the browser, if one runs, swallowing every error: it is only ever a cache.</summary>
    private void CloseBrowserQuietly()
    {
        var browser = Interlocked.Exchange(ref _browser, null);
        _page = null;
        try { browser?.CloseAsync().Wait(TimeSpan.FromSeconds(5)); }
        catch (Exception) { /* the process may be exiting; Chromium dies with it */ }
        try { if (_profile is { } dir && Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Closes the browser; figures still queued are dropped
    /// quietly (await <see cref="WhenIdle"/> first to keep them).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _exiting = true;
        await _idleTimer.DisposeAsync();
        CloseBrowserQuietly();
    }
}
