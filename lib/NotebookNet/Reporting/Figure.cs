using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NotebookNet.Reporting;

/// <summary>
/// A chart as plotly.js draws it: traces plus a layout, in plain C#. <see cref="ToJson"/> gives plotly's
/// <c>{data, layout, config}</c>; <see cref="FigureHtml"/> turns that into a notebook output or a page, drawn by the
/// plotly.js that ships inside the Plotly.NET package (<see cref="PlotlyJs"/>). No F# runs, so a figure displays in
/// the released .NET Interactive kernel, dotnet-repl, the runner and our kernel alike. Where Plotly.NET loads, a
/// figure converts to its <c>GenericChart</c> (<c>NotebookNet.Interactive.PlotlyNetCharts.ToGenericChart</c>).
/// </summary>
/// <param name="Traces">What is drawn, in drawing order.</param>
/// <param name="Layout">Title, size, axes, legend.</param>
public sealed record Figure(IReadOnlyList<Trace> Traces, FigureLayout Layout)
{
    /// <summary>plotly.js's default size, used when the layout sets none.</summary>
    public const int DefaultSize = 600;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = new LowerCase(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new GapForNonFinite() },
    };

    /// <summary>The title's text, or null.</summary>
    public string? Title => Layout.Title?.Text;

    /// <summary>Width in CSS pixels.</summary>
    public int Width => Layout.Width ?? DefaultSize;

    /// <summary>Height in CSS pixels.</summary>
    public int Height => Layout.Height ?? DefaultSize;

    /// <summary>The same figure at another size (CSS pixels).</summary>
    public Figure WithSize(int width, int height) =>
        this with { Layout = Layout with { Width = width, Height = height } };

    /// <summary>plotly.js's <c>{data, layout, config}</c>; a non-finite number becomes <c>null</c> (a gap).</summary>
    public JsonObject ToJson()
    {
        var data = new JsonArray(Traces.Select(t => JsonSerializer.SerializeToNode(t, t.GetType(), Json)).ToArray());
        var layout = JsonSerializer.SerializeToNode(Layout, Json)!.AsObject();
        for (int i = 0; i < Layout.XAxes.Count; i++)
            layout[i == 0 ? "xaxis" : $"xaxis{i + 1}"] = JsonSerializer.SerializeToNode(Layout.XAxes[i], Json);
        for (int i = 0; i < Layout.YAxes.Count; i++)
            layout[i == 0 ? "yaxis" : $"yaxis{i + 1}"] = JsonSerializer.SerializeToNode(Layout.YAxes[i], Json);
        return new JsonObject
        {
            ["data"] = data, ["layout"] = layout, ["config"] = new JsonObject { ["responsive"] = true },
        };
    }

    /// <inheritdoc/>
    public override string ToString() => FigureHtml.Caption(Title, Width, Height);

    /// <summary>plotly's attribute names are C# property names in
    /// lower case (<c>ShowLegend</c> → <c>showlegend</c>).</summary>
    private sealed class LowerCase : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    /// <summary>Writes NaN and ±∞ as <c>null</c>, which plotly.js draws as a gap (JSON has no NaN).</summary>
    private sealed class GapForNonFinite : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
