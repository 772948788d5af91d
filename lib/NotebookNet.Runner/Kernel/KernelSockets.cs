using NetMQ;
using NetMQ.Sockets;

namespace NotebookNet.Runner.Kernel;

/// <summary>The kernel's channels.</summary>
public enum Channel
{
    /// <summary>Requests and replies (ROUTER).</summary>
    Shell,
    /// <summary>Interrupt, shutdown and others while a cell runs (ROUTER, its own thread).</summary>
    Control,
    /// <summary>Input requests to the client (ROUTER).</summary>
    Stdin,
    /// <summary>Broadcasts: status, outputs (PUB).</summary>
    IOPub,
}

/// <summary>
/// The kernel's five ZeroMQ sockets (NetMQ), bound only to the connection file's address and ports. Shell and stdin
/// live on one I/O thread, control on a thread of its own (an interrupt is served while the shell is busy), and the
/// heartbeat echoes on a third. Any thread may send: replies are queued to their socket's thread, signed and sent in
/// order; IOPub (a PUB socket, never polled) is sent on the caller's thread under a lock, so a cell's outputs leave
/// without a hand-over between threads. Incoming messages whose signature is wrong (or that replay one already seen)
/// are dropped and
/// logged, never handed on.
/// </summary>
public sealed class KernelSockets : IDisposable
{
    private const int ReplayMemory = 4096;

    private readonly ConnectionFile _connection;
    private readonly MessageSigner _signer;
    private readonly Action<string> _log;
    private readonly RouterSocket _shell = new(), _control = new(), _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<(Channel Channel, JupyterMessage Message)> _ioQueue = new(), _controlQueue = new();
    private readonly NetMQPoller _ioPoller, _controlPoller;
    private readonly HashSet<string> _seen = [];
    private readonly Queue<string> _seenOrder = new();
    private readonly Lock _seenGate = new();
    private readonly Lock _iopubGate = new();
    private Thread? _heartbeatThread;
    private volatile bool _stopping;

    /// <summary>Binds the five sockets; throws <see cref="IOException"/> naming the port that could not be
    /// bound.</summary>
    public KernelSockets(ConnectionFile connection, MessageSigner signer, Action<string> log)
    {
        _connection = connection; _signer = signer; _log = log;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
            socket.Options.Linger = TimeSpan.FromSeconds(1);
        // A client that reconnects with its old identity (jupyter_client uses the session id) takes it over, instead
        // of being ignored while the old connection lingers.
        foreach (var router in new[] { _shell, _control, _stdin }) router.Options.RouterHandover = true;
        Bind(_shell, connection.ShellPort, "shell");
        Bind(_iopub, connection.IOPubPort, "iopub");
        Bind(_stdin, connection.StdinPort, "stdin");
        Bind(_control, connection.ControlPort, "control");
        Bind(_heartbeat, connection.HeartbeatPort, "heartbeat");
        _ioPoller = [_shell, _stdin, _ioQueue];
        _controlPoller = [_control, _controlQueue];
        _ioQueue.ReceiveReady += (_, e) => Drain(e.Queue);
        _controlQueue.ReceiveReady += (_, e) => Drain(e.Queue);
    }

    /// <summary>Raised on the I/O thread for each valid shell message.</summary>
    public event Action<JupyterMessage>? ShellMessage;
    /// <summary>Raised on the control thread for each valid control message.</summary>
    public event Action<JupyterMessage>? ControlMessage;
    /// <summary>Raised on the I/O thread for each valid stdin message (<c>input_reply</c>).</summary>
    public event Action<JupyterMessage>? StdinMessage;

