namespace NotebookNet.Data;

/// <summary>
/// A labelled sample set: X (n, d) row-major float32, one sample a row; Y n labels in 0..K−1.
/// </summary>
public sealed record LabeledSet
{
    /// <summary>Features, (n, d) row-major.</summary>
    public float[] X { get; }
    /// <summary>Labels, n values in 0..K−1.</summary>
    public int[] Y { get; }
    /// <summary>Number of samples n.</summary>
    public int Count => Y.Length;
    /// <summary>Dimensions d.</summary>
    public int Dimensions { get; }

    /// <summary>Creates a set, checking that X holds n·d values and the labels are in range.</summary>
    public LabeledSet(float[] x, int[] y, int dimensions, int classes = Cifar10.Classes)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (dimensions < 1)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "d must be at least 1.");
        if (x.Length != (long)y.Length * dimensions)
            throw new ArgumentException(
                $"X has {x.Length} values but {y.Length} labels × d = {dimensions} need {(long)y.Length * dimensions}.",
                nameof(x));
        for (int i = 0; i < y.Length; i++)
            if ((uint)y[i] >= (uint)classes)
                throw new ArgumentException($"label {y[i]} of sample {i} is outside 0..{classes - 1}.", nameof(y));
        X = x; Y = y; Dimensions = dimensions;
    }

    /// <summary>Sample i's features.</summary>
    public ReadOnlySpan<float> Row(int i) => X.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The samples at the given indices, copied, in that order.</summary>
    public LabeledSet Select(IReadOnlyList<int> indices)
    {
        var x = new float[indices.Count * Dimensions];
        var y = new int[indices.Count];
        for (int r = 0; r < indices.Count; r++)
        {
            Row(indices[r]).CopyTo(x.AsSpan(r * Dimensions, Dimensions));
            y[r] = Y[indices[r]];
        }
        return new LabeledSet(x, y, Dimensions);
    }

    /// <summary>The first <paramref name="count"/> samples (all when count ≥ n).</summary>
    public LabeledSet Take(int count) => count >= Count ? this : Select(Enumerable.Range(0, count).ToArray());

    /// <summary>The first <paramref name="dims"/> features of each
    /// sample (the gradient check's reduced problem).</summary>
    public LabeledSet TakeDimensions(int dims)
    {
        if (dims < 1 || dims > Dimensions)
            throw new ArgumentOutOfRangeException(nameof(dims), dims, $"must be in 1..{Dimensions}.");
        var x = new float[Count * dims];
        for (int i = 0; i < Count; i++) X.AsSpan(i * Dimensions, dims).CopyTo(x.AsSpan(i * dims, dims));
        return new LabeledSet(x, (int[])Y.Clone(), dims);
    }

    /// <summary>Concatenates sets of equal d, in order.</summary>
    public static LabeledSet Concat(params LabeledSet[] sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Length == 0) throw new ArgumentException("no sets to concatenate.", nameof(sets));
        int d = sets[0].Dimensions, n = 0;
        foreach (var set in sets)
        {
            if (set.Dimensions != d)
                throw new ArgumentException($"sets differ in d ({d} and {set.Dimensions}).", nameof(sets));
            n += set.Count;
        }
        var x = new float[(long)n * d];
        var y = new int[n];
        int at = 0;
        foreach (var set in sets)
        {
            Array.Copy(set.X, 0, x, (long)at * d, set.X.LongLength);
            Array.Copy(set.Y, 0, y, at, set.Count);
            at += set.Count;
        }
        return new LabeledSet(x, y, d);
    }

    /// <summary>Pixels of a raw batch scaled to [0, 1] (no standardisation yet).</summary>
    public static LabeledSet FromBatch(Cifar10Batch batch) => FromBatch(batch, batch.Count);

    /// <summary>The first <paramref name="count"/> images of a raw
    /// batch (all when count ≥ n), pixels scaled to [0, 1].</summary>
    // internal: public method-group uses of FromBatch stay unambiguous
    internal static unsafe LabeledSet FromBatch(Cifar10Batch batch, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, batch.Count);
        PixelRows.CheckShape(batch);
        var x = GC.AllocateUninitializedArray<float>(n * Cifar10.Dimensions);
        fixed (byte* b = batch.Pixels)
        fixed (float* y = x)
            PixelKernels.ToFloats(b, y, x.Length);   // x = b · (1/255), rounded to float
        return new LabeledSet(x, batch.Labels[..n], Cifar10.Dimensions);
    }
}
