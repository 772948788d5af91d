using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookNet.Reporting;

namespace NotebookNet.Runner;

/// <summary>How one notebook went.</summary>
/// <param name="SetAside">Where its outputs were set aside (<see cref="RunOutputs"/>), or null when they were
/// published.</param>
public sealed record NotebookOutcome(string Stem, int Passed, int Failed, int NotRun, double Seconds, long Bytes,
    string Status, string? SetAside = null);

/// <summary>
/// The <c>run</c> command: executes notebooks headless, cell by cell, writing each executed notebook after every
/// cell (so a failure, a timeout or Ctrl+C still leaves everything that ran) into a staging folder that replaces the
/// published outputs only when the notebook passes (<see cref="RunOutputs"/>), then <c>runs.json</c>, the reports and
/// <c>index.html</c>.
/// </summary>
public sealed class NotebookRunner(RunSettings settings, RunnerConsole console, ParameterPlan? plan = null)
{
    /// <summary>Renders the run's PNG figures (one Chromium for the whole run); null without Chromium or outside a
    /// run.</summary>
    private FigureRenderer? _renderer;

    /// <summary>How long an interrupted or timed-out cell gets to stop cooperatively before it is abandoned.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    /// <summary>Set when a cell was abandoned (timeout/interrupt): its thread may still run, so the process must
    /// exit.</summary>
    public bool HasAbandonedCell { get; private set; }

    /// <summary>Resolves notebook names/paths to files, each once, in the order given (all of <c>notebooks/</c> in name
    /// order when none are given).</summary>
    public static IReadOnlyList<string> SelectNotebooks(string? repoRoot, IReadOnlyList<string> names)
    {
        var folder = repoRoot is null ? null : Path.Combine(repoRoot, "notebooks");
        var all = folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToArray() : [];
        if (names.Count == 0)
            return all.Length > 0 ? all : throw new ArgumentException("no notebooks found in " +
                $"{folder ?? "notebooks/ (repository root not found: run inside the repository)"}.");
        var result = new List<string>();
        foreach (var name in names)
        {
            if (name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || name.Contains('/')
                || name.Contains('\\'))
            {
                var path = Path.GetFullPath(name);
                result.Add(File.Exists(path) ? path : throw new ArgumentException($"notebook {path} does not exist."));
                continue;
            }
            var stem = (string p) => Path.GetFileNameWithoutExtension(p);
            var match = all.Where(p => stem(p) == name).ToArray();
            if (match.Length == 0)
                match = all.Where(p => stem(p).StartsWith(name + "-", StringComparison.Ordinal)).ToArray();
            if (match.Length == 0) match = all.Where(p => stem(p).StartsWith(name, StringComparison.Ordinal)).ToArray();
            if (match.Length != 1)
                throw new ArgumentException(match.Length == 0
                    ? $"no notebook matches \"{name}\" (have: {string.Join(", ", all.Select(stem))})."
                    : $"\"{name}\" matches several notebooks: {string.Join(", ", match.Select(stem))}.");
            result.Add(match[0]);
        }
        return result.Distinct(StringComparer.Ordinal).ToList(); // a notebook named twice (05 05-final-model) runs once
    }

