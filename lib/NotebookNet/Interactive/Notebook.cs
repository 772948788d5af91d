using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Reporting;

namespace NotebookNet.Interactive;

/// <summary>
/// The notebooks' setup call. Cell 1 of every notebook ends with
/// <c>NotebookNet.Interactive.Notebook.Setup("&lt;stem&gt;");</c>, which starts the notebook's
/// <see cref="NotebookContext"/> and registers, through Microsoft.DotNet.Interactive.Formatting, how the notebook shows
/// <list type="bullet">
/// <item><see cref="Figure"/>s (every chart of <see cref="Charts"/>): <c>text/html</c> drawn by the offline plotly.js
/// (<see cref="PlotlyJs"/>; the first chart after Setup carries it, later ones reuse <c>window.Plotly</c>); each chart
/// shown is also saved by the context's <see cref="FigureExport"/>. Plotly.NET charts display the same way where
/// Plotly.NET loads (<see cref="PlotlyNetCharts"/>);</item>
/// <item><see cref="Table"/>s (what <see cref="Tables.From{T}"/> makes), <see cref="DataFrame"/>s and
/// <see cref="HtmlTable"/>s: an HTML table (numbers right-aligned, at most <see cref="HtmlTable.DefaultMaxRows"/> rows)
/// and an aligned <c>text/plain</c> table; each table shown is also saved by the context's
/// <see cref="TableExport"/>.</item>
/// </list>
/// The same registrations serve every kernel (the released .NET Interactive kernel, dotnet-repl, our kernel) and the
/// headless runner, which formats with <see cref="Formatter.ToDisplayString(object, string)"/>.
/// </summary>
public static class Notebook
{
    /// <summary>
    /// Starts notebook <paramref name="stem"/>: when a host (the runner, our kernel) passed a context with
    /// <see cref="Host"/>, that one is kept (renamed to <paramref name="stem"/> when the host left the name to the
    /// setup cell, as a Jupyter kernel does: <see cref="NotebookContext.StemFromSetup"/>); otherwise a default one is
    /// made (<see cref="NotebookContext.ForKernel"/>: artifacts at the repository root). Figure numbering restarts at
    /// 01 and the next chart carries plotly.js. Registers the formatters. Safe to call again (re-running the setup
    /// cell).
    /// </summary>
    /// <param name="stem">The notebook's file name without extension, e.g. <c>"02-cyclical-runs"</c>.</param>
    /// <returns>The notebook's context.</returns>
    public static NotebookContext Setup(string? stem = null)
    {
        var context = NotebookContext.Current is { IsHosted: true } hosted
            ? hosted.StemFromSetup && !string.IsNullOrWhiteSpace(stem) && stem != hosted.Stem
                ? NotebookContext.Begin(hosted.WithStem(stem))
                : hosted
            : NotebookContext.Begin(NotebookContext.ForKernel(string.IsNullOrWhiteSpace(stem) ? "notebook" : stem));
        context.Restart();
        RegisterFormatters();
        return context;
    }

    /// <summary>What a host does before a notebook runs: makes
    /// <paramref name="context"/> current and registers the formatters.</summary>
    public static NotebookContext Host(NotebookContext context)
    {
        NotebookContext.Begin(context);
        RegisterFormatters();
        return context;
    }

    /// <summary>Registers the chart and table formatters only (no
    /// notebook state). Called by <see cref="Setup"/>.</summary>
    public static void RegisterFormatters()
    {
        Formatter.Register<Figure>((figure, writer) => writer.Write(FigureToHtml(figure.ToJson())),
            HtmlFormatter.MimeType);
        Formatter.Register<Figure>((figure, writer) => writer.Write(figure.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<Table>((table, writer) => writer.Write(TableToHtml(table.Frame, table.Title)),
            HtmlFormatter.MimeType);
        Formatter.Register<Table>((table, writer) => writer.Write(HtmlTable.From(table).ToText()),
            PlainTextFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(TableToHtml(frame, null)),
            HtmlFormatter.MimeType);
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlTable.From(frame).ToText()),
            PlainTextFormatter.MimeType);
        Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToText()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Figure), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Table), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlTable), HtmlFormatter.MimeType);
        PlotlyNetCharts.TryRegisterFormatters();
    }

    /// <summary>
    /// A table's notebook HTML (see <see cref="HtmlTable"/>); saved by the current context on the way (all rows, as
    /// shown; a failed export is a warning, never a failed cell).
    /// </summary>
    public static string TableToHtml(DataFrame frame, string? title)
    {
        if (NotebookContext.Current?.Tables is { } tables)
        {
            try { tables.Export(HtmlTable.From(frame, int.MaxValue, title)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warning: table export failed: {e.Message}");
            }
        }
        return HtmlTable.From(frame, HtmlTable.DefaultMaxRows, title).ToHtml();
    }

    /// <summary>
    /// A chart's notebook HTML (see <see cref="FigureHtml.Fragment"/>): carries plotly.js when it is the notebook's
    /// first chart, and is exported by the current context on the way (a failed export is a warning, never a failed
    /// cell).
    /// </summary>
    public static string FigureToHtml(JsonObject figure)
    {
        var context = NotebookContext.Current;
        if (context?.Figures is { } figures)
        {
            try { figures.Export(figure); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warning: figure export failed: {e.Message}");
            }
        }
        return FigureHtml.Fragment(figure, includePlotlyJs: context?.TakeFirstChart() ?? true);
    }
}
