using System.Globalization;

namespace NotebookNet.Data;

/// <summary>
/// An archive's extracted copy in the data cache, as its record file (<c>source.txt</c>, beside the batches)
/// describes it: which archive it came from, that archive's size and time (the key a later load matches), its
/// MD5 and when it was extracted. The record is a few <c>name: value</c> lines: a load reads it first, and plain
/// text costs nothing to parse in a fresh process.
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
    public const string RecordFile = "source.txt";

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
            if (!File.Exists(path)) return null;
            var fields = File.ReadAllLines(path).Select(line => line.Split(": ", 2)).Where(f => f.Length == 2)
                .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
            return new ExtractedArchive(directory, fields["archive"],
                long.Parse(fields["bytes"], CultureInfo.InvariantCulture), Time(fields["lastWriteUtc"]), fields["md5"],
                Time(fields["extractedUtc"]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeyNotFoundException
                                      or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes this record into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory) => File.WriteAllLines(Path.Combine(directory, RecordFile),
    [
        "# NotebookNet: this folder is an extracted copy of the archive below; a load of that archive by path",
        "# reads it while the archive keeps this size and time. Delete the folder to reclaim the space.",
        $"archive: {Archive}",
        $"bytes: {Bytes.ToString(CultureInfo.InvariantCulture)}",
        $"lastWriteUtc: {LastWriteUtc.ToString("O", CultureInfo.InvariantCulture)}",
        $"md5: {Md5}",
        $"extractedUtc: {ExtractedUtc.ToString("O", CultureInfo.InvariantCulture)}",
    ]);

    private static DateTime Time(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
