namespace NotebookNet.Search;

/// <summary>How the searches draw λ: random log-uniform, a logspace grid, and the fine-search rule.</summary>
public static class LambdaSampling
{
    /// <summary>λ = 10^l with l ~ U(l_min, l_max), <paramref name="count"/> draws (seeded).</summary>
    public static double[] RandomLogUniform(double lMin, double lMax, int count, int seed)
    {
        Check(lMin, lMax, count);
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Pow(10, lMin + (lMax - lMin) * rng.NextDouble())).ToArray();
    }

    /// <summary>logspace(l_min, l_max, count): λ = 10^l on an even grid of l, ends included.</summary>
    public static double[] LogGrid(double lMin, double lMax, int count)
    {
        Check(lMin, lMax, count);
        return count == 1 ? [Math.Pow(10, lMin)]
            : Enumerable.Range(0, count).Select(i => Math.Pow(10, lMin + (lMax - lMin) * i / (count - 1))).ToArray();
    }

    /// <summary>
    /// The fine-search range from coarse results: l from log10 of the smallest to log10 of the largest λ
    /// among the best <paramref name="top"/> trials, widened to at least <paramref name="minWidth"/> decades
    /// around their centre.
    /// </summary>
    public static (double LMin, double LMax) FineRange(IEnumerable<TrialResult> coarse, int top = 3,
        double minWidth = 0.5)
    {
        var best = coarse.OrderByDescending(r => r.ValidationAccuracy).Take(top)
            .Select(r => Math.Log10(r.Lambda)).ToArray();
        if (best.Length == 0)
            throw new ArgumentException("the coarse search has no results to narrow from.", nameof(coarse));
        double lo = best.Min(), hi = best.Max();
        if (hi - lo < minWidth)
        {
            double centre = (lo + hi) / 2;
            lo = centre - minWidth / 2;
            hi = centre + minWidth / 2;
        }
        return (lo, hi);
    }

    private static void Check(double lMin, double lMax, int count)
    {
        if (!(lMin <= lMax) || !double.IsFinite(lMin) || !double.IsFinite(lMax))
            throw new ArgumentOutOfRangeException(nameof(lMin), $"need finite l_min ≤ l_max (got {lMin}, {lMax}).");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one λ.");
    }
}
