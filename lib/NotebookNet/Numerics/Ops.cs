namespace NotebookNet.Numerics;

/// <summary>
/// Element-wise and row-wise float32 operations of the forward and backward passes.
/// Matrices are row-major (n rows = samples).
/// </summary>
public static class Ops
{
    /// <summary>H(n×m) ← max(0, H + b) row by row (fused bias + ReLU).</summary>
    public static void AddBiasRelu(Span<float> h, ReadOnlySpan<float> b, int n, int m)
    {
        for (int i = 0; i < n; i++)
        {
            var row = h.Slice(i * m, m);
            for (int j = 0; j < m; j++) row[j] = MathF.Max(0f, row[j] + b[j]);
        }
    }

    /// <summary>S(n×K) ← S + b row by row.</summary>
    public static void AddBias(Span<float> s, ReadOnlySpan<float> b, int n, int k)
    {
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * k, k);
            for (int j = 0; j < k; j++) row[j] += b[j];
        }
    }

    /// <summary>
    /// Numerically stable softmax in place: S(n×K) becomes P. Returns the summed cross-entropy
    /// −Σ log P[i, y_i] over the n rows (not the mean).
    /// </summary>
    public static double SoftmaxCrossEntropy(Span<float> s, ReadOnlySpan<int> y, int n, int k)
    {
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * k, k);
            float max = row[0];
            for (int j = 1; j < k; j++) max = MathF.Max(max, row[j]);
            float sum = 0;
            for (int j = 0; j < k; j++) { row[j] = MathF.Exp(row[j] - max); sum += row[j]; }
            float inv = 1f / sum;
            for (int j = 0; j < k; j++) row[j] *= inv;
            loss -= Math.Log(Math.Max(row[y[i]], 1e-30f));
        }
        return loss;
    }

    /// <summary>G(n×K) ← (P − Y) / n, the gradient of the mean cross-entropy w.r.t. the scores.</summary>
    public static void SoftmaxGradient(ReadOnlySpan<float> p, ReadOnlySpan<int> y, Span<float> g, int n, int k)
    {
        float inv = 1f / n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) g[i * k + j] = p[i * k + j] * inv;
            g[i * k + y[i]] -= inv;
        }
    }

    /// <summary>G(n×m) ← G ⊙ 1[H &gt; 0], the ReLU backward pass given its output H.</summary>
    public static void ReluBackward(Span<float> g, ReadOnlySpan<float> h, int count)
    {
        for (int i = 0; i < count; i++) if (h[i] <= 0f) g[i] = 0f;
    }

    /// <summary>sums[j] ← Σ_i G[i, j] (the bias gradient).</summary>
    public static void ColumnSums(ReadOnlySpan<float> g, Span<float> sums, int n, int m)
    {
        sums[..m].Clear();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) sums[j] += g[i * m + j];
    }

    /// <summary>W ← W − η (dW + 2λ W): the SGD step with the L2 term's gradient folded in.</summary>
    public static void SgdStepL2(Span<float> w, ReadOnlySpan<float> dw, float eta, float lambda)
    {
        float decay = 1f - 2f * eta * lambda;
        for (int i = 0; i < w.Length; i++) w[i] = decay * w[i] - eta * dw[i];
    }

    /// <summary>W ← W − η dW (bias update, no regularisation).</summary>
    public static void SgdStep(Span<float> w, ReadOnlySpan<float> dw, float eta)
    {
        for (int i = 0; i < w.Length; i++) w[i] -= eta * dw[i];
    }

    /// <summary>Σ w², accumulated in double.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += (double)w[i] * w[i];
        return s;
    }

    /// <summary>Index of the largest value of each row of S(n×K).</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> s, Span<int> result, int n, int k)
    {
        for (int i = 0; i < n; i++)
        {
            var row = s.Slice(i * k, k);
            int best = 0;
            for (int j = 1; j < k; j++) if (row[j] > row[best]) best = j;
            result[i] = best;
        }
    }

    /// <summary>x ← a·x.</summary>
    public static void Scale(Span<float> x, float a)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }
}
