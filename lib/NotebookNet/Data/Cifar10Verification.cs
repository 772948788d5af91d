namespace NotebookNet.Data;

/// <summary>
/// What <see cref="Cifar10Verifier.Verify"/> found: the batches, the class names, the archive's MD5
/// (archives only), warnings, and the first problem (null when the data is usable).
/// </summary>
public sealed record Cifar10Verification
{
    /// <summary>The archive or directory checked (full path; for a directory, the one holding the batches).</summary>
    public required string Path { get; init; }
    /// <summary>True for a <c>.tar.gz</c> archive, false for a directory.</summary>
    public required bool IsArchive { get; init; }
    /// <summary>The archive's MD5 as lower-case hex (null for a directory).</summary>
    public string? Md5 { get; init; }
    /// <summary>Whether <see cref="Md5"/> equals <see cref="Cifar10.OfficialMd5"/> (null for a directory).</summary>
    public bool? IsOfficialArchive =>
        Md5 is null ? null : Md5.Equals(Cifar10.OfficialMd5, StringComparison.OrdinalIgnoreCase);
    /// <summary>The batch files found, in the order they were checked.</summary>
    public IReadOnlyList<Cifar10BatchCheck> Batches { get; init; } = [];
    /// <summary>Class names from <c>batches.meta.txt</c>, else the official ones.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = Cifar10.DefaultClassNames;
    /// <summary>Things worth saying that do not make the data unusable (e.g. an unofficial MD5).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>
    /// The first problem found, naming the file (and record, for labels); null when the data is usable.
    /// </summary>
    public string? Problem { get; init; }
    /// <summary>The file the problem is in (the archive, or <c>archive:member</c>, or a batch file's path).</summary>
    public string? ProblemFile { get; init; }
    /// <summary>The record index (0-based) of an out-of-range label, when that is the problem.</summary>
    public int? ProblemRecord { get; init; }

    /// <summary>True when all six batches are present and well-formed (warnings allowed).</summary>
    public bool IsValid => Problem is null;

    /// <summary>"OK", "OK with N warning(s)" or "FAILED".</summary>
    public string Status => !IsValid ? "FAILED"
        : Warnings.Count == 0 ? "OK" : $"OK with {Warnings.Count} warning{(Warnings.Count == 1 ? "" : "s")}";

    /// <summary>What was found, a line each, indented: the batches, the class names and (archives) the MD5.</summary>
    public IEnumerable<string> DetailLines()
    {
        foreach (var b in Batches) yield return $"  {b.Name,-16} {b.Bytes,12:N0} bytes  {b.Records,6:N0} records";
        if (IsValid || Batches.Count > 0) yield return $"  classes: {string.Join(", ", ClassNames)}";   // else none
        if (Md5 is not null)
            yield return $"  MD5 {Md5}" + (IsOfficialArchive == true ? " (the official archive)"
                : $" (official archive: {Cifar10.OfficialMd5})");
    }

    /// <summary>A few lines: status, path, <see cref="DetailLines"/>, the problem, then the warnings.</summary>
    public override string ToString()
    {
        var w = new StringWriter();
        w.WriteLine($"{Status}: {Path} ({(IsArchive ? "archive" : "directory")})");
        foreach (var line in DetailLines()) w.WriteLine(line);
        if (Problem is not null) w.WriteLine($"  problem: {Problem}");
        foreach (var warning in Warnings) w.WriteLine($"  warning: {warning}");   // after the verdict it qualifies
        return w.ToString().TrimEnd();
    }
}
