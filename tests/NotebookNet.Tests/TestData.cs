using NotebookNet.Data;

namespace NotebookNet.Tests;

/// <summary>Shared fixtures: small seeded problems and the real archive when available.</summary>
internal static class TestData
{
    /// <summary>A random (n, d) problem with labels, float32 row-major.</summary>
    public static LabeledSet Random(int n, int d, int seed, int classes = 10)
    {
        var rng = new Random(seed);
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)global::NotebookNet.Numerics.Gaussian.Next(rng);
        var y = Enumerable.Range(0, n).Select(_ => rng.Next(classes)).ToArray();
        return new LabeledSet(x, y, d, classes);
    }

    /// <summary>The real data from NOTEBOOKNET_CIFAR10 or the cache; null when absent (test is skipped).</summary>
    public static Cifar10Dataset? Real()
    {
        var location = Cifar10Source.Find();
        return location is null ? null : Cifar10Source.Load(location);
    }

    /// <summary>Skips the calling test when the real data is absent.</summary>
    public static Cifar10Dataset RealOrSkip() =>
        Real() ?? throw Xunit.Sdk.SkipException.ForSkip(
            $"CIFAR-10 not found: set {Cifar10Source.EnvironmentVariable} to ../shared/data/cifar-10-binary.tar.gz");

    /// <summary>The synthetic set, small batches.</summary>
    public static Cifar10Dataset Synthetic() => SyntheticCifar10.Generate(recordsPerBatch: 500);
}
