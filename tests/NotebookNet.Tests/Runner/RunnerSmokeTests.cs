using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookNet.Reporting;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Runner;

/// <summary>The executed smoke notebook: nbformat, outputs,
/// parameters, display updates, figures, the failing cell.</summary>
public sealed class RunnerSmokeTests(SmokeRun run) : IClassFixture<SmokeRun>
{
    private static readonly string[] OutputTypes = ["display_data", "execute_result", "stream", "error"];

    [Fact]
    public void Executed_notebook_is_valid_nbformat_4_with_metadata_kept()
    {
        Assert.True(run.Notebook is not null, "no executed notebook; runner output:\n" + run.Output);
        var nb = run.Notebook!;
        Assert.Equal(4, (int)nb["nbformat"]!);
        Assert.Equal(".net-csharp", (string?)nb["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("C#", (string?)nb["metadata"]!["kernelspec"]!["language"]);
        foreach (var cell in nb["cells"]!.AsArray())
        {
            Assert.NotNull(cell!["source"]);
            if ((string?)cell["cell_type"] != "code") continue;
            Assert.Equal("csharp", (string?)cell["metadata"]!["polyglot_notebook"]!["kernelName"]);
            var outputs = Assert.IsType<JsonArray>(cell["outputs"]);
            var count = cell["execution_count"];
            Assert.True(count is null || count.GetValueKind() == System.Text.Json.JsonValueKind.Number);
            foreach (var output in outputs)
            {
                Assert.Contains((string?)output!["output_type"], OutputTypes);
                if ((string?)output["output_type"] is "display_data" or "execute_result")
                    Assert.IsType<JsonObject>(output["data"]);
                if ((string?)output["output_type"] == "execute_result")
                    Assert.Equal((int)count!, (int)output["execution_count"]!);
            }
        }
        // cells ran in order, numbered 1, 2, …; the cell after the failure did not run
        var counts = run.CodeCells.Select(c => (int?)c["execution_count"]).ToArray();
        Assert.Equal(Enumerable.Range(1, counts.Length - 1).Select(i => (int?)i), counts[..^1]);
        Assert.Null(counts[^1]);
        Assert.Empty(run.CodeCells[^1]["outputs"]!.AsArray());
    }

    [Fact]
    public void Failing_cell_is_reported_with_its_number_and_line_and_the_run_fails()
    {
        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches(@"runner-smoke  cell 9/10  FAILED", run.Output);
        Assert.Contains("error in runner-smoke.ipynb cell 9, line 2: System.InvalidOperationException: boom on purpose",
            run.Output);
        Assert.Matches(new Regex(@"^8 passed, 1 failed$", RegexOptions.Multiline), run.Output);
        var error =
            run.Cell("boom on purpose")["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("boom on purpose", (string?)error["evalue"]);
        Assert.NotEmpty(error["traceback"]!.AsArray());
    }

    [Fact]
    public void Parameters_are_injected_after_the_parameters_cell_and_state_carries_across_cells()
    {
        var cells = run.CodeCells;
        int parameters =
            cells.ToList()
            .FindIndex(c => c["metadata"]!["tags"] is JsonArray t && t.Any(x => (string?)x == "parameters"));
        var injected = cells[parameters + 1];
        Assert.Contains("injected-parameters", injected["metadata"]!["tags"]!.AsArray().Select(t => (string?)t));
        var source = SmokeRun.Text(injected["source"]);
        Assert.Contains("Count = 5;", source);
        Assert.Contains("Quick = true;", source);
        Assert.Contains("Label = \"hello \\\"quoted\\\"\";", source);
        var stdout = Stream(run.Cell("var doubled"), "stdout");
        Assert.Equal("doubled = 10, label = hello \"quoted\", quick = True, scale = 0.5\n", stdout);
        Assert.Equal("a line on stderr\n", Stream(run.Cell("var doubled"), "stderr"));
    }

    [Fact]
    public void Display_update_replaces_the_output_and_a_trailing_expression_is_a_result()
    {
        var outputs = run.Cell("var bar = display").Find("outputs").AsArray();
        var display = outputs.Single(o => (string?)o!["output_type"] == "display_data")!;
        Assert.Equal("done: 10 items", SmokeRun.Text(display["data"]!["text/plain"]));
        var result = outputs.Single(o => (string?)o!["output_type"] == "execute_result")!;
        Assert.Equal("11", SmokeRun.Text(result["data"]!["text/plain"]));
        Assert.Contains("step ", run.Output); // the live progress line
    }

    [Fact]
    public void Chart_is_inline_html_with_embedded_plotly_and_exported_as_a_standalone_figure()
    {
        var outputs = run.Cell("Charts.Style(")["outputs"]!.AsArray();
        var shown = outputs.Single(o => (string?)o!["output_type"] == "display_data")!;
        var html = SmokeRun.Text(shown["data"]!["text/html"]);
        Assert.Contains(FigureHtml.CarrierClass, html);  // first chart of the notebook carries plotly.js
        Assert.Contains("0.875", html);
        AssertNoCdn(html);
        Assert.Equal("Plotly chart \"Smoke chart\" (760×440)", SmokeRun.Text(shown["data"]!["text/plain"]));

        // a Plotly.NET chart displays the same way in the runner, without plotly.js a second time
        var plotlyNet = outputs.Single(o => (string?)o!["output_type"] == "execute_result")!;
        var plotlyNetHtml = SmokeRun.Text(plotlyNet["data"]!["text/html"]);
        Assert.Contains("plotly-net-series", plotlyNetHtml);
        Assert.Contains("1.5", plotlyNetHtml);
        Assert.DoesNotContain(FigureHtml.CarrierClass, plotlyNetHtml);
        Assert.True(File.Exists(Path.Combine(run.OutDirectory, "figures", "runner-smoke-02-chart.html")), run.Output);

        var figure = Path.Combine(run.OutDirectory, "figures", "runner-smoke-01-smoke-chart.html");
        Assert.True(File.Exists(figure), "missing " + figure + "\n" + run.Output);
        var page = File.ReadAllText(figure);
        Assert.Contains("\"y\":[0.125,0.5,0.875]", page);
        Assert.Contains("smoke-series", page);
        Assert.Contains("<script src=\"../plotly.min.js\">", page);   // the one shared copy, not one per figure
        Assert.Equal(PlotlyJs.Script, File.ReadAllText(Path.Combine(run.OutDirectory, "plotly.min.js")));
        AssertNoCdn(page);
        var size = new FileInfo(Path.Combine(run.OutDirectory, "runner-smoke.ipynb")).Length;
        Assert.InRange(size, 1_000_000, 2_500_000); // plotly.js once, packed, not per chart

        var index = File.ReadAllText(Path.Combine(run.OutDirectory, "index.html"));
        Assert.Contains("runner-smoke.ipynb", index);
        Assert.Contains("figures/runner-smoke-01-smoke-chart.html", index);
    }

    [Fact]
    public void Figures_are_written_as_png_svg_and_pdf_where_chromium_is_installed()
    {
        Assert.SkipWhen(FigureRenderer.FindChromium() is null,
            "no Chromium on PATH (chromium, chromium-browser, google-chrome) or in NOTEBOOKNET_CHROMIUM");
        var figure = Path.Combine(run.OutDirectory, "figures", "runner-smoke-01-smoke-chart");
        Assert.True(File.Exists(figure + ".png"), "missing " + figure + ".png\n" + run.Output);
        var png = File.ReadAllBytes(figure + ".png");
        Assert.True(png.Length > 5_000, $"PNG is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // 2× scale
        Assert.Equal(2 * PrintLayout.Width,
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));

        var svg = System.Xml.Linq.XDocument.Load(figure + ".svg").Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal(PrintLayout.Width.ToString(), (string?)svg.Attribute("width"));
        Assert.Contains("Smoke chart", svg.ToString());

        var pdf = File.ReadAllBytes(figure + ".pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Single(Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]"));
        var index = File.ReadAllText(Path.Combine(run.OutDirectory, "index.html"));
        Assert.Contains("figures/runner-smoke-01-smoke-chart.png", index);
        Assert.Contains("figures/runner-smoke-01-smoke-chart.pdf", index);
    }

    [Fact]
    public void Every_table_shown_is_written_as_csv_markdown_and_latex()
    {
        var tables = Path.Combine(run.OutDirectory, "tables");
        var frame = Path.Combine(tables, "runner-smoke-01-table");               // a DataFrame: no title
        var titled = Path.Combine(tables, "runner-smoke-02-smoke-results-lambda-accuracy");
        foreach (var ext in TableExport.Extensions)
            Assert.True(File.Exists(titled + ext) && File.Exists(frame + ext), run.Output);
        Assert.Equal("Lambda,Accuracy\r\n0.01,0.52\r\n0.001,0.5\r\n", File.ReadAllText(titled + ".csv"));
        Assert.Contains("| ---: | ---: |", File.ReadAllText(titled + ".md"));
        var tex = File.ReadAllText(titled + ".tex");
        Assert.Contains("% Smoke results: λ & accuracy", tex);
        Assert.Contains("\\begin{tabular}{rr}", tex);
        Assert.Contains("0.001 & 0.5 \\\\", tex);
        Assert.Contains("tables/runner-smoke-02-smoke-results-lambda-accuracy.tex",
            File.ReadAllText(Path.Combine(run.OutDirectory, "index.html")));
    }

    [Fact]
    public void The_report_is_a_standalone_offline_page_with_folded_code_and_live_charts()
    {
        var path = ReportPage.PathOf(run.OutDirectory, "runner-smoke");
        Assert.True(File.Exists(path), run.Output);
        var report = File.ReadAllText(path);
        Assert.Contains("<h1", report);
        Assert.Contains("Runner smoke test", report);                       // markdown rendered
        Assert.Contains("<details class=\"code\">", report);                // code folded
        Assert.DoesNotContain("<details class=\"code\" open", report);
        Assert.Contains("Plotly.newPlot", report);                            // the chart, live
        Assert.DoesNotContain(FigureHtml.CarrierClass, report);               // … drawn by the shared plotly.min.js
        Assert.Contains("<script src=\"../plotly.min.js\"></script>", report);
        Assert.Contains("boom on purpose", report);                           // the error output
        Assert.DoesNotMatch(
            new Regex("<(script|link|img)[^>]+(src|href)\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase), report);
        Assert.Contains("reports/runner-smoke.html", File.ReadAllText(Path.Combine(run.OutDirectory, "index.html")));
    }

    [Fact]
    public void DataFrame_and_record_tables_are_html_tables_with_right_aligned_numbers()
    {
        var frame = run.Cell("new Microsoft.Data.Analysis.DataFrame")["outputs"]!.AsArray().Single()!;
        var html = SmokeRun.Text(frame["data"]!["text/html"]);
        Assert.Contains("<table class=\"nbn-table\">", html);
        Assert.Contains("<th class=\"num\">accuracy</th>", html);
        Assert.Contains("<td class=\"num\">0.4321</td>", html);
        Assert.Contains("<td>second</td>", html);
        var records = SmokeRun.Text(run.Cell("Tables.From")["outputs"]!.AsArray().Single()!["data"]!["text/html"]);
        Assert.Contains("<th class=\"num\">Lambda</th>", records);
        Assert.Contains("<td class=\"num\">0.001</td>", records);
    }

    private static string Stream(JsonObject cell, string name) =>
        string.Concat(cell["outputs"]!.AsArray()
            .Where(o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == name)
            .Select(o => SmokeRun.Text(o!["text"])));

    /// <summary>No CDN reference outside the embedded plotly.js (whose geo
    /// defaults mention cdn.plot.ly but never load it here).</summary>
    internal static void AssertNoCdn(string html)
    {
        html = html.Replace(PlotlyJs.Script, "");
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotMatch(new Regex("<script[^>]+src\\s*=\\s*\"https?://", RegexOptions.IgnoreCase), html);
    }
}

internal static class JsonExtensions
{
    public static JsonNode Find(this JsonObject o, string key) => o[key] ?? throw new KeyNotFoundException(key);
}
