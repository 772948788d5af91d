namespace NotebookNet.Data;

/// <summary>Training, validation and test sets, standardised with the training set's statistics.</summary>
public sealed record DataSplit(LabeledSet Train, LabeledSet Validation, LabeledSet Test,
    IReadOnlyList<string> ClassNames, string Description, string Source)
{
    /// <summary>One line: sizes and origin.</summary>
    public override string ToString() =>
        $"{Description}: train {Train.Count}, validation {Validation.Count}, test {Test.Count} (from {Source})";
}
