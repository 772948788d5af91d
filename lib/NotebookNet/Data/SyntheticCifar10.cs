namespace NotebookNet.Data;

/// <summary>
/// A generated, learnable CIFAR-shaped data set for offline demos and fast tests: each class has a
/// smooth random 32×32×3 prototype image; a sample is its class prototype, randomly brightened and
/// shifted, plus pixel noise. A linear classifier learns it to well above chance, not perfectly.
/// </summary>
public static class SyntheticCifar10
{
    /// <summary>The data-source name that selects this set.</summary>
    public const string SourceName = "synthetic";

    /// <summary>Generates five training batches and a test batch of
    /// <paramref name="recordsPerBatch"/> images each.</summary>
    public static Cifar10Dataset Generate(int recordsPerBatch = 2000, int seed = 2424, double noise = 60)
    {
        if (recordsPerBatch < 1)
            throw new ArgumentOutOfRangeException(nameof(recordsPerBatch), recordsPerBatch, "must be ≥ 1.");
        var rng = new Random(seed);
        var prototypes = Enumerable.Range(0, Cifar10.Classes).Select(_ => SmoothImage(rng)).ToArray();
        Cifar10Batch Batch(string name)
        {
            var pixels = new byte[recordsPerBatch * Cifar10.Dimensions];
            var labels = new int[recordsPerBatch];
            for (int i = 0; i < recordsPerBatch; i++)
            {
                int label = rng.Next(Cifar10.Classes);
                labels[i] = label;
                double gain = 0.7 + 0.6 * rng.NextDouble();
                int dx = rng.Next(-2, 3), dy = rng.Next(-2, 3);
                var dst = pixels.AsSpan(i * Cifar10.Dimensions, Cifar10.Dimensions);
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < Cifar10.Side; y++)
                        for (int x = 0; x < Cifar10.Side; x++)
                        {
                            int sx = Math.Clamp(x + dx, 0, Cifar10.Side - 1),
                                sy = Math.Clamp(y + dy, 0, Cifar10.Side - 1);
                            double v = 128 + gain * (prototypes[label][c * 1024 + sy * 32 + sx] - 128)
                                + noise * Numerics.Gaussian.Next(rng);
                            dst[c * 1024 + y * 32 + x] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                        }
            }
            return new Cifar10Batch(name, pixels, labels);
        }
        var train = Cifar10.TrainingBatchFiles.Select(f => Batch(Path.GetFileNameWithoutExtension(f))).ToArray();
        return new Cifar10Dataset(train, Batch("test_batch"), Cifar10.DefaultClassNames,
            $"{SourceName} (seed {seed}, {recordsPerBatch} a batch)");
    }

    // A smooth image: a sum of a few random low-frequency waves per colour plane, in 0..255.
    private static double[] SmoothImage(Random rng)
    {
        var img = new double[Cifar10.Dimensions];
        for (int c = 0; c < 3; c++)
            for (int wave = 0; wave < 3; wave++)
            {
                double fx = rng.NextDouble() * 0.4, fy = rng.NextDouble() * 0.4, phase = rng.NextDouble() * 2 * Math.PI;
                double amplitude = 25 + 20 * rng.NextDouble();
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        img[c * 1024 + y * 32 + x] += amplitude * Math.Sin(fx * x + fy * y + phase);
            }
        for (int i = 0; i < img.Length; i++) img[i] = Math.Clamp(128 + img[i], 0, 255);
        return img;
    }
}
