namespace NotebookNet.Data;

/// <summary>
/// The splits the assignment's sections use. Each picks its images straight out of the raw batches and writes
/// every set once, scaled to [0, 1] and standardised with the training set's μ and σ (<see cref="Standardiser"/>):
/// the float copies of the data are the three sets returned, nothing else.
/// </summary>
public static class Splits
{
    /// <summary>
    /// Train on batch 1, validate on batch 2, test on the test batch (assignment 1, one/three cycles).
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="maxTrain">Optional cap on the training (and validation/test) sizes, for quick mode.</param>
    public static DataSplit Batch1Batch2Test(Cifar10Dataset data, int? maxTrain = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var train = PixelRows.First(data.Batch(1), maxTrain);
        using var validation = PixelRows.First(data.Batch(2), maxTrain);
        using var test = PixelRows.First(data.Test, maxTrain);
        return Standardise(train, validation, test, data, "batch 1 / batch 2 / test");
    }

    /// <summary>
    /// All five training batches, <paramref name="validationSize"/> of them drawn at random (seeded) for
    /// validation: 45k/5k for the searches, 49k/1k for the final model. With <paramref name="maxTrain"/> the
    /// training set is the first <paramref name="maxTrain"/> of the shuffled rest, and the test set the first
    /// <paramref name="maxTrain"/> test images.
    /// </summary>
    public static DataSplit AllBatchesRandomValidation(Cifar10Dataset data, int validationSize, int seed,
        int? maxTrain = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        int count = data.TrainingBatches.Sum(b => b.Count);
        if (validationSize < 1 || validationSize >= count)
            throw new ArgumentOutOfRangeException(nameof(validationSize), validationSize,
                $"must be in 1..{count - 1}.");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        int trainCount = Math.Min(count - validationSize, maxTrain ?? int.MaxValue);
        using var validation = new PixelRows(data.TrainingBatches, order.AsSpan(0, validationSize));
        using var train = new PixelRows(data.TrainingBatches, order.AsSpan(validationSize, trainCount));
        using var test = PixelRows.First(data.Test, maxTrain);
        return Standardise(train, validation, test, data,
            $"{train.Count / 1000.0:0.#}k / {validation.Count / 1000.0:0.#}k random / test");
    }

    private static DataSplit Standardise(PixelRows train, PixelRows validation, PixelRows test, Cifar10Dataset data,
        string description)
    {
        var s = Standardiser.Fit(train);
        return new DataSplit(s.Apply(train), s.Apply(validation), s.Apply(test), data.ClassNames, description,
            data.Source);
    }
}
