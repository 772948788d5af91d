using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using X86 = System.Runtime.Intrinsics.X86;

namespace NotebookNet.Data;

/// <summary>
/// The data step's vector kernels over rows of features: pixel bytes to float32 (x = b · (1/255) rounded to
/// float, as <see cref="LabeledSet.FromBatch(Cifar10Batch)"/> always did), per-feature sums Σx and Σx² in double,
/// and standardisation x' = (x − μ) · (1/σ). Each has a <see cref="Vector512{T}"/>, a <see cref="Vector256{T}"/>
/// and a scalar path that compute the same values bit for bit: per lane the same IEEE operations in the same
/// order, no fused multiply-add where the scalar code rounds twice. (Σx² uses one: x·x of a float is exact in
/// double, so acc + x·x rounds once either way.) The standardised rows are written with non-temporal stores:
/// they are far larger than the caches and read again only by training; call <see cref="Fence"/> before another
/// thread reads them. The kernels are compiled fully optimised on their first call: a data step runs once a process.
/// </summary>
internal static unsafe class PixelKernels
{
    /// <summary>The pixel scale 1/255 as a float (x = b · Scale, rounded to float).</summary>
    public const float Scale = 1f / 255f;

    /// <summary>The path used: 64 (Vector512), 32 (Vector256) or 0 (scalar) bytes a vector.</summary>
    public static readonly int NativeWidth =
        Vector512.IsHardwareAccelerated ? 64 : Vector256.IsHardwareAccelerated ? 32 : 0;

    /// <summary>Makes this thread's non-temporal stores visible before the work is handed back (x86: sfence).</summary>
    public static void Fence()
    {
        if (X86.Sse.IsSupported) X86.Sse.StoreFence();
    }

    // ---------------------------------------------------------------- Σx, Σx² of n features, into sum/sumSq (n)

