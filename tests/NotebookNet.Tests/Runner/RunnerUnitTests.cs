using System.Text.RegularExpressions;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Runner;

/// <summary>Pieces of the runner, in-process: parameters, cell
/// directives, the index page and run log, progress lines.</summary>
public sealed class RunnerUnitTests
{
    [Fact]
    public void A_notebook_named_twice_runs_once_in_the_order_given()
    {
        var notebooks = NotebookRunner.SelectNotebooks(RunnerProcess.RepositoryRoot, ["05", "02", "05-final-model"]);
        Assert.Equal(["05-final-model", "02-cyclical-runs"], notebooks.Select(Path.GetFileNameWithoutExtension));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("42", "42")]
    [InlineData("-1.5e-3", "-1.5e-3")]
    [InlineData("synthetic", "\"synthetic\"")]
    [InlineData("/data/a \"b\".tar.gz", "\"/data/a \\\"b\\\".tar.gz\"")]
    public void Parameter_values_become_csharp_literals(string value, string literal) =>
        Assert.Equal(literal, RunSettings.Literal(value));

    [Fact]
    public void Quick_and_data_are_parameters()
    {
        var s = RunSettings.Parse(["--quick", "--data", "synthetic", "-p", "Seed=3", "--cell-timeout", "2.5", "02"]);
        Assert.Equal(
            [new("Quick", "true"), new("DataSource", "synthetic"), new KeyValuePair<string, string>("Seed", "3")],
            s.Parameters);
        Assert.Equal(TimeSpan.FromSeconds(2.5), s.CellTimeout);
        Assert.Equal(["02"], s.Notebooks);
        Assert.Throws<ArgumentException>(() => RunSettings.Parse(["-p", "1x=2"]));
    }

    [Fact]
    public void Directives_are_collected_and_commented_out_keeping_line_numbers()
    {
        var (code, packages, paths, sources) =
            NotebookSession.Preprocess(
            "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"../lib/x.dll\"\nvar a = 1;\n#i \"nuget: /feed\"", "t");
        Assert.Equal(["/feed"], sources);
        Assert.Equal([new PackageRequest("Plotly.NET", "6.0.0")], packages);
        Assert.Equal([("../lib/x.dll", 2)], paths);
        Assert.Equal(4, code.Split('\n').Length);
        Assert.StartsWith("// #r", code);
        var failure = Assert.Throws<CellFailure>(() => NotebookSession.Preprocess("var a = 1;\n#!fsharp\n", "t"));
        Assert.Equal(2, failure.Line);
        Assert.Contains("#!fsharp", failure.Message);
    }

    [Theory]
    [InlineData("var x = 1;\nx", true)]
    [InlineData("var x = 1;\nx;", false)]
    [InlineData("Console.WriteLine(1);", false)]
    [InlineData("foreach (var i in new[]{1}) { }", false)]
    public void Trailing_expression_is_detected(string code, bool expected) =>
        Assert.Equal(expected, NotebookSession.HasTrailingExpression(code));

    [Fact]
    public void Index_lists_each_notebooks_own_figures_and_only_reads_the_run_log()
    {
        var dir = RunnerProcess.TempDirectory("index");
        Directory.CreateDirectory(Path.Combine(dir, "figures"));
        foreach (var name in new[] { "02.ipynb", "02-cyclical-runs.ipynb", "figures/02-01-a.html",
            "figures/02-cyclical-runs-01-b.html" })
            File.WriteAllText(Path.Combine(dir, name), "");
        var page = File.ReadAllText(IndexPage.Write(dir));
        Assert.False(File.Exists(RunLog.PathIn(dir)));
        var section02 =
            page[page.IndexOf("<h2 id=\"02\"", StringComparison.Ordinal)..page.IndexOf("<h2 id=\"02-cyclical-runs\"",
            StringComparison.Ordinal)];
        Assert.Contains("figures/02-01-a.html", section02);
        Assert.DoesNotContain("02-cyclical-runs-01-b", section02);
        Assert.Single(Regex.Matches(page, "<a href=\"figures/02-cyclical-runs-01-b.html\"><div"));

        RunLog.Record(dir, [new NotebookOutcome("02", 3, 1, 0, 1.25, 10, "failed")]);
        RunLog.Record(dir, [new NotebookOutcome("02-cyclical-runs", 2, 0, 0, 2, 20, "passed")]);
        var log = RunLog.Read(dir);
        Assert.Equal("failed", (string?)log["02"]!["status"]);
        Assert.Equal(2, (int)log["02-cyclical-runs"]!["passed"]!);
        Assert.Contains("<span class=\"badge failed\">failed</span>", File.ReadAllText(IndexPage.Write(dir)));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void In_a_log_the_latest_progress_is_printed_every_interval()
    {
        var log = new StringWriter();
        var console = new RunnerConsole(log, TextWriter.Null, interactive: false, TimeSpan.FromMilliseconds(300));
        console.Progress("step 0/60");
        for (int t = 1; t <= 30; t++) console.Progress($"step {t}/60");   // within the interval: not printed yet
        Assert.Equal("  … step 0/60\n", log.ToString().ReplaceLineEndings("\n"));
        var waited = System.Diagnostics.Stopwatch.StartNew();               // the timer prints the latest
        while (!log.ToString().Contains("step 30/60") && waited.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(50);
        Assert.Contains("  … step 30/60", log.ToString());
        Thread.Sleep(400);
        Assert.DoesNotContain("step 29/60", log.ToString());
        // an interval since the last line: printed at once
        console.Progress("step 31/60");
        Assert.Contains("  … step 31/60", log.ToString());
        console.Progress("step 32/60");
        console.ClearProgress();                                            // the cell's result line follows instead
        Thread.Sleep(700);
        Assert.DoesNotContain("step 32/60", log.ToString());
    }
}
