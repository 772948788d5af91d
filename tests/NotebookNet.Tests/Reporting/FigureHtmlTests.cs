using System.Text.RegularExpressions;
using NotebookNet.Reporting;
using NotebookNet.Tests.Runner;

namespace NotebookNet.Tests.Reporting;

/// <summary>A chart's HTML: offline (plotly.js inlined or referenced,
/// never a CDN), and the gzipped carrier of plotly.js.</summary>
public class FigureHtmlTests
{
    [Fact]
    public void Chart_html_needs_no_network()
    {
        var figure = Charts.Style([new ScatterTrace([1.0, 2], [3.0, 4.25])], "Offline", "x", "y").ToJson();
        var doc = FigureHtml.Document(figure, "../plotly.min.js");
        Assert.Contains("4.25", doc);
        Assert.Contains("<script src=\"../plotly.min.js\"></script>", doc);
        RunnerSmokeTests.AssertNoCdn(doc);
        Assert.True(PlotlyJs.Script.Length > 1_000_000);
        Assert.StartsWith("2.", PlotlyJs.Version);
        Assert.DoesNotContain(FigureHtml.CarrierClass, FigureHtml.Fragment(figure, includePlotlyJs: false));
        Assert.Contains(FigureHtml.CarrierClass, FigureHtml.Fragment(figure, includePlotlyJs: true));
    }

    [Fact]
    public void The_carrier_holds_plotly_js_gzipped_at_under_half_the_size()
    {
        var carrier = FigureHtml.PlotlyCarrierElement;
        var packed = Regex.Match(carrier, "var packed = '([A-Za-z0-9+/=]+)';").Groups[1].Value;
        using var gzip =
            new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(packed)),
            System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal(PlotlyJs.Script, reader.ReadToEnd());
        Assert.True(carrier.Length < PlotlyJs.Script.Length / 2, $"carrier is {carrier.Length} characters");
        Assert.Contains("DecompressionStream", carrier);
    }
}
