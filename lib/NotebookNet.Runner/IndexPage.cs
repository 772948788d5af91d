using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NotebookNet.Reporting;

namespace NotebookNet.Runner;

/// <summary>
/// <c>&lt;artifacts&gt;/index.html</c>: every executed notebook (status from <c>runs.json</c>), its figures (PNG
/// thumbnails linking to the interactive HTML) and the <c>results/*.json</c> tables. Built from what is on disk, so
/// running a subset of notebooks keeps the others' entries.
/// </summary>
public static class IndexPage
{
    /// <summary>Writes the page from what is in <paramref name="outDirectory"/>; returns its path.</summary>
    public static string Write(string outDirectory)
    {
        var runs = RunLog.Read(outDirectory);
        var figuresDir = Path.Combine(outDirectory, "figures");
        var resultsDir = Path.Combine(outDirectory, "results");
        var stems = Directory.GetFiles(outDirectory, "*.ipynb")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Concat(Directory.Exists(resultsDir)
                ? Directory.GetFiles(resultsDir, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                : [])
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string U(string s) => string.Join('/', s.Split('/').Select(Uri.EscapeDataString));

        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>NotebookNet results</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font:15px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;max-width:1200px;
            margin:2em auto;padding:0 1em}
            h1{font-size:1.7em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .meta{color:#666;font-size:.9em} a{color:#1f5fa8;text-decoration:none} a:hover{text-decoration:underline}
            .badge{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.8em;color:#fff;
            vertical-align:middle}
            .passed{background:#2e7d32}.failed{background:#c62828}.interrupted{background:#ef6c00}
            .unknown{background:#888}
            .figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px;margin:1em 0}
            .fig{border:1px solid #e3e3e3;border-radius:4px;padding:6px;background:#fff}
            .fig img{width:100%;height:auto;display:block} .fig .cap{font-size:.85em;margin-top:4px}
            .noimg{height:140px;display:flex;align-items:center;justify-content:center;background:#f4f4f4;color:#888;
            font-size:.85em}
            table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
            th,td{padding:3px 10px;border-bottom:1px solid #e3e3e3;text-align:left}
            thead th{border-bottom:2px solid #999} tbody th{font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            nav a{margin-right:1em}
            .aside{background:#fff4e5;border-left:4px solid #ef6c00;padding:.4em .8em}
            </style></head><body>
            <h1>NotebookNet: executed notebooks, figures and results</h1>
            """);
        html.Append($"<p class=\"meta\">Generated {DateTime.Now:yyyy-MM-dd HH:mm} by the NotebookNet runner. " +
            "Reports and figures are interactive and work offline (they share <code>plotly.min.js</code>); " +
            "figures also come as PNG/SVG/PDF and tables as CSV/Markdown/LaTeX.</p>\n");
        var reports = stems.Where(stem => File.Exists(ReportPage.PathOf(outDirectory, stem))).ToArray();
        if (reports.Length > 0)
        {
            html.Append("<h2 id=\"reports\">Reports</h2>\n<ul class=\"reports\">");
            foreach (var stem in reports) html.Append($"<li><a href=\"reports/{U(stem)}.html\">{E(stem)}</a></li>");
            html.Append("</ul>\n");
        }
        html.Append("<nav>");
        foreach (var stem in stems) html.Append($"<a href=\"#{E(stem)}\">{E(stem)}</a>");
        html.Append("</nav>\n");
        foreach (var stem in stems)
        {
            var run = runs[stem] as JsonObject;
            var status = run?["status"]?.GetValue<string>() ?? "unknown";
            html.Append($"<h2 id=\"{E(stem)}\">{E(stem)} <span class=\"badge {E(status)}\">{E(status)}</span></h2>\n" +
                "<p class=\"meta\">");
            if (File.Exists(ReportPage.PathOf(outDirectory, stem)))
                html.Append($"<a href=\"reports/{U(stem)}.html\">report</a> · ");
            if (File.Exists(Path.Combine(outDirectory, stem + ".ipynb")))
                html.Append($"<a href=\"{U(stem)}.ipynb\">executed notebook</a>");
            if (run is not null)
                html.Append($" · {run["passed"]} cells passed, {run["failed"]} failed" +
                    $"{(run["notRun"]?.GetValue<int>() > 0 ? $", {run["notRun"]} not run" : "")} · " +
                    $"{run["seconds"]} s · {E(run["finished"]?.ToString())}");
            html.Append("</p>\n");
            if (run?["setAside"] is JsonObject aside)
            {
                var folder = (string?)aside["folder"] ?? $"failed/{stem}";
                html.Append($"<p class=\"aside\">The latest attempt ({E(aside["finished"]?.ToString())}) " +
                        $"<b>{E((string?)aside["status"])}</b> ")
                    .Append($"after {aside["passed"]} cells passed: it is kept apart in " +
                        $"<a href=\"{U(folder)}/{U(stem)}.ipynb\">{E(folder)}/</a>");
                if (File.Exists(Path.Combine(outDirectory, folder, "reports", stem + ".html")))
                    html.Append($" (<a href=\"{U(folder)}/reports/{U(stem)}.html\">its report</a>)");
                html.Append(". Everything below is from the last good run above.</p>\n");
            }
            var figures = ArtifactNames.Pages(figuresDir, stem);
            if (figures.Length > 0)
            {
                html.Append("<div class=\"figs\">");
                foreach (var figure in figures)
                {
                    var name = Path.GetFileNameWithoutExtension(figure);
                    var caption = TitleOf(figure) is { Length: > 0 } title
                        ? $"{name[(stem.Length + 1)..Math.Min(name.Length, stem.Length + 3)]} · {title}"
                        : name;
                    var png = Path.ChangeExtension(figure, ".png");
                    html.Append($"<div class=\"fig\"><a href=\"figures/{U(name)}.html\">");
                    html.Append(File.Exists(png)
                        ? $"<img loading=\"lazy\" src=\"figures/{U(name)}.png\" alt=\"{E(name)}\">"
                        : "<div class=\"noimg\">no PNG (Chromium not found)</div>");
                    var files = FigureFormat.Each.Select(FigureFormat.Extension)
                        .Where(ext => File.Exists(Path.ChangeExtension(figure, ext)))
                        .Select(ext => $" · <a href=\"figures/{U(name)}{ext}\">{ext[1..].ToUpperInvariant()}</a>");
                    html.Append($"</a><div class=\"cap\">{E(caption)}<br><a href=\"figures/{U(name)}.html\">HTML</a>" +
                        $"{string.Concat(files)}</div></div>");
                }
                html.Append("</div>\n");
            }
            var tablesDir = Path.Combine(outDirectory, "tables");
            var tables = Directory.Exists(tablesDir)
                ? Directory.GetFiles(tablesDir, "*.csv").Where(f => ArtifactNames.IsOutputOf(Path.GetFileName(f), stem))
                    .Order(StringComparer.Ordinal).ToArray()
                : [];
            if (tables.Length > 0)
            {
                html.Append("<h3>Tables</h3>\n<ul class=\"tables\">");
                foreach (var table in tables)
                {
                    var name = Path.GetFileNameWithoutExtension(table);
                    html.Append($"<li>{E(name[(ArtifactNames.SafeStem(stem).Length + 1)..])}: ");
                    html.Append(string.Join(" · ", TableExport.Extensions
                        .Where(ext => File.Exists(Path.ChangeExtension(table, ext)))
                        .Select(ext => $"<a href=\"tables/{U(name)}{ext}\">{ext[1..].ToUpperInvariant()}</a>")));
                    html.Append("</li>");
                }
                html.Append("</ul>\n");
            }
            var results = Path.Combine(resultsDir, stem + ".json");
            if (File.Exists(results))
            {
                html.Append($"<h3>Results <a class=\"meta\" href=\"results/{U(stem)}.json\">(JSON)</a></h3>\n");
                try { html.Append(JsonTables(JsonNode.Parse(File.ReadAllText(results)))); }
                catch (System.Text.Json.JsonException e) { html.Append($"<p>unreadable: {E(e.Message)}</p>"); }
            }
        }
        html.Append("</body></html>\n");
        var path = Path.Combine(outDirectory, "index.html");
        File.WriteAllText(path, html.ToString());
        return path;
    }

    /// <summary>The <c>&lt;title&gt;</c> of a figure page (the chart's title), read from the file's start.</summary>
    private static string? TitleOf(string htmlPath)
    {
        var buffer = new char[2048];
        using var reader = new StreamReader(htmlPath);
        var head = new string(buffer, 0, reader.ReadBlock(buffer));
        int start = head.IndexOf("<title>", StringComparison.Ordinal),
            end = head.IndexOf("</title>", StringComparison.Ordinal);
        return start >= 0 && end > start ? WebUtility.HtmlDecode(head[(start + 7)..end]) : null;
    }

    /// <summary>A results object as HTML: scalars as a key/value table, arrays of objects as tables.</summary>
    public static string JsonTables(JsonNode? node)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string Cell(JsonNode? v) => v is JsonValue value && value.TryGetValue(out double d)
            ? $"<td class=\"num\">{E(d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))}</td>"
            : $"<td>{E(v is JsonValue s && s.TryGetValue(out string? str) ? str : v?.ToJsonString())}</td>";
        if (node is not JsonObject obj) return $"<pre>{E(node?.ToJsonString())}</pre>";
        var html = new StringBuilder();
        var scalars = obj.Where(kv => kv.Value is not JsonArray).ToArray();
        if (scalars.Length > 0)
        {
            html.Append("<table><tbody>");
            foreach (var (k, v) in scalars) html.Append($"<tr><th>{E(k)}</th>{Cell(v)}</tr>");
            html.Append("</tbody></table>\n");
        }
        foreach (var (k, v) in obj.Where(kv => kv.Value is JsonArray))
        {
            var rows = v!.AsArray();
            var columns = rows.OfType<JsonObject>().SelectMany(r => r.Select(kv => kv.Key)).Distinct().ToArray();
            html.Append($"<p><b>{E(k)}</b> ({rows.Count})</p>");
            if (columns.Length == 0) { html.Append($"<pre>{E(rows.ToJsonString())}</pre>"); continue; }
            html.Append("<table><thead><tr>");
            foreach (var c in columns) html.Append($"<th>{E(c)}</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in rows.OfType<JsonObject>())
            {
                html.Append("<tr>");
                foreach (var c in columns) html.Append(Cell(row[c]));
                html.Append("</tr>");
            }
            html.Append("</tbody></table>\n");
        }
        return html.ToString();
    }
}
