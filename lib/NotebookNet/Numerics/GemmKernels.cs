using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>
/// The kernels behind <see cref="Gemm"/>: for one chunk of a product, the cache-blocked loops, the packing of
/// operands and the register-blocked micro-kernels with fused multiply-add, each written once for every vector
/// width (<see cref="ISimd{TV}"/>). <see cref="Gemm"/> decides what to compute and how to cut it into chunks;
/// nothing here looks at threads.
/// </summary>
internal static unsafe class GemmKernels
{
    private const int KcDot = 1024, NcDot = 60, McDot = 128;   // A·Bᵀ blocking (K, B rows, A rows)
    private const int PackBMinRows = 64;                        // A·Bᵀ: rows of A that pay for copying a block of B
    /// <summary>
    /// Rows of a packed A panel (A·B and Aᵀ·B) on a vector width: the broadcast micro-kernels are 10 rows tall on
    /// the Vector512 path (20 accumulators of 32 registers) and 6 on the others (12 of AVX2's 16).
    /// </summary>
    internal static int PanelRows(int width) => width == 16 ? 10 : 6;
    /// <summary>The K block of A·B and Aᵀ·B: A is packed kc ≤ 512 rows at a time.</summary>
    internal const int KcBroadcast = 512;

    [ThreadStatic] private static float[]? t_dotPack, t_bcPack;

    /// <summary>A·B and Aᵀ·B below Vector512 copy blocks of B into contiguous panels (benchmarks compare).</summary>
    internal static bool PackBroadcastB = true;

    // ---------------------------------------------------------------- A·Bᵀ: dot-product blocks

    /// <summary>One A·Bᵀ product as its chunks see it (K half 0 goes into C, half 1 into Half).</summary>
    internal struct DotJob
    {
        public float* A, B, C, Half;
        public int M, N, K, KHalf, PerSegment, Width;
        public bool Accumulate, SplitRows;
    }

    /// <summary>One chunk of A·Bᵀ: <see cref="Dot{TV, TS}"/> on its rows, columns and K range.</summary>
    internal readonly struct DotKernel(DotJob* job, int i0, int i1, int j0, int j1, int k0, int k1, float* target,
        bool accumulate) : ISimdKernel
    {
        private readonly DotJob* _job = job;
        private readonly int _i0 = i0, _i1 = i1, _j0 = j0, _j1 = j1, _k0 = k0, _k1 = k1;
        private readonly float* _target = target;
        private readonly bool _accumulate = accumulate;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV> =>
            Dot<TV, TS>(ref *_job, _i0, _i1, _j0, _j1, _k0, _k1, _target, _accumulate);
    }

