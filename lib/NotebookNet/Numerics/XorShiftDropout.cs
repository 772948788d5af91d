using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Numerics;

/// <summary>
/// Inverted dropout with the xorshift64 stream (13, 7, 17) of <see cref="Models.FastRandom"/>: element i is kept
/// when draw i, (s_{i+1} &gt;&gt; 40)·2⁻²⁴, is below the keep-probability, and then scaled by 1/keep. The scalar form
/// is one long dependency chain (six dependent operations a draw) with an unpredictable branch; here the range is
/// cut into eight segments whose start states are jumped to (xorshift is linear over GF(2), so s_j = Mʲ·s₀ with a
/// 64 × 64 bit matrix), and the eight chains run side by side in two 4-lane vectors. Every element gets the draw
/// of its position, so the masks, the kept values and the final state are exactly those of the scalar loop.
/// </summary>
internal static unsafe class XorShiftDropout
{
    private const int Lanes = 8, Block = 64;
    private static readonly ConcurrentDictionary<int, ulong[]> s_jumps = new();

    /// <summary>One step of the generator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Next(ulong s)
    {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        return s;
    }

    /// <summary>
    /// dst[i] = u_i &lt; keep ? src[i]·(1/keep) : 0 with u_i the i-th draw after <paramref name="state"/>, which
    /// is advanced past the last draw. <paramref name="src"/> and <paramref name="dst"/> may be the same span.
    /// </summary>
    public static void DropInto(ref ulong state, ReadOnlySpan<float> src, Span<float> dst, float keep)
    {
        int count = src.Length;
        if (dst.Length < count) throw new ArgumentException($"dst has {dst.Length} of {count} elements.", nameof(dst));
        float scale = 1f / keep;
        int segment = Avx2.IsSupported ? count / Lanes / Block * Block : 0;
        fixed (float* ps = src, pd = dst)
        {
            int done = 0;
            if (segment > 0)
            {
                Segments(state, ps, pd, segment, keep, scale);
                state = Jump(state, Lanes * segment);
                done = Lanes * segment;
            }
            ulong s = state;
            for (int i = done; i < count; i++)
            {
                s = Next(s);
                pd[i] = (s >> 40) * (1f / (1 << 24)) < keep ? ps[i] * scale : 0f;
            }
            state = s;
        }
    }

    /// <summary>Eight segments of <paramref name="segment"/> elements (a multiple of 64) from state s₀.</summary>
    private static void Segments(ulong s0, float* src, float* dst, int segment, float keep, float scale)
    {
        // Lane l starts at s_{l·segment}.
        ulong* start = stackalloc ulong[Lanes];
        var jump = JumpMatrix(segment);
        start[0] = s0;
        for (int l = 1; l < Lanes; l++) start[l] = Apply(jump, start[l - 1]);
        var lo = Vector256.Load(start);
        var hi = Vector256.Load(start + 4);
        // u < keep·2²⁴ (exact as floats) ⟺ u < ⌈keep·2²⁴⌉ for the integer u = s >> 40.
        var threshold = Vector256.Create((long)Math.Ceiling((double)(keep * (1 << 24))));
        var vScale = Vector256.Create(scale);
        uint* masks = stackalloc uint[Block * Lanes];                // [t][lane], then [lane][t] after transposing
        uint* byLane = stackalloc uint[Block * Lanes];
        for (int t0 = 0; t0 < segment; t0 += Block)
        {
            for (int t = 0; t < Block; t++)
            {
                lo ^= Vector256.ShiftLeft(lo, 13); lo ^= Vector256.ShiftRightLogical(lo, 7);
                lo ^= Vector256.ShiftLeft(lo, 17);
                hi ^= Vector256.ShiftLeft(hi, 13); hi ^= Vector256.ShiftRightLogical(hi, 7);
                hi ^= Vector256.ShiftLeft(hi, 17);
                var keepLo = Vector256.LessThan(Vector256.ShiftRightLogical(lo, 40).AsInt64(), threshold);
                var keepHi = Vector256.LessThan(Vector256.ShiftRightLogical(hi, 40).AsInt64(), threshold);
                Vector256.Narrow(keepLo.AsUInt64(), keepHi.AsUInt64()).Store(masks + t * Lanes);
            }
            for (int t = 0; t < Block; t += 8)
                GemmLanes.Transpose8x8((float*)(masks + t * Lanes), Lanes, (float*)(byLane + t), Block);
            for (int l = 0; l < Lanes; l++)
            {
                long at = (long)l * segment + t0;
                float* s = src + at, d = dst + at;
                uint* m = byLane + l * Block;
                for (int t = 0; t < Block; t += 8)
                    (Vector256.Load(s + t) * vScale & Vector256.Load(m + t).AsSingle()).Store(d + t);
            }
        }
    }

    // ---------------------------------------------------------------- jumping ahead

    /// <summary>The state <paramref name="steps"/> draws after <paramref name="s"/>.</summary>
    internal static ulong Jump(ulong s, int steps) => Apply(JumpMatrix(steps), s);

    /// <summary>
    /// Mˢᵗᵉᵖˢ as its 64 columns (column b is the image of bit b), cached: a run uses the same few sizes every step.
    /// </summary>
    private static ulong[] JumpMatrix(int steps) => s_jumps.GetOrAdd(steps, static n =>
    {
        var result = new ulong[64];
        var power = new ulong[64];
        for (int b = 0; b < 64; b++) { result[b] = 1UL << b; power[b] = Next(1UL << b); }
        for (; n > 0; n >>= 1)
        {
            if ((n & 1) != 0) result = Multiply(power, result);
            power = Multiply(power, power);
        }
        return result;
    });

    /// <summary>The columns of A·B.</summary>
    private static ulong[] Multiply(ulong[] a, ulong[] b)
    {
        var c = new ulong[64];
        for (int col = 0; col < 64; col++) c[col] = Apply(a, b[col]);
        return c;
    }

    /// <summary>M·s over GF(2): the XOR of the columns of M at the set bits of s.</summary>
    private static ulong Apply(ulong[] m, ulong s)
    {
        ulong r = 0;
        for (int b = 0; s != 0; b++, s >>= 1)
            if ((s & 1) != 0) r ^= m[b];
        return r;
    }
}
