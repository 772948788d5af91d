using System.Text.Json.Nodes;
using NotebookNet.Interactive;
using NotebookNet.Tests.Reporting;

namespace NotebookNet.Tests.Interactive;

/// <summary>Our charts converted to Plotly.NET charts (where Plotly.NET loads) keep their data and layout.</summary>
public class PlotlyNetChartsTests
{
    [Fact]
    public void Figures_convert_to_plotly_net_charts_with_the_same_data_and_layout()
    {
        foreach (var figure in ChartTests.EveryChart(ChartTests.OneCycle()))
        {
            var ours = figure.ToJson();
            var theirs = PlotlyNetCharts.ToFigureJson(figure.ToGenericChart());
            Assert.True(SameJson(ours["data"], theirs["data"]), $"{figure.Title}: data differs");
            foreach (var (key, value) in ours["layout"]!.AsObject())
                Assert.True(SameJson(value, theirs["layout"]![key]), $"{figure.Title}: layout.{key} differs");
        }
    }

    /// <summary>Equal as JSON values: numbers compared as numbers (Plotly.NET
    /// writes 2.0 where we write 2), key order ignored.</summary>
    private static bool SameJson(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) =>
            x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && SameJson(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameJson(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.TryGetValue(out double u) && y.TryGetValue(out double v) => u == v,
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };
}
