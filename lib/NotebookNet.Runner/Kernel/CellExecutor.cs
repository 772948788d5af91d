using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Runs <c>execute_request</c>s one at a time on the shared <see cref="NotebookSession"/>: <c>execute_input</c>,
/// outputs as they happen (<see cref="CellOutputPublisher"/>), <c>error</c> with a readable traceback, then the
/// <c>execute_reply</c>. Honours <c>silent</c>, <c>store_history</c> and <c>stop_on_error</c> (requests queued before
/// a failed cell's reply are answered <c>aborted</c>). <see cref="Interrupt"/> cancels the running cell's
/// <see cref="CellCancellation"/>: the library's long operations stop within a step and the cell replies
/// <c>KeyboardInterrupt</c>; a cell that ignores it is abandoned after <see cref="InterruptGrace"/>.
/// </summary>
public sealed class CellExecutor
{
    /// <summary>How long an interrupted cell gets to stop before it is abandoned (left running in the background).</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(3);

    private readonly Task<NotebookSession> _session;
    private readonly NotebookGlobals _globals;
    private readonly IOPub _iopub;
    private readonly Action<JupyterMessage, JsonObject> _reply;
    private readonly Action<string> _log;
    private readonly Func<string> _stem;
    private readonly System.Threading.Channels.Channel<(JupyterMessage Request, long Received)> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<(JupyterMessage, long)>();
    private CancellationTokenSource? _running;
    private long _abortBefore = long.MinValue;
    private int _executionCount;

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
    public int? RunningCell { get; private set; }

    /// <summary>How many cells were abandoned (they did not stop when interrupted).</summary>
    public int Abandoned { get; private set; }

    /// <summary>Queues a request (any thread).</summary>
    public void Enqueue(JupyterMessage request) => _queue.Writer.TryWrite((request, Stopwatch.GetTimestamp()));

    /// <summary>Cancels the running cell, if any (any thread). Returns its number.</summary>
    public int? Interrupt()
    {
        var running = Volatile.Read(ref _running);
        try { running?.Cancel(); } catch (ObjectDisposedException) { }
        return running is null ? null : RunningCell;
    }

    /// <summary>Runs queued requests until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var (request, received) in _queue.Reader.ReadAllAsync(stop))
            {
                _iopub.Status("busy", request);
                try
                {
                    if (received <= Interlocked.Read(ref _abortBefore)) Abort(request);
                    else await ExecuteAsync(request);
                }
                catch (Exception e) { _log($"execute_request {request.Id} failed in the kernel: {e}"); }
                finally { _iopub.Status("idle", request); }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private void Abort(JupyterMessage request)
    {
        _log($"execute_request {request.Id} aborted: an earlier cell failed (stop_on_error)");
        _reply(request, new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
    }

    private async Task ExecuteAsync(JupyterMessage request)
    {
        var content = request.Content;
        var code = (string?)content["code"] ?? "";
        bool silent = (bool?)content["silent"] ?? false;
        bool storeHistory = !silent && ((bool?)content["store_history"] ?? true);
        bool stopOnError = (bool?)content["stop_on_error"] ?? true;
        if (storeHistory) _executionCount++;
        int number = Math.Max(1, _executionCount);
        if (!silent) _iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = number }, request);

        var session = await _session;
        using var publisher = new CellOutputPublisher(_iopub, request, silent);
        var context = new CellContext(_stem(), number, publisher);
        using var cancel = new CancellationTokenSource();
        CellOutput? error = null;
        _globals.Current = context;
        RunningCell = number;
        Volatile.Write(ref _running, cancel);
        try
        {
            var run = Task.Factory.StartNew(() => session.ExecuteAsync(code, context, cancel.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            var interrupted = Task.Delay(Timeout.Infinite, cancel.Token);
            if (await Task.WhenAny(run, interrupted) != run
                && await Task.WhenAny(run, Task.Delay(InterruptGrace, CancellationToken.None)) != run)
            {
                Abandoned++;
                error = Failure("KeyboardInterrupt",
                    $"cell {number} was interrupted but did not stop within {InterruptGrace.TotalSeconds:0} s: its code does " +
                    "not observe CellCancellation.Current (Thread.Sleep, a loop of its own). It was abandoned and may " +
                    "still run in the background; its variables are not kept. Restart the kernel to stop it.");
            }
            else
            {
                try { await run; }
                catch (CellFailure e) { error = Failure(e.Name, e.Message, e.Traceback); }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    error = Failure("KeyboardInterrupt", $"cell {number} was interrupted; the variables of earlier cells are kept.");
                }
                catch (Exception e)
                {
                    error = Failure(e.GetType().FullName ?? "Error", e.Message, e.ToString().Split('\n'));
                }
            }
            if (error is not null) context.Add(error);
        }
        finally
        {
            Volatile.Write(ref _running, null);
            RunningCell = null;
            _globals.Current = null;
            publisher.Flush();
            context.Close();
        }

        if (error is null)
        {
            _reply(request, new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = number,
                ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray(),
            });
            return;
        }
        var reply = CellOutputPublisher.Error(error.EName, error.EValue, error.Traceback);
        reply["status"] = "error";
        reply["execution_count"] = number;
        _reply(request, reply);
        if (stopOnError) Interlocked.Exchange(ref _abortBefore, Stopwatch.GetTimestamp());
    }

    private static CellOutput Failure(string name, string message, IReadOnlyList<string>? traceback = null) => new()
    {
        OutputType = "error", EName = name, EValue = message,
        Traceback = traceback is { Count: > 0 } ? [$"{name}: {message}", .. traceback.Where(l => l != $"{name}: {message}")] : [$"{name}: {message}"],
    };
}
