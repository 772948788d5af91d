using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Reporting;

/// <summary>
/// Figures as HTML that works offline, drawn by <see cref="PlotlyJs"/> (never a CDN): <see cref="Fragment"/> is a
/// notebook output (a <c>div</c> + script), <see cref="Document"/> a standalone page. Both take plotly's figure JSON
/// (<see cref="Figure.ToJson"/>, or a Plotly.NET chart's JSON), so every kind of chart goes one way.
/// </summary>
public static class FigureHtml
{
    /// <summary>The class of the element that carries plotly.js in a
    /// notebook output (a report replaces it with a shared file).</summary>
    public const string CarrierClass = "notebooknet-plotlyjs";

    private static readonly Lazy<string> Carrier = new(PackPlotlyJs);

    /// <summary>
    /// The <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> in a notebook: plotly.js gzip-compressed and
    /// base64-encoded (1.5 MB instead of 3.6 MB), unpacked by the browser's <c>DecompressionStream</c> (VS Code, Chrome
    /// 80+, Firefox 113+, Safari 16.4+) and evaluated with <c>define</c>/<c>module</c> hidden, so its UMD wrapper sets
    /// the global even under RequireJS (classic Jupyter). Charts drawn before it finishes wait for
    /// <c>window.Plotly</c>.
    /// </summary>
    public static string PlotlyCarrierElement => Carrier.Value;

    /// <summary>The layout title's text, or null.</summary>
    public static string? Title(JsonObject figure) =>
        figure["layout"]?["title"] switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o => o["text"]?.GetValue<string>(),
            _ => null,
        };

    /// <summary>The layout's width and height in CSS pixels (plotly's defaults, 600 × 600, when unset).</summary>
    public static (int Width, int Height) Size(JsonObject figure)
    {
        static int Read(JsonNode? n) =>
            n is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0
                ? (int)Math.Round(d) : Figure.DefaultSize;
        return (Read(figure["layout"]?["width"]), Read(figure["layout"]?["height"]));
    }

    /// <summary>A chart's <c>text/plain</c> form: <c>Plotly chart "title" (width×height)</c>.</summary>
    public static string Caption(string? title, int width, int height) =>
        $"Plotly chart \"{title ?? "untitled"}\" ({width}×{height})";

    /// <summary>
    /// A notebook output: a <c>div</c> drawn by <c>Plotly.newPlot</c>. With <paramref name="includePlotlyJs"/> the
    /// output carries plotly.js itself; otherwise it waits for <c>window.Plotly</c>, defined by an earlier output
    /// (the first chart of the notebook), which keeps executed notebooks small.
    /// </summary>
    public static string Fragment(JsonObject figure, bool includePlotlyJs)
    {
        var id = "nbn-" + Guid.NewGuid().ToString("N")[..12];
        var (width, height) = Size(figure);
        var json = figure.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace("</", "<\\/");
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-chart\">");
        if (includePlotlyJs) html.Append(PlotlyCarrierElement);
        html.Append($"<div id=\"{id}\" style=\"width:{width}px;height:{height}px;max-width:100%\">")
            .Append("<span style=\"font:12px sans-serif;color:#888\">Plotly chart \u201c")
            .Append(WebUtility.HtmlEncode(Title(figure) ?? "untitled"))
            .Append("\u201d: drawn by plotly.js when JavaScript runs ")
            .Append("(plotly.js comes with the first chart of this notebook).</span></div>")
            .Append("<script type=\"text/javascript\">(function(){\nvar figure = ").Append(json).Append(";\n")
            .Append("function draw(){ var el = document.getElementById('").Append(id).Append("'); el.innerHTML = ''; ")
            .Append("window.Plotly.newPlot(el, figure.data, figure.layout, figure.config); }\n")
            .Append("if (window.Plotly) draw(); else { var waited = 0; var timer = setInterval(function(){ ")
            .Append("if (window.Plotly) { clearInterval(timer); draw(); } else if ((waited += 100) == 5000) { ")
            .Append("var el = document.getElementById('").Append(id).Append("'); if (el) el.firstChild.textContent = ")
            .Append("'plotly.js is not loaded yet: it comes with the first chart shown after ")
            .Append("NotebookNet.Interactive.Notebook.Setup(). Re-run the setup cell, then this cell.'; } }, 100); }\n")
            .Append("})();</script></div>");
        return html.ToString();
    }

    /// <summary>
    /// A standalone HTML page that loads plotly.js from <paramref name="plotlyJsSource"/> (a relative path to the
    /// shared copy, e.g. <c>../plotly.min.js</c>): it opens offline beside that file. <c>?static</c> in the URL hides
    /// the mode bar.
    /// </summary>
    public static string Document(JsonObject figure, string plotlyJsSource)
    {
        var title = WebUtility.HtmlEncode(Title(figure) ?? "chart");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
            + "<style>html,body{margin:0;padding:0;background:#fff}"
            + ".nbn-static .modebar-container{display:none!important}</style>"
            + "<script>if (location.search.indexOf('static') >= 0) document.documentElement.className += ' nbn-static';"
            + "</script><script src=\"" + WebUtility.HtmlEncode(plotlyJsSource) + "\"></script></head><body>"
            + Fragment(figure, includePlotlyJs: false) + "</body></html>\n";
    }

    private static string PackPlotlyJs()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(PlotlyJs.Script));
        var packed = Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length);
        return "<script type=\"text/javascript\" class=\"" + CarrierClass + "\">(function(){\n"
            + "if (window.Plotly || window.__notebooknetPlotly) return;\n"
            + "if (typeof DecompressionStream === 'undefined') { "
            + "console.warn('NotebookNet: this viewer cannot unpack plotly.js "
            + "(no DecompressionStream); open the report in artifacts/reports/ instead.'); return; }\n"
            + "var packed = '" + packed + "';\n"
            + "var bytes = Uint8Array.from(atob(packed), function(c){ return c.charCodeAt(0); });\n"
            + "window.__notebooknetPlotly = new Response(new Blob([bytes]).stream()"
            + ".pipeThrough(new DecompressionStream('gzip')))"
            + ".text().then(function(js){ (new Function('define', 'module', 'exports', js)).call(window); });\n"
            + "})();</script>";
    }
}
