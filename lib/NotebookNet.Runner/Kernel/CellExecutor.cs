using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Runs <c>execute_request</c>s one at a time on the shared <see cref="NotebookSession"/>: <c>execute_input</c>,
/// outputs as they happen (<see cref="CellOutputPublisher"/>), <c>error</c> with a readable traceback, then the
/// <c>execute_reply</c>, all inside busy/idle. Honours <c>silent</c>, <c>store_history</c> and <c>stop_on_error</c>
/// (requests queued before a failed cell's reply are answered <c>aborted</c>).
/// Cells run inline on one dedicated thread (no hand-over between threads on the way, which costs a time slice each
/// on a loaded machine). <see cref="Interrupt"/> cancels the running cell's <see cref="CellCancellation"/>: the
/// library's long operations stop within a step and the cell replies <c>KeyboardInterrupt</c>. A cell that ignores
/// it is abandoned after <see cref="InterruptGrace"/>: it gets its reply, its thread is left to it, and a new thread
/// serves the queue.
/// </summary>
public sealed class CellExecutor
{
    /// <summary>How long an interrupted cell gets to stop before it is abandoned (left running in the
    /// background).</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(3);

    private readonly Task<NotebookSession> _session;
    private readonly NotebookGlobals _globals;
    private readonly IOPub _iopub;
    private readonly Action<JupyterMessage, JsonObject> _reply;
    private readonly Action<string> _log;
    private readonly Func<string> _stem;
    private readonly BlockingCollection<(JupyterMessage Request, long Received)> _queue = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Running? _running;
    private long _abortBefore = long.MinValue;
    private int _executionCount;
    private CancellationToken _stop;

    /// <summary>The cell being run: its request, context, token and the thread generation running it.</summary>
    private sealed record Running(JupyterMessage Request, CellContext Context, CellOutputPublisher Publisher,
        CancellationTokenSource Cancel, int Generation, bool StopOnError);

    /// <summary>An executor for <paramref name="session"/>.</summary>
    /// <param name="session">The notebook's state (ready once the kernel hosted its context).</param>
    /// <param name="globals">The cells' globals (the current cell is set here).</param>
    /// <param name="iopub">Where status and outputs go.</param>
    /// <param name="reply">Sends a shell reply (request, content).</param>
    /// <param name="stem">The notebook's current stem (for tracebacks).</param>
    /// <param name="log">The kernel's log.</param>
    public CellExecutor(Task<NotebookSession> session, NotebookGlobals globals, IOPub iopub,
        Action<JupyterMessage, JsonObject> reply, Func<string> stem, Action<string> log)
    {
        _session = session; _globals = globals; _iopub = iopub; _reply = reply; _stem = stem; _log = log;
    }

    /// <summary>The number of the cell running now, or null when idle.</summary>
    public int? RunningCell => Volatile.Read(ref _running)?.Context.Number;

    /// <summary>How many cells were abandoned (they did not stop when interrupted).</summary>
    public int Abandoned { get; private set; }

    /// <summary>Queues a request (any thread).</summary>
    public void Enqueue(JupyterMessage request)
    {
        try { _queue.Add((request, Stopwatch.GetTimestamp())); }
        catch (InvalidOperationException) { } // shutting down
    }

    /// <summary>
    /// Cancels the running cell, if any (any thread), and abandons it if it has not stopped after
    /// <see cref="InterruptGrace"/>. Returns its number.
    /// </summary>
    public int? Interrupt()
    {
        var running = Volatile.Read(ref _running);
        if (running is null) return null;
        try { running.Cancel.Cancel(); } catch (ObjectDisposedException) { }
        _ = Task.Delay(InterruptGrace, CancellationToken.None)
            .ContinueWith(_ => Abandon(running), TaskScheduler.Default);
        return running.Context.Number;
    }

    /// <summary>Serves the queue on a dedicated thread until <paramref name="stop"/>; completes when it has
    /// stopped.</summary>
    public Task RunAsync(CancellationToken stop)
    {
        _stop = stop;
        stop.Register(() => _stopped.TrySetResult());
        StartThread(0);
        return _stopped.Task;
    }

    private void StartThread(int generation) =>
        new Thread(() => Serve(generation), ShellStack)
        {
            IsBackground = true, Name = $"kernel-shell-{generation}",
        }.Start();

    /// <summary>The cells' thread's stack: 16 MB, room for deep (finite) recursion in a cell.</summary>
    private const int ShellStack = 16 * 1024 * 1024;

