using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NotebookNet.Models;

/// <summary>
/// Saves and loads trained networks' parameters. Format (all little-endian):
/// <code>
/// "NNETCKPT"  8-byte magic
/// int32       format version (<see cref="FormatVersion"/>)
/// int32       kind (1 one-layer, 2 two-layer)
/// int32 × 3   d, m (0 for one-layer), K
/// float32 …   the arrays in order: W, b  |  W1, b1, W2, b2 (row-major; lengths follow from the shapes)
/// 32 bytes    SHA-256 of everything above
/// </code>
/// <see cref="Save(string, TwoLayerParameters)"/> writes a temporary file beside the target and renames it into
/// place, so a crash never leaves a half-written checkpoint. Saving to a path that already holds a checkpoint
/// replaces it (that is the path the caller asked for); a path holding any other file is refused, so a typo
/// never destroys a user's data. Loading checks magic, version, size, checksum and (optionally) an expected
/// shape, and every error names the file.
/// </summary>
public static class Checkpoint
{
    /// <summary>The format version written by this code; loading accepts only this version.</summary>
    public const int FormatVersion = 1;
    /// <summary>The file's first bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "NNETCKPT"u8;
    /// <summary>Header bytes: magic, version, kind, d, m, K.</summary>
    public const int HeaderBytes = 8 + 5 * sizeof(int);
    private const int HashBytes = 32;

    /// <summary>Saves a two-layer network's parameters to
    /// <paramref name="path"/> (atomically; see the class remarks).</summary>
    public static void Save(string path, TwoLayerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (d, m, k) = (parameters.D, parameters.M, parameters.K);
        CheckArray(nameof(parameters.W1), parameters.W1, (long)m * d);
        CheckArray(nameof(parameters.B1), parameters.B1, m);
        CheckArray(nameof(parameters.W2), parameters.W2, (long)k * m);
        CheckArray(nameof(parameters.B2), parameters.B2, k);
        Write(path, new CheckpointHeader(FormatVersion, CheckpointKind.TwoLayer, d, m, k),
            parameters.W1, parameters.B1, parameters.W2, parameters.B2);
    }

    /// <summary>Saves a one-layer network's parameters to
    /// <paramref name="path"/> (atomically; see the class remarks).</summary>
    public static void Save(string path, OneLayerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckArray(nameof(parameters.W), parameters.W, (long)parameters.K * parameters.D);
        CheckArray(nameof(parameters.B), parameters.B, parameters.K);
        Write(path, new CheckpointHeader(FormatVersion, CheckpointKind.OneLayer, parameters.D, 0, parameters.K),
            parameters.W, parameters.B);
    }

    /// <summary>Saves a <see cref="TwoLayerNetwork"/> or <see cref="OneLayerNetwork"/>
    /// (its parameters; dropout settings are not saved).</summary>
    public static void Save(string path, INetwork network)
    {
        switch (network)
        {
            case TwoLayerNetwork two: Save(path, two.Parameters); break;
            case OneLayerNetwork one: Save(path, one.Parameters); break;
            case null: throw new ArgumentNullException(nameof(network));
            default:
                throw new ArgumentException(
                    $"cannot save a {network.GetType().Name}: checkpoints hold TwoLayerNetwork or OneLayerNetwork.",
                    nameof(network));
        }
    }

