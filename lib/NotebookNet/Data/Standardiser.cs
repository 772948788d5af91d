namespace NotebookNet.Data;

/// <summary>
/// Per-feature standardisation x' = (x − μ) / σ with μ and σ fitted on the training split only,
/// then applied unchanged to validation and test data.
/// </summary>
public sealed record Standardiser(float[] Mean, float[] Std)
{
    /// <summary>Fits μ and σ of each of the d features on <paramref name="training"/>.</summary>
    public static Standardiser Fit(LabeledSet training)
    {
        int n = training.Count, d = training.Dimensions;
        if (n < 2) throw new ArgumentException("standardisation needs at least 2 training samples.", nameof(training));
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
        return new Standardiser(mean, std);
    }

    /// <summary>Returns a standardised copy of <paramref name="set"/>.</summary>
    public LabeledSet Apply(LabeledSet set)
    {
        if (set.Dimensions != Mean.Length)
            throw new ArgumentException($"set has d = {set.Dimensions}, the standardiser was fitted on d = {Mean.Length}.", nameof(set));
        int d = set.Dimensions;
        var x = new float[set.X.Length];
        var inv = Std.Select(s => 1f / s).ToArray();
        for (int i = 0; i < set.Count; i++)
        {
            var src = set.Row(i);
            var dst = x.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) dst[j] = (src[j] - Mean[j]) * inv[j];
        }
        return new LabeledSet(x, (int[])set.Y.Clone(), d);
    }
}
