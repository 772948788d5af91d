using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>
/// Element-wise and row-wise float32 operations of the forward and backward passes.
/// Matrices are row-major (n rows = samples). Vectorised with the widest vectors the machine has
/// (<see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>, <see cref="Vector128{T}"/>); no allocation.
/// Each vectorised operation is a small <see cref="ISimdKernel"/> struct below its public method, written once
/// for every width; <see cref="SimdPath.Run{TKernel}(ref TKernel)"/> picks the width.
/// </summary>
public static unsafe class Ops
{
    /// <summary>H(n×m) ← max(0, H + b) row by row (fused bias + ReLU).</summary>
    public static void AddBiasRelu(Span<float> h, ReadOnlySpan<float> b, int n, int m)
    {
        Bounds.Check(nameof(AddBiasRelu), nameof(h), h.Length, "n×m", n, m);
        Bounds.Check(nameof(AddBiasRelu), nameof(b), b.Length, "m", m);
        if (n * m == 0) return;
        fixed (float* ph = h, pb = b)
        {
            var kernel = new AddBiasKernel(ph, pb, n, m, relu: true);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>S(n×K) ← S + b row by row.</summary>
    public static void AddBias(Span<float> s, ReadOnlySpan<float> b, int n, int k)
    {
        Bounds.Check(nameof(AddBias), nameof(s), s.Length, "n×K", n, k);
        Bounds.Check(nameof(AddBias), nameof(b), b.Length, "K", k);
        if (n * k == 0) return;
        fixed (float* ps = s, pb = b)
        {
            var kernel = new AddBiasKernel(ps, pb, n, k, relu: false);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>H(n×m) ← H + b row by row, then max(0, ·) when asked (the fused bias + ReLU).</summary>
    private readonly struct AddBiasKernel(float* h, float* b, int n, int m, bool relu) : ISimdKernel
    {
        private readonly float* H = h, B = b;
        private readonly int N = n, M = m;
        private readonly bool Relu = relu;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV>
        {
            float* h = H, b = B;
            int n = N, m = M, w = TS.Width;
            bool relu = Relu;
            for (int i = 0; i < n; i++, h += m)
            {
                int j = 0;
                if (relu)
                {
                    for (; j <= m - w; j += w) TS.Store(h + j, TS.Max(TS.Zero, TS.Add(TS.Load(h + j), TS.Load(b + j))));
                    for (; j < m; j++) h[j] = MathF.Max(0f, h[j] + b[j]);
                }
                else
                {
                    for (; j <= m - w; j += w) TS.Store(h + j, TS.Add(TS.Load(h + j), TS.Load(b + j)));
                    for (; j < m; j++) h[j] += b[j];
                }
            }
        }
    }

    /// <summary>Numerically stable softmax in place, row by row: S(n×K) becomes P.</summary>
    public static void Softmax(Span<float> s, int n, int k)
    {
        Bounds.Check(nameof(Softmax), nameof(s), s.Length, "n×K", n, k);
        if (n == 0 || k == 0) return;
        var all = s[..(n * k)];
        fixed (float* p0 = s)
        {
            // 1. subtract each row's maximum (rows are short, K = 10: scalar beats vectors here)
            for (int i = 0; i < n; i++)
            {
                float* row = p0 + (long)i * k;
                float max = row[0];
                for (int j = 1; j < k; j++) max = MathF.Max(max, row[j]);
                for (int j = 0; j < k; j++) row[j] -= max;
            }
            // 2. exponentials of the whole matrix at once (vectorised)
            TensorPrimitives.Exp(all, all);
            // 3. normalise rows
            for (int i = 0; i < n; i++)
            {
                float* row = p0 + (long)i * k;
                float sum = 0;
                for (int j = 0; j < k; j++) sum += row[j];
                float inv = 1f / sum;
                for (int j = 0; j < k; j++) row[j] *= inv;
            }
        }
    }

    /// <summary>
    /// Numerically stable softmax in place: S(n×K) becomes P. Returns the summed cross-entropy
    /// −Σ log P[i, y_i] over the n rows (not the mean).
    /// </summary>
    public static double SoftmaxCrossEntropy(Span<float> s, ReadOnlySpan<int> y, int n, int k)
    {
        Bounds.Check(nameof(SoftmaxCrossEntropy), nameof(s), s.Length, "n×K", n, k);
        Bounds.Check(nameof(SoftmaxCrossEntropy), nameof(y), y.Length, "n", n);
        if (n == 0 || k == 0) return 0;
        for (int i = 0; i < n; i++)
            if ((uint)y[i] >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(y), y[i], $"label of row {i} is outside 0..{k - 1}.");
        Softmax(s, n, k);
        double loss = 0;
        for (int i = 0; i < n; i++) loss -= Math.Log(Math.Max(s[i * k + y[i]], 1e-30f));
        return loss;
    }

    /// <summary>G(n×K) ← (P − Y) / n, the gradient of the mean cross-entropy w.r.t. the scores.</summary>
    public static void SoftmaxGradient(ReadOnlySpan<float> p, ReadOnlySpan<int> y, Span<float> g, int n, int k)
    {
        Bounds.Check(nameof(SoftmaxGradient), nameof(p), p.Length, "n×K", n, k);
        Bounds.Check(nameof(SoftmaxGradient), nameof(g), g.Length, "n×K", n, k);
        Bounds.Check(nameof(SoftmaxGradient), nameof(y), y.Length, "n", n);
        if (n == 0 || k == 0) return;
        float inv = 1f / n;
        TensorPrimitives.Multiply(p[..(n * k)], inv, g[..(n * k)]);
        for (int i = 0; i < n; i++)
        {
            int label = y[i];
            if ((uint)label >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(y), label, $"label of row {i} is outside 0..{k - 1}.");
            g[i * k + label] -= inv;
        }
    }

    /// <summary>G(n×m) ← G ⊙ 1[H &gt; 0], the ReLU backward pass given its output H.</summary>
    public static void ReluBackward(Span<float> g, ReadOnlySpan<float> h, int count)
    {
        Bounds.Check(nameof(ReluBackward), nameof(g), g.Length, "count", count);
        Bounds.Check(nameof(ReluBackward), nameof(h), h.Length, "count", count);
        if (count == 0) return;
        fixed (float* pg = g, ph = h)
        {
            var kernel = new ReluBackwardKernel(pg, ph, count);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>g ← 0 where h ≤ 0, element by element.</summary>
    private readonly struct ReluBackwardKernel(float* g, float* h, int count) : ISimdKernel
    {
        private readonly float* G = g, H = h;
        private readonly int Count = count;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV>
        {
            float* g = G, h = H;
            int count = Count, w = TS.Width, i = 0;
            for (; i <= count - w; i += w) TS.Store(g + i, TS.ZeroWhereNotPositive(TS.Load(g + i), TS.Load(h + i)));
            for (; i < count; i++) if (h[i] <= 0f) g[i] = 0f;
        }
    }

    /// <summary>sums[j] ← Σ_i G[i, j] (the bias gradient).</summary>
    public static void ColumnSums(ReadOnlySpan<float> g, Span<float> sums, int n, int m)
    {
        Bounds.Check(nameof(ColumnSums), nameof(g), g.Length, "n×m", n, m);
        Bounds.Check(nameof(ColumnSums), nameof(sums), sums.Length, "m", m);
        if (m == 0) return;
        sums[..m].Clear();
        if (n == 0) return;
        fixed (float* pg = g, ps = sums)
        {
            var kernel = new ColumnSumsKernel(pg, ps, n, m);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>sums ← the column sums of G(n×m), four vectors of columns at a time.</summary>
    private readonly struct ColumnSumsKernel(float* g, float* sums, int n, int m) : ISimdKernel
    {
        private readonly float* G = g, Sums = sums;
        private readonly int N = n, M = m;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV>
        {
            float* g = G, sums = Sums;
            int n = N, m = M, w = TS.Width, j = 0;
            // Sums run down each column in row order, exactly like the scalar loop.
            for (; j <= m - 4 * w; j += 4 * w)
            {
                TV s0 = TS.Zero, s1 = TS.Zero, s2 = TS.Zero, s3 = TS.Zero;
                float* p = g + j;
                for (int i = 0; i < n; i++, p += m)
                {
                    s0 = TS.Add(s0, TS.Load(p)); s1 = TS.Add(s1, TS.Load(p + w));
                    s2 = TS.Add(s2, TS.Load(p + 2 * w)); s3 = TS.Add(s3, TS.Load(p + 3 * w));
                }
                TS.Store(sums + j, s0); TS.Store(sums + j + w, s1);
                TS.Store(sums + j + 2 * w, s2); TS.Store(sums + j + 3 * w, s3);
            }
            for (; j <= m - w; j += w)
            {
                TV s0 = TS.Zero;
                float* p = g + j;
                for (int i = 0; i < n; i++, p += m) s0 = TS.Add(s0, TS.Load(p));
                TS.Store(sums + j, s0);
            }
            if (j < m)
            {
                int rest = m - j;
                for (int i = 0; i < n; i++)
                {
                    float* p = g + (long)i * m + j;
                    for (int q = 0; q < rest; q++) sums[j + q] += p[q];
                }
            }
        }
    }

    /// <summary>W ← W − η (dW + 2λ W): the SGD step with the L2 term's gradient folded in.</summary>
    public static void SgdStepL2(Span<float> w, ReadOnlySpan<float> dw, float eta, float lambda)
    {
        Bounds.Check(nameof(SgdStepL2), nameof(dw), dw.Length, "the length of w", w.Length);
        if (w.Length == 0) return;
        float decay = 1f - 2f * eta * lambda;
        fixed (float* pw = w, pd = dw)
        {
            var kernel = new SgdKernel(pw, pd, w.Length, decay, eta);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>W ← W − η dW (bias update, no regularisation).</summary>
    public static void SgdStep(Span<float> w, ReadOnlySpan<float> dw, float eta)
    {
        Bounds.Check(nameof(SgdStep), nameof(dw), dw.Length, "the length of w", w.Length);
        if (w.Length == 0) return;
        fixed (float* pw = w, pd = dw)
        {
            var kernel = new SgdKernel(pw, pd, w.Length, float.NaN, eta);
            SimdPath.Run(ref kernel);
        }
    }

    /// <summary>w ← decay·w − η·dw, or w ← w − η·dw when decay is NaN (same rounding as the scalar forms).</summary>
    private readonly struct SgdKernel(float* w, float* dw, int count, float decay, float eta) : ISimdKernel
    {
        private readonly float* W = w, Dw = dw;
        private readonly int Count = count;
        private readonly float Decay = decay, Eta = eta;

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV>
        {
            float* w = W, dw = Dw;
            int count = Count, width = TS.Width, i = 0;
            float decay = Decay, eta = Eta;
            TV vEta = TS.Splat(eta);
            if (float.IsNaN(decay))
            {
                for (; i <= count - width; i += width)
                    TS.Store(w + i, TS.Sub(TS.Load(w + i), TS.Mul(vEta, TS.Load(dw + i))));
                for (; i < count; i++) w[i] -= eta * dw[i];
            }
            else
            {
                TV vDecay = TS.Splat(decay);
                for (; i <= count - width; i += width)
                    TS.Store(w + i, TS.Sub(TS.Mul(vDecay, TS.Load(w + i)), TS.Mul(vEta, TS.Load(dw + i))));
                for (; i < count; i++) w[i] = decay * w[i] - eta * dw[i];
            }
        }
    }

    /// <summary>Σ w², accumulated in double.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> w)
    {
        if (w.Length == 0) return 0;
        fixed (float* p = w)
        {
            var kernel = new SumOfSquaresKernel(p, w.Length);
            SimdPath.Run(ref kernel);
            return kernel.Result;
        }
    }

    /// <summary>Σ w² widened to double, each width's own way (<see cref="ISimd{TV}.SumSquaresWide"/>).</summary>
    private struct SumOfSquaresKernel(float* w, int count) : ISimdKernel
    {
        private readonly float* W = w;
        private readonly int Count = count;

        /// <summary>The sum, once <see cref="Run{TV, TS}"/> has run.</summary>
        public double Result { get; private set; }

        public void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV> =>
            Result = TS.SumSquaresWide(W, Count);
    }

    /// <summary>Index of the largest value of each row of S(n×K).</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> s, Span<int> result, int n, int k)
    {
        Bounds.Check(nameof(ArgMaxRows), nameof(s), s.Length, "n×K", n, k);
        Bounds.Check(nameof(ArgMaxRows), nameof(result), result.Length, "n", n);
        if (n == 0) return;
        if (k == 0) throw new ArgumentOutOfRangeException(nameof(k), "rows need at least one column.");
        fixed (float* p0 = s)
        fixed (int* r = result)
            for (int i = 0; i < n; i++)
            {
                float* row = p0 + (long)i * k;
                int best = 0;
                float top = row[0];
                for (int j = 1; j < k; j++) if (row[j] > top) { top = row[j]; best = j; }
                r[i] = best;
            }
    }

    /// <summary>x ← a·x.</summary>
    public static void Scale(Span<float> x, float a) => TensorPrimitives.Multiply(x, a, x);

    /// <summary>y ← y + x, element-wise.</summary>
    public static void AddInto(Span<float> y, ReadOnlySpan<float> x)
    {
        Bounds.Check(nameof(AddInto), nameof(x), x.Length, "the length of y", y.Length);
        TensorPrimitives.Add(y, x, y);
    }
}
