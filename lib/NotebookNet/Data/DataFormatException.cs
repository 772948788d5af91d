namespace NotebookNet.Data;

/// <summary>
/// The data on disk is missing, truncated, malformed or not CIFAR-10; the message says which and what to do.
/// </summary>
/// <param name="message">Names the file (and the record, for a bad label) and what is wrong with it.</param>
/// <param name="record">The record (0-based) whose label is out of range, when that is the problem.</param>
public sealed class DataFormatException(string message, int? record = null) : Exception(message)
{
    /// <summary>The record (0-based) whose label is out of range, when that is the problem.</summary>
    public int? Record { get; } = record;
}
