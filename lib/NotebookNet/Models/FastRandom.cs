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

    /// <summary>dst[i] = u &lt; p ? src[i] / p : 0 with a fresh uniform u per element (inverted dropout).</summary>
    public void DropInto(ReadOnlySpan<float> src, Span<float> dst, float keep)
    {
        float scale = 1f / keep;
        for (int i = 0; i < src.Length; i++) dst[i] = NextFloat() < keep ? src[i] * scale : 0f;
    }
}
