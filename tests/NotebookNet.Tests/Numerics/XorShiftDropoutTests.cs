using NotebookNet.Models;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Numerics;

/// <summary>The segmented dropout gives the scalar loop's masks, values and final state, bit for bit.</summary>
public class XorShiftDropoutTests
{
    /// <summary>The original loop: one draw per element, in order.</summary>
    private static (float[] Values, float Next) Scalar(ulong seed, float[] src, float keep)
    {
        var random = new FastRandom(seed);
        var dst = new float[src.Length];
        float scale = 1f / keep;
        for (int i = 0; i < src.Length; i++) dst[i] = random.NextFloat() < keep ? src[i] * scale : 0f;
        return (dst, random.NextFloat());
    }

    [Theory]
    [InlineData(0, 0.8f)]
    [InlineData(7, 0.8f)]
    [InlineData(511, 0.5f)]
    [InlineData(512, 0.5f)]
    [InlineData(1000, 0.3f)]
    [InlineData(100 * 50, 0.8f)]
    [InlineData(100 * 1000, 0.8f)]
    [InlineData(100 * 3072, 0.8f)]
    [InlineData(100 * 3072 + 13, 1f)]
    [InlineData(4099, 0.999f)]
    public void Dropout_masks_equal_the_scalar_stream(int count, float keep)
    {
        var rng = new Random(count);
        var src = new float[count];
        for (int i = 0; i < count; i++) src[i] = (float)(rng.NextDouble() * 4 - 2);
        if (count > 3) { src[1] = float.NaN; src[2] = -0f; src[3] = float.PositiveInfinity; }
        foreach (ulong seed in new ulong[] { 1, 0, 123456789, ulong.MaxValue })
        {
            var (expected, expectedNext) = Scalar(seed, src, keep);
            var random = new FastRandom(seed);
            var dst = new float[count];
            random.DropInto(src, dst, keep);
            for (int i = 0; i < count; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(dst[i]),
                    $"seed {seed}, element {i}: {dst[i]} vs {expected[i]}");
            Assert.Equal(expectedNext, random.NextFloat());      // the stream continues where the loop left it

            var inPlace = (float[])src.Clone();                  // H ⊙ mask / p_h is applied in place
            new FastRandom(seed).DropInto(inPlace, inPlace, keep);
            Assert.Equal(dst, inPlace);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(38400)]
    [InlineData(12345)]
    public void A_jump_is_that_many_steps(int steps)
    {
        ulong s = 0x9E3779B97F4A7C15UL;
        ulong expected = s;
        for (int i = 0; i < steps; i++) expected = XorShiftDropout.Next(expected);
        Assert.Equal(expected, XorShiftDropout.Jump(s, steps));
    }
}
