using System.Text.Json.Nodes;
using NotebookNet.Reporting;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// The Jupyter kernel: the runner's engine (<see cref="NotebookSession"/>, <see cref="NotebookGlobals"/>, the
/// formatters) behind Jupyter's messaging protocol. Binds the sockets and answers <c>kernel_info</c> at once; the
/// notebook's context is hosted and the compiler warmed up in the background meanwhile (the first cell waits for
/// that). Requests are answered on the channel they came on, each inside <c>busy</c>/<c>idle</c>; cells run one at a
/// time (<see cref="CellExecutor"/>), language services on the thread pool, control on its own thread.
/// </summary>
public sealed class KernelServer
{
    private readonly ConnectionFile _connection;
    private readonly Action<string> _log;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource<string> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NotebookGlobals _globals = new();
    private readonly Lock _servicesGate = new();
    private KernelSockets? _sockets;
    private IOPub? _iopub;
    private CellExecutor? _executor;
    private Task<NotebookSession>? _sessionReady;
    private (CodeCompletion Completion, SymbolInspection Inspection)? _services;

    /// <summary>A kernel for <paramref name="connection"/>, logging to <paramref name="log"/> (the process's
    /// stderr).</summary>
    public KernelServer(ConnectionFile connection, Action<string> log)
    {
        _connection = connection; _log = log;
    }

