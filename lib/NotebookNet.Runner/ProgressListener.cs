using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Runner;

/// <summary>The runner's listener: a display's updates show on the live progress line (outputs are kept in the
/// cell).</summary>
public sealed class ProgressListener(RunnerConsole console) : ICellOutputListener
{
    /// <inheritdoc/>
    public void OnStream(CellContext cell, string name, string text) { }

    /// <inheritdoc/>
    public void OnOutput(CellContext cell, CellOutput output) { }

    /// <inheritdoc/>
    public void OnUpdate(CellContext cell, CellOutput output) =>
        console.Progress(
            $"{cell.Stem}  cell {cell.Number}: {output.Data.GetValueOrDefault(PlainTextFormatter.MimeType)}");
}
