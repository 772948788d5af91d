using System.Diagnostics;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using NotebookNet.Runner.Kernel;

namespace NotebookNet.Benchmarks;

/// <summary>
/// A minimal Jupyter client over NetMQ, speaking the kernel's own message classes (<see cref="JupyterMessage"/>,
/// <see cref="MessageSigner"/>): shell and control DEALERs, an IOPub SUB. Single-threaded: one caller at a time.
/// </summary>
internal sealed class JupyterClient : IDisposable
{
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly DealerSocket _shell = new(), _control = new();
    private readonly SubscriberSocket _iopub = new();

    public JupyterClient(ConnectionFile connection)
    {
        _signer = new MessageSigner(connection.Key);
        foreach (var s in new NetMQSocket[] { _shell, _control })
            s.Options.Identity = System.Text.Encoding.ASCII.GetBytes(_session);
        foreach (var s in new NetMQSocket[] { _shell, _control, _iopub }) s.Options.Linger = TimeSpan.Zero;
        _shell.Connect(connection.Endpoint(connection.ShellPort));
        _control.Connect(connection.Endpoint(connection.ControlPort));
        _iopub.Connect(connection.Endpoint(connection.IOPubPort));
        _iopub.SubscribeToAnyTopic();
    }

    /// <summary>Sends a request on shell (or control); returns its msg_id.</summary>
    public string Send(string type, JsonObject content, bool control = false)
    {
        var message = new JupyterMessage
        {
            Header = JupyterMessage.NewHeader(type, _session, "bench"), Content = content,
        };
        (control ? _control : _shell).SendMultipartBytes(message.ToFrames(_signer));
        return message.Id;
    }

    /// <summary>An <c>execute_request</c> for <paramref name="code"/>.</summary>
    public string Execute(string code) => Send("execute_request", new JsonObject
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
        ["allow_stdin"] = false, ["stop_on_error"] = true,
    });

    /// <summary>The reply to <paramref name="id"/> on shell (or control), or null after <paramref
    /// name="timeout"/>.</summary>
    public JupyterMessage? Reply(string id, TimeSpan timeout, bool control = false)
    {
        var socket = control ? _control : _shell;
        var clock = Stopwatch.StartNew();
        var frames = new List<byte[]>();
        while (clock.Elapsed < timeout)
            if (socket.TryReceiveMultipartBytes(timeout - clock.Elapsed, ref frames!))
            {
                var message = JupyterMessage.Parse(frames, _signer);
                if ((string?)message.ParentHeader["msg_id"] == id) return message;
            }
        return null;
    }

    /// <summary>
    /// IOPub messages answering <paramref name="id"/> until <paramref name="until"/> matches one (returned last), or
    /// null after <paramref name="timeout"/>.
    /// </summary>
    public List<JupyterMessage>? IOPub(string id, Func<JupyterMessage, bool> until, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var frames = new List<byte[]>();
        var seen = new List<JupyterMessage>();
        while (clock.Elapsed < timeout)
            if (_iopub.TryReceiveMultipartBytes(timeout - clock.Elapsed, ref frames!))
            {
                var message = JupyterMessage.Parse(frames, _signer);
                if ((string?)message.ParentHeader["msg_id"] != id) continue;
                seen.Add(message);
                if (until(message)) return seen;
            }
        return null;
    }

    /// <summary>Whether <paramref name="message"/> is the idle status.</summary>
    public static bool IsIdle(JupyterMessage message) =>
        message.Type == "status" && (string?)message.Content["execution_state"] == "idle";

    public void Dispose()
    {
        _shell.Dispose();
        _control.Dispose();
        _iopub.Dispose();
    }
}
