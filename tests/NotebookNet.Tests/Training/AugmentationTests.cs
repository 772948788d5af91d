using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>Augmentation (bonus): horizontal flips and pixel shifts of 32×32×3 images.</summary>
public class AugmentationTests
{
    [Fact]
    public void Augmentation_flips_and_shifts_images()
    {
        // value = x coordinate
        var image = Enumerable.Range(0, Cifar10.Dimensions).Select(i => (float)(i % 32)).ToArray();
        var flipped = new float[image.Length];
        new Augmentation(flipProbability: 1, maxShift: 0).Apply(image, flipped, new Random(1));
        Assert.Equal(31f, flipped[0]);
        Assert.Equal(0f, flipped[31]);
        var same = new float[image.Length];
        new Augmentation(flipProbability: 0, maxShift: 0).Apply(image, same, new Random(1));
        Assert.Equal(image, same);
    }

    [Fact]
    public void Every_flip_and_shift_equals_the_per_pixel_definition_and_draws_the_same_numbers()
    {
        var source = new Random(7);
        var image = Enumerable.Range(0, Cifar10.Dimensions).Select(_ => (float)source.NextDouble()).ToArray();
        var augmentation = new Augmentation(flipProbability: 0.5, maxShift: 3);
        Random rng = new(3), mirror = new(3);                  // Apply must draw what Draw draws, in order
        var seen = new HashSet<(bool, int, int)>();
        for (int draw = 0; draw < 600; draw++)
        {
            var (flip, dx, dy) = Draw(mirror, augmentation);
            seen.Add((flip, dx, dy));
            var actual = new float[image.Length];
            augmentation.Apply(image, actual, rng);
            Assert.Equal(Definition(image, flip, dx, dy), actual);
        }
        Assert.Equal(2 * 7 * 7, seen.Count);                  // every flip and shift was checked
    }

    /// <summary>The draws <see cref="Augmentation.Apply"/> makes for one image, in its order.</summary>
    private static (bool Flip, int Dx, int Dy) Draw(Random rng, Augmentation a) =>
        (rng.NextDouble() < a.FlipProbability, rng.Next(-a.MaxShift, a.MaxShift + 1),
            rng.Next(-a.MaxShift, a.MaxShift + 1));

    /// <summary>dst[c, y, x] = src[c, clamp(y + dy), clamp(x' + dx)], x' = 31 − x when flipped: pixel by
    /// pixel.</summary>
    private static float[] Definition(float[] src, bool flip, int dx, int dy)
    {
        var dst = new float[src.Length];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                {
                    int sx = Math.Clamp((flip ? 31 - x : x) + dx, 0, 31), sy = Math.Clamp(y + dy, 0, 31);
                    dst[c * 1024 + y * 32 + x] = src[c * 1024 + sy * 32 + sx];
                }
        return dst;
    }
}
