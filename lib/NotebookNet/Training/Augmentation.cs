using NotebookNet.Data;

namespace NotebookNet.Training;

/// <summary>
/// Training-time augmentation of 32×32×3 images (planes R, G, B, each row-major): a random
/// horizontal flip with probability <see cref="FlipProbability"/> and a random translation of up
/// to <see cref="MaxShift"/> pixels in x and y (edge pixels repeated). Applied to each mini-batch
/// as it is gathered; evaluation sees the original images.
/// </summary>
public sealed record Augmentation
{
    /// <summary>Probability of a horizontal flip, in [0, 1].</summary>
    public double FlipProbability { get; }
    /// <summary>Largest shift in pixels, 0–8.</summary>
    public int MaxShift { get; }

    /// <summary>Validates the settings.</summary>
    public Augmentation(double flipProbability = 0.5, int maxShift = 2)
    {
        if (!(flipProbability >= 0 && flipProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(flipProbability), flipProbability,
                "the flip probability must be in [0, 1].");
        if (maxShift is < 0 or > 8)
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "the shift must be 0–8 pixels.");
        FlipProbability = flipProbability; MaxShift = maxShift;
    }

    /// <summary>Writes an augmented copy of one image (3072 values) into <paramref name="dst"/>.</summary>
    public void Apply(ReadOnlySpan<float> src, Span<float> dst, Random rng)
    {
        const int side = Cifar10.Side, plane = side * side;
        if (src.Length != Cifar10.Dimensions)
            throw new ArgumentException(
                $"augmentation needs 32×32×3 images (d = {Cifar10.Dimensions}), got d = {src.Length}.");
        bool flip = rng.NextDouble() < FlipProbability;
        int dx = MaxShift == 0 ? 0 : rng.Next(-MaxShift, MaxShift + 1);
        int dy = MaxShift == 0 ? 0 : rng.Next(-MaxShift, MaxShift + 1);
        Span<int> sourceColumn = stackalloc int[side];             // depends on x only: once per image
        for (int x = 0; x < side; x++) sourceColumn[x] = Math.Clamp((flip ? side - 1 - x : x) + dx, 0, side - 1);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < side; y++)
            {
                int sy = Math.Clamp(y + dy, 0, side - 1);
                for (int x = 0; x < side; x++)
                    dst[c * plane + y * side + x] = src[c * plane + sy * side + sourceColumn[x]];
            }
    }

    /// <inheritdoc/>
    public override string ToString() => $"flip p = {FlipProbability}, shift ≤ {MaxShift} px";
}
