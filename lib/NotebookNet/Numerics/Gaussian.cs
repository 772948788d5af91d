namespace NotebookNet.Numerics;

/// <summary>Seeded Gaussian draws (Box–Muller), so initialisation depends only on the seed.</summary>
public static class Gaussian
{
    /// <summary>One N(0, 1) draw.</summary>
    public static double Next(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>n draws of N(0, std²) as float32.</summary>
    public static float[] Array(Random rng, int n, double std)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(std * Next(rng));
        return a;
    }
}
