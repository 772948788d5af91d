using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using NotebookNet.Reporting;

namespace NotebookNet.Runner;

/// <summary>
/// <c>&lt;artifacts&gt;/reports/&lt;stem&gt;.html</c>: an executed notebook as a page that reads like the report, as
/// <c>jupyter nbconvert --to html</c> would make it, and works offline. Markdown cells are rendered (Markdig) with
/// their math typeset by KaTeX (pinned, copied beside the reports: <c>reports/katex/</c>); code is folded (click to
/// open); outputs follow as the notebook shows them: text, interactive charts (drawn by the shared
/// <c>plotly.min.js</c> one folder up, not a copy in every page) and tables. No script or style comes from the network.
/// </summary>
public static partial class ReportPage
{
    /// <summary>The reports' folder in an artifacts directory.</summary>
    public static string DirectoryIn(string outDirectory) => Path.Combine(outDirectory, "reports");

    /// <summary>Where a notebook's report goes.</summary>
    public static string PathOf(string outDirectory, string stem) =>
        Path.Combine(DirectoryIn(outDirectory), stem + ".html");

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>
    /// Writes the reports of every executed notebook in <paramref name="outDirectory"/> (or of
    /// <paramref name="stems"/>), with the shared plotly.js and KaTeX beside them; returns the report paths.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string outDirectory, IEnumerable<string>? stems = null)
    {
        var notebooks = (stems ?? Directory.GetFiles(outDirectory, "*.ipynb")
                .Select(Path.GetFileNameWithoutExtension).OfType<string>())
            .Order(StringComparer.Ordinal).Select(stem => Path.Combine(outDirectory, stem + ".ipynb"))
            .Where(File.Exists).ToArray();
        if (notebooks.Length == 0) return [];
        var reports = DirectoryIn(outDirectory);
        Directory.CreateDirectory(reports);
        FigureExport.WriteSharedScript(outDirectory);
        CopyKatex(reports);
        return notebooks.Select(path => Write(path, outDirectory)).ToArray();
    }

    /// <summary>Writes one executed notebook's report; returns its path.</summary>
    public static string Write(string notebookPath, string outDirectory)
    {
        var stem = Path.GetFileNameWithoutExtension(notebookPath);
        var document = NotebookDocument.Load(notebookPath);
        var run = RunLog.Read(outDirectory)[stem] as JsonObject;
        var title = FirstHeading(document) ?? stem;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title>\n")
            .Append(Style)
            .Append(KatexAvailable(DirectoryIn(outDirectory)) ? KatexHead : "")
            .Append("<script src=\"../").Append(FigureExport.SharedScript).Append("\"></script>\n</head><body><main>\n")
            .Append("<p class=\"nav\"><a href=\"../index.html\">← all notebooks</a> · <a href=\"../").Append(U(stem))
            .Append(".ipynb\">executed notebook</a>");
        if (run is not null)
            html.Append(" · ").Append(E((string?)run["status"])).Append(", ").Append(E(run["seconds"]?.ToString()))
                .Append(" s, ")
                .Append(E((string?)run["finished"]));
        html.Append("</p>\n");
        int codeNumber = 0;
        foreach (var cell in document.Cells.OfType<JsonObject>())
        {
            var source = NotebookDocument.Source(cell);
            switch (NotebookDocument.CellType(cell))
            {
                case "markdown":
                    html.Append("<section class=\"md\">").Append(Markdig.Markdown.ToHtml(source, Markdown))
                        .Append("</section>\n");
                    break;
                case "code":
                    codeNumber++;
                    var tags = NotebookDocument.Tags(cell);
                    var label = tags.Contains("injected-parameters") ? "parameters injected by the runner"
                        : tags.Contains("parameters") ? "parameters" : $"code cell {codeNumber}";
                    html.Append("<section class=\"cell\"><details class=\"code\"><summary>").Append(E(label))
                        .Append(" <span class=\"first\">").Append(E(FirstLine(source)))
                        .Append("</span></summary><pre><code>")
                        .Append(E(source)).Append("</code></pre></details>\n");
                    foreach (var output in cell["outputs"]?.AsArray().OfType<JsonObject>() ?? [])
                        html.Append(Output(output));
                    html.Append("</section>\n");
                    break;
            }
        }
        html.Append("</main></body></html>\n");
        var path = PathOf(outDirectory, stem);
        File.WriteAllText(path + ".tmp", html.ToString(), new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>One output as HTML: rich HTML as it is (without the notebook's own copy of plotly.js), else an image,
    /// else text.</summary>
    private static string Output(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var name = (string?)output["name"] ?? "stdout";
                return $"<pre class=\"out {E(name)}\">{E(Ansi().Replace(Text(output["text"]), ""))}</pre>\n";
            case "error":
                var traceback = output["traceback"]?.AsArray().Select(t => Ansi().Replace((string?)t ?? "", "")) ?? [];
                return $"<pre class=\"out error\">{E((string?)output["ename"])}: {E((string?)output["evalue"])}\n" +
                    $"{E(string.Join("\n", traceback))}</pre>\n";
            default:
                var data = output["data"] as JsonObject ?? [];
                if (data["text/html"] is { } html)
                    return "<div class=\"out html\">" + Carrier().Replace(Text(html), "") + "</div>\n";
                if (data["image/png"] is { } png)
                    return "<div class=\"out\"><img alt=\"output\" src=\"data:image/png;base64," +
                        $"{E(Text(png).Replace("\n", ""))}\"></div>\n";
                if (data["image/svg+xml"] is { } svg) return "<div class=\"out\">" + Text(svg) + "</div>\n";
                return data["text/plain"] is { } text ? $"<pre class=\"out\">{E(Text(text))}</pre>\n" : "";
        }
    }

    private static void CopyKatex(string reports)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "katex");
        if (!File.Exists(Path.Combine(source, "katex.min.js")))
        {
            Console.Error.WriteLine($"note: KaTeX is not beside the runner ({source}; the build fetches it with " +
                "npm): reports show math as TeX source.");
            return;
        }
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(reports, "katex", Path.GetRelativePath(source, file));
            if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(file).Length) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static bool KatexAvailable(string reports) => File.Exists(Path.Combine(reports, "katex", "katex.min.js"));

