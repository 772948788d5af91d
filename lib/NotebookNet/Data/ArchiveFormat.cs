using System.Text;

namespace NotebookNet.Data;

/// <summary>What a file given as an archive is, told from its first bytes.</summary>
internal enum ArchiveKind
{
    /// <summary>Neither gzip nor tar (a text file, an image, a single batch file, an empty file, …).</summary>
    NotAnArchive,
    /// <summary>gzip-compressed (starts with 1f 8b): a <c>.tar.gz</c> if what it holds is a tar archive.</summary>
    Gzip,
    /// <summary>An uncompressed tar archive ("ustar" at byte 257).</summary>
    Tar,
}

/// <summary>
/// Tells a gzip file and a tar archive from anything else by their magic bytes, before any decompression, and
/// says what a file that is neither looks like, so the message names the real mistake.
/// </summary>
internal static class ArchiveFormat
{
    private const int ProbeBytes = 512 + 8;

    /// <summary>
    /// The kind of file at <paramref name="path"/>, and for <see cref="ArchiveKind.NotAnArchive"/> the message.
    /// </summary>
    public static (ArchiveKind Kind, string? Problem) Detect(string path)
    {
        var head = new byte[ProbeBytes];
        long length;
        int read;
        using (var handle = File.OpenHandle(path))
        {
            length = RandomAccess.GetLength(handle);
            read = 0;
            while (read < head.Length && RandomAccess.Read(handle, head.AsSpan(read), read) is var n and > 0) read += n;
        }
        var bytes = head.AsSpan(0, read);
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return (ArchiveKind.Gzip, null);
        if (bytes.Length >= 262 && bytes.Slice(257, 5).SequenceEqual("ustar"u8)) return (ArchiveKind.Tar, null);
        return (ArchiveKind.NotAnArchive, NotAnArchive(path, length, bytes));
    }

    /// <summary>The message for a file that is neither gzip nor tar, saying what it looks like instead.</summary>
    public static string NotAnArchive(string path, long length, ReadOnlySpan<byte> head)
    {
        string looks = length == 0 ? "it is empty"
            : length == Cifar10.BatchBytes ? $"its {length:N0} bytes are the size of one CIFAR-10 batch file; " +
                                             "pass the directory that holds all six batch files instead"
            : IsText(head) ? $"it is text, starting \"{FirstLine(head)}\""
            : $"it starts with the bytes {Convert.ToHexString(head[..Math.Min(4, head.Length)]).ToLowerInvariant()}, " +
              "a .tar.gz starts with 1f 8b";
        return $"{path}: not a gzip/tar archive ({looks}). CIFAR-10 is read from the cifar-10-binary.tar.gz " +
               "archive or from an extracted cifar-10-batches-bin directory; pass one of those.";
    }

    // Text: no control bytes but line breaks and tabs (binary files have some within their first 520 bytes).
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        foreach (byte b in head)
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t') || b == 0x7f) return false;
        return true;
    }

    private static string FirstLine(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head);
        var line = text.Split('\n')[0].TrimEnd('\r');
        return line.Length <= 40 ? line : line[..40] + "…";
    }
}
