namespace NotebookNet.Data;

/// <summary>
/// One CIFAR-10 batch file as read: raw pixel bytes (n, 3072) sample-major, in the file's plane
/// order (1024 red, 1024 green, 1024 blue, each row-major 32×32), and labels 0–9.
/// </summary>
public sealed record Cifar10Batch(string Name, byte[] Pixels, int[] Labels)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
}

/// <summary>The whole data set: the five training batches, the test batch and the class names.</summary>
public sealed record Cifar10Dataset(IReadOnlyList<Cifar10Batch> TrainingBatches, Cifar10Batch Test,
    IReadOnlyList<string> ClassNames, string Source)
{
    /// <summary>Training batch <paramref name="number"/> (1–5), as the assignment numbers them.</summary>
    public Cifar10Batch Batch(int number) =>
        number is >= 1 and <= 5 && number <= TrainingBatches.Count
            ? TrainingBatches[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number,
                $"training batches are numbered 1–{TrainingBatches.Count}.");
}
