using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Data;
using NotebookNet.Search;

namespace NotebookNet.Reporting;

/// <summary>
/// <c>artifacts/results/&lt;stem&gt;.json</c>: each notebook's numbers (fractions, not percent) with
/// <c>quick</c>, <c>dataSource</c> and <c>seconds</c>; later notebooks read earlier ones.
/// </summary>
public static class ResultsStore
{
    private static readonly JsonSerializerOptions Options =
        new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// The results directory: the current notebook's (<see cref="NotebookContext.ResultsDirectory"/>), else
    /// <c>results/</c> in <see cref="NotebookContext.DefaultArtifactsDirectory"/>.
    /// </summary>
    public static string ResultsDirectory =>
        NotebookContext.Current?.ResultsDirectory
            ?? Path.Combine(NotebookContext.DefaultArtifactsDirectory(), "results");

    /// <summary>
    /// The resumable store of a notebook's search (<see cref="TrialStore"/>) in the results directory: finished trials
    /// are kept there as they complete, and a re-run skips them.
    /// </summary>
    public static TrialStore Trials(string stem, DataSplit split) =>
        TrialStore.For(NotebookContext.Current?.PublishedResultsDirectory ?? ResultsDirectory, stem, split);

    /// <summary>Path of a notebook's results file.</summary>
    public static string PathOf(string stem) => Path.Combine(ResultsDirectory, stem + ".json");

    /// <summary>Saves <paramref name="values"/> (an object or anonymous object, serialised camelCase) plus the common
    /// keys, atomically.</summary>
    public static string Save(string stem, object values, bool quick, string dataSource, double seconds)
    {
        var node = JsonSerializer.SerializeToNode(values, Options) as JsonObject
            ?? throw new ArgumentException("results must serialise to a JSON object.", nameof(values));
        node["quick"] = quick;
        node["dataSource"] = dataSource;
        node["seconds"] = Math.Round(seconds, 2);
        var path = PathOf(stem);
        Directory.CreateDirectory(ResultsDirectory);
        var temp = path + ".tmp";
        File.WriteAllText(temp, node.ToJsonString(Options));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// A notebook's saved results, or null when it has not run: this run's (<see cref="ResultsDirectory"/>) first, else
    /// the published ones (<see cref="NotebookContext.PublishedResultsDirectory"/>).
    /// </summary>
    public static JsonObject? Load(string stem)
    {
        var path = PathOf(stem);
        if (!File.Exists(path) && NotebookContext.Current is { } context)
            path = Path.Combine(context.PublishedResultsDirectory, stem + ".json");
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path}: not valid JSON ({e.Message}); re-run notebook {stem} or delete the file.", e);
        }
    }

    /// <summary>A number from a notebook's results, or
    /// <paramref name="fallback"/> with the reason when missing.</summary>
    public static (double Value, string From) Number(string stem, string key, double fallback, string fallbackSource)
    {
        var node = Load(stem);
        if (node?[key] is JsonValue v && v.TryGetValue<double>(out var value))
            return (value, $"{stem}.json" + (node["quick"]?.GetValue<bool>() == true ? " (quick mode)" : ""));
        return (fallback, $"{fallbackSource} ({stem}.json not found — run {stem} first to use your own result)");
    }
}
