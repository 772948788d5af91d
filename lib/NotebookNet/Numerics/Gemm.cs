using System.Runtime.Intrinsics;
using static NotebookNet.Numerics.GemmKernels;

namespace NotebookNet.Numerics;

/// <summary>
/// Row-major float32 matrix products, the three shapes that forward and backward passes need.
/// Every matrix is a dense row-major span: an (r × c) matrix has element (i, j) at i·c + j.
/// When <c>accumulate</c> is false, C is overwritten; when true, the product is added to C.
/// </summary>
/// <remarks>
/// This file is the API and the policy: what each product computes and how it is cut into chunks. The kernels
/// that compute a chunk are in <see cref="GemmKernels"/>: register-blocked micro-kernels with fused multiply-add,
/// specialised at run time for <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or the portable
/// <see cref="Vector128{T}"/> (ARM included). A·Bᵀ uses a 4×5 dot-product block over K-blocks of 1024; A·B and
/// Aᵀ·B pack A into 10-row panels and use a 10 × 2-vector broadcast block. Products of ≥ 1 MFLOP are cut into
/// chunks for both cores (<see cref="KernelThreads"/>): along rows or columns of C, and a large A·Bᵀ whose A is
/// a batch (≤ 256 rows) also into two halves of K, whose sums are added at the end. The halves are fixed by K
/// alone and every element is computed by the same sequence of operations wherever it falls, so results do not
/// depend on the thread count. The K halves of the forward X·W1ᵀ and the column halves of the weight
/// update G_hᵀ·X are the same halves of W1, so each core keeps its half of W1 in its own cache from
/// step to step. No allocation per call (packing buffers are per thread and reused).
/// </remarks>
public static unsafe class Gemm
{
    private const long ParallelFlops = 1L << 20;                // below this a product stays on one core
    private const int ChunksPerThread = 4;
    private const int KHalfMin = 512, KHalfMaxRows = 256;       // A·Bᵀ in two K halves: each ≥ 512, A ≤ 256 rows
    private const int OneChunkPerHalfRows = 128;

    [ThreadStatic] private static float[]? t_pack, t_half, t_gradient, t_lanesPack, t_lanesScratch;

    /// <summary>
    /// A·Bᵀ on the Vector256 and Vector128 paths as a broadcast product (benchmarks compare the dot form).
    /// </summary>
    internal static bool UseLanes { get; set; } = true;

    /// <summary>The instruction set the kernels use on this machine, e.g. "Vector512 + FMA".</summary>
    public static string InstructionSet => SimdPath.Describe(SimdPath.Width);