    /// <summary>
    /// For each column j of [<paramref name="from"/>, from + n): sum[j − from] += Σ x and sumSq[j − from] += Σ x²
    /// (double) over the rows (x = b · Scale), added row by row in the order given. Rows are taken in tiles that
    /// stay in the cache, and columns in strips whose sums stay in registers across the tile; the next tile's rows
    /// (scattered: a shuffled split) are prefetched while one is summed.
    /// </summary>
    /// <param name="rows">The address of each row's first pixel.</param>
    /// <param name="count">Number of rows.</param>
    /// <param name="from">The first column.</param>
    /// <param name="sum">Σx of the n columns, added to.</param>
    /// <param name="sumSq">Σx² of the n columns, added to.</param>
    /// <param name="n">Number of columns.</param>
    /// <param name="width">The path: 64, 32 or 0 bytes a vector (−1: this machine's best).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateMoments(nint* rows, int count, int from, double* sum, double* sumSq, int n,
        int width = -1)
    {
        const int Tile = 64;   // rows: 64 × 768 bytes of a block fit L2
        width = width < 0 ? NativeWidth : width;
        for (int r0 = 0; r0 < count; r0 += Tile)
        {
            int r1 = Math.Min(count, r0 + Tile), j = 0;
            Prefetch(rows, r1, Math.Min(count, r1 + Tile), from, n);
            if (width == 64)
                for (; j <= n - 32; j += 32) Strip512(rows, r0, r1, from + j, sum + j, sumSq + j);
            else if (width == 32)
                for (; j <= n - 16; j += 16) Strip256(rows, r0, r1, from + j, sum + j, sumSq + j);
            for (; j < n; j++)
                for (int r = r0; r < r1; r++)
                {
                    float x = ((byte*)rows[r])[from + j] * Scale;
                    sum[j] += x;
                    sumSq[j] += (double)x * x;
                }
        }
    }

    // Asks for the columns [from, from + n) of rows r0..r1 to be brought into the cache (x86; elsewhere nothing).
    private static void Prefetch(nint* rows, int r0, int r1, int from, int n)
    {
        if (!X86.Sse.IsSupported) return;
        for (int r = r0; r < r1; r++)
            for (int j = 0; j < n; j += 64) X86.Sse.Prefetch0((byte*)rows[r] + from + j);
    }

    // Rows r0..r1 of 32 columns from `column`: the 4 + 4 vectors of sums stay in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip512(nint* rows, int r0, int r1, int column, double* sum, double* sumSq)
    {
        var scale = Vector512.Create(Scale);
        Vector512<double> s0 = Vector512.Load(sum), s1 = Vector512.Load(sum + 8),
            s2 = Vector512.Load(sum + 16), s3 = Vector512.Load(sum + 24);
        Vector512<double> q0 = Vector512.Load(sumSq), q1 = Vector512.Load(sumSq + 8),
            q2 = Vector512.Load(sumSq + 16), q3 = Vector512.Load(sumSq + 24);
        for (int r = r0; r < r1; r++)
        {
            var bytes = Vector256.Load((byte*)rows[r] + column).ToVector512Unsafe();
            var (d0, d1) = Vector512.Widen(Vector512.WidenLower(bytes));
            var (a0, a1) = Vector512.Widen(Vector512.ConvertToSingle(d0.AsInt32()) * scale);
            var (a2, a3) = Vector512.Widen(Vector512.ConvertToSingle(d1.AsInt32()) * scale);
            s0 += a0; s1 += a1; s2 += a2; s3 += a3;
            q0 = Vector512.FusedMultiplyAdd(a0, a0, q0);
            q1 = Vector512.FusedMultiplyAdd(a1, a1, q1);
            q2 = Vector512.FusedMultiplyAdd(a2, a2, q2);
            q3 = Vector512.FusedMultiplyAdd(a3, a3, q3);
        }
        s0.Store(sum); s1.Store(sum + 8); s2.Store(sum + 16); s3.Store(sum + 24);
        q0.Store(sumSq); q1.Store(sumSq + 8); q2.Store(sumSq + 16); q3.Store(sumSq + 24);
    }

    // Rows r0..r1 of 16 columns from `column`: the 4 + 4 vectors of sums stay in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip256(nint* rows, int r0, int r1, int column, double* sum, double* sumSq)
    {
        var scale = Vector256.Create(Scale);
        Vector256<double> s0 = Vector256.Load(sum), s1 = Vector256.Load(sum + 4),
            s2 = Vector256.Load(sum + 8), s3 = Vector256.Load(sum + 12);
        Vector256<double> q0 = Vector256.Load(sumSq), q1 = Vector256.Load(sumSq + 4),
            q2 = Vector256.Load(sumSq + 8), q3 = Vector256.Load(sumSq + 12);
        for (int r = r0; r < r1; r++)
        {
            var bytes = Vector128.Load((byte*)rows[r] + column).ToVector256Unsafe();
            var (d0, d1) = Vector256.Widen(Vector256.WidenLower(bytes));
            var (a0, a1) = Vector256.Widen(Vector256.ConvertToSingle(d0.AsInt32()) * scale);
            var (a2, a3) = Vector256.Widen(Vector256.ConvertToSingle(d1.AsInt32()) * scale);
            s0 += a0; s1 += a1; s2 += a2; s3 += a3;
            q0 = Vector256.FusedMultiplyAdd(a0, a0, q0);
            q1 = Vector256.FusedMultiplyAdd(a1, a1, q1);
            q2 = Vector256.FusedMultiplyAdd(a2, a2, q2);
            q3 = Vector256.FusedMultiplyAdd(a3, a3, q3);
        }
        s0.Store(sum); s1.Store(sum + 4); s2.Store(sum + 8); s3.Store(sum + 12);
        q0.Store(sumSq); q1.Store(sumSq + 4); q2.Store(sumSq + 8); q3.Store(sumSq + 12);
    }

    /// <summary>sum[j] += x[j], sumSq[j] += x[j]² (double) for the n floats of one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateMoments(float* x, double* sum, double* sumSq, int n, int width = -1)
    {
        int i = 0;
        if ((width < 0 ? NativeWidth : width) >= 32)
            for (; i <= n - 8; i += 8) Moments(Vector256.Load(x + i), sum + i, sumSq + i);
        for (; i < n; i++)
        {
            sum[i] += x[i];
            sumSq[i] += (double)x[i] * x[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Moments(Vector256<float> x, double* sum, double* sumSq)
    {
        var (lo, hi) = Vector256.Widen(x);
        Vector256.Store(Vector256.Load(sum) + lo, sum);
        Vector256.Store(Vector256.Load(sum + 4) + hi, sum + 4);
        Vector256.Store(Vector256.FusedMultiplyAdd(lo, lo, Vector256.Load(sumSq)), sumSq);
        Vector256.Store(Vector256.FusedMultiplyAdd(hi, hi, Vector256.Load(sumSq + 4)), sumSq + 4);
    }

    // ---------------------------------------------------------------- x' = (x − μ) · (1/σ) of n features into y (n)

    /// <summary>y[j] = (b[j] · Scale − mean[j]) · inv[j] for the n pixels of one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Standardise(byte* b, float* mean, float* inv, float* y, int n, int width = -1)
    {
        width = width < 0 ? NativeWidth : width;
        int i = width == 0 ? n : HeadToAlignment(y, n, width);
        for (int j = 0; j < i; j++) y[j] = (b[j] * Scale - mean[j]) * inv[j];
        if (width == 64)
        {
            var scale = Vector512.Create(Scale);
            for (; i <= n - 64; i += 64)
            {
                var (w0, w1) = Vector512.Widen(Vector512.Load(b + i));
                var (d0, d1) = Vector512.Widen(w0);
                var (d2, d3) = Vector512.Widen(w1);
                Store(Vector512.ConvertToSingle(d0.AsInt32()) * scale, mean, inv, y, i);
                Store(Vector512.ConvertToSingle(d1.AsInt32()) * scale, mean, inv, y, i + 16);
                Store(Vector512.ConvertToSingle(d2.AsInt32()) * scale, mean, inv, y, i + 32);
                Store(Vector512.ConvertToSingle(d3.AsInt32()) * scale, mean, inv, y, i + 48);
            }
        }
        else if (width == 32)
        {
            var scale = Vector256.Create(Scale);
            for (; i <= n - 32; i += 32)
            {
                var (w0, w1) = Vector256.Widen(Vector256.Load(b + i));
                var (d0, d1) = Vector256.Widen(w0);
                var (d2, d3) = Vector256.Widen(w1);
                Store(Vector256.ConvertToSingle(d0.AsInt32()) * scale, mean, inv, y, i);
                Store(Vector256.ConvertToSingle(d1.AsInt32()) * scale, mean, inv, y, i + 8);
                Store(Vector256.ConvertToSingle(d2.AsInt32()) * scale, mean, inv, y, i + 16);
                Store(Vector256.ConvertToSingle(d3.AsInt32()) * scale, mean, inv, y, i + 24);
            }
        }
        for (; i < n; i++) y[i] = (b[i] * Scale - mean[i]) * inv[i];
    }

    /// <summary>y[j] = (x[j] − mean[j]) · inv[j] for the n floats of one row (y may be x: in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Standardise(float* x, float* mean, float* inv, float* y, int n, int width = -1)
    {
        width = width < 0 ? NativeWidth : width;
        int i = width == 0 ? n : HeadToAlignment(y, n, width);
        for (int j = 0; j < i; j++) y[j] = (x[j] - mean[j]) * inv[j];
        if (width == 64)
            for (; i <= n - 16; i += 16) Store(Vector512.Load(x + i), mean, inv, y, i);
        else if (width == 32)
            for (; i <= n - 8; i += 8) Store(Vector256.Load(x + i), mean, inv, y, i);
        for (; i < n; i++) y[i] = (x[i] - mean[i]) * inv[i];
    }

    // How many leading elements of y to write one by one so that y + count is aligned to `width` bytes.
    private static int HeadToAlignment(float* y, int n, int width) =>
        Math.Min(n, (int)((width - ((nint)y & (width - 1))) & (width - 1)) / sizeof(float));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> x, float* mean, float* inv, float* y, int i) =>
        Vector512.StoreAlignedNonTemporal((x - Vector512.Load(mean + i)) * Vector512.Load(inv + i), y + i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> x, float* mean, float* inv, float* y, int i) =>
        Vector256.StoreAlignedNonTemporal((x - Vector256.Load(mean + i)) * Vector256.Load(inv + i), y + i);

    // ---------------------------------------------------------------- x = b · Scale

    /// <summary>x[j] = b[j] · Scale for n pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToFloats(byte* b, float* x, int n, int width = -1)
    {
        int i = 0;
        if ((width < 0 ? NativeWidth : width) >= 32)
        {
            var scale = Vector256.Create(Scale);
            for (; i <= n - 32; i += 32)
            {
                var (w0, w1) = Vector256.Widen(Vector256.Load(b + i));
                var (d0, d1) = Vector256.Widen(w0);
                var (d2, d3) = Vector256.Widen(w1);
                Vector256.Store(Vector256.ConvertToSingle(d0.AsInt32()) * scale, x + i);
                Vector256.Store(Vector256.ConvertToSingle(d1.AsInt32()) * scale, x + i + 8);
                Vector256.Store(Vector256.ConvertToSingle(d2.AsInt32()) * scale, x + i + 16);
                Vector256.Store(Vector256.ConvertToSingle(d3.AsInt32()) * scale, x + i + 24);
            }
        }
        for (; i < n; i++) x[i] = b[i] * Scale;
    }
}
