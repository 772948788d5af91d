namespace NotebookNet.Runner;

/// <summary>A cell that failed: compilation error, exception, unsupported magic command, timeout or
/// interruption.</summary>
public sealed class CellFailure(string name, string message, int? line, IReadOnlyList<string> traceback)
    : Exception(message)
{
    /// <summary>Error name (exception type, <c>CompilationError</c>,
    /// <c>MagicCommandError</c>, <c>CellTimeout</c>, <c>Interrupted</c>).</summary>
    public string Name { get; } = name;
    /// <summary>The 1-based line in the cell, when known.</summary>
    public int? Line { get; } = line;
    /// <summary>Traceback lines for the notebook's error output.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;
}
