using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plotly.NET;
using NotebookNet.Interactive;

namespace NotebookNet.Reporting;

/// <summary>Where one exported chart went.</summary>
/// <param name="Html">The standalone HTML file (plotly.js inlined).</param>
/// <param name="Png">The PNG file, written in the background (null when no Chromium was found).</param>
/// <param name="Title">The chart's title, if any.</param>
public sealed record ExportedFigure(string Html, string? Png, string? Title);

/// <summary>
/// Saves every chart a notebook shows to <c>&lt;artifacts&gt;/figures/&lt;stem&gt;-&lt;nn&gt;-&lt;slug&gt;.html</c>
/// (standalone, plotly.js inlined, offline) and <c>.png</c> (a headless Chromium screenshot, done on a
/// background queue; skipped with one warning when no Chromium is found). The chart formatter registered by
/// <see cref="Notebook.Setup"/> calls <see cref="Export(JsonObject)"/> for each chart it formats.
/// </summary>
public static class FigureExport
{
    /// <summary>Environment variable naming the Chromium executable (else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on PATH).</summary>
    public const string ChromiumVariable = "NOTEBOOKNET_CHROMIUM";

    private static readonly object Gate = new();
    private static Task _pending = Task.CompletedTask;
    private static int _counter;
    private static int _queued;
    private static bool _warned;
    private static readonly Lazy<string?> Chromium = new(FindChromium);

    /// <summary>The notebook stem used in figure names (set by <see cref="Notebook.Setup"/>).</summary>
    public static string Stem { get; private set; } = "figure";

    /// <summary>Whether PNGs are rendered (default true; false to write HTML only).</summary>
    public static bool PngEnabled { get; set; } = true;

    /// <summary>Whether charts are exported at all when formatted (default true).</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary><c>&lt;artifacts&gt;/figures</c>: <see cref="ResultsStore.ArtifactsDirectory"/> + <c>figures</c>.</summary>
    public static string FiguresDirectory => Path.Combine(ResultsStore.ArtifactsDirectory, "figures");

    /// <summary>Starts numbering figures from 01 under a new stem (a notebook's file name without extension).</summary>
    public static void Begin(string stem)
    {
        lock (Gate) { Stem = SafeStem(stem); _counter = 0; }
    }

    /// <summary>A stem as it appears in figure names: characters invalid in file names and white space become '-' (<c>figure</c> when empty).</summary>
    public static string SafeStem(string stem)
    {
        var safe = string.Concat(stem.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '-' : c));
        return safe.Length == 0 ? "figure" : safe;
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> (any extension) is a figure of notebook <paramref name="stem"/>:
    /// <c>&lt;stem&gt;-&lt;nn&gt;-…</c>. Unlike <c>&lt;stem&gt;-*</c> it skips the figures of a notebook whose stem only starts
    /// with this one (<c>02</c> and <c>02-cyclical-runs</c>); a stem that is this one plus <c>-</c> and digits would still be ambiguous.
    /// </summary>
    public static bool IsFigureOf(string fileName, string stem) =>
        Regex.IsMatch(fileName, $@"^{Regex.Escape(SafeStem(stem))}-\d{{2,}}-");

    /// <summary>Notebook <paramref name="stem"/>'s figure pages (<c>.html</c>) in <paramref name="directory"/>, in figure order (none when the folder is missing).</summary>
    public static string[] FigurePages(string directory, string stem) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.html").Where(f => IsFigureOf(Path.GetFileName(f), stem)).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Exports a chart under the next number; returns the paths (the PNG appears when <see cref="WhenIdle"/> completes).</summary>
    public static ExportedFigure Export(GenericChart chart) => Export(ChartHtml.Figure(chart));

