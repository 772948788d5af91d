using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Reporting;
using Plotly.NET;
using Figure = NotebookNet.Reporting.Figure;

namespace NotebookNet.Interactive;

/// <summary>
/// Plotly.NET, where it can load: our <see cref="Figure"/>s convert to its <see cref="GenericChart"/>, and its charts
/// display like ours (exported, offline). Plotly.NET 6 needs FSharp.Core 10.1, which the runner and our kernel
/// load; the released .NET Interactive kernel ships FSharp.Core 10.0, so there nothing here runs and charts use
/// <see cref="Figure"/> alone. Every member that touches Plotly.NET lives in this class, so nothing else needs F#.
/// </summary>
public static class PlotlyNetCharts
{
    /// <summary>A Plotly.NET chart's plotly.js figure JSON (<c>{data, layout, config}</c>, no frames).</summary>
    public static JsonObject ToFigureJson(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        figure.Remove("frames");
        figure["config"] ??= new JsonObject { ["responsive"] = true };
        return figure;
    }

    /// <summary>The same chart as a Plotly.NET <see cref="GenericChart"/>
    /// (for Plotly.NET's API, e.g. its image export).</summary>
    public static GenericChart ToGenericChart(this Figure figure)
    {
        var json = figure.ToJson();
        var charts = json["data"]!.AsArray().Select(node =>
        {
            var source = node!.AsObject();
            var trace = new Trace2D(source["type"]!.GetValue<string>());
            foreach (var (name, value) in source)
                if (name != "type") trace.SetProperty(name, ToDynamic(value));
            return GenericChart.ofTraceObject(false, trace);
        }).ToArray();
        var layout = new Layout();
        foreach (var (name, value) in json["layout"]!.AsObject()) layout.SetProperty(name, ToDynamic(value));
        return GenericChart.setLayout(layout, Plotly.NET.Chart.combine(charts));
    }

    /// <summary>Registers the <see cref="GenericChart"/> formatters where
    /// Plotly.NET loads; quietly nothing where it cannot.</summary>
    internal static void TryRegisterFormatters()
    {
        try { RegisterFormatters(); }
        catch (Exception e)
            when (e is FileNotFoundException or FileLoadException or TypeLoadException or MissingMethodException)
        {
            // Plotly.NET or its FSharp.Core cannot load in this kernel: our Figure charts need neither.
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(Notebook.FigureToHtml(ToFigureJson(chart))),
            HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) =>
        {
            var figure = ToFigureJson(chart);
            var (width, height) = FigureHtml.Size(figure);
            writer.Write(FigureHtml.Caption(FigureHtml.Title(figure), width, height));
        }, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
    }

    private static object? ToDynamic(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o =>
            o.Aggregate(new DynamicObj.DynamicObj(), (d, p) => { d.SetProperty(p.Key, ToDynamic(p.Value)); return d; }),
        JsonArray a => a.Select(ToDynamic).ToArray(),
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => v.GetValue<double>(),
        _ => node.ToJsonString(),
    };
}
