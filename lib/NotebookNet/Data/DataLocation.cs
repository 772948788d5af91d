namespace NotebookNet.Data;

/// <summary>Where the data was found and how.</summary>
/// <param name="Path">The archive or directory (or "synthetic").</param>
/// <param name="How">"explicit", "env NOTEBOOKNET_CIFAR10", "cache", "downloaded" or "synthetic".</param>
public sealed record DataLocation(string Path, string How)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({How})";
}
