namespace NotebookNet.Data;

/// <summary>Training, validation and test sets, standardised with the training set's statistics.</summary>
public sealed record DataSplit(LabeledSet Train, LabeledSet Validation, LabeledSet Test,
    IReadOnlyList<string> ClassNames, string Description, string Source)
{
    /// <summary>One line: sizes and origin.</summary>
    public override string ToString() =>
        $"{Description}: train {Train.Count}, validation {Validation.Count}, test {Test.Count} (from {Source})";
}

/// <summary>The splits the assignment's sections use.</summary>
public static class Splits
{
    /// <summary>Train on batch 1, validate on batch 2, test on the test batch (assignment 1, one/three cycles).</summary>
    /// <param name="data">The data set.</param>
    /// <param name="maxTrain">Optional cap on the training (and validation/test) sizes, for quick mode.</param>
    public static DataSplit Batch1Batch2Test(Cifar10Dataset data, int? maxTrain = null)
    {
        var train = FirstOf(data.Batch(1), maxTrain);
        var validation = FirstOf(data.Batch(2), maxTrain);
        var test = FirstOf(data.Test, maxTrain);
        return Standardise(train, validation, test, data, "batch 1 / batch 2 / test");
    }

    /// <summary>
    /// All five training batches, <paramref name="validationSize"/> of them drawn at random (seeded) for
    /// validation: 45k/5k for the searches, 49k/1k for the final model.
    /// </summary>
    public static DataSplit AllBatchesRandomValidation(Cifar10Dataset data, int validationSize, int seed, int? maxTrain = null)
    {
        var all = LabeledSet.Concat(data.TrainingBatches.Select(b => LabeledSet.FromBatch(b)).ToArray());
        if (validationSize < 1 || validationSize >= all.Count)
            throw new ArgumentOutOfRangeException(nameof(validationSize), validationSize, $"must be in 1..{all.Count - 1}.");
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        var validation = all.Select(order[..validationSize]);
        int trainCount = Math.Min(all.Count - validationSize, maxTrain ?? int.MaxValue);
        var train = all.Select(order[validationSize..(validationSize + trainCount)]); // only the rows a cap keeps: the first of the shuffled rest
        var test = FirstOf(data.Test, maxTrain);
        return Standardise(train, validation, test, data, $"{train.Count / 1000.0:0.#}k / {validation.Count / 1000.0:0.#}k random / test");
    }

    // A batch's first `max` images (all without a cap), converting only those.
    private static LabeledSet FirstOf(Cifar10Batch batch, int? max) => LabeledSet.FromBatch(batch, max ?? batch.Count);

    private static DataSplit Standardise(LabeledSet train, LabeledSet validation, LabeledSet test, Cifar10Dataset data, string description)
    {
        var s = Standardiser.Fit(train);
        return new DataSplit(s.Apply(train), s.Apply(validation), s.Apply(test), data.ClassNames, description, data.Source);
    }
}
