using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>Publishes on the IOPub channel: status, and outputs as the cell makes them.</summary>
public sealed class IOPub(KernelSockets sockets, string session)
{
    /// <summary>The kernel's session id (the <c>session</c> of every header it sends).</summary>
    public string Session { get; } = session;

    /// <summary>Publishes a message of <paramref name="type"/> answering <paramref name="parent"/> (null:
    /// none).</summary>
    public void Publish(string type, JsonObject content, JupyterMessage? parent)
    {
        var message = JupyterMessage.Create(type, content, parent, Session);
        sockets.Send(Channel.IOPub, new JupyterMessage
        {
            Header = message.Header, ParentHeader = message.ParentHeader, Content = content,
        });
    }

    /// <summary><c>status</c>: <c>starting</c>, <c>busy</c> or <c>idle</c>.</summary>
    public void Status(string state, JupyterMessage? parent) =>
        Publish("status", new JsonObject { ["execution_state"] = state }, parent);
}
