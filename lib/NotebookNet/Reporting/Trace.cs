using System.Text.Json.Serialization;

namespace NotebookNet.Reporting;

/// <summary>
/// One plotly.js trace of a <see cref="Figure"/>: the JSON object plotly.js draws (<c>{"type": "scatter", "x": …}</c>).
/// Plain C# records, serialised by <see cref="Figure.ToJson"/>: nothing here needs Plotly.NET or F#, so charts draw in
/// every kernel (the released .NET Interactive kernel loads its own, older FSharp.Core).
/// </summary>
public abstract record Trace
{
    /// <summary>The plotly.js trace type.</summary>
    [JsonPropertyOrder(-2)]
    public abstract string Type { get; }

    /// <summary>Legend entry.</summary>
    [JsonPropertyOrder(-1)]
    public string? Name { get; init; }

    /// <summary>False hides the trace from the legend.</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>The x axis it is drawn on (<c>x</c>, <c>x2</c>, …); null: the first.</summary>
    [JsonPropertyName("xaxis")]
    public string? XAxis { get; init; }

    /// <summary>The y axis it is drawn on (<c>y</c>, <c>y2</c>, …); null: the first.</summary>
    [JsonPropertyName("yaxis")]
    public string? YAxis { get; init; }
}

/// <summary>Points and/or lines: <c>mode</c> is <c>lines</c>, <c>markers</c> or <c>lines+markers</c>.</summary>
/// <param name="X">x values.</param>
/// <param name="Y">y values (non-finite values leave a gap).</param>
public sealed record ScatterTrace(IReadOnlyList<double> X, IReadOnlyList<double> Y) : Trace
{
    /// <inheritdoc/>
    [JsonPropertyOrder(-2)]
    public override string Type => "scatter";
    /// <summary><c>lines</c>, <c>markers</c> or <c>lines+markers</c>.</summary>
    public string Mode { get; init; } = "lines";
    /// <summary>Line style.</summary>
    public LineStyle? Line { get; init; }
    /// <summary>Marker style.</summary>
    public MarkerStyle? Marker { get; init; }
}

/// <summary>Vertical bars, one a category; several bar traces are grouped side by side.</summary>
/// <param name="X">Category names.</param>
/// <param name="Y">Bar heights.</param>
public sealed record BarTrace(IReadOnlyList<string> X, IReadOnlyList<double> Y) : Trace
{
    /// <inheritdoc/>
    [JsonPropertyOrder(-2)]
    public override string Type => "bar";
    /// <summary>Bar colour.</summary>
    public MarkerStyle? Marker { get; init; }
}

/// <summary>A heatmap of <c>Z[row][column]</c>, optionally with a text in each cell.</summary>
/// <param name="Z">Values, one array a row (the first row is
/// drawn at the bottom unless the y axis is reversed).</param>
public sealed record HeatmapTrace(IReadOnlyList<IReadOnlyList<double>> Z) : Trace
{
    /// <inheritdoc/>
    [JsonPropertyOrder(-2)]
    public override string Type => "heatmap";
    /// <summary>Column labels.</summary>
    public IReadOnlyList<string>? X { get; init; }
    /// <summary>Row labels.</summary>
    public IReadOnlyList<string>? Y { get; init; }
    /// <summary>Text shown in each cell (with <see cref="TextTemplate"/>
    /// <c>%{text}</c>), same shape as <see cref="Z"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Text { get; init; }
    /// <summary>What each cell shows, e.g. <c>%{text}</c>.</summary>
    public string? TextTemplate { get; init; }
    /// <summary>Colour scale: pairs of (fraction 0–1, CSS colour).</summary>
    public IReadOnlyList<object[]>? ColorScale { get; init; }
    /// <summary>False hides the colour bar.</summary>
    public bool? ShowScale { get; init; }
}

/// <summary>An RGB image: <c>Z[row][column] = [r, g, b]</c>, 0–255.</summary>
/// <param name="Z">Pixels, row by row, top row first.</param>
public sealed record ImageTrace(IReadOnlyList<IReadOnlyList<int[]>> Z) : Trace
{
    /// <inheritdoc/>
    [JsonPropertyOrder(-2)]
    public override string Type => "image";
}

/// <summary>A line's colour, width (px) and dash (<c>solid</c>, <c>dash</c>, <c>dot</c>).</summary>
public sealed record LineStyle(string? Color = null, double? Width = null, string? Dash = null);

/// <summary>A marker's colour, symbol (<c>circle</c>, <c>star</c>, …) and size (px).</summary>
public sealed record MarkerStyle(string? Color = null, string? Symbol = null, double? Size = null);
