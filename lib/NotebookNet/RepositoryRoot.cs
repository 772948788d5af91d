namespace NotebookNet;

/// <summary>
/// The repository's root folder, marked by <c>NotebookNet.sln</c>: where <c>data/</c>, <c>artifacts/</c> and
/// <c>notebooks/</c> live when the library runs inside a clone.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the root.</summary>
    public const string Marker = "NotebookNet.sln";

    /// <summary>The first folder from <paramref name="start"/> (default: the current
    /// directory) upwards holding <see cref="Marker"/>; null when none does.</summary>
    public static string? Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        return null;
    }
}
