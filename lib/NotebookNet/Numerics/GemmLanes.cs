using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Numerics;

/// <summary>
/// A·Bᵀ on the <see cref="Vector256{T}"/> and <see cref="Vector128{T}"/> paths as a broadcast product: the rows of
/// one operand are packed into vector lanes (K-major panels of two vectors, or one for the last few rows), and the
/// elements of the other operand's rows are broadcast, six rows at a time. The 6 × 2-vector block keeps 12
/// accumulators, two loaded vectors and one broadcast in registers: AVX2 has 16, where the 4 × 5 dot-product block
/// of the <see cref="Vector512{T}"/> path (25 registers) spills. No horizontal sums: every element of the result is
/// one chain of fused multiply-adds over K in order (a K block continues from the stored partial sum), whichever
/// operand is packed, however the product is cut into chunks, and on either vector width. So results do not
/// depend on the thread count, the operands' alignment or the width (the <see cref="Vector512{T}"/> path sums
/// differently).
/// </summary>
/// <remarks>
/// The packed operand is the one that costs least (<see cref="PackA"/>): W1 for an evaluation chunk (1000 rows of
/// X against m ≤ 1000 units), the batch X for the wide training forward (100 rows against 1000 units). When A is
/// packed, the blocks compute Cᵀ into a scratch buffer, and each chunk writes its rows of Cᵀ as columns of C.
/// </remarks>
internal static unsafe class GemmLanes
{
    /// <summary>Rows of the broadcast operand per block.</summary>
    internal const int Mr = 6;
    /// <summary>The K block: a panel of two vectors is Kc × 2w floats (16 KB on AVX2).</summary>
    internal const int Kc = 256;
    /// <summary>Packed panels kept (in L2) while the broadcast rows pass over them.</summary>
    private const int GroupBytes = 128 * 1024;

    /// <summary>One A·Bᵀ product as its chunks see it.</summary>
    internal struct Job
    {
        /// <summary>The broadcast operand (Rows × K, row-major) and the lane operand (Lanes × K, row-major).</summary>
        public float* Rows, LaneRows;
        /// <summary>The lane operand packed: K block kb at kb·PaddedLanes, its panel q at + q·2w·kc.</summary>
        public float* Pack;
        /// <summary>The result as Rows × Ldt (C itself, or the scratch Cᵀ when <see cref="Transposed"/>).</summary>
        public float* T;
        /// <summary>C (Lanes × RowCount) when <see cref="Transposed"/>.</summary>
        public float* C;
        public int RowCount, Lanes, PaddedLanes, K, Ldt, Width;
        /// <summary>Continue from T's values in the first K block (accumulate).</summary>
        public bool Load;
        /// <summary>T is Cᵀ: each chunk writes its rows of T as columns of C at the end.</summary>
        public bool Transposed;
    }

    /// <summary>Lanes after padding: whole panels of 2w, the last one w wide when that suffices.</summary>
    internal static int PaddedLanes(int lanes, int w)
    {
        int full = lanes / (2 * w), rest = lanes % (2 * w);
        return full * 2 * w + (rest == 0 ? 0 : rest <= w ? w : 2 * w);
    }

    /// <summary>
    /// Which operand to pack for C(m×n) = A(m×k)·B(n×k)ᵀ: the cheaper of padded lanes × padded broadcast rows
    /// (the block work per K) plus the packing, and for a packed A the transposed write of C.
    /// </summary>
    internal static bool PackA(int m, int n, int k, int w)
    {
        long packB = (long)PaddedLanes(n, w) * RoundUp(m, Mr) + 5L * n;
        long packA = (long)PaddedLanes(m, w) * RoundUp(n, Mr) + 5L * m + 8L * m * n / Math.Max(k, 1);
        return packA < packB;
    }

    private static int RoundUp(int x, int to) => (x + to - 1) / to * to;

    // ---------------------------------------------------------------- packing