    /// <summary>Starts the three threads.</summary>
    public void Start()
    {
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Shell, ShellMessage);
        _stdin.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Stdin, StdinMessage);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Control, ControlMessage);
        _ioPoller.RunAsync("kernel-io", isBackgroundThread: true);
        _controlPoller.RunAsync("kernel-control", isBackgroundThread: true);
        _heartbeatThread = new Thread(Heartbeat) { IsBackground = true, Name = "kernel-heartbeat" };
        _heartbeatThread.Start();
    }

    /// <summary>Queues <paramref name="message"/> for <paramref name="channel"/> (any thread; sent in order).</summary>
    public void Send(Channel channel, JupyterMessage message)
    {
        if (_stopping) return;
        if (channel == Channel.IOPub)
        {
            var frames = message.ToFrames(_signer);
            frames.Insert(0, System.Text.Encoding.UTF8.GetBytes($"kernel.{message.Type}"));
            lock (_iopubGate)
                if (!_stopping) _iopub.SendMultipartBytes(frames);
            return;
        }
        (channel == Channel.Control ? _controlQueue : _ioQueue).Enqueue((channel, message));
    }

    /// <summary>Waits until what was queued so far has been handed to ZeroMQ (at most <paramref
    /// name="timeout"/>).</summary>
    public void Flush(TimeSpan timeout)
    {
        using var io = new ManualResetEventSlim();
        using var control = new ManualResetEventSlim();
        try
        {
            new Task(() => io.Set()).Start(_ioPoller);
            new Task(() => control.Set()).Start(_controlPoller);
            io.Wait(timeout);
            control.Wait(timeout);
        }
        catch (InvalidOperationException) { } // a poller already stopped
    }

    private void Drain(NetMQQueue<(Channel Channel, JupyterMessage Message)> queue)
    {
        while (queue.TryDequeue(out var item, TimeSpan.Zero))
        {
            var socket = item.Channel switch
            {
                Channel.Shell => _shell,
                Channel.Control => _control,
                _ => _stdin,
            };
            socket.SendMultipartBytes(item.Message.ToFrames(_signer));
        }
    }

    private void Receive(NetMQSocket socket, Channel channel, Action<JupyterMessage>? handler)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames!))
        {
            JupyterMessage message;
            try { message = JupyterMessage.Parse(frames, _signer); }
            catch (InvalidMessageException e)
            {
                _log($"dropped a {channel} message: {e.Message} (not executed)");
                continue;
            }
            if (_signer.IsSigning && !FirstTime(frames))
            {
                _log($"dropped a {channel} message: replays {message.Type} {message.Id} (not executed)");
                continue;
            }
            try { handler?.Invoke(message); }
            catch (Exception e) { _log($"error handling {message.Type} on {channel}: {e}"); }
        }
    }

    /// <summary>
    /// False for a signed message already received: the same signature (over header, parent, metadata and content,
    /// the header's date in microseconds included) seen again is a replay. Message ids alone may repeat legitimately.
    /// </summary>
    private bool FirstTime(List<byte[]> frames)
    {
        int delimiter = frames.FindIndex(f => f.AsSpan().SequenceEqual(JupyterMessage.Delimiter));
        var key = System.Text.Encoding.ASCII.GetString(frames[delimiter + 1]);
        lock (_seenGate)
        {
            if (!_seen.Add(key)) return false;
            _seenOrder.Enqueue(key);
            if (_seenOrder.Count > ReplayMemory) _seen.Remove(_seenOrder.Dequeue());
            return true;
        }
    }

    private void Heartbeat()
    {
        var frames = new List<byte[]>();
        while (!_stopping)
        {
            try
            {
                if (_heartbeat.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(250), ref frames!))
                    _heartbeat.SendMultipartBytes(frames);
            }
            catch (Exception e) when (e is ObjectDisposedException or TerminatingException) { return; }
        }
    }

    private void Bind(NetMQSocket socket, int port, string name)
    {
        var endpoint = _connection.Endpoint(port);
        try { socket.Bind(endpoint); }
        catch (Exception e) when (e is NetMQException or System.Net.Sockets.SocketException)
        {
            throw new IOException($"cannot listen on {endpoint} ({name}): {e.Message}", e);
        }
    }

    /// <summary>Stops the threads and closes the sockets (queued messages get up to a second to leave).</summary>
    public void Dispose()
    {
        lock (_iopubGate) _stopping = true;
        try { _ioPoller.Stop(); } catch (InvalidOperationException) { }
        try { _controlPoller.Stop(); } catch (InvalidOperationException) { }
        _heartbeatThread?.Join(TimeSpan.FromSeconds(1));
        _ioPoller.Dispose();
        _controlPoller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Dispose();
        _ioQueue.Dispose();
        _controlQueue.Dispose();
    }
}