    /// <inheritdoc cref="Export(GenericChart)"/>
    public static ExportedFigure Export(JsonObject figure)
    {
        int n;
        string stem;
        lock (Gate) { n = ++_counter; stem = Stem; }
        var title = ChartHtml.Title(figure);
        var dir = FiguresDirectory;
        Directory.CreateDirectory(dir);
        var baseName = $"{stem}-{n:00}-{Slug(title ?? "chart", 48)}";
        var html = Path.Combine(dir, baseName + ".html");
        WriteAtomically(html, ChartHtml.Document(figure));
        string? png = null;
        if (PngEnabled)
        {
            if (Chromium.Value is { } chromium)
            {
                png = Path.Combine(dir, baseName + ".png");
                var (w, h) = ChartHtml.Size(figure);
                var target = png;
                Interlocked.Increment(ref _queued);
                lock (Gate) _pending = _pending.ContinueWith(_ =>
                    {
                        try { RenderQueuedAsync(chromium, html, target, w, h).GetAwaiter().GetResult(); }
                        finally { Interlocked.Decrement(ref _queued); }
                    }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            else if (!_warned)
            {
                _warned = true;
                Console.Error.WriteLine($"warning: no Chromium found (PATH: chromium, chromium-browser, google-chrome; or ${ChromiumVariable}): figures are saved as HTML only, PNG export skipped.");
            }
        }
        return new ExportedFigure(html, png, title);
    }

    /// <summary>How many PNGs are queued or being rendered.</summary>
    public static int PendingPngs => Volatile.Read(ref _queued);

    /// <summary>Completes when every queued PNG has been written (or has failed with a warning).</summary>
    public static Task WhenIdle()
    {
        lock (Gate) return _pending;
    }

    /// <summary>The Chromium executable: <c>$NOTEBOOKNET_CHROMIUM</c>, else the first of chromium, chromium-browser, google-chrome(-stable) on PATH; null if none.</summary>
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

    /// <summary>
    /// Screenshots a standalone chart page with headless Chromium into a PNG of <paramref name="width"/> × <paramref name="height"/>
    /// CSS pixels at device scale 2. Returns false (after a warning on stderr) when Chromium fails or takes over a minute.
    /// </summary>
    public static async Task<bool> RenderPngAsync(string chromium, string htmlPath, string pngPath, int width, int height, CancellationToken cancellationToken = default)
    {
        var profile = Path.Combine(Path.GetTempPath(), "notebooknet-chromium-" + Guid.NewGuid().ToString("N"));
        var temp = pngPath + ".tmp.png";
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in ChromiumArguments(profile).Concat([
            "--force-device-scale-factor=2", "--virtual-time-budget=3000",
            $"--window-size={width},{height}", $"--screenshot={temp}", PageUrl(htmlPath)])) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("Chromium took over 60 s"); }
            if (!File.Exists(temp) || new FileInfo(temp).Length == 0)
                throw new IOException($"Chromium exited with code {process.ExitCode} without a screenshot: {Tail(await stderr)}");
            File.Move(temp, pngPath, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"warning: PNG export of {Path.GetFileName(htmlPath)} failed: {e.Message}");
            return false;
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Flags for a quiet, offline headless Chromium with a fresh profile (the closed network refuses its background connections otherwise).</summary>
    internal static string[] ChromiumArguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
        "--disable-default-apps", "--no-default-browser-check", $"--user-data-dir={profile}",
    ];

    private static string PageUrl(string htmlPath) => new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri + "?static";

    private static FigureChromium? _browser;
    private static bool _browserFailed;
    private static DateTime _lastUse;
    private static Timer? _idleTimer;

    /// <summary>
    /// Renders one queued PNG: through a Chromium kept running (DevTools protocol), else one Chromium process per
    /// figure. The kept browser closes after 30 s without work and when the process exits.
    /// </summary>
    private static async Task RenderQueuedAsync(string chromium, string htmlPath, string pngPath, int width, int height)
    {
        if (!_browserFailed)
        {
            try
            {
                if (_browser is not { IsAlive: true })
                {
                    _browser?.Dispose();
                    _browser = await FigureChromium.StartAsync(chromium, CancellationToken.None);
                    if (_idleTimer is null) // first browser of the process: hooks that serve every later one too
                    {
                        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopBrowser();
                        _idleTimer = new Timer(_ => { lock (Gate) { if (_browser is not null && _queued == 0 && DateTime.UtcNow - _lastUse > TimeSpan.FromSeconds(30)) _pending = _pending.ContinueWith(_ => StopBrowser(), TaskScheduler.Default); } },
                            null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
                    }
                }
                var png = await _browser.ScreenshotAsync(PageUrl(htmlPath), width, height, CancellationToken.None);
                var temp = pngPath + ".tmp.png";
                await File.WriteAllBytesAsync(temp, png);
                File.Move(temp, pngPath, overwrite: true);
                _lastUse = DateTime.UtcNow;
                return;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"note: kept-alive Chromium failed ({e.Message}); using one Chromium process per figure.");
                _browserFailed = true;
                StopBrowser();
            }
        }
        await RenderPngAsync(chromium, htmlPath, pngPath, width, height);
        _lastUse = DateTime.UtcNow;
    }

    /// <summary>Closes the kept-alive Chromium, if any (the next PNG starts a new one).</summary>
    public static void StopBrowser()
    {
        var browser = Interlocked.Exchange(ref _browser, null);
        browser?.Dispose();
    }

    /// <summary>A lower-case file-name slug: letters and digits kept (accents and Greek transliterated loosely), others to '-'.</summary>
    public static string Slug(string text, int maxLength)
    {
        var s = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            var c = ch switch { 'λ' or 'Λ' => "lambda", 'η' => "eta", 'σ' => "sigma", 'μ' => "mu", '×' => "x", _ => null };
            if (c is not null) s.Append(c);
            else if (char.IsAsciiLetterOrDigit(ch)) s.Append(char.ToLowerInvariant(ch));
            else if (char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (s.Length > 0 && s[^1] != '-') s.Append('-');
        }
        var slug = s.ToString().Trim('-');
        if (slug.Length > maxLength) slug = slug[..maxLength].TrimEnd('-');
        return slug.Length == 0 ? "chart" : slug;
    }

    private static string Tail(string s) => s.Length > 400 ? s[^400..] : s;

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