    private void Serve(int generation)
    {
        try
        {
            foreach (var (request, received) in _queue.GetConsumingEnumerable(_stop))
            {
                _iopub.Status("busy", request);
                bool replied = true;
                try
                {
                    if (received <= Interlocked.Read(ref _abortBefore)) Abort(request);
                    else replied = Execute(request, generation);
                }
                catch (Exception e) { _log($"execute_request {request.Id} failed in the kernel: {e}"); }
                if (!replied) return; // abandoned: the watchdog replied and a new thread serves the queue
                _iopub.Status("idle", request);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    private void Abort(JupyterMessage request)
    {
        _log($"execute_request {request.Id} aborted: an earlier cell failed (stop_on_error)");
        _reply(request, new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
    }

    /// <summary>Runs one cell inline; false when it was abandoned meanwhile (then nothing more is sent for
    /// it).</summary>
    private bool Execute(JupyterMessage request, int generation)
    {
        var content = request.Content;
        var code = (string?)content["code"] ?? "";
        bool silent = (bool?)content["silent"] ?? false;
        bool storeHistory = !silent && ((bool?)content["store_history"] ?? true);
        bool stopOnError = (bool?)content["stop_on_error"] ?? true;
        if (storeHistory) _executionCount++;
        int number = Math.Max(1, _executionCount);
        if (!silent)
            _iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = number }, request);

        var publisher = new CellOutputPublisher(_iopub, request, silent);
        var context = new CellContext(_stem(), number, publisher);
        var running = new Running(request, context, publisher, new CancellationTokenSource(), generation, stopOnError);
        _globals.Current = context;
        Volatile.Write(ref _running, running);
        CellOutput? error = null;
        try
        {
            var session = _session.GetAwaiter().GetResult();
            session.ExecuteAsync(code, context, running.Cancel.Token).GetAwaiter().GetResult();
        }
        catch (CellFailure e) { error = Failure(e.Name, e.Message, e.Traceback); }
        catch (OperationCanceledException) when (running.Cancel.IsCancellationRequested)
        {
            error = Failure("KeyboardInterrupt",
                $"cell {number} was interrupted; the variables of earlier cells are kept.");
        }
        catch (Exception e) { error = Failure(e.GetType().FullName ?? "Error", e.Message, e.ToString().Split('\n')); }
        return Finish(running, error, abandoning: false);
    }

    /// <summary>
    /// The watchdog's side: the interrupted cell is still running after the grace, so it gets its reply now, its
    /// thread is left to it, and a new thread serves the queue.
    /// </summary>
    private void Abandon(Running running)
    {
        if (Volatile.Read(ref _running) != running) return;
        Abandoned++;
        var error = Failure("KeyboardInterrupt",
            $"cell {running.Context.Number} was interrupted but did not stop within " +
            $"{InterruptGrace.TotalSeconds:0} s: its " +
            "code does not observe NotebookNet.CellCancellation.Current (Thread.Sleep, a loop of its own). It was " +
            "abandoned and may still run in the background; its variables are not kept. " +
            "Restart the kernel to stop it.");
        if (!Finish(running, error, abandoning: true)) return;
        _log($"cell {running.Context.Number} abandoned: it did not stop within " +
             $"{InterruptGrace.TotalSeconds:0} s of the interrupt");
        _iopub.Status("idle", running.Request);
        StartThread(running.Generation + 1);
    }

    /// <summary>
    /// Ends the cell once, from the thread that ran it or the watchdog, whichever comes first: publishes the error,
    /// closes the cell, replies. False when the other side already did.
    /// </summary>
    private bool Finish(Running running, CellOutput? error, bool abandoning)
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _running) != running) return false;
            if (error is not null) running.Context.Add(error);
            Volatile.Write(ref _running, null);
            _globals.Current = null;
            running.Publisher.Dispose();
            running.Context.Close();
            if (!abandoning) running.Cancel.Dispose(); // an abandoned cell's code may still read its token
        }
        int number = running.Context.Number;
        if (error is null)
        {
            _reply(running.Request, new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = number,
                ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray(),
            });
            return true;
        }
        var reply = CellOutputPublisher.Error(error.EName, error.EValue, error.Traceback);
        reply["status"] = "error";
        reply["execution_count"] = number;
        _reply(running.Request, reply);
        if (running.StopOnError) Interlocked.Exchange(ref _abortBefore, Stopwatch.GetTimestamp());
        return true;
    }

    private static CellOutput Failure(string name, string message, IReadOnlyList<string>? traceback = null) => new()
    {
        OutputType = "error", EName = name, EValue = message,
        Traceback = traceback is { Count: > 0 }
            ? [$"{name}: {message}", .. traceback.Where(l => l != $"{name}: {message}")]
            : [$"{name}: {message}"],
    };
}