    private static string? FirstHeading(NotebookDocument document) =>
        document.Cells.OfType<JsonObject>().Where(c => NotebookDocument.CellType(c) == "markdown")
            .Select(c => NotebookDocument.Source(c).Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)))
            .FirstOrDefault(h => h is not null)?[2..].Trim();

    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return line.Length > 90 ? line[..90] + "…" : line;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string U(string s) => Uri.EscapeDataString(s);

    /// <summary>The element a notebook output carries plotly.js in
    /// (<see cref="FigureHtml.PlotlyCarrierElement"/>).</summary>
    [GeneratedRegex("<script[^>]*class=\"" + FigureHtml.CarrierClass + "\"[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Carrier();

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    private const string KatexHead =
        "<link rel=\"stylesheet\" href=\"katex/katex.min.css\">\n"
        + "<script defer src=\"katex/katex.min.js\"></script>\n"
        + "<script defer src=\"katex/contrib/auto-render.min.js\" "
        + "onload=\"renderMathInElement(document.body, {delimiters: ["
        + "{left: '$$', right: '$$', display: true}, {left: '\\\\[', right: '\\\\]', display: true}, "
        + "{left: '\\\\(', right: '\\\\)', display: false}, {left: '$', right: '$', display: false}], "
        + "ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code', 'option'], "
        + "throwOnError: false})\"></script>\n";

    private const string Style = """
        <style>
        body{font:16px/1.6 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;background:#fff;margin:0}
        main{max-width:980px;margin:2em auto;padding:0 1.2em}
        .nav{color:#666;font-size:.9em;border-bottom:1px solid #e3e3e3;padding-bottom:.6em}
        a{color:#1f5fa8;text-decoration:none} a:hover{text-decoration:underline}
        .md h1{font-size:1.8em;margin:.4em 0 .3em}
        .md h2{font-size:1.35em;margin:1.4em 0 .3em;border-bottom:1px solid #eee}
        .md code{background:#f4f4f4;padding:0 .25em;border-radius:3px;font-size:.9em}
        .cell{margin:.6em 0 1.2em}
        details.code{border-left:3px solid #d0d7de;background:#f8f9fa;border-radius:0 4px 4px 0}
        details.code summary{cursor:pointer;padding:.25em .7em;color:#57606a;font-size:.85em;list-style-position:inside}
        details.code summary .first{font-family:ui-monospace,Menlo,Consolas,monospace;color:#8b949e;margin-left:.6em}
        details.code[open] summary .first{display:none}
        details.code pre{margin:0;padding:.6em .9em;overflow-x:auto;font-size:.85em;line-height:1.45}
        pre.out{white-space:pre-wrap;font-size:.85em;margin:.4em 0;padding:.3em .6em;background:#fcfcfc;
        border-radius:3px}
        pre.stderr{background:#fff5f5;color:#8a1f11} pre.error{background:#fde8e8;color:#8a1f11}
        .out.html{margin:.5em 0;overflow-x:auto}
        .out img{max-width:100%}
        </style>
        """;
}
