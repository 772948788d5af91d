using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Reporting;

/// <summary>Where one exported chart went.</summary>
/// <param name="Html">The standalone HTML file (plotly.js inlined).</param>
/// <param name="Png">The PNG file, written in the background (null when no Chromium was found).</param>
/// <param name="Title">The chart's title, if any.</param>
public sealed record ExportedFigure(string Html, string? Png, string? Title);

/// <summary>
/// Saves the charts one notebook shows, numbered in order, to <c>&lt;directory&gt;/&lt;name&gt;.html</c> (standalone,
/// offline) and <c>.png</c> (queued on a <see cref="FigureRenderer"/>; skipped when there is none). Names come from
/// <see cref="FigureNames"/>. The chart formatter calls <see cref="Export(JsonObject)"/> for every chart it shows.
/// </summary>
public sealed class FigureExport(string directory, string stem, FigureRenderer? renderer)
{
    private readonly Lock _gate = new();
    private int _counter;

    /// <summary>The figures folder.</summary>
    public string Directory { get; } = directory;
    /// <summary>The notebook stem figures are named after.</summary>
    public string Stem { get; } = stem;
    /// <summary>The PNG renderer, or null (HTML only).</summary>
    public FigureRenderer? Renderer { get; } = renderer;

    /// <summary>Numbers the next figure 01 again (re-running a notebook's setup cell).</summary>
    public void Restart()
    {
        lock (_gate) _counter = 0;
    }

    /// <summary>Exports a figure under the next number.</summary>
    public ExportedFigure Export(Figure figure) => Export(figure.ToJson());

    /// <summary>Exports plotly figure JSON under the next number; the PNG appears when the renderer is idle.</summary>
    public ExportedFigure Export(JsonObject figure)
    {
        int n;
        lock (_gate) n = ++_counter;
        var title = FigureHtml.Title(figure);
        System.IO.Directory.CreateDirectory(Directory);
        var baseName = FigureNames.Of(Stem, n, title);
        var html = Path.Combine(Directory, baseName + ".html");
        WriteAtomically(html, FigureHtml.Document(figure));
        string? png = null;
        if (Renderer is not null)
        {
            png = Path.Combine(Directory, baseName + ".png");
            _ = Renderer.EnqueuePng(figure, png);
        }
        return new ExportedFigure(html, png, title);
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
