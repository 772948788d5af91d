using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>
/// The data step as it was written before it was made fast, kept as the reference the fast path must equal bit for
/// bit: every batch converted to floats, concatenated, the rows copied out in shuffled order, then a scalar fit
/// (Σx and Σx² in double, sample by sample) and a scalar apply.
/// </summary>
internal static class ReferenceSplits
{
    public static DataSplit Batch1Batch2Test(Cifar10Dataset data, int? maxTrain = null) =>
        Standardise(FirstOf(data.Batch(1), maxTrain), FirstOf(data.Batch(2), maxTrain), FirstOf(data.Test, maxTrain),
            data);

    public static DataSplit AllBatchesRandomValidation(Cifar10Dataset data, int validationSize, int seed,
        int? maxTrain = null)
    {
        var all = Concat(data.TrainingBatches.Select(b => FromBatch(b, b.Count)).ToArray());
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        var validation = Select(all, order[..validationSize]);
        int trainCount = Math.Min(all.Count - validationSize, maxTrain ?? int.MaxValue);
        var train = Select(all, order[validationSize..(validationSize + trainCount)]);
        return Standardise(train, validation, FirstOf(data.Test, maxTrain), data);
    }

    public static (float[] Mean, float[] Std) Fit(LabeledSet training)
    {
        int n = training.Count, d = training.Dimensions;
        var sum = new double[d];
        var sumSq = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = training.Row(i);
            for (int j = 0; j < d; j++) { sum[j] += row[j]; sumSq[j] += (double)row[j] * row[j]; }
        }
        var mean = new float[d];
        var std = new float[d];
        for (int j = 0; j < d; j++)
        {
            double mu = sum[j] / n;
            double variance = Math.Max(0, sumSq[j] / n - mu * mu);
            mean[j] = (float)mu;
            std[j] = (float)Math.Max(Math.Sqrt(variance), 1e-8);
        }
        return (mean, std);
    }

    public static LabeledSet Apply(float[] mean, float[] std, LabeledSet set)
    {
        int d = set.Dimensions;
        var x = new float[set.X.Length];
        var inv = std.Select(s => 1f / s).ToArray();
        for (int i = 0; i < set.Count; i++)
        {
            var src = set.Row(i);
            var dst = x.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) dst[j] = (src[j] - mean[j]) * inv[j];
        }
        return new LabeledSet(x, (int[])set.Y.Clone(), d);
    }

    public static LabeledSet FromBatch(Cifar10Batch batch, int count)
    {
        int n = Math.Min(count, batch.Count);
        var x = new float[n * Cifar10.Dimensions];
        const float scale = 1f / 255f;
        for (int i = 0; i < x.Length; i++) x[i] = batch.Pixels[i] * scale;
        return new LabeledSet(x, batch.Labels[..n], Cifar10.Dimensions);
    }

    private static LabeledSet FirstOf(Cifar10Batch batch, int? max) => FromBatch(batch, max ?? batch.Count);

    private static LabeledSet Select(LabeledSet set, int[] indices)
    {
        int d = set.Dimensions;
        var x = new float[indices.Length * d];
        var y = new int[indices.Length];
        for (int r = 0; r < indices.Length; r++)
        {
            set.Row(indices[r]).CopyTo(x.AsSpan(r * d, d));
            y[r] = set.Y[indices[r]];
        }
        return new LabeledSet(x, y, d);
    }

    private static LabeledSet Concat(LabeledSet[] sets)
    {
        int d = sets[0].Dimensions;
        return new LabeledSet([.. sets.SelectMany(s => s.X)], [.. sets.SelectMany(s => s.Y)], d);
    }

    private static DataSplit Standardise(LabeledSet train, LabeledSet validation, LabeledSet test, Cifar10Dataset data)
    {
        var (mean, std) = Fit(train);
        return new DataSplit(Apply(mean, std, train), Apply(mean, std, validation), Apply(mean, std, test),
            data.ClassNames, "reference", data.Source);
    }
}