    /// <summary>Packs the K blocks kb0 ≤ kb &lt; kb1 (multiples of <see cref="Kc"/>) of the lane operand.</summary>
    internal static void Pack(ref Job job, int kb0, int kb1)
    {
        int w = job.Width, nr = 2 * w, padded = job.PaddedLanes, lanes = job.Lanes, k = job.K;
        for (int kb = kb0; kb < kb1; kb += Kc)
        {
            int kc = Math.Min(Kc, k - kb);
            for (int lane0 = 0; lane0 < padded; lane0 += nr)
            {
                int width = Math.Min(nr, padded - lane0);
                float* panel = job.Pack + (long)kb * padded + (long)lane0 * kc;
                for (int g = 0; g < width; g += 8)
                {
                    int group = Math.Min(8, width - g);
                    int p = 0;
                    if (group == 8 && lane0 + g + 8 <= lanes && Avx.IsSupported)
                        for (; p + 8 <= kc; p += 8)
                            Transpose8x8(job.LaneRows + (long)(lane0 + g) * k + kb + p, k, panel + (long)p * width + g,
                                width);
                    for (; p < kc; p++)
                        for (int l = 0; l < group; l++)
                        {
                            int lane = lane0 + g + l;
                            panel[(long)p * width + g + l] = lane < lanes ? job.LaneRows[(long)lane * k + kb + p] : 0f;
                        }
                }
            }
        }
    }

