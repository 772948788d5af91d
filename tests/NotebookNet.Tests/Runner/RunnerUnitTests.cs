using NotebookNet.Interactive;
using NotebookNet.Reporting;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Runner;

/// <summary>Pieces of the runner and the formatters, in-process.</summary>
public sealed class RunnerUnitTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("42", "42")]
    [InlineData("-1.5e-3", "-1.5e-3")]
    [InlineData("synthetic", "\"synthetic\"")]
    [InlineData("/data/a \"b\".tar.gz", "\"/data/a \\\"b\\\".tar.gz\"")]
    public void Parameter_values_become_csharp_literals(string value, string literal) => Assert.Equal(literal, RunSettings.Literal(value));

    [Fact]
    public void Quick_and_data_are_parameters()
    {
        var s = RunSettings.Parse(["--quick", "--data", "synthetic", "-p", "Seed=3", "--cell-timeout", "2.5", "02"]);
        Assert.Equal([new("Quick", "true"), new("DataSource", "synthetic"), new KeyValuePair<string, string>("Seed", "3")], s.Parameters);
        Assert.Equal(TimeSpan.FromSeconds(2.5), s.CellTimeout);
        Assert.Equal(["02"], s.Notebooks);
        Assert.Throws<ArgumentException>(() => RunSettings.Parse(["-p", "1x=2"]));
    }

    [Fact]
    public void Directives_are_collected_and_commented_out_keeping_line_numbers()
    {
        var (code, packages, paths, sources) = NotebookSession.Preprocess("#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"../lib/x.dll\"\nvar a = 1;\n#i \"nuget: /feed\"", "t");
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
    public void Trailing_expression_is_detected(string code, bool expected) => Assert.Equal(expected, NotebookSession.HasTrailingExpression(code));

    [Fact]
    public void Slugs_are_file_name_safe()
    {
        Assert.Equal("loss-per-epoch-lambda-0-1-eta-0-001", FigureExport.Slug("Loss per epoch, λ = 0.1, η = 0.001", 60));
        Assert.Equal("chart", FigureExport.Slug("—", 10));
    }

    [Fact]
    public void Chart_html_needs_no_network()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2 }, new[] { 3.0, 4.25 });
        var doc = ChartHtml.Document(chart);
        Assert.Contains("4.25", doc);
        RunnerSmokeTests.AssertNoCdn(doc);
        Assert.True(ChartHtml.PlotlyJs.Length > 1_000_000);
        Assert.DoesNotContain("plotly.js v", ChartHtml.Fragment(chart, includePlotlyJs: false));
    }

    [Fact]
    public void Html_table_caps_rows_and_aligns_numbers()
    {
        var table = HtmlTable.From(Enumerable.Range(0, 10).Select(i => new { Name = $"r{i}", Value = i * 0.5 }), maxRows: 3);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(10, table.TotalRows);
        Assert.Contains("showing 3 of 10 rows", table.ToHtml());
        Assert.Contains("<td class=\"num\">1</td>", table.ToHtml());
        Assert.Contains("  Value", table.ToText());
    }
}