    /// <summary>C(m×n) (+)= A(m×k) · B(n×k)ᵀ — e.g. the forward pass S = X·Wᵀ.</summary>
    public static void MultiplyABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckDims(m, n, k, nameof(MultiplyABt));
        Bounds.Check(nameof(MultiplyABt), "A", a.Length, "m×k", m, k);
        Bounds.Check(nameof(MultiplyABt), "B", b.Length, "n×k", n, k);
        Bounds.Check(nameof(MultiplyABt), "C", c.Length, "m×n", m, n);
        if (m == 0 || n == 0) return;
        if (k == 0) { if (!accumulate) c[..(m * n)].Clear(); return; }
        if (SimdPath.Width != 16 && UseLanes)
        {
            MultiplyABtLanes(a, b, c, m, n, k, accumulate);
            return;
        }
        long flops = 2L * m * n * k;
        // Two K halves for a large product of a batch with a weight matrix (e.g. X·W1ᵀ in training), so
        // each core keeps its half of the weights; fixed by the shape alone, never by the thread count.
        // With many rows (evaluation chunks) splitting rows measured faster: the weights do not change there.
        int segments = flops >= ParallelFlops && k >= 2 * KHalfMin && m <= KHalfMaxRows ? 2 : 1;
        int kHalf = segments == 2 ? k / 2 / 16 * 16 : k;
        bool splitRows = m >= n;
        // A small batch's half is one chunk per core: its rows then share one packed copy of B (below).
        int perSegment = segments == 2 && m <= OneChunkPerHalfRows ? 1
            : Math.Max(1, Chunks(flops, splitRows ? (m + 3) / 4 : (n + 4) / 5) / segments);
        float[]? half = segments == 2 ? ThreadScratch.AtLeast(ref t_half, m * n) : null;
        fixed (float* pa = a, pb = b, pc = c, ph = half)
        {
            var job = new DotJob
            {
                A = pa, B = pb, C = pc, Half = ph, M = m, N = n, K = k, KHalf = kHalf, PerSegment = perSegment,
                Accumulate = accumulate, Width = SimdPath.Width, SplitRows = splitRows,
            };
            KernelThreads.Run(&DotPart, &job, perSegment * segments);
            if (segments == 2) Ops.AddInto(c[..(m * n)], half.AsSpan(0, m * n));   // C += Σ over the second half of K
        }
    }

    /// <summary>
    /// A·Bᵀ on the Vector256 and Vector128 paths (<see cref="GemmLanes"/>): the cheaper operand packed into lanes
    /// (on both cores, one share of K blocks each), then chunks of the other operand's rows.
    /// </summary>
    private static void MultiplyABtLanes(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate)
    {
        int width = SimdPath.Width;
        bool packA = GemmLanes.PackA(m, n, k, width);
        int lanes = packA ? m : n, rowCount = packA ? n : m;
        int padded = GemmLanes.PaddedLanes(lanes, width);
        var pack = ThreadScratch.AtLeast(ref t_lanesPack, padded * k);
        float[]? scratch = null;
        if (packA)
        {
            scratch = ThreadScratch.AtLeast(ref t_lanesScratch, rowCount * padded);
            if (accumulate)   // Cᵀ starts from C, so each sum continues from C exactly as when B is packed
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) scratch[j * padded + i] = c[i * n + j];
        }
        fixed (float* pa = a, pb = b, pc = c, pp = pack, ps = scratch)
        {
            var job = new GemmLanes.Job
            {
                Rows = packA ? pb : pa, LaneRows = packA ? pa : pb, Pack = pp, T = packA ? ps : pc, C = pc,
                RowCount = rowCount, Lanes = lanes, PaddedLanes = padded, K = k, Ldt = packA ? padded : n,
                Width = width, Load = accumulate, Transposed = packA,
            };
            int parts = Chunks(2L * m * n * k, (rowCount + GemmLanes.Mr - 1) / GemmLanes.Mr);
            int kBlocks = (k + GemmLanes.Kc - 1) / GemmLanes.Kc;
            KernelThreads.Run(&LanesPackPart, &job, Math.Min(parts, kBlocks));
            KernelThreads.Run(&LanesPart, &job, parts);
        }
    }

    /// <summary>Share <paramref name="part"/> of the K blocks of the lane operand, packed.</summary>
    private static void LanesPackPart(void* args, int part, int parts)
    {
        ref GemmLanes.Job job = ref *(GemmLanes.Job*)args;
        var (k0, k1) = Range(job.K, GemmLanes.Kc, part, parts);
        if (k0 < k1) GemmLanes.Pack(ref job, k0, k1);
    }

    /// <summary>Chunk <paramref name="part"/>: a range of the broadcast operand's rows (multiples of 6).</summary>
    private static void LanesPart(void* args, int part, int parts)
    {
        ref GemmLanes.Job job = ref *(GemmLanes.Job*)args;
        var (r0, r1) = Range(job.RowCount, GemmLanes.Mr, part, parts);
        if (r0 >= r1) return;
        var kernel = new GemmLanes.Kernel((GemmLanes.Job*)args, r0, r1);
        SimdPath.Run(ref kernel, job.Width);
    }

    /// <summary>C(m×n) (+)= A(m×k) · B(k×n) — e.g. the backward pass G_h = G·W2.</summary>
    public static void MultiplyAB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckDims(m, n, k, nameof(MultiplyAB));
        Bounds.Check(nameof(MultiplyAB), "A", a.Length, "m×k", m, k);
        Bounds.Check(nameof(MultiplyAB), "B", b.Length, "k×n", k, n);
        Bounds.Check(nameof(MultiplyAB), "C", c.Length, "m×n", m, n);
        Broadcast(a, b, c, m, n, k, accumulate, transposedA: false);
    }

    /// <summary>C(m×n) (+)= A(k×m)ᵀ · B(k×n) — e.g. the weight gradient ∂J/∂W = Gᵀ·X.</summary>
    public static void MultiplyAtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckDims(m, n, k, nameof(MultiplyAtB));
        Bounds.Check(nameof(MultiplyAtB), "A", a.Length, "k×m", k, m);
        Bounds.Check(nameof(MultiplyAtB), "B", b.Length, "k×n", k, n);
        Bounds.Check(nameof(MultiplyAtB), "C", c.Length, "m×n", m, n);
        Broadcast(a, b, c, m, n, k, accumulate, transposedA: true);
    }

    /// <summary>
    /// W(m×n) ← (1 − 2ηλ)·W − η·A(k×m)ᵀ·B(k×n): the SGD step with L2 regularisation for a weight whose
    /// gradient is AᵀB (e.g. W1 with ∂L/∂W1 = G_hᵀ·X), without writing the gradient anywhere. Bitwise
    /// equal to <see cref="MultiplyAtB"/> into a buffer followed by <see cref="Ops.SgdStepL2"/>: each
    /// element gets the same operations, the update just happens while the sums are still in registers.
    /// </summary>
    public static void SgdStepAtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> w,
        int m, int n, int k, float eta, float lambda)
    {
        CheckDims(m, n, k, nameof(SgdStepAtB));
        Bounds.Check(nameof(SgdStepAtB), "A", a.Length, "k×m", k, m);
        Bounds.Check(nameof(SgdStepAtB), "B", b.Length, "k×n", k, n);
        Bounds.Check(nameof(SgdStepAtB), "W", w.Length, "m×n", m, n);
        if (m == 0 || n == 0) return;
        if (k > KcBroadcast || k == 0)
        {
            // The sums span several K blocks: form the gradient first (in a reused buffer), then step (same result).
            var gradient = t_gradient;
            if (gradient is null || gradient.Length < m * n)
                t_gradient = gradient = GC.AllocateUninitializedArray<float>(m * n);
            MultiplyAtB(a, b, gradient, m, n, k);
            Ops.SgdStepL2(w[..(m * n)], gradient.AsSpan(0, m * n), eta, lambda);
            return;
        }
        var step = new Step(IsUpdate: true, 1f - 2f * eta * lambda, eta);
        Broadcast(a, b, w, m, n, k, accumulate: false, transposedA: true, step);
    }

    private static void CheckDims(int m, int n, int k, string op)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m),
                $"{op}: dimensions must be ≥ 0 (m = {m}, n = {n}, k = {k}).");
    }

    /// <summary>
    /// How many chunks to cut a product into: one when it stays on one core, else a few per thread so a late
    /// worker just takes fewer.
    /// </summary>
    private static int Chunks(long flops, int blocks)
    {
        int threads = KernelThreads.Available;
        if (threads <= 1 || flops < ParallelFlops) return 1;
        return Math.Max(1, Math.Min(blocks, ChunksPerThread * threads));
    }

    /// <summary>
    /// [start, end) of part <paramref name="part"/> of <paramref name="total"/>, cut at multiples of
    /// <paramref name="align"/>.
    /// </summary>
    private static (int Start, int End) Range(int total, int align, int part, int parts)
    {
        long blocks = (total + align - 1) / align;
        int start = (int)(blocks * part / parts) * align, end = (int)(blocks * (part + 1) / parts) * align;
        return (Math.Min(start, total), Math.Min(end, total));
    }

    // ---------------------------------------------------------------- A·Bᵀ: dot-product blocks

    /// <summary>
    /// Chunk <paramref name="part"/>: segment part / PerSegment (K half 0 into C, half 1 into Half), then a row or
    /// column range; <see cref="GemmKernels.Dot{TV, TS}"/> computes it.
    /// </summary>
    private static void DotPart(void* args, int part, int parts)
    {
        ref DotJob job = ref *(DotJob*)args;
        int segment = part / job.PerSegment, piece = part % job.PerSegment;
        var (i0, i1, j0, j1) = (0, job.M, 0, job.N);
        if (job.PerSegment > 1)
        {
            if (job.SplitRows) (i0, i1) = Range(job.M, 4, piece, job.PerSegment);
            else (j0, j1) = Range(job.N, 5, piece, job.PerSegment);
        }
        if (i0 >= i1 || j0 >= j1) return;
        bool first = segment == 0;
        int k0 = first ? 0 : job.KHalf, k1 = first ? job.KHalf : job.K;
        float* target = first ? job.C : job.Half;
        bool accumulate = first && job.Accumulate;
        var kernel = new DotKernel((DotJob*)args, i0, i1, j0, j1, k0, k1, target, accumulate);
        SimdPath.Run(ref kernel, job.Width);
    }

    // ---------------------------------------------------------------- A·B and Aᵀ·B: packed A, broadcast blocks

    /// <summary>A·B or Aᵀ·B (or the SGD step on it): A packed one K block a time, each cut into chunks.</summary>
    private static void Broadcast(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool accumulate, bool transposedA, Step step = default)
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { if (!accumulate) c[..(m * n)].Clear(); return; }
        int width = SimdPath.Width, mr = PanelRows(width);
        int panels = (m + mr - 1) / mr, kcMax = Math.Min(k, KcBroadcast);
        int need = panels * mr * kcMax;
        var pack = ThreadScratch.AtLeast(ref t_pack, need);
        fixed (float* pa = a, pb = b, pc = c, pp = pack)
        {
            bool splitRows = n < 4 * width || panels >= 2 * (n / (2 * width));
            int parts = Chunks(2L * m * n * k, splitRows ? panels : (n + 2 * width - 1) / (2 * width));
            for (int kb = 0; kb < k; kb += KcBroadcast)
            {
                int kc = Math.Min(KcBroadcast, k - kb);
                if (transposedA) PackAt(pa, m, kb, kc, pp, mr);
                else PackA(pa, m, k, kb, kc, pp, mr);
                var job = new BroadcastJob
                {
                    Pack = pp, B = pb + (long)kb * n, C = pc, M = m, N = n, Kc = kc, Width = width, Mr = mr,
                    Load = accumulate || kb > 0, SplitRows = splitRows, Step = step,
                };
                KernelThreads.Run(&BroadcastPart, &job, parts);
            }
        }
    }

    /// <summary>
    /// Chunk <paramref name="part"/> of a K block: a range of A's panels or of C's columns;
    /// <see cref="GemmKernels.Broadcast{TV, TS}"/> computes it.
    /// </summary>
    private static void BroadcastPart(void* args, int part, int parts)
    {
        ref BroadcastJob job = ref *(BroadcastJob*)args;
        int panels = (job.M + job.Mr - 1) / job.Mr;
        var (q0, q1, j0, j1) = (0, panels, 0, job.N);
        if (parts > 1)
        {
            if (job.SplitRows) (q0, q1) = Range(panels, 1, part, parts);
            else (j0, j1) = Range(job.N, 2 * job.Width, part, parts);
        }
        if (q0 >= q1 || j0 >= j1) return;
        var kernel = new BroadcastKernel((BroadcastJob*)args, q0, q1, j0, j1);
        SimdPath.Run(ref kernel, job.Width);
    }
}
