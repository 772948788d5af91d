namespace NotebookNet.Data;

/// <summary>
/// A path a user gives (<c>--data</c>, the <c>DataSource</c> parameter, <c>NOTEBOOKNET_CIFAR10</c>), resolved one way
/// everywhere: an absolute path as it is; a relative one against the current directory, else against the repository
/// root (where the README's commands run). So the runner (which resolves before any notebook runs), <c>data info</c>
/// and a notebook opened in VS Code (whose working directory is <c>notebooks/</c>) find the same file, and an error
/// names every path that was tried.
/// </summary>
public static class UserPath
{
    /// <summary>The absolute paths <paramref name="path"/> may mean, in the order they are tried.</summary>
    public static IReadOnlyList<string> Candidates(string path)
    {
        if (Path.IsPathRooted(path)) return [Path.GetFullPath(path)];
        var candidates = new List<string> { Path.GetFullPath(path) };
        if (RepositoryRoot.Find() is { } root)
        {
            var fromRoot = Path.GetFullPath(Path.Combine(root, path));
            if (!candidates.Contains(fromRoot)) candidates.Add(fromRoot);
        }
        return candidates;
    }

    /// <summary>The first candidate that exists (a file or a directory), or null.</summary>
    public static string? Find(string path) =>
        Candidates(path).FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));

    /// <summary>"tried /a/b, /c/b": the candidates, for an error message.</summary>
    public static string Tried(string path)
    {
        var candidates = Candidates(path);
        return candidates.Count == 1
            ? $"tried {candidates[0]}"
            : $"tried {string.Join(" and ", candidates)} " +
              "(relative paths: the current directory, then the repository root)";
    }
}
