using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Streams one cell's outputs to the clients as they happen: <c>stream</c> (console text, gathered for at most
/// <see cref="StreamDelay"/> so a loop of <c>Console.Write</c> is not a message each), <c>display_data</c> with its
/// transient <c>display_id</c>, <c>update_display_data</c> for <see cref="DisplayHandle.Update"/>, and
/// <c>execute_result</c>. A <c>silent</c> request broadcasts nothing.
/// </summary>
public sealed class CellOutputPublisher : ICellOutputListener, IDisposable
{
    /// <summary>How long console text is gathered before it is sent.</summary>
    public static readonly TimeSpan StreamDelay = TimeSpan.FromMilliseconds(50);

    private readonly IOPub _iopub;
    private readonly JupyterMessage _request;
    private readonly bool _silent;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private string? _streamName;
    private readonly StringBuilder _stream = new();

    /// <summary>Outputs answering <paramref name="request"/> (an <c>execute_request</c>).</summary>
    public CellOutputPublisher(IOPub iopub, JupyterMessage request, bool silent)
    {
        _iopub = iopub; _request = request; _silent = silent;
        _timer = new Timer(_ => Flush());
    }

    /// <inheritdoc/>
    public void OnStream(CellContext cell, string name, string text)
    {
        if (_silent) return;
        lock (_gate)
        {
            if (_streamName != name) FlushLocked();
            _streamName = name;
            bool first = _stream.Length == 0;
            _stream.Append(text);
            if (first) _timer.Change(StreamDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc/>
    public void OnOutput(CellContext cell, CellOutput output)
    {
        if (_silent) return;
        lock (_gate)
        {
            FlushLocked();
            switch (output.OutputType)
            {
                case "display_data":
                    _iopub.Publish("display_data", Display(output), _request);
                    break;
                case "execute_result":
                    var result = Display(output);
                    result.Remove("transient");
                    result["execution_count"] = output.ExecutionCount;
                    _iopub.Publish("execute_result", result, _request);
                    break;
                case "error":
                    _iopub.Publish("error", Error(output.EName, output.EValue, output.Traceback), _request);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public void OnUpdate(CellContext cell, CellOutput output)
    {
        if (_silent || output.DisplayId is null) return;
        lock (_gate)
        {
            FlushLocked();
            _iopub.Publish("update_display_data", Display(output), _request);
        }
    }

    /// <summary>Sends the console text gathered so far.</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    /// <summary>The content of an <c>error</c> message (and of an error <c>execute_reply</c>'s fields).</summary>
    public static JsonObject Error(string? name, string? value, IReadOnlyList<string>? traceback) => new()
    {
        ["ename"] = name ?? "Error",
        ["evalue"] = value ?? "",
        ["traceback"] = new JsonArray((traceback ?? []).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    private static JsonObject Display(CellOutput output)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in output.Data) data[mime] = content;
        var o = new JsonObject { ["data"] = data, ["metadata"] = new JsonObject() };
        if (output.DisplayId is { } id) o["transient"] = new JsonObject { ["display_id"] = id };
        return o;
    }

    private void FlushLocked()
    {
        if (_stream.Length == 0) return;
        _iopub.Publish("stream", new JsonObject { ["name"] = _streamName, ["text"] = _stream.ToString() }, _request);
        _stream.Clear();
    }

    /// <summary>Sends what is left and stops the timer.</summary>
    public void Dispose()
    {
        Flush();
        _timer.Dispose();
    }
}
