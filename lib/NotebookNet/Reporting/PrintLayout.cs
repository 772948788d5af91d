using System.Text.Json.Nodes;

namespace NotebookNet.Reporting;

/// <summary>
/// How exported figure files (PNG, SVG, PDF) are laid out for a report. Designed for one column of a LaTeX document,
/// <c>\columnwidth</c> = 345 pt (the article class at 10 pt): a figure is <see cref="Width"/> = 640 CSS px wide, so
/// placed at <c>width=\columnwidth</c> one CSS px prints as 0.54 pt and text of <see cref="FontSize"/> = 17 px as
/// 9.2 pt (titles 10.3 pt, subplot titles 8.6 pt): the size of a 10 pt document's captions. Heights keep each
/// figure's proportions. The interactive pages and notebook outputs keep the screen layout.
/// </summary>
public static class PrintLayout
{
    /// <summary>Width of an exported figure in CSS px.</summary>
    public const int Width = 640;
    /// <summary>Base text size (axis titles, ticks, legend) in CSS px.</summary>
    public const int FontSize = 17;
    /// <summary>Title size in CSS px.</summary>
    public const int TitleSize = 19;
    /// <summary>Subplot titles (annotations) in CSS px.</summary>
    public const int AnnotationSize = 16;

    /// <summary>A copy of plotly figure JSON at <see cref="Width"/>
    /// (height scaled alike) with the print font sizes.</summary>
    public static JsonObject Apply(JsonObject figure)
    {
        var copy = figure.DeepClone().AsObject();
        var layout = copy["layout"] as JsonObject ?? [];
        copy["layout"] = layout;
        var (width, height) = FigureHtml.Size(figure);
        layout["width"] = Width;
        layout["height"] = (int)Math.Round(height * (double)Width / width);
        SetSize(layout, "font", FontSize);
        if (layout["title"] is JsonObject title) SetSize(title, "font", TitleSize);
        if (layout["annotations"] is JsonArray annotations)
            foreach (var annotation in annotations.OfType<JsonObject>()) SetSize(annotation, "font", AnnotationSize);
        return copy;
    }

    private static void SetSize(JsonObject owner, string key, int size)
    {
        if (owner[key] is not JsonObject font) owner[key] = font = [];
        font["size"] = size;
    }
}
