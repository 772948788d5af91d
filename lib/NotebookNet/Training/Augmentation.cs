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

    /// <summary>
    /// Writes an augmented copy of one image (3072 values) into <paramref name="dst"/>:
    /// dst[c, y, x] = src[c, clamp(y + dy), clamp(x' + dx)] with x' = 31 − x when flipped, else x.
    /// Each output row is one source row shifted (and reversed): copied as spans, edges repeated.
    /// </summary>
    public void Apply(ReadOnlySpan<float> src, Span<float> dst, Random rng)
    {
        const int side = Cifar10.Side, plane = side * side;
        if (src.Length != Cifar10.Dimensions)
            throw new ArgumentException(
                $"augmentation needs 32×32×3 images (d = {Cifar10.Dimensions}), got d = {src.Length}.");
        if (dst.Length < Cifar10.Dimensions)
            throw new ArgumentException(
                $"augmentation writes d = {Cifar10.Dimensions} values, dst has {dst.Length}.", nameof(dst));
        bool flip = rng.NextDouble() < FlipProbability;
        int dx = MaxShift == 0 ? 0 : rng.Next(-MaxShift, MaxShift + 1);
        int dy = MaxShift == 0 ? 0 : rng.Next(-MaxShift, MaxShift + 1);
        Span<float> reversed = stackalloc float[side];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < side; y++)
            {
                var row = src.Slice(c * plane + Math.Clamp(y + dy, 0, side - 1) * side, side);
                var target = dst.Slice(c * plane + y * side, side);
                if (flip)
                {
                    // src[clamp(31 − x + dx)] = reversed[clamp(x − dx)], reversed[j] = row[31 − j]
                    row.CopyTo(reversed);
                    reversed.Reverse();
                    Shift(reversed, target, -dx);
                }
                else Shift(row, target, dx);
            }
    }

    /// <summary>target[x] = row[clamp(x + s, 0, 31)]: the row moved by s, its edge value repeated.</summary>
    private static void Shift(ReadOnlySpan<float> row, Span<float> target, int s)
    {
        int n = row.Length;
        if (s >= 0)
        {
            row[s..].CopyTo(target);
            target[(n - s)..].Fill(row[n - 1]);
        }
        else
        {
            row[..(n + s)].CopyTo(target[-s..]);
            target[..(-s)].Fill(row[0]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"flip p = {FlipProbability}, shift ≤ {MaxShift} px";
}
