namespace NotebookNet.Data;

/// <summary>What one pass of <see cref="ArchiveScan"/> over an archive found.</summary>
internal sealed class ArchiveContents
{
    /// <summary>The archive (full path).</summary>
    public required string Path { get; init; }
    /// <summary>gzip, tar, or no archive at all.</summary>
    public ArchiveKind Kind { get; init; }
    /// <summary>The batch files met, by name (e.g. <c>data_batch_1.bin</c>), with their sizes.</summary>
    public Dictionary<string, Cifar10BatchCheck> Batches { get; } = new(StringComparer.Ordinal);
    /// <summary>The batches read, by file name (only when the pass unpacked them).</summary>
    public Dictionary<string, Cifar10Batch> Unpacked { get; } = new(StringComparer.Ordinal);
    /// <summary>Every regular file in the archive, as named there, in order.</summary>
    public List<string> Members { get; } = [];
    /// <summary>Class names from <c>batches.meta.txt</c>, else the official ones.</summary>
    public IReadOnlyList<string> ClassNames { get; set; } = Cifar10.DefaultClassNames;
    /// <summary>The first problem (null when all six batches are there and well-formed).</summary>
    public string? Problem { get; private set; }
    /// <summary>The archive, or <c>archive:member</c> for a problem inside one batch.</summary>
    public string? ProblemFile { get; private set; }
    /// <summary>The record of an out-of-range label, when that is the problem.</summary>
    public int? ProblemRecord { get; private set; }

    /// <summary>Records the first problem; returns this.</summary>
    public ArchiveContents Fail(string problem, string file, int? record = null)
    {
        if (Problem is null) (Problem, ProblemFile, ProblemRecord) = (problem, file, record);
        return this;
    }

    /// <summary>The data set, when the pass unpacked all six batches without a problem.</summary>
    public Cifar10Dataset ToDataset()
    {
        if (Problem is not null) throw new DataFormatException(Problem, ProblemRecord);
        var train = Cifar10.TrainingBatchFiles.Select(f => Unpacked[f]).ToArray();
        return new Cifar10Dataset(train, Unpacked[Cifar10.TestBatchFile], ClassNames, Path);
    }
}
