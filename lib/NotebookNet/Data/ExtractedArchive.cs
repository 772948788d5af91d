using System.Text.Json;

namespace NotebookNet.Data;

/// <summary>
/// An archive's extracted copy in the data cache, as its record file (<c>source.json</c>, beside the batches)
/// describes it: which archive it came from, that archive's size and time (the key a later load matches), its
/// MD5 and when it was extracted.
/// </summary>
/// <param name="Directory">The folder holding the six batches and <c>batches.meta.txt</c>.</param>
/// <param name="Archive">The archive's full path when it was extracted.</param>
/// <param name="Bytes">The archive's size.</param>
/// <param name="LastWriteUtc">The archive's last-write time.</param>
/// <param name="Md5">The archive's MD5, lower-case hex.</param>
/// <param name="ExtractedUtc">When the copy was made.</param>
public sealed record ExtractedArchive(string Directory, string Archive, long Bytes, DateTime LastWriteUtc, string Md5,
    DateTime ExtractedUtc)
{
    /// <summary>The record file's name, beside the batches.</summary>
    public const string RecordFile = "source.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Whether this copy was made from <paramref name="archive"/> as it is now (same size and time).</summary>
    public bool Matches(FileInfo archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return archive.Exists && archive.Length == Bytes && archive.LastWriteTimeUtc == LastWriteUtc;
    }

    /// <summary>
    /// The record of the copy in <paramref name="directory"/>; null when it has none or it is unreadable.
    /// </summary>
    public static ExtractedArchive? ReadFrom(string directory)
    {
        var path = Path.Combine(directory, RecordFile);
        try
        {
            return File.Exists(path) && JsonSerializer.Deserialize<ExtractedArchive>(File.ReadAllText(path), Json)
                is { } record ? record with { Directory = directory } : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes this record into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory) =>
        File.WriteAllText(Path.Combine(directory, RecordFile), JsonSerializer.Serialize(this, Json));
}