    /// <summary>Runs the notebooks; returns the outcomes (stops after the first failing notebook unless
    /// ContinueOnError).</summary>
    public async Task<IReadOnlyList<NotebookOutcome>> RunAsync(IReadOnlyList<string> notebooks, string outDirectory,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        _renderer = FigureRenderer.FindChromium() is { } chromium ? new FigureRenderer(chromium) : null;
        _renderer?.WarmUp();
        if (_renderer is null)
            console.Warn("warning: no Chromium found (PATH: chromium, chromium-browser, google-chrome; " +
                $"or ${FigureRenderer.ChromiumVariable}): figures are saved as HTML only, PNG export skipped.");
        var outcomes = new List<NotebookOutcome>();
        var globals = new NotebookGlobals();
        var originalOut = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(new CaptureWriter("stdout", () => globals.Current, originalOut, echo: null));
        Console.SetError(new CaptureWriter("stderr", () => globals.Current, originalError, echo: originalError));
        var originalDirectory = Environment.CurrentDirectory;
        try
        {
            try { await Task.Run(() => NotebookSession.WarmUpAsync(cancellationToken), cancellationToken); }
            catch (OperationCanceledException) { }
            foreach (var path in notebooks)
            {
                if (cancellationToken.IsCancellationRequested) break;
                var outcome = await RunNotebookAsync(path, outDirectory, globals, cancellationToken);
                outcomes.Add(outcome);
                if (outcome.Failed > 0 && !settings.ContinueOnError) break;
                if (HasAbandonedCell) break;
            }
        }
        finally
        {
            await WaitForFigures();
            if (_renderer is not null) await _renderer.DisposeAsync();
            _renderer = null;
            globals.Current = null;
            Environment.CurrentDirectory = originalDirectory;
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
        try { RunLog.Record(outDirectory, outcomes); }
        catch (IOException e) { console.Warn($"warning: could not write {RunLog.PathIn(outDirectory)}: {e.Message}"); }
        WriteReports(outDirectory, outcomes.Where(o => o.SetAside is null).Select(o => o.Stem), console);
        foreach (var aside in outcomes.Where(o => o.SetAside is not null))
            WriteReports(aside.SetAside!, [aside.Stem], console);
        try
        {
            var index = IndexPage.Write(outDirectory);
            console.Line($"index: {index}");
        }
        catch (IOException e) { console.Warn($"warning: could not write index.html: {e.Message}"); }
        return outcomes;
    }

    /// <summary>Writes the reports of <paramref name="stems"/> (a failure is a warning: the run's outputs stand
    /// without them).</summary>
    public static void WriteReports(string outDirectory, IEnumerable<string> stems, RunnerConsole console)
    {
        try
        {
            var reports = ReportPage.WriteAll(outDirectory, stems);
            if (reports.Count > 0) console.Line($"reports: {reports.Count} in {ReportPage.DirectoryIn(outDirectory)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
            or System.Text.Json.JsonException)
        {
            console.Warn($"warning: could not write the reports: {e.Message}");
        }
    }

    private async Task<NotebookOutcome> RunNotebookAsync(string path, string outDirectory, NotebookGlobals globals,
        CancellationToken cancellationToken)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var staging = RunOutputs.Begin(outDirectory, stem);
        var output = Path.Combine(staging, stem + ".ipynb");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var clock = Stopwatch.StartNew();
        NotebookDocument document;
        try { document = NotebookDocument.Load(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            console.Line($"{stem}  cannot read notebook: {e.Message}");
            return new NotebookOutcome(stem, 0, 1, 0, 0, 0, "unreadable");
        }
        document.RemoveInjectedCells();
        document.ClearOutputs();
        InjectParameters(document, path);

        Environment.CurrentDirectory = directory;
        // The notebook's context (stem, artifacts, figure export), passed in before it runs: its setup cell keeps it,
        // and a notebook without the setup call still gets formatters, offline charts and exported figures.
        NotebookNet.Interactive.Notebook.Host(new NotebookContext(stem, outDirectory, _renderer, settings.FigureFormats,
            outputDirectory: staging));
        var session = new NotebookSession(directory, globals, message => console.Line($"{stem}  {message}"));
        var codeCells = document.Cells.Where(c => NotebookDocument.CellType(c!) == "code").Select(c => c!).ToList();
        int passed = 0, failed = 0, stopped = 0, number = 0;
        string status = "passed";
        long bytes = 0;
        foreach (var cell in codeCells)
        {
            number++;
            if (cancellationToken.IsCancellationRequested) { status = "interrupted"; break; }
            var source = NotebookDocument.Source(cell);
            var context = new CellContext(stem, number, new ProgressListener(console));
            globals.Current = context;
            var cellClock = Stopwatch.StartNew();
            CellFailure? failure = null;
            if (!string.IsNullOrWhiteSpace(source))
            {
                // The cell's token (CellCancellation): Ctrl+C, SIGTERM or the cell timeout cancel it, and the library's
                // long operations stop within a step; a cell that does not stop within StopGrace is abandoned.
                using var cellStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (settings.CellTimeout is { } t) cellStop.CancelAfter(t);
                var run = Task.Factory.StartNew(() => session.ExecuteAsync(source, context, cellStop.Token),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                var stop = Task.Delay(Timeout.Infinite, cellStop.Token);
                Task first;
                while ((first = await Task.WhenAny(run, stop,
                    Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None))) != run && first != stop)
                    if (DateTime.UtcNow - console.LastProgress > TimeSpan.FromSeconds(25))
                        console.Progress($"{stem}  cell {number}: running for {cellClock.Elapsed.TotalSeconds:0} s");
                if (first == stop) first = await Task.WhenAny(run, Task.Delay(StopGrace, CancellationToken.None));
                bool interrupted = cancellationToken.IsCancellationRequested;
                if (first == run)
                {
                    try { await run; }
                    catch (CellFailure e) { failure = e; }
                    catch (OperationCanceledException) when (cellStop.IsCancellationRequested)
                    {
                        failure = interrupted ? Interrupted(stem, number) : TimedOut(stem, number, "stopped");
                    }
                    catch (Exception e)
                    {
                        failure = new CellFailure(e.GetType().FullName ?? "Error", e.Message, null,
                            e.ToString().Split('\n'));
                    }
                }
                else
                {
                    HasAbandonedCell = true;
                    failure = interrupted ? Interrupted(stem, number) : TimedOut(stem, number, "abandoned");
                }
            }
            globals.Current = null;
            context.Close();
            console.ClearProgress();
            if (failure is not null)
            {
                context.Add(new CellOutput
                {
                    OutputType = "error", EName = failure.Name, EValue = failure.Message, Traceback = failure.Traceback
                });
                if (failure.Name == "Interrupted") { status = "interrupted"; stopped++; }
                else { failed++; status = "failed"; }
            }
            else passed++;
            NotebookDocument.SetOutputs(cell, number, context.Snapshot());
            bytes = document.Save(output);
            var seconds = cellClock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            console.Line(
                $"{stem}  cell {number}/{codeCells.Count}  {(failure is null ? "ok" : "FAILED")}  {seconds} s");
            if (failure is not null)
            {
                var where = failure.Line is int line ? $"cell {number}, line {line}" : $"cell {number}";
                console.Line($"  error in {stem}.ipynb {where}: {failure.Name}: {failure.Message}");
                console.Line($"  cell {number} starts: {FirstLine(source)}");
                if (!settings.ContinueOnError || HasAbandonedCell || status == "interrupted") break;
            }
        }
        if (codeCells.Count == 0 || number == 0) bytes = document.Save(output);
        int notRun = codeCells.Count - passed - failed - stopped;
        var figures = ArtifactNames.Pages(Path.Combine(staging, "figures"), stem).Length;
        await WaitForFigures(); // this notebook's figure files are written into its staging folder before it moves
        var aside = RunOutputs.Finish(outDirectory, stem, status == "passed");
        var written = aside is null
            ? Path.Combine(outDirectory, stem + ".ipynb")
            : Path.Combine(aside, stem + ".ipynb");
        console.Line($"{stem}  {status}: {passed} passed, {failed} failed{(stopped > 0 ? ", 1 interrupted" : "")}" +
                     $"{(notRun > 0 ? $", {notRun} not run" : "")}; {figures} figure(s); " +
                     $"{written} ({bytes / 1e6:0.0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        if (aside is not null)
            console.Line($"{stem}  kept the last good run's outputs; this {status} attempt is set aside in {aside}");
        return new NotebookOutcome(stem, passed, failed, notRun, clock.Elapsed.TotalSeconds, bytes, status, aside);
    }

    /// <summary>Figure files render on a background queue while cells run; a notebook's outputs move once they are
    /// written.</summary>
    private async Task WaitForFigures()
    {
        if (_renderer is null) return;
        var idle = _renderer.WhenIdle();
        if (await Task.WhenAny(idle, Task.Delay(TimeSpan.FromSeconds(2))) == idle) return;
        var clock = Stopwatch.StartNew();
        console.Line($"writing {_renderer.Pending} figure(s) as {settings.FigureFormats} with headless Chromium…");
        while (!idle.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            await Task.WhenAny(idle, Task.Delay(500));
            console.Progress($"figure files: {_renderer.Pending} to go");
        }
        console.ClearProgress();
        console.Line(idle.IsCompleted
            ? $"figure files written in {clock.Elapsed.TotalSeconds:0.0} s"
            : "warning: gave up waiting for figure files after 15 minutes");
    }

    private CellFailure TimedOut(string stem, int number, string how)
    {
        var seconds = settings.CellTimeout!.Value.TotalSeconds;
        return new CellFailure("CellTimeout",
            $"cell {number} exceeded the cell timeout of {seconds:0.#} s and was {how} " +
            "(raise --cell-timeout, or use --quick).",
            null, [$"{stem}.ipynb cell {number}: timed out after {seconds:0.#} s"]);
    }

    private static CellFailure Interrupted(string stem, int number) =>
        new("Interrupted", $"interrupted (Ctrl+C or SIGTERM) during cell {number}", null,
            [$"{stem}.ipynb cell {number}: interrupted"]);

    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 100 ? line[..100] + "…" : line;
    }

    /// <summary>
    /// Adds a cell tagged <c>injected-parameters</c> after the cell tagged <c>parameters</c> (papermill's convention)
    /// assigning this notebook's overrides from the <see cref="ParameterPlan"/> (checked before the run started).
    /// </summary>
    public void InjectParameters(NotebookDocument document, string path)
    {
        var assignments = plan?.For(path) ?? [];
        if (assignments.Count == 0) return;
        int index = -1;
        for (int i = 0; i < document.Cells.Count; i++)
            if (NotebookDocument.Tags(document.Cells[i]!).Contains("parameters")) { index = i; break; }
        var lines = new List<string> { "// Parameters injected by the runner" };
        lines.AddRange(assignments.Select(a => $"{a.Name} = {a.Literal};"));
        document.InsertInjectedCell(index + 1, string.Join("\n", lines));
    }
}
