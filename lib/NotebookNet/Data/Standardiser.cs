using NotebookNet.Numerics;

namespace NotebookNet.Data;

/// <summary>
/// Per-feature standardisation x' = (x − μ) / σ with μ and σ fitted on the training split only,
/// then applied unchanged to validation and test data.
/// </summary>
/// <remarks>
/// μ and σ are computed from Σx and Σx² accumulated in double, sample by sample in the training set's order;
/// σ = max(√(Σx²/n − μ²), 1e-8), both then rounded to float; x' = (x − μ) · (1/σ) in float. The fit splits the
/// features between the cores (each feature is still summed in sample order, so the result does not depend on
/// the number of cores); applying splits the samples. Both run the vector kernels of <see cref="PixelKernels"/>,
/// which give the scalar code's values bit for bit.
/// </remarks>
public sealed record Standardiser(float[] Mean, float[] Std)
{
    private const int BlockFeatures = 768;   // features a fit work item sums: 4 items, 768-byte pieces of a row
    private const int BlockSamples = 256;    // samples an apply work item writes

    /// <summary>Fits μ and σ of each of the d features on <paramref name="training"/>.</summary>
    public static unsafe Standardiser Fit(LabeledSet training)
    {
        ArgumentNullException.ThrowIfNull(training);
        int n = training.Count, d = training.Dimensions;
        return FromSums(n, d, (sum, sumSq, from, count) =>
        {
            fixed (float* x = training.X)
                for (int i = 0; i < n; i++) PixelKernels.AccumulateMoments(x + (long)i * d + from, sum, sumSq, count);
        });
    }

    /// <summary>
    /// Fits μ and σ of each of the 3072 features on the images of <paramref name="training"/>, scaled to [0, 1].
    /// </summary>
    internal static unsafe Standardiser Fit(PixelRows training)
    {
        int n = training.Count;
        return FromSums(n, Cifar10.Dimensions, (sum, sumSq, from, count) =>
        {
            fixed (nint* rows = training.Addresses) PixelKernels.AccumulateMoments(rows, n, from, sum, sumSq, count);
        });
    }

    /// <summary>Returns a standardised copy of <paramref name="set"/>.</summary>
    public unsafe LabeledSet Apply(LabeledSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Dimensions != Mean.Length)
            throw new ArgumentException(
                $"set has d = {set.Dimensions}, the standardiser was fitted on d = {Mean.Length}.", nameof(set));
        int d = set.Dimensions;
        var x = ApplyRows(set.Count, (i, mean, inv, y) =>
        {
            fixed (float* source = set.X) PixelKernels.Standardise(source + (long)i * d, mean, inv, y, d);
        });
        return new LabeledSet(x, (int[])set.Y.Clone(), d);
    }

    /// <summary>The images of <paramref name="rows"/>, scaled to [0, 1] and standardised, as a new set.</summary>
    internal unsafe LabeledSet Apply(PixelRows rows)
    {
        if (Mean.Length != Cifar10.Dimensions)
            throw new ArgumentException(
                $"images have d = {Cifar10.Dimensions}, the standardiser was fitted on d = {Mean.Length}.");
        var x = ApplyRows(rows.Count,
            (i, mean, inv, y) => PixelKernels.Standardise(rows[i], mean, inv, y, Cifar10.Dimensions));
        return new LabeledSet(x, rows.Labels(), Cifar10.Dimensions);
    }

    private unsafe delegate void SumBlock(double* sum, double* sumSq, int from, int count);
    private unsafe delegate void StandardiseRow(int i, float* mean, float* inv, float* y);

    // Σx and Σx² of every feature, feature blocks shared out between the cores; then μ and σ.
    private static unsafe Standardiser FromSums(int n, int d, SumBlock sumBlock)
    {
        if (n < 2) throw new ArgumentException("standardisation needs at least 2 training samples.", "training");
        var sum = new double[d];
        var sumSq = new double[d];
        int blocks = (d + BlockFeatures - 1) / BlockFeatures;
        KernelThreads.ForEach(blocks, KernelThreads.PartsFor(blocks), (block, _) =>
        {
            int from = block * BlockFeatures, count = Math.Min(BlockFeatures, d - from);
            fixed (double* s = sum, q = sumSq) sumBlock(s + from, q + from, from, count);
        });
        var mean = new float[d];
        var std = new float[d];
        for (int j = 0; j < d; j++)
        {
            double mu = sum[j] / n;
            double variance = Math.Max(0, sumSq[j] / n - mu * mu);
            mean[j] = (float)mu;
            std[j] = (float)Math.Max(Math.Sqrt(variance), 1e-8);
        }
        return new Standardiser(mean, std);
    }

    // A new (n, d) array, written once: row i by `row`, blocks of rows shared out between the cores.
    private unsafe float[] ApplyRows(int n, StandardiseRow row)
    {
        int d = Mean.Length;
        var x = GC.AllocateUninitializedArray<float>(n * d);
        var inv = new float[d];
        for (int j = 0; j < d; j++) inv[j] = 1f / Std[j];
        int blocks = (n + BlockSamples - 1) / BlockSamples;
        KernelThreads.ForEach(blocks, KernelThreads.PartsFor(blocks), (block, _) =>
        {
            int from = block * BlockSamples, to = Math.Min(n, from + BlockSamples);
            fixed (float* y = x, mean = Mean, scale = inv)
                for (int i = from; i < to; i++) row(i, mean, scale, y + (long)i * d);
            PixelKernels.Fence();
        });
        return x;
    }
}
