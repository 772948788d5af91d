namespace NotebookNet.Benchmarks;

/// <summary>Random inputs for the benchmarks.</summary>
internal static class RandomArrays
{
    /// <summary><paramref name="count"/> values (x − 0.5)·<paramref name="scale"/> with x uniform in [0, 1), drawn in
    /// order from <paramref name="rng"/>.</summary>
    public static float[] Uniform(Random rng, int count, float scale = 1f)
    {
        var a = new float[count];
        for (int i = 0; i < count; i++) a[i] = (float)(rng.NextDouble() - 0.5) * scale;
        return a;
    }
}
