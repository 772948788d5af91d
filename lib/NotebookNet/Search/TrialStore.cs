using System.Text.Json;

namespace NotebookNet.Search;

/// <summary>
/// Finished trials, one JSON object a line, appended as each trial completes so an interrupted
/// search loses nothing and a re-run skips what is done. A torn last line (a crash mid-write) is ignored.
/// </summary>
public sealed class TrialStore(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly Lock _gate = new();

    /// <summary>
    /// The store of a notebook's search on a given split in <paramref name="directory"/>:
    /// <c>&lt;stem&gt;.&lt;tag&gt;.trials.jsonl</c>, the tag a short hash of the data source and split sizes, so quick,
    /// full and synthetic runs never mix. Notebooks get theirs from <c>ResultsStore.Trials</c> (in the results folder).
    /// </summary>
    public static TrialStore For(string directory, string stem, Data.DataSplit split)
    {
        var identity = $"{split.Source}|{split.Description}|{split.Train.Count}|{split.Validation.Count}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity));
        return new TrialStore(
            System.IO.Path.Combine(directory, $"{stem}.{Convert.ToHexStringLower(hash)[..10]}.trials.jsonl"));
    }

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The trials already in the file, by key.</summary>
    public Dictionary<string, TrialResult> Load()
    {
        var done = new Dictionary<string, TrialResult>();
        if (!File.Exists(Path)) return done;
        foreach (var line in File.ReadLines(Path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<TrialResult>(line, Json) is { } r) done[r.Settings.Key] = r;
            }
            catch (JsonException) { /* a line torn by an interruption: that trial runs again */ }
        }
        return done;
    }

    /// <summary>Appends one finished trial and flushes it to disk.</summary>
    public void Append(TrialResult result)
    {
        var line = JsonSerializer.Serialize(result, Json) + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }
}
