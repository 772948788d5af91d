using System.Text;

namespace NotebookNet.Runner;

/// <summary>
/// The outputs of the cell being executed, shared by <c>display</c>, console capture and the trailing expression.
/// Every output is kept (the runner writes them into the executed notebook) and, as it happens, passed to the
/// host's <see cref="ICellOutputListener"/> (the kernel publishes it to its clients at once; the runner shows a
/// display's updates on its progress line). Thread-safe: library code may report progress from worker threads.
/// </summary>
public sealed class CellContext(string stem, int number, ICellOutputListener? listener = null)
{
    private readonly List<CellOutput> _outputs = [];
    private volatile bool _closed;

    /// <summary>The notebook's stem.</summary>
    public string Stem { get; } = stem;
    /// <summary>The cell's number among the notebook's code cells (1-based), which is also its execution
    /// count.</summary>
    public int Number { get; } = number;

    /// <summary>
    /// True once the host finished with the cell (it replied, or gave up on it): a thread the cell left running can
    /// still write, but nothing more is passed to the listener.
    /// </summary>
    public bool IsClosed => _closed;

    /// <summary>Appends console text to the last output when it is the same stream, else starts a new stream
    /// output.</summary>
    public void AppendStream(string name, string text)
    {
        lock (_outputs)
        {
            if (_outputs.Count > 0 && _outputs[^1] is { OutputType: "stream" } last && last.StreamName == name)
                last.Text!.Append(text);
            else _outputs.Add(new CellOutput { OutputType = "stream", StreamName = name, Text = new(text) });
            if (!_closed) listener?.OnStream(this, name, text);
        }
    }

    /// <summary>Adds an output (<c>display_data</c>, <c>execute_result</c> or <c>error</c>).</summary>
    public void Add(CellOutput output)
    {
        lock (_outputs)
        {
            _outputs.Add(output);
            if (!_closed) listener?.OnOutput(this, output);
        }
    }

    /// <summary>Replaces an output's data (a display handle's Update).</summary>
    public void Replace(CellOutput output, Dictionary<string, string> data)
    {
        lock (_outputs)
        {
            output.Data = data;
            if (!_closed) listener?.OnUpdate(this, output);
        }
    }

    /// <summary>Stops passing outputs to the listener (the host is done with this cell).</summary>
    public void Close()
    {
        lock (_outputs) _closed = true;
    }

    /// <summary>A copy of the outputs so far (streams copied, so later writes do not race the writer).</summary>
    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_outputs)
            return _outputs.Select(o => o.OutputType == "stream"
                ? new CellOutput { OutputType = "stream", StreamName = o.StreamName, Text = new(o.Text!.ToString()) }
                : o).ToArray();
    }
}

/// <summary>
/// What a host does with a cell's outputs as they happen (called under the cell's lock, in order; keep it short).
/// </summary>
public interface ICellOutputListener
{
    /// <summary>New console text on <paramref name="name"/> (<c>stdout</c> or <c>stderr</c>): only the new
    /// part.</summary>
    void OnStream(CellContext cell, string name, string text);

    /// <summary>A new <c>display_data</c> (with its <see cref="CellOutput.DisplayId"/>), <c>execute_result</c> or
    /// <c>error</c>.</summary>
    void OnOutput(CellContext cell, CellOutput output);

    /// <summary>A displayed output's data was replaced (<see cref="DisplayHandle.Update"/>).</summary>
    void OnUpdate(CellContext cell, CellOutput output);
}