    /// <summary>Reads and checks only the header (magic, version, kind, shapes).</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var file = OpenRead(path);
        return ReadHeader(path, file, new byte[HeaderBytes]);
    }

    /// <summary>Loads a two-layer checkpoint; when <paramref name="expected"/>
    /// is given the shapes must match it.</summary>
    /// <exception cref="CheckpointException">the file is not a valid two-layer checkpoint (of that shape).</exception>
    public static TwoLayerParameters LoadTwoLayer(string path, (int D, int M, int K)? expected = null)
    {
        var (header, arrays) = Read(path);
        if (header.Kind != CheckpointKind.TwoLayer)
            throw new CheckpointException(path,
                $"holds a {header.Kind} network (d = {header.D}, K = {header.K}), not a two-layer one; " +
                "load it with LoadOneLayer.");
        if (expected is (int d, int m, int k) && (d, m, k) != (header.D, header.M, header.K))
            throw new CheckpointException(path,
                $"shape mismatch: the checkpoint has d = {header.D}, m = {header.M}, K = {header.K} " +
                $"but d = {d}, m = {m}, K = {k} was expected.");
        return TwoLayer(header, arrays);
    }

    /// <summary>Loads a one-layer checkpoint; when <paramref name="expected"/>
    /// is given the shapes must match it.</summary>
    /// <exception cref="CheckpointException">the file is not a valid one-layer checkpoint (of that shape).</exception>
    public static OneLayerParameters LoadOneLayer(string path, (int D, int K)? expected = null)
    {
        var (header, arrays) = Read(path);
        if (header.Kind != CheckpointKind.OneLayer)
            throw new CheckpointException(path,
                $"holds a {header.Kind} network (d = {header.D}, m = {header.M}, K = {header.K}), " +
                "not a one-layer one; load it with LoadTwoLayer.");
        if (expected is (int d, int k) && (d, k) != (header.D, header.K))
            throw new CheckpointException(path,
                $"shape mismatch: the checkpoint has d = {header.D}, K = {header.K} " +
                $"but d = {d}, K = {k} was expected.");
        return OneLayer(header, arrays);
    }

    /// <summary>Loads whichever network the checkpoint holds, ready to
    /// evaluate or train further (the file is read once).</summary>
    public static INetwork Load(string path)
    {
        var (header, arrays) = Read(path);
        return header.Kind == CheckpointKind.TwoLayer
            ? new TwoLayerNetwork(TwoLayer(header, arrays))
            : new OneLayerNetwork(OneLayer(header, arrays));
    }

    private static TwoLayerParameters TwoLayer(CheckpointHeader h, float[][] arrays) =>
        new(h.D, h.M, h.K, arrays[0], arrays[1], arrays[2], arrays[3]);
    private static OneLayerParameters OneLayer(CheckpointHeader h, float[][] arrays) =>
        new(h.D, h.K, arrays[0], arrays[1]);

    private static void CheckArray(string name, float[] array, long expected)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.LongLength != expected)
            throw new ArgumentException(
                $"{name} has {array.LongLength} values but the shapes need {expected}; " +
                "the parameters are inconsistent.", name);
    }

    private static long[] ArrayLengths(CheckpointHeader h) => h.Kind == CheckpointKind.TwoLayer
        ? [(long)h.M * h.D, h.M, (long)h.K * h.M, h.K]
        : [(long)h.K * h.D, h.K];

    private static void Write(string path, CheckpointHeader header, params float[][] arrays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        if (File.Exists(path) && !StartsWithMagic(path))
            throw new IOException(
                $"{path}: exists and is not a NotebookNet checkpoint; refusing to overwrite it. " +
                "Choose another path or move the file away.");
        long floats = arrays.Sum(a => a.LongLength);
        long total = HeaderBytes + floats * sizeof(float) + HashBytes;
        if (total > Array.MaxLength)
            throw new ArgumentException($"the parameters ({floats} values) are too large for one checkpoint file.");
        var bytes = new byte[total];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], header.Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], (int)header.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], header.D);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], header.M);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], header.K);
        int at = HeaderBytes;
        foreach (var array in arrays)
            foreach (var v in array) { BinaryPrimitives.WriteSingleLittleEndian(span[at..], v); at += sizeof(float); }
        SHA256.HashData(span[..at], span[at..]);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp); // only ours: a failed write or move
        }
    }

    private static bool StartsWithMagic(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length
            && head.SequenceEqual(Magic);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path) ? File.OpenRead(path)
            : throw new FileNotFoundException($"{path}: checkpoint not found.", path);
    }

    private static CheckpointHeader ParseHeader(string path, ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < Magic.Length || !head[..Magic.Length].SequenceEqual(Magic))
            throw new CheckpointException(path,
                "not a NotebookNet checkpoint (wrong magic bytes; expected \"NNETCKPT\").");
        if (head.Length < HeaderBytes)
            throw new CheckpointException(path,
                $"truncated: {fileLength} bytes, shorter than the {HeaderBytes}-byte header.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
        if (version != FormatVersion)
            throw new CheckpointException(path,
                $"format version {version} is not supported (this build reads version {FormatVersion}); " +
                "save it again with a matching NotebookNet.");
        int kind = BinaryPrimitives.ReadInt32LittleEndian(head[12..]);
        if (!Enum.IsDefined((CheckpointKind)kind))
            throw new CheckpointException(path, $"unknown network kind {kind}; the file is corrupt.");
        var header = new CheckpointHeader(version, (CheckpointKind)kind,
            BinaryPrimitives.ReadInt32LittleEndian(head[16..]), BinaryPrimitives.ReadInt32LittleEndian(head[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(head[24..]));
        bool twoLayer = header.Kind == CheckpointKind.TwoLayer;
        if (header.D < 1 || header.K < 2 || (twoLayer ? header.M < 1 : header.M != 0))
            throw new CheckpointException(path,
                $"invalid shapes in the header (d = {header.D}, m = {header.M}, K = {header.K}); the file is corrupt.");
        return header;
    }

    // Reads the header from the start of the file into head (HeaderBytes long) and checks it.
    private static CheckpointHeader ReadHeader(string path, FileStream file, byte[] head)
    {
        int got = file.ReadAtLeast(head, HeaderBytes, throwOnEndOfStream: false);
        return ParseHeader(path, head.AsSpan(0, got), file.Length);
    }

    // One read of the file: the header first (so a file that is no checkpoint fails before it is loaded),
    // then the rest.
    private static (CheckpointHeader Header, float[][] Arrays) Read(string path)
    {
        using var file = OpenRead(path);
        var head = new byte[HeaderBytes];
        var header = ReadHeader(path, file, head);
        var lengths = ArrayLengths(header);
        long expected = HeaderBytes + lengths.Sum() * sizeof(float) + HashBytes, length = file.Length;
        if (length < expected)
            throw new CheckpointException(path,
                $"truncated: {length} bytes, but d = {header.D}, m = {header.M}, K = {header.K} need {expected}. " +
                "Save the network again.");
        if (length > expected)
            throw new CheckpointException(path,
                $"{length} bytes, but d = {header.D}, m = {header.M}, K = {header.K} need {expected}; " +
                "the file is corrupt.");
        if (expected > Array.MaxLength)
            throw new CheckpointException(path,
                $"{expected} bytes is far too large for a checkpoint; the file is not one.");
        var bytes = new byte[expected];
        head.CopyTo(bytes, 0);
        file.ReadExactly(bytes.AsSpan(HeaderBytes));
        var body = bytes.AsSpan(0, (int)(expected - HashBytes));
        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(bytes.AsSpan(body.Length, HashBytes)))
            throw new CheckpointException(path,
                "checksum mismatch: the SHA-256 of the contents differs from the one stored; the file is corrupt. " +
                "Save the network again.");
        var arrays = new float[lengths.Length][];
        int at = HeaderBytes;
        for (int i = 0; i < lengths.Length; i++)
        {
            var a = arrays[i] = new float[lengths[i]];
            for (int j = 0; j < a.Length; j++)
            {
                a[j] = BinaryPrimitives.ReadSingleLittleEndian(body[at..]);
                at += sizeof(float);
            }
        }
        return (header, arrays);
    }
}
