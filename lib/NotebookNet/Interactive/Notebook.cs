using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using NotebookNet.Reporting;

namespace NotebookNet.Interactive;

/// <summary>
/// The notebooks' setup call. Cell 1 of every notebook ends with <c>NotebookNet.Interactive.Notebook.Setup("&lt;stem&gt;");</c>,
/// which registers, through Microsoft.DotNet.Interactive.Formatting, how the notebook shows
/// <list type="bullet">
/// <item>Plotly.NET charts (<see cref="GenericChart"/>, which Plotly.NET.CSharp charts are): <c>text/html</c> drawn by plotly.js
/// inlined from Plotly.NET (offline, no CDN; the first chart after Setup carries plotly.js, later ones reuse
/// <c>window.Plotly</c>), and each chart formatted is also exported by <see cref="FigureExport"/>;</item>
/// <item><see cref="DataFrame"/> and <see cref="HtmlTable"/>: an HTML table (numbers right-aligned, at most
/// <see cref="HtmlTable.DefaultMaxRows"/> rows) and an aligned <c>text/plain</c> table.</item>
/// </list>
/// The same registrations serve the .NET Interactive kernel (VS Code) and the headless runner, which formats
/// with <see cref="Formatter.ToDisplayString(object, string)"/>, so both show the same outputs.
/// </summary>
public static class Notebook
{
    /// <summary>Environment variable the runner sets to the executing notebook's stem (it wins over Setup's argument).</summary>
    public const string NotebookVariable = "NOTEBOOKNET_NOTEBOOK";

    private static readonly object Gate = new();
    private static bool _plotlyJsEmitted;

    /// <summary>
    /// Registers the formatters and starts a notebook: figure numbering restarts at 01 under <paramref name="stem"/>
    /// (<c>$NOTEBOOKNET_NOTEBOOK</c> when the runner set it), and the next chart shown carries plotly.js.
    /// Figures go to <c>$NOTEBOOKNET_ARTIFACTS/figures</c>, else <c>artifacts/figures</c> at the repository root
    /// (see <see cref="ResultsStore.ArtifactsDirectory"/>). Safe to call again (re-running the setup cell).
    /// </summary>
    /// <param name="stem">The notebook's file name without extension, e.g. <c>"02-cyclical-runs"</c>.</param>
    public static void Setup(string? stem = null)
    {
        var fromRunner = Environment.GetEnvironmentVariable(NotebookVariable);
        FigureExport.Begin(fromRunner is { Length: > 0 } ? fromRunner : string.IsNullOrWhiteSpace(stem) ? "notebook" : stem);
        lock (Gate) _plotlyJsEmitted = false;
        RegisterFormatters();
    }

    /// <summary>Registers the chart and table formatters only (no notebook state). Called by <see cref="Setup"/>.</summary>
    public static void RegisterFormatters()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartToHtml(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Caption(chart)), PlainTextFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.From(frame).ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.From(frame).ToText()), PlainTextFormatter.MimeType);
        Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToText()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlTable), HtmlFormatter.MimeType);
    }

    /// <summary>A chart's notebook HTML (see <see cref="ChartHtml.Fragment(GenericChart, bool)"/>); exports it as a figure on the way.</summary>
    public static string ChartToHtml(GenericChart chart)
    {
        var figure = ChartHtml.Figure(chart);
        if (FigureExport.Enabled)
        {
            try { FigureExport.Export(figure); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warning: figure export failed: {e.Message}");
            }
        }
        bool includeJs;
        lock (Gate) { includeJs = !_plotlyJsEmitted; _plotlyJsEmitted = true; }
        return ChartHtml.Fragment(figure, includeJs);
    }
}
