namespace NotebookNet.Reporting;

/// <summary>
/// Where one notebook's outputs go: its stem, the artifacts folder (results, figures, tables) and how they are
/// exported. The host creates it and passes it in before the notebook runs (the runner and our kernel through
/// <c>Notebook.Host</c>); in another kernel (VS Code, Jupyter, dotnet-repl) the setup cell's
/// <c>Notebook.Setup(stem)</c> creates the default one. It replaces environment variables and scattered static state:
/// library code that writes artifacts (<see cref="ResultsStore"/>, trial stores, the chart formatter) reads
/// <see cref="Current"/>.
/// </summary>
public sealed class NotebookContext
{
    /// <summary>Environment variable a user may set to move the artifacts folder when no host passes one.</summary>
    public const string ArtifactsVariable = "NOTEBOOKNET_ARTIFACTS";

    private static NotebookContext? _current;
    private int _chartsShown;

    /// <summary>A context for notebook <paramref name="stem"/>
    /// writing under <paramref name="artifactsDirectory"/>.</summary>
    /// <param name="stem">The notebook's file name without extension, e.g. <c>02-cyclical-runs</c>.</param>
    /// <param name="artifactsDirectory">Results go to its <c>results/</c>,
    /// figures to <c>figures/</c>, tables to <c>tables/</c>.</param>
    /// <param name="renderer">Renders the figures' static files; null: HTML pages only.</param>
    /// <param name="formats">The static figure files written (with a renderer).</param>
    /// <param name="export">Save every chart and table shown (false: results only).</param>
    /// <param name="hosted">True when a host (runner, kernel) made it: the setup cell then keeps it.</param>
    /// <param name="stemFromSetup">
    /// True when the host does not know the notebook's name (a Jupyter kernel): the setup cell's
    /// <c>Notebook.Setup(stem)</c> renames the context (<see cref="WithStem"/>), keeping everything else.
    /// </param>
    /// <param name="outputDirectory">
    /// Where this run writes its figures, tables and results (default: <paramref name="artifactsDirectory"/>). The
    /// runner passes a staging folder and moves it into place only when the notebook succeeds, so a failed run never
    /// replaces a good one; reads look there first, then in the artifacts folder.
    /// </param>
    public NotebookContext(string stem, string artifactsDirectory, FigureRenderer? renderer = null,
        FigureFormats formats = FigureFormats.Default, bool export = true, bool hosted = true,
        bool stemFromSetup = false, string? outputDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        Stem = stem;
        ArtifactsDirectory = Path.GetFullPath(artifactsDirectory);
        OutputDirectory = Path.GetFullPath(outputDirectory ?? artifactsDirectory);
        Figures = export ? new FigureExport(FiguresDirectory, stem, renderer, formats) : null;
        Tables = export ? new TableExport(TablesDirectory, stem) : null;
        IsHosted = hosted;
        StemFromSetup = stemFromSetup;
        _renderer = renderer;
        _formats = formats;
    }

    private readonly FigureRenderer? _renderer;
    private readonly FigureFormats _formats;

    /// <summary>Whether the setup cell names the notebook (see the constructor's <c>stemFromSetup</c>).</summary>
    public bool StemFromSetup { get; }

    /// <summary>The same context for notebook <paramref name="stem"/> (same folder, export and renderer).</summary>
    public NotebookContext WithStem(string stem) =>
        new(stem, ArtifactsDirectory, _renderer, _formats, Figures is not null, IsHosted, StemFromSetup,
            OutputDirectory);

    /// <summary>The notebook's stem.</summary>
    public string Stem { get; }
    /// <summary>The artifacts folder (absolute): earlier notebooks' results are read from here.</summary>
    public string ArtifactsDirectory { get; }
    /// <summary>Where this notebook's outputs are written (the artifacts folder, or the runner's staging
    /// folder).</summary>
    public string OutputDirectory { get; }
    /// <summary><c>&lt;output&gt;/results</c>: this notebook's results JSON.</summary>
    public string ResultsDirectory => Path.Combine(OutputDirectory, "results");
    /// <summary><c>&lt;artifacts&gt;/results</c>: earlier results, and trial stores (kept whatever becomes of this
    /// run).</summary>
    public string PublishedResultsDirectory => Path.Combine(ArtifactsDirectory, "results");
    /// <summary><c>&lt;output&gt;/figures</c>.</summary>
    public string FiguresDirectory => Path.Combine(OutputDirectory, "figures");
    /// <summary><c>&lt;output&gt;/tables</c>.</summary>
    public string TablesDirectory => Path.Combine(OutputDirectory, "tables");
    /// <summary>The figure export, or null when charts are not saved.</summary>
    public FigureExport? Figures { get; }
    /// <summary>The table export, or null when tables are not saved.</summary>
    public TableExport? Tables { get; }
    /// <summary>Whether a host (runner, kernel) created this context.</summary>
    public bool IsHosted { get; }

    /// <summary>The context of the notebook being run, or null before any.</summary>
    public static NotebookContext? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="context"/> the current one (a new notebook starts).</summary>
    public static NotebookContext Begin(NotebookContext context)
    {
        Volatile.Write(ref _current, context);
        return context;
    }

    /// <summary>
    /// The context a kernel without a host uses: artifacts in <c>$NOTEBOOKNET_ARTIFACTS</c>, else <c>artifacts/</c> at
    /// the repository root (found from the current directory), else <c>./artifacts</c>; PNGs through the process's
    /// shared renderer when Chromium is installed.
    /// </summary>
    public static NotebookContext ForKernel(string stem)
    {
        var renderer = FigureRenderer.Shared;
        renderer?.WarmUp();
        return new(stem, DefaultArtifactsDirectory(), renderer, hosted: false);
    }

    /// <summary>The artifacts folder when no context says otherwise (see <see cref="ForKernel"/>).</summary>
    public static string DefaultArtifactsDirectory()
    {
        if (Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } env) return Path.GetFullPath(env);
        if (RepositoryRoot.Find() is { } root) return Path.Combine(root, "artifacts");
        return Path.GetFullPath("artifacts");
    }

    /// <summary>True for the first chart shown since the notebook
    /// (or its setup cell) started: it carries plotly.js.</summary>
    public bool TakeFirstChart() => Interlocked.Increment(ref _chartsShown) == 1;

    /// <summary>Starts over as the setup cell runs again: the next
    /// chart carries plotly.js and figures number from 01.</summary>
    public void Restart()
    {
        Interlocked.Exchange(ref _chartsShown, 0);
        Figures?.Restart();
        Tables?.Restart();
    }
}
