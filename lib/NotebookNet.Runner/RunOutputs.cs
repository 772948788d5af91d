using NotebookNet.Reporting;

namespace NotebookNet.Runner;

/// <summary>
/// How a run never destroys an earlier good result. A notebook runs into a staging folder,
/// <c>&lt;out&gt;/.staging/&lt;stem&gt;/</c> (its executed notebook, figures, tables and results). When it finishes:
/// <list type="bullet">
/// <item>passed, or nothing good was published before: its outputs replace the published ones in <c>&lt;out&gt;/</c>
/// (and an attempt set aside earlier is removed);</item>
/// <item>failed or interrupted while a good run is published: its outputs are set aside in
/// <c>&lt;out&gt;/failed/&lt;stem&gt;/</c> (replacing an older set-aside attempt), and the published good run stays as
/// it was. <see cref="RunLog"/> records both, and the index says which outputs are which.</item>
/// </list>
/// Trial stores (resumable searches) are written to the published results folder directly: finished trials are kept
/// whatever becomes of the run.
/// </summary>
public static class RunOutputs
{
    private static readonly string[] Folders = ["figures", "tables", "results"];

    /// <summary>The staging folder of a notebook's run.</summary>
    public static string StagingOf(string outDirectory, string stem) => Path.Combine(outDirectory, ".staging", stem);

    /// <summary>Where a failed or interrupted attempt is set aside.</summary>
    public static string SetAsideOf(string outDirectory, string stem) => Path.Combine(outDirectory, "failed", stem);

    /// <summary>An empty staging folder for notebook <paramref name="stem"/> (what a killed run left there is
    /// dropped).</summary>
    public static string Begin(string outDirectory, string stem)
    {
        var staging = StagingOf(outDirectory, stem);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Whether the published outputs of <paramref name="stem"/> come from a run that passed.</summary>
    public static bool HasGoodRun(string outDirectory, string stem) =>
        RunLog.Read(outDirectory)[stem]?["status"]?.GetValue<string>() == "passed"
        && File.Exists(Path.Combine(outDirectory, stem + ".ipynb"));

    /// <summary>
    /// Moves the staged outputs into place (see the class summary); returns null when they were published, else the
    /// folder they were set aside in.
    /// </summary>
    public static string? Finish(string outDirectory, string stem, bool passed)
    {
        var staging = StagingOf(outDirectory, stem);
        if (!passed && HasGoodRun(outDirectory, stem))
        {
            var aside = SetAsideOf(outDirectory, stem);
            if (Directory.Exists(aside)) Directory.Delete(aside, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
            Directory.Move(staging, aside);
            return aside;
        }
        Publish(outDirectory, stem, staging);
        if (passed && Directory.Exists(SetAsideOf(outDirectory, stem)))
            Directory.Delete(SetAsideOf(outDirectory, stem), recursive: true);
        return null;
    }

    private static void Publish(string outDirectory, string stem, string staging)
    {
        foreach (var folder in Folders)
        {
            var target = Path.Combine(outDirectory, folder);
            Directory.CreateDirectory(target);
            foreach (var old in Directory.GetFiles(target))
                if (folder == "results"
                    ? Path.GetFileName(old) == stem + ".json"
                    : ArtifactNames.IsOutputOf(Path.GetFileName(old), stem))
                    File.Delete(old);
            var staged = Path.Combine(staging, folder);
            if (!Directory.Exists(staged)) continue;
            foreach (var file in Directory.GetFiles(staged))
                File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        var notebook = Path.Combine(staging, stem + ".ipynb");
        if (File.Exists(notebook)) File.Move(notebook, Path.Combine(outDirectory, stem + ".ipynb"), overwrite: true);
        FigureExport.WriteSharedScript(outDirectory);
        Directory.Delete(staging, recursive: true);
        var stagingRoot = Path.GetDirectoryName(staging)!;
        if (Directory.Exists(stagingRoot) && !Directory.EnumerateFileSystemEntries(stagingRoot).Any())
            Directory.Delete(stagingRoot);
    }
}
