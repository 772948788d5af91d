using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace NotebookNet.Data;

/// <summary>
/// One streaming pass over a CIFAR-10 archive (<c>.tar.gz</c>, or a plain <c>.tar</c>): every batch is checked
/// (size, labels) as it is decompressed, and optionally unpacked into a data set and written into a folder, in
/// the same pass. It tells apart a file that is no archive, a truncated archive, a corrupt one, an archive of
/// other files, and an incomplete CIFAR-10 archive, each with its own message. A gzip file is read to its end,
/// so zlib checks its CRC, and its decompressed size is compared with the size its trailer records.
/// </summary>
internal static class ArchiveScan
{
    /// <summary>Bytes of the whole CIFAR-10 binary tar: six batches, the class names, headers and end blocks.</summary>
    private const long ExpectedTarBytes = 184_391_680;

    /// <summary>Reads the archive once; the result holds the first problem, or all six batches.</summary>
    /// <param name="archivePath">The archive; only read.</param>
    /// <param name="unpack">Whether to build the batches (else they are only checked).</param>
    /// <param name="writeTo">A folder to write the six batch files and <c>batches.meta.txt</c> into, or null.</param>
    /// <param name="cancellationToken">Checked between files.</param>
    /// <exception cref="IOException">writing into <paramref name="writeTo"/> failed (not the archive's fault).
    /// </exception>
    public static ArchiveContents Run(string archivePath, bool unpack, string? writeTo,
        CancellationToken cancellationToken = default)
    {
        archivePath = Path.GetFullPath(archivePath);
        var (kind, notAnArchive) = ArchiveFormat.Detect(archivePath);
        var result = new ArchiveContents { Path = archivePath, Kind = kind };
        if (notAnArchive is not null) return result.Fail(notAnArchive, archivePath);
        using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.SequentialScan);
        using var data = new CountingStream(kind == ArchiveKind.Gzip
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file, kind == ArchiveKind.Gzip);
        var chunk = BatchReader.NewChunk();
        string? member = null;   // the file being read, for messages
        try
        {
            using (var tar = new TarReader(data, leaveOpen: true))
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                        || entry.DataStream is null) continue;
                    result.Members.Add(member = entry.Name);
                    if (!Visit(result, entry, unpack, writeTo, chunk)) return result;
                    member = null;
                }
            data.CopyTo(Stream.Null);   // the tar's end blocks and the gzip trailer (zlib checks the CRC)
        }
        catch (EndOfStreamException)
        {
            return result.Fail(Truncated(archivePath, data.Position, member), archivePath);
        }
        catch (InvalidDataException e) when (data.DecompressionFailed)
        {
            return result.Fail(Corrupt(archivePath, data.Position, e.Message), archivePath);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return result.Fail(result.Members.Count == 0
                ? NotTar(archivePath, kind, e.Message)
                : Corrupt(archivePath, data.Position, e.Message), archivePath);
        }
        if (kind == ArchiveKind.Gzip && TrailerSize(archivePath) is var recorded && recorded != (uint)data.Position)
            return result.Fail(TrailerMismatch(archivePath, recorded, data.Position), archivePath);
        if (Cifar10.BatchFiles.FirstOrDefault(f => !result.Batches.ContainsKey(f)) is { } missing)
            result.Fail(result.Batches.Count == 0 ? WrongArchive(archivePath, result.Members)
                : Cifar10Reader.MissingMemberProblem(archivePath, missing), archivePath);
        return result;
    }

    // Checks (and unpacks, writes) one file of the archive; false when a batch has a problem (recorded).
    private static bool Visit(ArchiveContents result, TarEntry entry, bool unpack, string? writeTo, byte[] chunk)
    {
        var name = Path.GetFileName(entry.Name);
        if (name == Cifar10.MetaFile && entry.Length <= 1 << 20)
        {
            var bytes = new byte[entry.Length];
            entry.DataStream!.ReadExactly(bytes);
            result.ClassNames = Cifar10Reader.ParseClassNames(System.Text.Encoding.UTF8.GetString(bytes));
            if (writeTo is not null) Write(writeTo, name, output => output.Write(bytes));
            return true;
        }
        if (!Cifar10.BatchFiles.Contains(name) || result.Batches.ContainsKey(name)) return true;
        var member = $"{result.Path}:{entry.Name}";
        result.Batches[name] = new Cifar10BatchCheck(name, entry.Length, entry.Length / Cifar10.RecordBytes);
        if (Cifar10Reader.SizeProblem(member, entry.Length) is { } size)
        {
            result.Fail(size, member);
            return false;
        }
        try
        {
            Cifar10Batch? batch = null;
            var records = entry.DataStream!;
            if (writeTo is null) batch = BatchReader.Read(records, member, Cifar10.RecordsPerBatch, chunk, unpack);
            else Write(writeTo, name, output =>
                batch = BatchReader.Read(records, member, Cifar10.RecordsPerBatch, chunk, unpack, output));
            if (batch is not null) result.Unpacked[name] = batch;
            return true;
        }
        catch (DataFormatException e)
        {
            result.Fail(e.Message, member, e.Record);
            return false;
        }
    }

    // Creates writeTo/name and lets `write` fill it; a failure to write is an IOException naming the folder,
    // raised past the archive's own checks (it is not the archive's fault).
    private static void Write(string writeTo, string name, Action<Stream> write)
    {
        var path = Path.Combine(writeTo, name);
        using var output = new WriteGuard(path);
        write(output);
    }

    // The uncompressed size mod 2³² a gzip file records in its last 4 bytes.
    private static uint TrailerSize(string path)
    {
        using var handle = File.OpenHandle(path);
        long length = RandomAccess.GetLength(handle);
        Span<byte> last = stackalloc byte[4];
        return length >= 4 && RandomAccess.Read(handle, last, length - 4) == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(last) : 0;
    }

    private const string Again = "Copy or download it again (runner: data fetch), or pass another archive.";

    private static string Truncated(string path, long position, string? member) =>
        $"{path}: the archive is truncated: its data ends {(member is null ? "" : $"inside {member} ")}" +
        $"after {position:N0} bytes unpacked (the CIFAR-10 archive unpacks to {ExpectedTarBytes:N0}). {Again}";

    private static string Corrupt(string path, long position, string why) =>
        $"{path}: the archive is corrupt: its data is invalid after {position:N0} bytes unpacked ({why}). {Again}";

    private static string TrailerMismatch(string path, uint recorded, long actual) =>
        $"{path}: the archive is truncated or corrupt: its gzip trailer records {recorded:N0} bytes " +
        $"(mod 2³²) but its data unpacks to {actual:N0}. {Again}";

    private static string NotTar(string path, ArchiveKind kind, string why) =>
        $"{path}: {(kind == ArchiveKind.Gzip ? "gzip-compressed, but what it holds" : "it")} is not a tar archive " +
        $"({why}), so it is not the CIFAR-10 archive. Pass cifar-10-binary.tar.gz or an extracted " +
        "cifar-10-batches-bin directory.";

    private static string WrongArchive(string path, IReadOnlyList<string> members)
    {
        string holds = members.Count == 0 ? "it holds no files"
            : $"it holds {members.Count} file{(members.Count == 1 ? "" : "s")} " +
              $"({string.Join(", ", members.Take(3))}{(members.Count > 3 ? ", …" : "")}) and none is a CIFAR-10 batch";
        string? version = members.Any(m => m.Contains("cifar-10-batches-py", StringComparison.Ordinal)) ? "python"
            : members.Any(m => m.Contains("cifar-10-batches-mat", StringComparison.Ordinal)) ? "MATLAB" : null;
        string hint = version is null ? ""
            : $" It is the CIFAR-10 {version} version; NotebookNet reads the binary version, cifar-10-binary.tar.gz.";
        return $"{path}: the wrong archive: a valid archive, but not CIFAR-10: {holds} (it needs " +
               $"{string.Join(", ", Cifar10.BatchFiles)}).{hint} Pass cifar-10-binary.tar.gz or an extracted " +
               "cifar-10-batches-bin directory.";
    }

    /// <summary>A read-only pass-through stream that counts the bytes read and notes a decompression failure.</summary>
    private sealed class CountingStream(Stream inner, bool ownsInner) : Stream
    {
        public bool DecompressionFailed { get; private set; }
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            int n;
            try { n = inner.Read(buffer); }
            catch (InvalidDataException) when (ownsInner)
            {
                DecompressionFailed = true;   // zlib: invalid deflate data or a CRC mismatch
                throw;
            }
            Position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing && ownsInner) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A new file whose write failures are IOExceptions naming it (never taken for the archive's).</summary>
    private sealed class WriteGuard : Stream
    {
        private readonly string _path;
        private readonly FileStream _file;

        public WriteGuard(string path)
        {
            _path = path;
            try { _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try { _file.Write(buffer); }
            catch (IOException e) { throw Failed(e); }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        private IOException Failed(Exception e) => new($"could not write {_path}: {e.Message}", e);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override void Flush() => _file.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) _file.Dispose();
            base.Dispose(disposing);
        }
    }
}