    /// <summary>dst[c, r] = src[r, c] for an 8 × 8 block of 32-bit values (AVX).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Avx.LoadVector256(src); var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2L * lds); var r3 = Avx.LoadVector256(src + 3L * lds);
        var r4 = Avx.LoadVector256(src + 4L * lds); var r5 = Avx.LoadVector256(src + 5L * lds);
        var r6 = Avx.LoadVector256(src + 6L * lds); var r7 = Avx.LoadVector256(src + 7L * lds);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20)); Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2L * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3L * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4L * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5L * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6L * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7L * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>C[i, j] = T[j, i] for the rows j0 ≤ j &lt; j1 of T (C is Lanes × RowCount).</summary>
    private static void WriteTransposed(ref Job job, int j0, int j1)
    {
        int lanes = job.Lanes, ldt = job.Ldt, ldc = job.RowCount;
        int j = j0;
        if (Avx.IsSupported)
            for (; j + 8 <= j1; j += 8)
            {
                int i = 0;
                for (; i + 8 <= lanes; i += 8)
                    Transpose8x8(job.T + (long)j * ldt + i, ldt, job.C + (long)i * ldc + j, ldc);
                for (; i < lanes; i++)
                    for (int q = j; q < j + 8; q++) job.C[(long)i * ldc + q] = job.T[(long)q * ldt + i];
            }
        for (; j < j1; j++)
            for (int i = 0; i < lanes; i++) job.C[(long)i * ldc + j] = job.T[(long)j * ldt + i];
    }

    // ---------------------------------------------------------------- blocks

    /// <summary>One chunk: rows r0..r1 of the broadcast operand against every panel, K block by K block.</summary>
    internal readonly struct Kernel(Job* job, int r0, int r1) : ISimdKernel
    {
        private readonly Job* _job = job;
        private readonly int _r0 = r0, _r1 = r1;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV> => Chunk<TV, TS>(ref *_job, _r0, _r1);
    }

    private static void Chunk<TV, TS>(ref Job job, int r0, int r1) where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width, nr = 2 * w, k = job.K, padded = job.PaddedLanes, ldt = job.Ldt;
        float* sink = stackalloc float[Mr * 2 * 16];
        float* edge = stackalloc float[Mr * Kc];
        for (int kb = 0; kb < k; kb += Kc)
        {
            int kc = Math.Min(Kc, k - kb);
            bool load = kb > 0 || job.Load;
            int group = Math.Max(1, GroupBytes / (kc * nr * sizeof(float))) * nr;
            for (int g0 = 0; g0 < padded; g0 += group)
            {
                int g1 = Math.Min(padded, g0 + group);
                for (int i = r0; i < r1; i += Mr)
                {
                    int rows = Math.Min(Mr, r1 - i);
                    float* a = job.Rows + (long)i * k + kb;
                    nint ld = k;
                    if (rows < Mr)
                    {
                        // The last few rows: copied into a block of six (zeros below), so no read passes A's end.
                        new Span<float>(edge, Mr * kc).Clear();
                        for (int r = 0; r < rows; r++)
                            new ReadOnlySpan<float>(a + (long)r * k, kc).CopyTo(new Span<float>(edge + r * kc, kc));
                        a = edge;
                        ld = kc;
                    }
                    for (int lane0 = g0; lane0 < g1; lane0 += nr)
                    {
                        int width = Math.Min(nr, padded - lane0);
                        int valid = job.Transposed ? width : Math.Min(width, job.Lanes - lane0);
                        float* panel = job.Pack + (long)kb * padded + (long)lane0 * kc;
                        float* t = job.T + (long)i * ldt + lane0;
                        float* c = Target(t, ldt, rows, valid, width, load, sink, out int ldc);
                        if (width == nr) Block6x2<TV, TS>(a, ld, panel, kc, c, ldc, rows, load);
                        else Block6x1<TV, TS>(a, ld, panel, kc, c, ldc, rows, load);
                        CopyOut(t, ldt, rows, valid, width, sink);
                    }
                }
            }
        }
        if (job.Transposed) WriteTransposed(ref job, r0, r1);
    }

    /// <summary>
    /// Where a block reads and writes its sums: T itself when all its lanes are columns of T, else a small
    /// buffer (its valid lanes copied in when it continues a sum, copied out by <see cref="CopyOut"/>).
    /// </summary>
    private static float* Target(float* t, int ldt, int rows, int valid, int lanes, bool load, float* sink,
        out int ldc)
    {
        if (valid == lanes) { ldc = ldt; return t; }
        ldc = lanes;
        if (load)
            for (int r = 0; r < rows; r++)
                for (int l = 0; l < lanes; l++) sink[r * lanes + l] = l < valid ? t[(long)r * ldt + l] : 0f;
        return sink;
    }

    private static void CopyOut(float* t, int ldt, int rows, int valid, int lanes, float* sink)
    {
        if (valid == lanes) return;
        for (int r = 0; r < rows; r++)
            for (int l = 0; l < valid; l++) t[(long)r * ldt + l] = sink[r * lanes + l];
    }

    /// <summary>
    /// Rows a, a + ld, …, a + 5·ld (K block of kc) against a panel of two vectors of lanes: c (+)= their sums, the
    /// first <paramref name="rows"/> rows stored. Two row pointers and the stride keep the loop's addresses in
    /// registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Block6x2<TV, TS>(float* a, nint ld, float* panel, int kc, float* c, int ldc, int rows,
        bool load)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width;
        TV c00 = TS.Zero, c01 = TS.Zero, c10 = TS.Zero, c11 = TS.Zero, c20 = TS.Zero, c21 = TS.Zero,
           c30 = TS.Zero, c31 = TS.Zero, c40 = TS.Zero, c41 = TS.Zero, c50 = TS.Zero, c51 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c); c01 = TS.Load(c + w);
            if (rows > 1) { c10 = TS.Load(c + ldc); c11 = TS.Load(c + ldc + w); }
            if (rows > 2) { c20 = TS.Load(c + 2 * ldc); c21 = TS.Load(c + 2 * ldc + w); }
            if (rows > 3) { c30 = TS.Load(c + 3 * ldc); c31 = TS.Load(c + 3 * ldc + w); }
            if (rows > 4) { c40 = TS.Load(c + 4 * ldc); c41 = TS.Load(c + 4 * ldc + w); }
            if (rows > 5) { c50 = TS.Load(c + 5 * ldc); c51 = TS.Load(c + 5 * ldc + w); }
        }
        float* a3 = a + 3 * ld, end = a + kc;
        nint ld2 = 2 * ld;
        for (; a < end; a++, a3++, panel += 2 * w)
        {
            TV y0 = TS.Load(panel), y1 = TS.Load(panel + w);
            TV x = TS.Splat(a[0]); c00 = TS.Fma(x, y0, c00); c01 = TS.Fma(x, y1, c01);
            x = TS.Splat(a[ld]); c10 = TS.Fma(x, y0, c10); c11 = TS.Fma(x, y1, c11);
            x = TS.Splat(a[ld2]); c20 = TS.Fma(x, y0, c20); c21 = TS.Fma(x, y1, c21);
            x = TS.Splat(a3[0]); c30 = TS.Fma(x, y0, c30); c31 = TS.Fma(x, y1, c31);
            x = TS.Splat(a3[ld]); c40 = TS.Fma(x, y0, c40); c41 = TS.Fma(x, y1, c41);
            x = TS.Splat(a3[ld2]); c50 = TS.Fma(x, y0, c50); c51 = TS.Fma(x, y1, c51);
        }
        TS.Store(c, c00); TS.Store(c + w, c01);
        if (rows > 1) { TS.Store(c + ldc, c10); TS.Store(c + ldc + w, c11); }
        if (rows > 2) { TS.Store(c + 2 * ldc, c20); TS.Store(c + 2 * ldc + w, c21); }
        if (rows > 3) { TS.Store(c + 3 * ldc, c30); TS.Store(c + 3 * ldc + w, c31); }
        if (rows > 4) { TS.Store(c + 4 * ldc, c40); TS.Store(c + 4 * ldc + w, c41); }
        if (rows > 5) { TS.Store(c + 5 * ldc, c50); TS.Store(c + 5 * ldc + w, c51); }
    }

    /// <summary>As <see cref="Block6x2{TV, TS}"/> against a panel of one vector of lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Block6x1<TV, TS>(float* a, nint ld, float* panel, int kc, float* c, int ldc, int rows,
        bool load)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width;
        TV c0 = TS.Zero, c1 = TS.Zero, c2 = TS.Zero, c3 = TS.Zero, c4 = TS.Zero, c5 = TS.Zero;
        if (load)
        {
            c0 = TS.Load(c);
            if (rows > 1) c1 = TS.Load(c + ldc);
            if (rows > 2) c2 = TS.Load(c + 2 * ldc);
            if (rows > 3) c3 = TS.Load(c + 3 * ldc);
            if (rows > 4) c4 = TS.Load(c + 4 * ldc);
            if (rows > 5) c5 = TS.Load(c + 5 * ldc);
        }
        float* a3 = a + 3 * ld, end = a + kc;
        nint ld2 = 2 * ld;
        for (; a < end; a++, a3++, panel += w)
        {
            TV y = TS.Load(panel);
            c0 = TS.Fma(TS.Splat(a[0]), y, c0); c1 = TS.Fma(TS.Splat(a[ld]), y, c1);
            c2 = TS.Fma(TS.Splat(a[ld2]), y, c2); c3 = TS.Fma(TS.Splat(a3[0]), y, c3);
            c4 = TS.Fma(TS.Splat(a3[ld]), y, c4); c5 = TS.Fma(TS.Splat(a3[ld2]), y, c5);
        }
        TS.Store(c, c0);
        if (rows > 1) TS.Store(c + ldc, c1);
        if (rows > 2) TS.Store(c + 2 * ldc, c2);
        if (rows > 3) TS.Store(c + 3 * ldc, c3);
        if (rows > 4) TS.Store(c + 4 * ldc, c4);
        if (rows > 5) TS.Store(c + 5 * ldc, c5);
    }
}
