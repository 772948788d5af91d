namespace NotebookNet.Data;

/// <summary>
/// Reads one batch file's records from a stream (a file, or an archive entry as it is decompressed) in chunks
/// small enough to stay in the cache: each chunk's labels are checked, its pixels and labels unpacked into the
/// batch's arrays (allocated once), and optionally the chunk copied unchanged to a second stream (the extracted
/// file). Each byte is read once.
/// </summary>
internal static class BatchReader
{
    /// <summary>Records a chunk holds (393 KB).</summary>
    public const int ChunkRecords = 128;

    /// <summary>A buffer of one chunk, for <see cref="Read"/>.</summary>
    public static byte[] NewChunk() => GC.AllocateUninitializedArray<byte>(ChunkRecords * Cifar10.RecordBytes);

    /// <summary>
    /// Reads <paramref name="records"/> records from <paramref name="source"/>, checking every label.
    /// </summary>
    /// <param name="source">The records; exactly records × 3073 bytes are read.</param>
    /// <param name="name">The file as messages name it (a path, or <c>archive:member</c>).</param>
    /// <param name="records">How many records to read (the caller has checked the size).</param>
    /// <param name="chunk">A buffer from <see cref="NewChunk"/>.</param>
    /// <param name="unpack">False only checks (no batch is built; null is returned).</param>
    /// <param name="copy">Receives every byte read, when not null.</param>
    /// <exception cref="DataFormatException">a label is outside 0–9.</exception>
    /// <exception cref="EndOfStreamException">the stream ends early.</exception>
    public static Cifar10Batch? Read(Stream source, string name, int records, byte[] chunk, bool unpack = true,
        Stream? copy = null)
    {
        var pixels = unpack ? GC.AllocateUninitializedArray<byte>(records * Cifar10.Dimensions) : null;
        var labels = unpack ? new int[records] : null;
        for (int first = 0; first < records; first += ChunkRecords)
        {
            int count = Math.Min(ChunkRecords, records - first);
            var bytes = chunk.AsSpan(0, count * Cifar10.RecordBytes);
            source.ReadExactly(bytes);
            if (Cifar10Reader.FirstBadLabel(bytes) is var bad and >= 0)
                throw new DataFormatException(
                    Cifar10Reader.LabelProblem(name, first + bad, bytes[bad * Cifar10.RecordBytes]), first + bad);
            if (unpack) Unpack(bytes, pixels.AsSpan(first * Cifar10.Dimensions), labels.AsSpan(first));
            copy?.Write(bytes);
        }
        return unpack ? new Cifar10Batch(BatchName(name), pixels!, labels!) : null;
    }

    /// <summary>Splits whole records into pixels (n, 3072) and labels (n).</summary>
    public static void Unpack(ReadOnlySpan<byte> records, Span<byte> pixels, Span<int> labels)
    {
        int n = records.Length / Cifar10.RecordBytes;
        for (int i = 0; i < n; i++)
        {
            var record = records.Slice(i * Cifar10.RecordBytes, Cifar10.RecordBytes);
            labels[i] = record[0];
            record[1..].CopyTo(pixels.Slice(i * Cifar10.Dimensions, Cifar10.Dimensions));
        }
    }

    /// <summary>
    /// The batch name of a file: <c>data_batch_1</c> for
    /// <c>…/archive.tar.gz:cifar-10-batches-bin/data_batch_1.bin</c>.
    /// </summary>
    public static string BatchName(string name) => Path.GetFileNameWithoutExtension(name.Split(':')[^1]);
}