    /// <summary>
    /// Serves until a <c>shutdown_request</c> or <paramref name="stop"/> (SIGTERM); returns the exit code. A cell still
    /// running then is interrupted and given <see cref="CellExecutor.InterruptGrace"/>.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var signer = new MessageSigner(_connection.Key);
        if (!signer.IsSigning) _log("warning: the connection file has no key: messages are not signed");
        using var sockets = new KernelSockets(_connection, signer, _log);
        _sockets = sockets;
        _iopub = new IOPub(sockets, _session);
        var hosted = Task.Run(Host, CancellationToken.None);
        _sessionReady = hosted.ContinueWith(host =>
        {
            if (host.Exception is { } e)
                _log($"warning: hosting the notebook context failed: {e.InnerException?.Message}");
            return new NotebookSession(Environment.CurrentDirectory, _globals, m => _log(m));
        }, TaskScheduler.Default);
        // the compiler, off the first cell's time
        _ = Task.Run(() => NotebookSession.WarmUpAsync(stop), CancellationToken.None);
        _executor = new CellExecutor(_sessionReady, _globals, _iopub,
            (request, content) => Reply(Channel.Shell, request, content),
            () => NotebookContext.Current?.Stem ?? "notebook", _log);
        sockets.ShellMessage += m => Handle(m, Channel.Shell);
        sockets.ControlMessage += m => Handle(m, Channel.Control);
        sockets.StdinMessage += m => _log($"ignored a {m.Type} on stdin (this kernel does not ask for input)");
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
            {
                context.Cancel = true; // SIGINT interrupts the running cell, it does not end the kernel
                var cell = _executor.Interrupt();
                _log(cell is int n ? $"SIGINT: interrupting cell {n}" : "SIGINT: no cell is running");
            });
        sockets.Start();
        _iopub.Status("starting", null);
        _log($"ready: {_connection.Endpoint(_connection.ShellPort)} (shell), iopub {_connection.IOPubPort}, " +
             $"control {_connection.ControlPort}, stdin {_connection.StdinPort}, hb {_connection.HeartbeatPort}; " +
             $"working directory {Environment.CurrentDirectory}");

        using var executing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var executor = _executor.RunAsync(executing.Token);
        var stopped = Task.Delay(Timeout.Infinite, stop);
        var reason = await Task.WhenAny(_shutdown.Task, stopped) == _shutdown.Task ? await _shutdown.Task : "SIGTERM";
        if (_executor.Interrupt() is int running)
        {
            _log($"{reason} during cell {running}: interrupting it");
            var grace = Task.Delay(CellExecutor.InterruptGrace, CancellationToken.None);
            var finished = await Task.WhenAny(WhenIdle(), grace);
            if (finished is not Task<bool>) _log($"cell {running} did not stop; exiting anyway");
        }
        executing.Cancel();
        await Task.WhenAny(executor, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
        sockets.Flush(TimeSpan.FromSeconds(1));
        _log($"exiting: {reason}");
        return 0;
    }

    private async Task<bool> WhenIdle()
    {
        while (_executor!.RunningCell is not null) await Task.Delay(20);
        return true;
    }

    /// <summary>What a host does before a notebook runs (as the runner does), plus console capture into
    /// cells.</summary>
    private void Host()
    {
        var log = Console.Error;
        Console.SetOut(new CaptureWriter("stdout", () => _globals.Current, log, echo: null));
        Console.SetError(new CaptureWriter("stderr", () => _globals.Current, log, echo: null));
        Console.SetIn(TextReader.Null);
        // The setup cell's Notebook.Setup("<stem>") names the notebook; until then it is "notebook".
        NotebookNet.Interactive.Notebook.Host(new NotebookContext("notebook",
            NotebookContext.DefaultArtifactsDirectory(),
            FigureRenderer.Shared, hosted: true, stemFromSetup: true));
        OutputFormatter.Format(0); // the formatters' first use, off the first cell's time
    }

    private void Handle(JupyterMessage request, Channel channel)
    {
        switch (request.Type)
        {
            case "execute_request":
                _executor!.Enqueue(request);
                return;
            case "kernel_info_request":
                Answer(request, channel, "kernel_info_reply", KernelInfo.Content());
                return;
            case "interrupt_request":
                var cell = _executor!.Interrupt();
                _log(cell is int n
                    ? $"interrupt_request: interrupting cell {n}"
                    : "interrupt_request: no cell is running");
                Answer(request, channel, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                return;
            case "shutdown_request":
                bool restart = (bool?)request.Content["restart"] ?? false;
                Answer(request, channel, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
                _shutdown.TrySetResult(restart ? "shutdown_request (restart)" : "shutdown_request");
                return;
            case "is_complete_request":
            case "complete_request":
            case "inspect_request":
                _iopub!.Status("busy", request);
                _ = Task.Run(() => LanguageServiceAsync(request, channel));
                return;
            case "history_request":
                Answer(request, channel, "history_reply",
                    new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                return;
            case "comm_info_request":
                Answer(request, channel, "comm_info_reply",
                    new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                return;
            case "comm_open" or "comm_msg" or "comm_close":
                _iopub!.Status("busy", request);
                _iopub.Status("idle", request);
                return;
            default:
                _log($"unsupported request {request.Type} on {channel}: ignored");
                _iopub!.Status("busy", request);
                _iopub.Status("idle", request);
                return;
        }
    }

    private async Task LanguageServiceAsync(JupyterMessage request, Channel channel)
    {
        var type = request.Type.Replace("_request", "_reply", StringComparison.Ordinal);
        JsonObject content;
        try
        {
            var code = (string?)request.Content["code"] ?? "";
            int cursor = (int?)request.Content["cursor_pos"] ?? CodePoints.FromIndex(code, code.Length);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            content = request.Type switch
            {
                "is_complete_request" => IsComplete(code),
                "complete_request" =>
                    await (await ServicesAsync()).Completion.CompleteAsync(code, cursor, timeout.Token),
                _ => await (await ServicesAsync()).Inspection.InspectAsync(code, cursor, timeout.Token),
            };
        }
        catch (Exception e)
        {
            _log($"{request.Type} failed: {e}");
            content = CellOutputPublisher.Error(e.GetType().Name, e.Message, [e.Message]);
            content["status"] = "error";
        }
        Reply(channel, request, content, type);
        _iopub!.Status("idle", request);
    }

    private static JsonObject IsComplete(string code)
    {
        var (status, indent) = CompletenessCheck.Check(code);
        var content = new JsonObject { ["status"] = status };
        if (status == "incomplete") content["indent"] = indent;
        return content;
    }

    private async Task<(CodeCompletion Completion, SymbolInspection Inspection)> ServicesAsync()
    {
        var session = await _sessionReady!;
        lock (_servicesGate)
        {
            if (_services is { } services) return services;
            var workspace = new ScriptWorkspace(session);
            _services = (new CodeCompletion(workspace), new SymbolInspection(workspace));
            return _services.Value;
        }
    }

    private void Answer(JupyterMessage request, Channel channel, string type, JsonObject content)
    {
        _iopub!.Status("busy", request);
        Reply(channel, request, content, type);
        _iopub.Status("idle", request);
    }

    private void Reply(Channel channel, JupyterMessage request, JsonObject content, string? type = null)
    {
        type ??= request.Type.Replace("_request", "_reply", StringComparison.Ordinal);
        _sockets!.Send(channel, JupyterMessage.Create(type, content, request, _session));
    }
}
