namespace NotebookNet.Models;

/// <summary>A small seeded xorshift generator for dropout masks (millions of draws a step).</summary>
public sealed class FastRandom(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat()
    {
        _state ^= _state << 13; _state ^= _state >> 7; _state ^= _state << 17;
        return (_state >> 40) * (1f / (1 << 24));
    }

    /// <summary>
    /// dst[i] = u &lt; p ? src[i]·(1/p) : 0 with a fresh uniform u per element (inverted dropout): the draws of
    /// <see cref="NextFloat"/> in order, computed eight segments at a time (<see cref="Numerics.XorShiftDropout"/>).
    /// </summary>
    public void DropInto(ReadOnlySpan<float> src, Span<float> dst, float keep) =>
        Numerics.XorShiftDropout.DropInto(ref _state, src, dst, keep);
}
