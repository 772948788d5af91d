namespace NotebookNet.Reporting;

/// <summary>The static files a chart is exported to besides its
/// HTML page (rendered by <see cref="FigureRenderer"/>).</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>HTML only.</summary>
    None = 0,
    /// <summary>PNG at 2× scale, for slides and print.</summary>
    Png = 1,
    /// <summary>SVG, vector, from plotly.js's own export.</summary>
    Svg = 2,
    /// <summary>PDF, vector, one page the figure's size (Chromium's print).</summary>
    Pdf = 4,
    /// <summary>What a run writes unless told otherwise: PNG and SVG.</summary>
    Default = Png | Svg,
}

/// <summary>Parsing and naming <see cref="FigureFormats"/>.</summary>
public static class FigureFormat
{
    /// <summary>The single formats, in the order files are written.</summary>
    public static readonly FigureFormats[] Each = [FigureFormats.Png, FigureFormats.Svg, FigureFormats.Pdf];

    /// <summary>The file extension of one format (<c>.png</c>, <c>.svg</c>, <c>.pdf</c>).</summary>
    public static string Extension(FigureFormats format) => "." + format.ToString().ToLowerInvariant();

    /// <summary>Parses a comma-separated list such as <c>png,svg,pdf</c> (or
    /// <c>none</c>); unknown names are an error naming the known ones.</summary>
    public static FigureFormats Parse(string list)
    {
        var formats = FigureFormats.None;
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals("none", StringComparison.OrdinalIgnoreCase)) continue;
            var match = Each.FirstOrDefault(f => f.ToString().Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match == FigureFormats.None)
                throw new ArgumentException(
                    $"unknown figure format \"{name}\": use png, svg and/or pdf, comma-separated (or none).");
            formats |= match;
        }
        return formats;
    }
}
