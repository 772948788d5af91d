using System.Text.Json.Serialization;

namespace NotebookNet.Reporting;

/// <summary>
/// A plotly.js layout: title, fonts, size, legend and axes. <see cref="XAxes"/>[0] is plotly's <c>xaxis</c>,
/// [1] is <c>xaxis2</c> and so on (several for a grid of subplots).
/// </summary>
public sealed record FigureLayout
{
    /// <summary>Title text, font and position.</summary>
    public TitleStyle? Title { get; init; }
    /// <summary>Default font of every text.</summary>
    public FontStyle? Font { get; init; }
    /// <summary>Whether the legend shows.</summary>
    public bool? ShowLegend { get; init; }
    /// <summary>Background of the plotting area.</summary>
    [JsonPropertyName("plot_bgcolor")]
    public string? PlotBackground { get; init; }
    /// <summary>Margins (px).</summary>
    public Margins? Margin { get; init; }
    /// <summary>Width in CSS pixels.</summary>
    public int? Width { get; init; }
    /// <summary>Height in CSS pixels.</summary>
    public int? Height { get; init; }
    /// <summary>Free texts placed on the figure (e.g. subplot titles).</summary>
    public IReadOnlyList<Annotation>? Annotations { get; init; }
    /// <summary>x axes: <c>xaxis</c>, <c>xaxis2</c>, …</summary>
    [JsonIgnore]
    public IReadOnlyList<Axis> XAxes { get; init; } = [];
    /// <summary>y axes: <c>yaxis</c>, <c>yaxis2</c>, …</summary>
    [JsonIgnore]
    public IReadOnlyList<Axis> YAxes { get; init; } = [];
}

/// <summary>An axis: title, linear or <c>log</c> type, grid, range direction and placement.</summary>
public sealed record Axis
{
    /// <summary>Axis title.</summary>
    public TitleStyle? Title { get; init; }
    /// <summary><c>log</c> for a logarithmic axis; null: plotly picks.</summary>
    public string? Type { get; init; }
    /// <summary>Grid lines.</summary>
    public bool? ShowGrid { get; init; }
    /// <summary><c>reversed</c> draws the range from top to bottom (matrices, images).</summary>
    public string? AutoRange { get; init; }
    /// <summary>The fraction [start, end] of the figure the axis spans (subplot grids).</summary>
    public double[]? Domain { get; init; }
    /// <summary>The axis it is anchored to (<c>x2</c>, <c>y2</c>, …).</summary>
    public string? Anchor { get; init; }
    /// <summary>False hides tick labels.</summary>
    public bool? ShowTickLabels { get; init; }
    /// <summary>False hides tick marks, labels, grid and line.</summary>
    public bool? Visible { get; init; }
}

/// <summary>A title: text, font, and horizontal position (0–1 of the width; 0.5 centres it).</summary>
public sealed record TitleStyle(string Text, FontStyle? Font = null, double? X = null);

/// <summary>A font family and size (px).</summary>
public sealed record FontStyle(string? Family = null, double? Size = null);

/// <summary>Margins around the plotting area (px).</summary>
public sealed record Margins(int T, int L, int R, int B);

/// <summary>A text at (x, y) in the figure's paper coordinates (0–1), e.g. a subplot's title.</summary>
public sealed record Annotation(string Text, double X, double Y)
{
    /// <summary><c>paper</c>: x is a fraction of the width.</summary>
    [JsonPropertyName("xref")]
    public string XRef { get; init; } = "paper";
    /// <summary><c>paper</c>: y is a fraction of the height.</summary>
    [JsonPropertyName("yref")]
    public string YRef { get; init; } = "paper";
    /// <summary>Horizontal anchor of the text at x.</summary>
    [JsonPropertyName("xanchor")]
    public string XAnchor { get; init; } = "center";
    /// <summary>Vertical anchor of the text at y.</summary>
    [JsonPropertyName("yanchor")]
    public string YAnchor { get; init; } = "bottom";
    /// <summary>Draw an arrow to (x, y).</summary>
    public bool ShowArrow { get; init; }
    /// <summary>Font.</summary>
    public FontStyle? Font { get; init; }
}
