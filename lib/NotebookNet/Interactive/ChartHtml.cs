using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace NotebookNet.Interactive;

/// <summary>
/// Plotly.NET charts as HTML that works offline: plotly.js comes from the copy embedded in the
/// Plotly.NET assembly (never a CDN). <see cref="Fragment(GenericChart, bool)"/> is a notebook output (a <c>div</c> + script),
/// <see cref="Document(GenericChart)"/> a standalone page.
/// </summary>
public static class ChartHtml
{
    private static readonly Lazy<string> Script = new(LoadPlotlyJs);

    /// <summary>The minified plotly.js embedded in Plotly.NET (about 3.6 MB).</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>
    /// <c>&lt;script&gt;</c> element defining <c>window.Plotly</c>, safe under RequireJS/AMD hosts
    /// (classic Jupyter): the UMD wrapper sees no <c>define</c>/<c>module</c> and sets the global.
    /// </summary>
    public static string PlotlyScriptElement => ScriptElement.Value;

    private static readonly Lazy<string> ScriptElement = new(() =>
        "<script type=\"text/javascript\">(function(){var define=undefined, module=undefined, exports=undefined;\n"
        + PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
        + "\n}).call(window);</script>");

    /// <summary>The chart's <c>{data, layout, config}</c> as plotly.js JSON.</summary>
    public static JsonObject Figure(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        figure.Remove("frames");
        figure["config"] ??= new JsonObject { ["responsive"] = true };
        return figure;
    }

    /// <summary>The layout title's text, or null.</summary>
    public static string? Title(JsonObject figure) =>
        figure["layout"]?["title"] switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o => o["text"]?.GetValue<string>(),
            _ => null,
        };

    /// <summary>The layout's width and height in CSS pixels (Plotly.NET's defaults, 600 × 600, when unset).</summary>
    public static (int Width, int Height) Size(JsonObject figure)
    {
        static int Read(JsonNode? n, int fallback) => n is JsonValue v && v.TryGetValue(out double d) && d > 0 ? (int)Math.Round(d) : fallback;
        return (Read(figure["layout"]?["width"], 600), Read(figure["layout"]?["height"], 600));
    }

    /// <summary>
    /// The chart's <c>text/plain</c> form, <c>Plotly chart "title" (width×height)</c>: the same title and size as
    /// <see cref="Title"/> and <see cref="Size"/> of its <see cref="Figure"/>, read from the layout alone (the traces,
    /// which can be large, are not serialised).
    /// </summary>
    public static string Caption(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        object? Property(DynamicObj.DynamicObj o, string name) => o.TryGetPropertyValue(name) is { } some ? some.Value : null;
        var title = Property(layout, "title") switch
        {
            string s => s,
            DynamicObj.DynamicObj t => Property(t, "text") as string,              // Title.init(Text: …)
            System.Collections.IDictionary d => d["text"] as string,               // a dictionary set on the layout (Charts.Style)
            _ => null,
        };
        int Read(string name) => Property(layout, name) is IConvertible c && c.ToDouble(CultureInfo.InvariantCulture) is var d && d > 0 ? (int)Math.Round(d) : 600;
        return $"Plotly chart \"{title ?? "untitled"}\" ({Read("width")}×{Read("height")})";
    }

    /// <summary>
    /// A notebook output: a <c>div</c> drawn by <c>Plotly.newPlot</c>. With <paramref name="includePlotlyJs"/> the
    /// output carries plotly.js itself; otherwise it waits for <c>window.Plotly</c>, defined by an earlier output
    /// (the first chart of the notebook), which keeps executed notebooks small.
    /// </summary>
    public static string Fragment(GenericChart chart, bool includePlotlyJs) => Fragment(Figure(chart), includePlotlyJs);

    /// <inheritdoc cref="Fragment(GenericChart, bool)"/>
    public static string Fragment(JsonObject figure, bool includePlotlyJs)
    {
        var id = "nbn-" + Guid.NewGuid().ToString("N")[..12];
        var (width, height) = Size(figure);
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-chart\">");
        if (includePlotlyJs) html.Append(PlotlyScriptElement);
        html.Append($"<div id=\"{id}\" style=\"width:{width}px;height:{height}px;max-width:100%\">")
            .Append("<span style=\"font:12px sans-serif;color:#888\">Plotly chart \u201c").Append(System.Net.WebUtility.HtmlEncode(Title(figure) ?? "untitled"))
            .Append("\u201d: drawn by plotly.js when JavaScript runs (plotly.js comes with the first chart of this notebook).</span></div>")
            .Append("<script type=\"text/javascript\">(function(){\nvar figure = ")
            .Append(figure.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace("</", "<\\/"))
            .Append(";\nfunction draw(){ var el = document.getElementById('").Append(id).Append("'); el.innerHTML = ''; window.Plotly.newPlot(el, figure.data, figure.layout, figure.config); }\n")
            .Append("if (window.Plotly) draw(); else { var waited = 0; var timer = setInterval(function(){ if (window.Plotly) { clearInterval(timer); draw(); } else if ((waited += 100) == 5000) { var el = document.getElementById('").Append(id)
            .Append("'); if (el) el.firstChild.textContent = 'plotly.js is not loaded yet: it comes with the first chart shown after NotebookNet.Interactive.Notebook.Setup(). Re-run the setup cell, then this cell.'; } }, 100); }\n")
            .Append("})();</script></div>");
        return html.ToString();
    }

    /// <summary>A standalone HTML page with plotly.js inlined (opens offline in any browser, and is what the PNG export screenshots; <c>?static</c> in the URL hides the mode bar).</summary>
    public static string Document(GenericChart chart) => Document(Figure(chart));

    /// <inheritdoc cref="Document(GenericChart)"/>
    public static string Document(JsonObject figure)
    {
        var title = System.Net.WebUtility.HtmlEncode(Title(figure) ?? "chart");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
            + "<style>html,body{margin:0;padding:0;background:#fff}.nbn-static .modebar-container{display:none!important}</style>"
            + "<script>if (location.search.indexOf('static') >= 0) document.documentElement.className += ' nbn-static';</script>"
            + PlotlyScriptElement + "</head><body>" + Fragment(figure, includePlotlyJs: false) + "</body></html>\n";
    }

    private static string LoadPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.js (no *.min.js resource).");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
