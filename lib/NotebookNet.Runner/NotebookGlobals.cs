using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Runner;

/// <summary>
/// The outputs of the cell being executed, shared by <c>display</c>, console capture and the trailing expression.
/// Thread-safe: library code may report progress from worker threads.
/// </summary>
public sealed class CellContext(string stem, int number, RunnerConsole console)
{
    private readonly List<CellOutput> _outputs = [];

    /// <summary>The notebook's stem.</summary>
    public string Stem { get; } = stem;
    /// <summary>The cell's number among the notebook's code cells (1-based), which is also its execution count.</summary>
    public int Number { get; } = number;
    /// <summary>The runner's console, for the live progress line.</summary>
    public RunnerConsole Console { get; } = console;

    /// <summary>Appends console text to the last output when it is the same stream, else starts a new stream output.</summary>
    public void AppendStream(string name, string text)
    {
        lock (_outputs)
        {
            if (_outputs.Count > 0 && _outputs[^1] is { OutputType: "stream" } last && last.StreamName == name) last.Text!.Append(text);
            else _outputs.Add(new CellOutput { OutputType = "stream", StreamName = name, Text = new StringBuilder(text) });
        }
    }

    /// <summary>Adds an output.</summary>
    public void Add(CellOutput output)
    {
        lock (_outputs) _outputs.Add(output);
    }

    /// <summary>Replaces an output's data (a display handle's Update).</summary>
    public void Replace(CellOutput output, Dictionary<string, string> data)
    {
        lock (_outputs) output.Data = data;
    }

    /// <summary>A copy of the outputs so far (streams copied, so later writes do not race the writer).</summary>
    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_outputs)
            return _outputs.Select(o => o.OutputType == "stream"
                ? new CellOutput { OutputType = "stream", StreamName = o.StreamName, Text = new StringBuilder(o.Text!.ToString()) }
                : o).ToArray();
    }
}

/// <summary>
/// What a notebook cell sees as globals in the runner: <c>display(value, mimeTypes)</c>, as in the .NET Interactive kernel.
/// </summary>
public class NotebookGlobals
{
    /// <summary>The cell being executed (set by the runner before each cell).</summary>
    public CellContext? Current { get; set; }

    /// <summary>
    /// Shows <paramref name="value"/> as a <c>display_data</c> output of the current cell, formatted with
    /// Microsoft.DotNet.Interactive.Formatting in <paramref name="mimeTypes"/> (default: the type's preferred MIME
    /// types) plus <c>text/plain</c>; returns a handle whose <see cref="DisplayHandle.Update"/> replaces it.
    /// </summary>
#pragma warning disable IDE1006 // lower-case like the kernel's display()
    public DisplayHandle display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var context = Current ?? throw new InvalidOperationException("display() called outside a cell.");
        var output = new CellOutput { OutputType = "display_data", Data = OutputFormatter.Format(value, mimeTypes) };
        context.Add(output);
        return new DisplayHandle(context, output, mimeTypes);
    }
}

/// <summary>A displayed value that can be replaced in place, like the kernel's <c>DisplayedValue</c>.</summary>
public sealed class DisplayHandle
{
    private readonly CellContext _context;
    private readonly CellOutput _output;
    private readonly string[] _mimeTypes;

    internal DisplayHandle(CellContext context, CellOutput output, string[] mimeTypes)
    {
        _context = context; _output = output; _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed value (and shows its <c>text/plain</c> form on the runner's live progress line).</summary>
    public void Update(object? value)
    {
        var data = OutputFormatter.Format(value, _mimeTypes);
        _context.Replace(_output, data);
        _context.Console.Progress($"{_context.Stem}  cell {_context.Number}: {data.GetValueOrDefault(PlainTextFormatter.MimeType)}");
    }
}

/// <summary>Formats values for notebook outputs with the same formatters the kernel uses.</summary>
public static class OutputFormatter
{
    /// <summary>MIME type → content: the requested (or preferred) types and always <c>text/plain</c>.</summary>
    public static Dictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (value is null) return new() { [PlainTextFormatter.MimeType] = Formatter.NullString };
        var types = mimeTypes is { Count: > 0 } ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new Dictionary<string, string>();
        foreach (var mime in types.Distinct()) data[mime] = Formatter.ToDisplayString(value, mime);
        if (!data.ContainsKey(PlainTextFormatter.MimeType)) data[PlainTextFormatter.MimeType] = Formatter.ToDisplayString(value, PlainTextFormatter.MimeType);
        return data;
    }
}
