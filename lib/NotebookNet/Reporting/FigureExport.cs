using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Reporting;

/// <summary>Where one exported chart went.</summary>
/// <param name="Html">The interactive HTML page.</param>
/// <param name="Files">The static files (PNG, SVG, PDF), written in the background (none without Chromium).</param>
/// <param name="Title">The chart's title, if any.</param>
public sealed record ExportedFigure(string Html, IReadOnlyList<string> Files, string? Title);

/// <summary>
/// Saves the charts one notebook shows, numbered in order, to <c>&lt;directory&gt;/&lt;name&gt;.html</c> (interactive,
/// offline: it loads the shared <see cref="SharedScript"/> one folder up) and the <paramref name="formats"/> (queued
/// on a <see cref="FigureRenderer"/>; skipped when there is none). Names come from <see cref="ArtifactNames"/>. The
/// chart formatter calls <see cref="Export(JsonObject)"/> for every chart it shows.
/// </summary>
public sealed class FigureExport(string directory, string stem, FigureRenderer? renderer,
    FigureFormats formats = FigureFormats.Default)
{
    /// <summary>The one copy of plotly.js that figure pages and
    /// reports load, in the artifacts folder (their parent).</summary>
    public const string SharedScript = "plotly.min.js";

    private readonly Lock _gate = new();
    private int _counter;

    /// <summary>The figures folder.</summary>
    public string Directory { get; } = directory;
    /// <summary>The notebook stem figures are named after.</summary>
    public string Stem { get; } = stem;
    /// <summary>The renderer of the static files, or null (HTML only).</summary>
    public FigureRenderer? Renderer { get; } = renderer;
    /// <summary>The static formats written besides the HTML page.</summary>
    public FigureFormats Formats { get; } = formats;

    /// <summary>Numbers the next figure 01 again (re-running a notebook's setup cell).</summary>
    public void Restart()
    {
        lock (_gate) _counter = 0;
    }

    /// <summary>Exports a figure under the next number.</summary>
    public ExportedFigure Export(Figure figure) => Export(figure.ToJson());

    /// <summary>Exports plotly figure JSON under the next number;
    /// the static files appear when the renderer is idle.</summary>
    public ExportedFigure Export(JsonObject figure)
    {
        int n;
        lock (_gate) n = ++_counter;
        var title = FigureHtml.Title(figure);
        System.IO.Directory.CreateDirectory(Directory);
        WriteSharedScript(Path.GetDirectoryName(Path.GetFullPath(Directory))!);
        var path = Path.Combine(Directory, ArtifactNames.Of(Stem, n, title));
        WriteAtomically(path + ".html", FigureHtml.Document(figure, "../" + SharedScript));
        var files = new List<string>();
        if (Renderer is not null && Formats != FigureFormats.None)
        {
            files.AddRange(FigureFormat.Each.Where(f => Formats.HasFlag(f))
                .Select(f => path + FigureFormat.Extension(f)));
            _ = Renderer.Enqueue(figure, path, Formats);
        }
        return new ExportedFigure(path + ".html", files, title);
    }

    /// <summary>Writes <see cref="SharedScript"/> into
    /// <paramref name="folder"/> unless an identical copy is there.</summary>
    public static string WriteSharedScript(string folder)
    {
        var path = Path.Combine(folder, SharedScript);
        var script = PlotlyJs.Script;
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != Encoding.UTF8.GetByteCount(script)) WriteAtomically(path, script);
        return path;
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
