using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner;

/// <summary>
/// <c>&lt;artifacts&gt;/runs.json</c>: how each notebook's latest run went (status, cell counts, seconds, bytes, when),
/// keyed by stem. The runner records its outcomes here, merged with earlier runs' entries, so running a subset of
/// notebooks keeps the others'; <see cref="IndexPage"/> reads it.
/// </summary>
public static class RunLog
{
    /// <summary>The file's path in <paramref name="outDirectory"/>.</summary>
    public static string PathIn(string outDirectory) => Path.Combine(outDirectory, "runs.json");

    /// <summary>The entries so far (empty when the file is missing or unreadable).</summary>
    public static JsonObject Read(string outDirectory)
    {
        var path = PathIn(outDirectory);
        try { return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : []; }
        catch (JsonException) { return []; }
    }

    /// <summary>
    /// Adds (or replaces) the entries of <paramref name="outcomes"/> and writes the file; returns its path. An entry
    /// describes the published outputs; an attempt set aside (<see cref="RunOutputs"/>) leaves the published entry as
    /// it was and is recorded under its <c>setAside</c> key instead.
    /// </summary>
    public static string Record(string outDirectory, IReadOnlyList<NotebookOutcome> outcomes)
    {
        var log = Read(outDirectory);
        foreach (var o in outcomes)
        {
            var entry = new JsonObject
            {
                ["status"] = o.Status, ["passed"] = o.Passed, ["failed"] = o.Failed, ["notRun"] = o.NotRun,
                ["seconds"] = Math.Round(o.Seconds, 1), ["bytes"] = o.Bytes,
                ["finished"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            };
            if (o.SetAside is null) log[o.Stem] = entry;
            else
            {
                entry["folder"] = Path.GetRelativePath(outDirectory, o.SetAside).Replace('\\', '/');
                var published = log[o.Stem] as JsonObject ?? [];
                published["setAside"] = entry;
                log[o.Stem] = published;
            }
        }
        var path = PathIn(outDirectory);
        File.WriteAllText(path, log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
