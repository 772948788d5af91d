namespace NotebookNet.Models;

/// <summary>
/// A checkpoint file is unreadable: wrong magic, unsupported version, truncated, corrupt or of another shape.
/// </summary>
public sealed class CheckpointException(string path, string message) : IOException($"{path}: {message}")
{
    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; } = path;
}