    /// <summary>target[i0..i1, j0..j1] (+)= A[i, k0..k1] · B[j, k0..k1] for the rows and columns given.</summary>
    private static void Dot<TV, TS>(ref DotJob job, int i0, int i1, int j0, int j1, int k0, int k1, float* target,
        bool accumulate)
        where TV : struct where TS : struct, ISimd<TV>
    {
        float* sums = stackalloc float[20];
        float* A = job.A, C = target;
        int N = job.N, K = job.K;
        // Vector512 loads that straddle two cache lines cost this kernel ~20 % when both A and B are
        // misaligned (managed arrays are only 8- or 16-byte aligned); one aligned operand recovers it.
        // So when neither is aligned, each block of B is copied to an aligned buffer first, if enough
        // rows of A reuse it to pay for the copy. Values and their order do not change: only speed does.
        bool packB = i1 - i0 >= PackBMinRows && Misaligned(job.B, K) && Misaligned(A, K);
        var packArray = packB
            ? t_dotPack ??= GC.AllocateUninitializedArray<float>(NcDot * KcDot + 16, pinned: true)
            : null;
        fixed (float* packStart = packArray)
        {
            float* pack = (float*)(((nint)packStart + 63) & ~(nint)63);
            (int Kb, int Jc) packed = (-1, -1);
            for (int kb = k0; kb < k1; kb += KcDot)
            {
                int kc = Math.Min(KcDot, k1 - kb);
                bool load = accumulate || kb > k0;
                for (int ic = i0; ic < i1; ic += McDot)
                {
                    int ie = Math.Min(ic + McDot, i1);
                    for (int jc = j0; jc < j1; jc += NcDot)
                    {
                        int je = Math.Min(jc + NcDot, j1);
                        float* B = job.B + (long)jc * K + kb;
                        int ldb = K;
                        if (packB)
                        {
                            ldb = (kc + 15) & ~15;
                            // a lone column block (e.g. W1 with m ≤ 60) is copied once per K block, not per row block
                            if (packed != (kb, jc))
                            {
                                for (int j = jc; j < je; j++)
                                    new ReadOnlySpan<float>(job.B + (long)j * K + kb, kc)
                                        .CopyTo(new Span<float>(pack + (long)(j - jc) * ldb, kc));
                                packed = (kb, jc);
                            }
                            B = pack;
                        }
                        for (int i = ic; i < ie; i += 4)
                        {
                            int rows = Math.Min(4, ie - i);
                            // Rows past the edge repeat row i: same arithmetic, results discarded.
                            float* a0 = A + (long)i * K + kb;
                            float* a1 = rows > 1 ? a0 + K : a0, a2 = rows > 2 ? a0 + 2L * K : a0,
                                   a3 = rows > 3 ? a0 + 3L * K : a0;
                            for (int j = jc; j < je; j += 5)
                            {
                                int cols = Math.Min(5, je - j);
                                float* b0 = B + (long)(j - jc) * ldb;
                                float* b1 = cols > 1 ? b0 + ldb : b0, b2 = cols > 2 ? b0 + 2L * ldb : b0,
                                       b3 = cols > 3 ? b0 + 3L * ldb : b0, b4 = cols > 4 ? b0 + 4L * ldb : b0;
                                Dot4x5<TV, TS>(a0, a1, a2, a3, b0, b1, b2, b3, b4, kc, sums);
                                for (int r = 0; r < rows; r++)
                                {
                                    float* cr = C + (long)(i + r) * N + j;
                                    float* s = sums + r * 5;
                                    if (load) for (int q = 0; q < cols; q++) cr[q] += s[q];
                                    else for (int q = 0; q < cols; q++) cr[q] = s[q];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// True when rows of a matrix with row length <paramref name="ld"/> starting at <paramref name="p"/> are not
    /// all 64-byte aligned.
    /// </summary>
    private static bool Misaligned(float* p, int ld) => ((nint)p & 63) != 0 || (ld & 15) != 0;

    // ---------------------------------------------------------------- A·B and Aᵀ·B: packed A, broadcast blocks

    /// <summary>
    /// What a broadcast product does with its sums: store them (default), or take the SGD step
    /// W ← Decay·W − Eta·sums.
    /// </summary>
    internal readonly record struct Step(bool IsUpdate, float Decay, float Eta);

    /// <summary>One K block of an A·B or Aᵀ·B product (A packed into panels) as its chunks see it.</summary>
    internal struct BroadcastJob
    {
        public float* Pack, B, C;
        public int M, N, Kc, Width, Mr;
        public bool Load, SplitRows;
        public Step Step;
    }

    /// <summary>
    /// Packs rows kb..kb+kc of A(k×m) into panels of <paramref name="mr"/> rows: panel q holds A[p, q·mr + r] at
    /// (q·kc + p)·mr + r (zeros past m).
    /// </summary>
    internal static void PackAt(float* a, int m, int kb, int kc, float* pack, int mr)
    {
        int panels = (m + mr - 1) / mr;
        for (int q = 0; q < panels; q++)
        {
            int i0 = q * mr, rows = Math.Min(mr, m - i0);
            float* dst = pack + (long)q * mr * kc;
            float* src = a + (long)kb * m + i0;
            if (rows == 10 && mr == 10)
                for (int p = 0; p < kc; p++, dst += mr, src += m)
                {
                    Vector256.Load(src).Store(dst);
                    dst[8] = src[8]; dst[9] = src[9];
                }
            else if (rows == 6 && mr == 6)
                for (int p = 0; p < kc; p++, dst += mr, src += m)
                {
                    Vector128.Load(src).Store(dst);
                    dst[4] = src[4]; dst[5] = src[5];
                }
            else
                for (int p = 0; p < kc; p++, dst += mr, src += m)
                {
                    int r = 0;
                    for (; r < rows; r++) dst[r] = src[r];
                    for (; r < mr; r++) dst[r] = 0f;
                }
        }
    }

    /// <summary>
    /// Packs columns kb..kb+kc of A(m×k) into panels of <paramref name="mr"/> rows: panel q holds A[q·mr + r, p] at
    /// (q·kc + p)·mr + r (zeros past m).
    /// </summary>
    internal static void PackA(float* a, int m, int k, int kb, int kc, float* pack, int mr)
    {
        int panels = (m + mr - 1) / mr;
        for (int q = 0; q < panels; q++)
        {
            int i0 = q * mr, rows = Math.Min(mr, m - i0);
            float* dst = pack + (long)q * mr * kc;
            for (int r = 0; r < mr; r++)
            {
                if (r < rows)
                {
                    float* src = a + (long)(i0 + r) * k + kb;
                    for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                }
                else for (int p = 0; p < kc; p++) dst[p * mr + r] = 0f;
            }
        }
    }

    /// <summary>One chunk of A·B or Aᵀ·B: <see cref="Broadcast{TV, TS}"/> on its panels and columns.</summary>
    internal readonly struct BroadcastKernel(BroadcastJob* job, int q0, int q1, int j0, int j1) : ISimdKernel
    {
        private readonly BroadcastJob* _job = job;
        private readonly int _q0 = q0, _q1 = q1, _j0 = j0, _j1 = j1;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV> =>
            Broadcast<TV, TS>(ref *_job, _q0, _q1, _j0, _j1);
    }

    /// <summary>
    /// C[panels q0..q1, columns j0..j1] from the packed panels of A and B, a panel's rows × 2 vectors at a time.
    /// </summary>
    private static void Broadcast<TV, TS>(ref BroadcastJob job, int q0, int q1, int j0, int j1)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width, kc = job.Kc, N = job.N, M = job.M, mr = job.Mr;
        // Column block: keep the kc × nc block of B near 256 KB (in L2) while every A panel passes over it.
        int nc = Math.Max(2 * w, 65536 / kc / (2 * w) * (2 * w));
        // Below Vector512 the block's pairs of vectors are first copied into contiguous kc × 2w panels: rows of B a
        // multiple of 4 KB apart (X: 3072 floats) all fall into one L1 set and evict each other between A panels.
        bool packB = PackBroadcastB && w < 16 && q1 - q0 >= 4;
        float[]? packArray = null;
        float* pack = null;
        if (packB)
        {
            packArray = ThreadScratch.AtLeast(ref t_bcPack, kc * nc);
            pack = (float*)Unsafe.AsPointer(ref packArray[0]);   // pinned
        }
        for (int jc = j0; jc < j1; jc += nc)
        {
            int je = Math.Min(jc + nc, j1);
            int pairs = packB ? (je - jc) / (2 * w) : 0;
            for (int t = 0; t < pairs; t++)
            {
                float* src = job.B + jc + t * 2 * w, dst = pack + (long)t * kc * 2 * w;
                for (int p = 0; p < kc; p++, src += N, dst += 2 * w)
                {
                    TS.Store(dst, TS.Load(src));
                    TS.Store(dst + w, TS.Load(src + w));
                }
            }
            for (int q = q0; q < q1; q++)
            {
                float* ap = job.Pack + (long)q * mr * kc;
                int rows = Math.Min(mr, M - q * mr);
                float* crow = job.C + (long)q * mr * N;
                int j = jc;
                if (mr == 10)
                {
                    for (; j + 2 * w <= je; j += 2 * w)
                        Bc10x2<TV, TS>(ap, job.B + j, N, crow + j, N, kc, rows, job.Load, job.Step);
                    for (; j + w <= je; j += w)
                        Bc10x1<TV, TS>(ap, job.B + j, N, crow + j, N, kc, rows, job.Load, job.Step);
                }
                else
                {
                    for (int t = 0; t < pairs; t++, j += 2 * w)
                        Bc6x2<TV, TS>(ap, pack + (long)t * kc * 2 * w, 2 * w, crow + j, N, kc, rows, job.Load,
                            job.Step);
                    for (; j + 2 * w <= je; j += 2 * w)
                        Bc6x2<TV, TS>(ap, job.B + j, N, crow + j, N, kc, rows, job.Load, job.Step);
                    for (; j + w <= je; j += w)
                        Bc6x1<TV, TS>(ap, job.B + j, N, crow + j, N, kc, rows, job.Load, job.Step);
                }
                if (j < je) BcScalar(ap, mr, job.B + j, N, crow + j, N, kc, rows, je - j, job.Load, job.Step);
            }
        }
        GC.KeepAlive(packArray);
    }

    /// <summary>The last columns of a broadcast block, fewer than a vector: one FMA chain per element.</summary>
    private static void BcScalar(float* ap, int mr, float* b, int ldb, float* c, int ldc, int kc, int rows, int cols,
        bool load, Step step)
    {
        bool update = step.IsUpdate;
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
            {
                float s = load ? c[r * ldc + q] : 0f;
                for (int p = 0; p < kc; p++) s = MathF.FusedMultiplyAdd(ap[p * mr + r], b[(long)p * ldb + q], s);
                c[r * ldc + q] = update ? step.Decay * c[r * ldc + q] - step.Eta * s : s;
            }
    }

    /// <summary>
    /// Writes one vector of sums: stores it, or takes the SGD step W ← decay·W − η·sums (same operations as
    /// <see cref="Ops.SgdStepL2"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TV, TS>(float* c, TV sums, bool update, TV decay, TV eta)
        where TV : struct where TS : struct, ISimd<TV>
    {
        if (update) TS.Store(c, TS.Sub(TS.Mul(decay, TS.Load(c)), TS.Mul(eta, sums)));
        else TS.Store(c, sums);
    }

    // ---------------------------------------------------------------- micro-kernels
    // Generated shapes, kept explicit so the accumulators stay in registers.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x5<TV, TS>(float* a0, float* a1, float* a2, float* a3,
        float* b0, float* b1, float* b2, float* b3, float* b4, int kc, float* sums)
        where TV : struct where TS : struct, ISimd<TV>
    {
        TV c00 = TS.Zero, c01 = TS.Zero, c02 = TS.Zero, c03 = TS.Zero, c04 = TS.Zero,
           c10 = TS.Zero, c11 = TS.Zero, c12 = TS.Zero, c13 = TS.Zero, c14 = TS.Zero,
           c20 = TS.Zero, c21 = TS.Zero, c22 = TS.Zero, c23 = TS.Zero, c24 = TS.Zero,
           c30 = TS.Zero, c31 = TS.Zero, c32 = TS.Zero, c33 = TS.Zero, c34 = TS.Zero;
        int w = TS.Width, p = 0;
        for (; p <= kc - w; p += w)
        {
            TV x0 = TS.Load(a0 + p), x1 = TS.Load(a1 + p), x2 = TS.Load(a2 + p), x3 = TS.Load(a3 + p);
            TV y = TS.Load(b0 + p);
            c00 = TS.Fma(x0, y, c00); c10 = TS.Fma(x1, y, c10); c20 = TS.Fma(x2, y, c20); c30 = TS.Fma(x3, y, c30);
            y = TS.Load(b1 + p);
            c01 = TS.Fma(x0, y, c01); c11 = TS.Fma(x1, y, c11); c21 = TS.Fma(x2, y, c21); c31 = TS.Fma(x3, y, c31);
            y = TS.Load(b2 + p);
            c02 = TS.Fma(x0, y, c02); c12 = TS.Fma(x1, y, c12); c22 = TS.Fma(x2, y, c22); c32 = TS.Fma(x3, y, c32);
            y = TS.Load(b3 + p);
            c03 = TS.Fma(x0, y, c03); c13 = TS.Fma(x1, y, c13); c23 = TS.Fma(x2, y, c23); c33 = TS.Fma(x3, y, c33);
            y = TS.Load(b4 + p);
            c04 = TS.Fma(x0, y, c04); c14 = TS.Fma(x1, y, c14); c24 = TS.Fma(x2, y, c24); c34 = TS.Fma(x3, y, c34);
        }
        sums[0] = TS.Sum(c00); sums[1] = TS.Sum(c01); sums[2] = TS.Sum(c02); sums[3] = TS.Sum(c03);
        sums[4] = TS.Sum(c04);
        sums[5] = TS.Sum(c10); sums[6] = TS.Sum(c11); sums[7] = TS.Sum(c12); sums[8] = TS.Sum(c13);
        sums[9] = TS.Sum(c14);
        sums[10] = TS.Sum(c20); sums[11] = TS.Sum(c21); sums[12] = TS.Sum(c22); sums[13] = TS.Sum(c23);
        sums[14] = TS.Sum(c24);
        sums[15] = TS.Sum(c30); sums[16] = TS.Sum(c31); sums[17] = TS.Sum(c32); sums[18] = TS.Sum(c33);
        sums[19] = TS.Sum(c34);
        for (; p < kc; p++)
        {
            float y0 = b0[p]; float y1 = b1[p]; float y2 = b2[p]; float y3 = b3[p]; float y4 = b4[p];
            float x0 = a0[p]; sums[0] = MathF.FusedMultiplyAdd(x0, y0, sums[0]);
            sums[1] = MathF.FusedMultiplyAdd(x0, y1, sums[1]); sums[2] = MathF.FusedMultiplyAdd(x0, y2, sums[2]);
            sums[3] = MathF.FusedMultiplyAdd(x0, y3, sums[3]); sums[4] = MathF.FusedMultiplyAdd(x0, y4, sums[4]);
            float x1 = a1[p]; sums[5] = MathF.FusedMultiplyAdd(x1, y0, sums[5]);
            sums[6] = MathF.FusedMultiplyAdd(x1, y1, sums[6]); sums[7] = MathF.FusedMultiplyAdd(x1, y2, sums[7]);
            sums[8] = MathF.FusedMultiplyAdd(x1, y3, sums[8]); sums[9] = MathF.FusedMultiplyAdd(x1, y4, sums[9]);
            float x2 = a2[p]; sums[10] = MathF.FusedMultiplyAdd(x2, y0, sums[10]);
            sums[11] = MathF.FusedMultiplyAdd(x2, y1, sums[11]); sums[12] = MathF.FusedMultiplyAdd(x2, y2, sums[12]);
            sums[13] = MathF.FusedMultiplyAdd(x2, y3, sums[13]); sums[14] = MathF.FusedMultiplyAdd(x2, y4, sums[14]);
            float x3 = a3[p]; sums[15] = MathF.FusedMultiplyAdd(x3, y0, sums[15]);
            sums[16] = MathF.FusedMultiplyAdd(x3, y1, sums[16]); sums[17] = MathF.FusedMultiplyAdd(x3, y2, sums[17]);
            sums[18] = MathF.FusedMultiplyAdd(x3, y3, sums[18]); sums[19] = MathF.FusedMultiplyAdd(x3, y4, sums[19]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bc10x2<TV, TS>(float* ap, float* b, int ldb, float* c, int ldc, int kc, int rows, bool load,
        Step step)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width;
        TV c00 = TS.Zero, c01 = TS.Zero, c10 = TS.Zero, c11 = TS.Zero, c20 = TS.Zero, c21 = TS.Zero,
           c30 = TS.Zero, c31 = TS.Zero, c40 = TS.Zero, c41 = TS.Zero, c50 = TS.Zero, c51 = TS.Zero,
           c60 = TS.Zero, c61 = TS.Zero, c70 = TS.Zero, c71 = TS.Zero, c80 = TS.Zero, c81 = TS.Zero,
           c90 = TS.Zero, c91 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c + 0 * ldc + 0 * w); c01 = TS.Load(c + 0 * ldc + 1 * w);
            if (rows > 1) { c10 = TS.Load(c + 1 * ldc + 0 * w); c11 = TS.Load(c + 1 * ldc + 1 * w); }
            if (rows > 2) { c20 = TS.Load(c + 2 * ldc + 0 * w); c21 = TS.Load(c + 2 * ldc + 1 * w); }
            if (rows > 3) { c30 = TS.Load(c + 3 * ldc + 0 * w); c31 = TS.Load(c + 3 * ldc + 1 * w); }
            if (rows > 4) { c40 = TS.Load(c + 4 * ldc + 0 * w); c41 = TS.Load(c + 4 * ldc + 1 * w); }
            if (rows > 5) { c50 = TS.Load(c + 5 * ldc + 0 * w); c51 = TS.Load(c + 5 * ldc + 1 * w); }
            if (rows > 6) { c60 = TS.Load(c + 6 * ldc + 0 * w); c61 = TS.Load(c + 6 * ldc + 1 * w); }
            if (rows > 7) { c70 = TS.Load(c + 7 * ldc + 0 * w); c71 = TS.Load(c + 7 * ldc + 1 * w); }
            if (rows > 8) { c80 = TS.Load(c + 8 * ldc + 0 * w); c81 = TS.Load(c + 8 * ldc + 1 * w); }
            if (rows > 9) { c90 = TS.Load(c + 9 * ldc + 0 * w); c91 = TS.Load(c + 9 * ldc + 1 * w); }
        }
        for (int p = 0; p < kc; p++, ap += 10, b += ldb)
        {
            TV y0 = TS.Load(b + 0 * w); TV y1 = TS.Load(b + 1 * w);
            TV x = TS.Splat(ap[0]); c00 = TS.Fma(x, y0, c00); c01 = TS.Fma(x, y1, c01);
            x = TS.Splat(ap[1]); c10 = TS.Fma(x, y0, c10); c11 = TS.Fma(x, y1, c11);
            x = TS.Splat(ap[2]); c20 = TS.Fma(x, y0, c20); c21 = TS.Fma(x, y1, c21);
            x = TS.Splat(ap[3]); c30 = TS.Fma(x, y0, c30); c31 = TS.Fma(x, y1, c31);
            x = TS.Splat(ap[4]); c40 = TS.Fma(x, y0, c40); c41 = TS.Fma(x, y1, c41);
            x = TS.Splat(ap[5]); c50 = TS.Fma(x, y0, c50); c51 = TS.Fma(x, y1, c51);
            x = TS.Splat(ap[6]); c60 = TS.Fma(x, y0, c60); c61 = TS.Fma(x, y1, c61);
            x = TS.Splat(ap[7]); c70 = TS.Fma(x, y0, c70); c71 = TS.Fma(x, y1, c71);
            x = TS.Splat(ap[8]); c80 = TS.Fma(x, y0, c80); c81 = TS.Fma(x, y1, c81);
            x = TS.Splat(ap[9]); c90 = TS.Fma(x, y0, c90); c91 = TS.Fma(x, y1, c91);
        }
        bool u = step.IsUpdate;
        TV d = TS.Splat(step.Decay), e = TS.Splat(step.Eta);
        Put<TV, TS>(c + 0 * ldc + 0 * w, c00, u, d, e); Put<TV, TS>(c + 0 * ldc + 1 * w, c01, u, d, e);
        if (rows <= 1) return;
        Put<TV, TS>(c + 1 * ldc + 0 * w, c10, u, d, e); Put<TV, TS>(c + 1 * ldc + 1 * w, c11, u, d, e);
        if (rows <= 2) return;
        Put<TV, TS>(c + 2 * ldc + 0 * w, c20, u, d, e); Put<TV, TS>(c + 2 * ldc + 1 * w, c21, u, d, e);
        if (rows <= 3) return;
        Put<TV, TS>(c + 3 * ldc + 0 * w, c30, u, d, e); Put<TV, TS>(c + 3 * ldc + 1 * w, c31, u, d, e);
        if (rows <= 4) return;
        Put<TV, TS>(c + 4 * ldc + 0 * w, c40, u, d, e); Put<TV, TS>(c + 4 * ldc + 1 * w, c41, u, d, e);
        if (rows <= 5) return;
        Put<TV, TS>(c + 5 * ldc + 0 * w, c50, u, d, e); Put<TV, TS>(c + 5 * ldc + 1 * w, c51, u, d, e);
        if (rows <= 6) return;
        Put<TV, TS>(c + 6 * ldc + 0 * w, c60, u, d, e); Put<TV, TS>(c + 6 * ldc + 1 * w, c61, u, d, e);
        if (rows <= 7) return;
        Put<TV, TS>(c + 7 * ldc + 0 * w, c70, u, d, e); Put<TV, TS>(c + 7 * ldc + 1 * w, c71, u, d, e);
        if (rows <= 8) return;
        Put<TV, TS>(c + 8 * ldc + 0 * w, c80, u, d, e); Put<TV, TS>(c + 8 * ldc + 1 * w, c81, u, d, e);
        if (rows <= 9) return;
        Put<TV, TS>(c + 9 * ldc + 0 * w, c90, u, d, e); Put<TV, TS>(c + 9 * ldc + 1 * w, c91, u, d, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bc10x1<TV, TS>(float* ap, float* b, int ldb, float* c, int ldc, int kc, int rows, bool load,
        Step step)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width;
        TV c00 = TS.Zero, c10 = TS.Zero, c20 = TS.Zero, c30 = TS.Zero, c40 = TS.Zero, c50 = TS.Zero, c60 = TS.Zero,
           c70 = TS.Zero, c80 = TS.Zero, c90 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c + 0 * ldc + 0 * w);
            if (rows > 1) { c10 = TS.Load(c + 1 * ldc + 0 * w); }
            if (rows > 2) { c20 = TS.Load(c + 2 * ldc + 0 * w); }
            if (rows > 3) { c30 = TS.Load(c + 3 * ldc + 0 * w); }
            if (rows > 4) { c40 = TS.Load(c + 4 * ldc + 0 * w); }
            if (rows > 5) { c50 = TS.Load(c + 5 * ldc + 0 * w); }
            if (rows > 6) { c60 = TS.Load(c + 6 * ldc + 0 * w); }
            if (rows > 7) { c70 = TS.Load(c + 7 * ldc + 0 * w); }
            if (rows > 8) { c80 = TS.Load(c + 8 * ldc + 0 * w); }
            if (rows > 9) { c90 = TS.Load(c + 9 * ldc + 0 * w); }
        }
        for (int p = 0; p < kc; p++, ap += 10, b += ldb)
        {
            TV y0 = TS.Load(b + 0 * w);
            TV x = TS.Splat(ap[0]); c00 = TS.Fma(x, y0, c00);
            x = TS.Splat(ap[1]); c10 = TS.Fma(x, y0, c10);
            x = TS.Splat(ap[2]); c20 = TS.Fma(x, y0, c20);
            x = TS.Splat(ap[3]); c30 = TS.Fma(x, y0, c30);
            x = TS.Splat(ap[4]); c40 = TS.Fma(x, y0, c40);
            x = TS.Splat(ap[5]); c50 = TS.Fma(x, y0, c50);
            x = TS.Splat(ap[6]); c60 = TS.Fma(x, y0, c60);
            x = TS.Splat(ap[7]); c70 = TS.Fma(x, y0, c70);
            x = TS.Splat(ap[8]); c80 = TS.Fma(x, y0, c80);
            x = TS.Splat(ap[9]); c90 = TS.Fma(x, y0, c90);
        }
        bool u = step.IsUpdate;
        TV d = TS.Splat(step.Decay), e = TS.Splat(step.Eta);
        Put<TV, TS>(c + 0 * ldc + 0 * w, c00, u, d, e);
        if (rows <= 1) return;
        Put<TV, TS>(c + 1 * ldc + 0 * w, c10, u, d, e);
        if (rows <= 2) return;
        Put<TV, TS>(c + 2 * ldc + 0 * w, c20, u, d, e);
        if (rows <= 3) return;
        Put<TV, TS>(c + 3 * ldc + 0 * w, c30, u, d, e);
        if (rows <= 4) return;
        Put<TV, TS>(c + 4 * ldc + 0 * w, c40, u, d, e);
        if (rows <= 5) return;
        Put<TV, TS>(c + 5 * ldc + 0 * w, c50, u, d, e);
        if (rows <= 6) return;
        Put<TV, TS>(c + 6 * ldc + 0 * w, c60, u, d, e);
        if (rows <= 7) return;
        Put<TV, TS>(c + 7 * ldc + 0 * w, c70, u, d, e);
        if (rows <= 8) return;
        Put<TV, TS>(c + 8 * ldc + 0 * w, c80, u, d, e);
        if (rows <= 9) return;
        Put<TV, TS>(c + 9 * ldc + 0 * w, c90, u, d, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bc6x2<TV, TS>(float* ap, float* b, int ldb, float* c, int ldc, int kc, int rows, bool load,
        Step step)
        where TV : struct where TS : struct, ISimd<TV>
    {
        int w = TS.Width;
        TV c00 = TS.Zero, c01 = TS.Zero, c10 = TS.Zero, c11 = TS.Zero, c20 = TS.Zero, c21 = TS.Zero,
           c30 = TS.Zero, c31 = TS.Zero, c40 = TS.Zero, c41 = TS.Zero, c50 = TS.Zero, c51 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c + 0 * ldc + 0 * w); c01 = TS.Load(c + 0 * ldc + 1 * w);
            if (rows > 1) { c10 = TS.Load(c + 1 * ldc + 0 * w); c11 = TS.Load(c + 1 * ldc + 1 * w); }
            if (rows > 2) { c20 = TS.Load(c + 2 * ldc + 0 * w); c21 = TS.Load(c + 2 * ldc + 1 * w); }
            if (rows > 3) { c30 = TS.Load(c + 3 * ldc + 0 * w); c31 = TS.Load(c + 3 * ldc + 1 * w); }
            if (rows > 4) { c40 = TS.Load(c + 4 * ldc + 0 * w); c41 = TS.Load(c + 4 * ldc + 1 * w); }
            if (rows > 5) { c50 = TS.Load(c + 5 * ldc + 0 * w); c51 = TS.Load(c + 5 * ldc + 1 * w); }
        }
        for (int p = 0; p < kc; p++, ap += 6, b += ldb)
        {
            TV y0 = TS.Load(b + 0 * w); TV y1 = TS.Load(b + 1 * w);
            TV x = TS.Splat(ap[0]); c00 = TS.Fma(x, y0, c00); c01 = TS.Fma(x, y1, c01);
            x = TS.Splat(ap[1]); c10 = TS.Fma(x, y0, c10); c11 = TS.Fma(x, y1, c11);
            x = TS.Splat(ap[2]); c20 = TS.Fma(x, y0, c20); c21 = TS.Fma(x, y1, c21);
            x = TS.Splat(ap[3]); c30 = TS.Fma(x, y0, c30); c31 = TS.Fma(x, y1, c31);
            x = TS.Splat(ap[4]); c40 = TS.Fma(x, y0, c40); c41 = TS.Fma(x, y1, c41);
            x = TS.Splat(ap[5]); c50 = TS.Fma(x, y0, c50); c51 = TS.Fma(x, y1, c51);
        }
        bool u = step.IsUpdate;
        TV d = TS.Splat(step.Decay), e = TS.Splat(step.Eta);
        Put<TV, TS>(c + 0 * ldc + 0 * w, c00, u, d, e); Put<TV, TS>(c + 0 * ldc + 1 * w, c01, u, d, e);
        if (rows <= 1) return;
        Put<TV, TS>(c + 1 * ldc + 0 * w, c10, u, d, e); Put<TV, TS>(c + 1 * ldc + 1 * w, c11, u, d, e);
        if (rows <= 2) return;
        Put<TV, TS>(c + 2 * ldc + 0 * w, c20, u, d, e); Put<TV, TS>(c + 2 * ldc + 1 * w, c21, u, d, e);
        if (rows <= 3) return;
        Put<TV, TS>(c + 3 * ldc + 0 * w, c30, u, d, e); Put<TV, TS>(c + 3 * ldc + 1 * w, c31, u, d, e);
        if (rows <= 4) return;
        Put<TV, TS>(c + 4 * ldc + 0 * w, c40, u, d, e); Put<TV, TS>(c + 4 * ldc + 1 * w, c41, u, d, e);
        if (rows <= 5) return;
        Put<TV, TS>(c + 5 * ldc + 0 * w, c50, u, d, e); Put<TV, TS>(c + 5 * ldc + 1 * w, c51, u, d, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bc6x1<TV, TS>(float* ap, float* b, int ldb, float* c, int ldc, int kc, int rows, bool load,
        Step step)
        where TV : struct where TS : struct, ISimd<TV>
    {
        TV c00 = TS.Zero, c10 = TS.Zero, c20 = TS.Zero, c30 = TS.Zero, c40 = TS.Zero, c50 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c);
            if (rows > 1) c10 = TS.Load(c + 1 * ldc);
            if (rows > 2) c20 = TS.Load(c + 2 * ldc);
            if (rows > 3) c30 = TS.Load(c + 3 * ldc);
            if (rows > 4) c40 = TS.Load(c + 4 * ldc);
            if (rows > 5) c50 = TS.Load(c + 5 * ldc);
        }
        for (int p = 0; p < kc; p++, ap += 6, b += ldb)
        {
            TV y0 = TS.Load(b);
            c00 = TS.Fma(TS.Splat(ap[0]), y0, c00); c10 = TS.Fma(TS.Splat(ap[1]), y0, c10);
            c20 = TS.Fma(TS.Splat(ap[2]), y0, c20); c30 = TS.Fma(TS.Splat(ap[3]), y0, c30);
            c40 = TS.Fma(TS.Splat(ap[4]), y0, c40); c50 = TS.Fma(TS.Splat(ap[5]), y0, c50);
        }
        bool u = step.IsUpdate;
        TV d = TS.Splat(step.Decay), e = TS.Splat(step.Eta);
        Put<TV, TS>(c, c00, u, d, e);
        if (rows <= 1) return;
        Put<TV, TS>(c + 1 * ldc, c10, u, d, e);
        if (rows <= 2) return;
        Put<TV, TS>(c + 2 * ldc, c20, u, d, e);
        if (rows <= 3) return;
        Put<TV, TS>(c + 3 * ldc, c30, u, d, e);
        if (rows <= 4) return;
        Put<TV, TS>(c + 4 * ldc, c40, u, d, e);
        if (rows <= 5) return;
        Put<TV, TS>(c + 5 * ldc, c50, u, d, e);
    }
}
