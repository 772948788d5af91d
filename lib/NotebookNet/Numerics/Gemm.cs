namespace NotebookNet.Numerics;

/// <summary>
/// Row-major float32 matrix products, the three shapes that forward and backward passes need.
/// Every matrix is a dense row-major span: an (r × c) matrix has element (i, j) at i·c + j.
/// When <c>accumulate</c> is false, C is overwritten; when true, the product is added to C.
/// </summary>
public static class Gemm
{
    /// <summary>C(m×n) (+)= A(m×k) · B(n×k)ᵀ — e.g. the forward pass S = X·Wᵀ.</summary>
    public static void MultiplyABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, m * k, b.Length, n * k, c.Length, m * n, nameof(MultiplyABt));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
                c[i * n + j] = accumulate ? c[i * n + j] + s : s;
            }
    }

    /// <summary>C(m×n) (+)= A(m×k) · B(k×n) — e.g. the backward pass G_h = G·W2.</summary>
    public static void MultiplyAB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, m * k, b.Length, k * n, c.Length, m * n, nameof(MultiplyAB));
        if (!accumulate) c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
    }

    /// <summary>C(m×n) (+)= A(k×m)ᵀ · B(k×n) — e.g. the weight gradient ∂J/∂W = Gᵀ·X.</summary>
    public static void MultiplyAtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, k * m, b.Length, k * n, c.Length, m * n, nameof(MultiplyAtB));
        if (!accumulate) c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
            for (int i = 0; i < m; i++)
            {
                float api = a[p * m + i];
                for (int j = 0; j < n; j++) c[i * n + j] += api * b[p * n + j];
            }
    }

    internal static void CheckShapes(int aLen, int aNeed, int bLen, int bNeed, int cLen, int cNeed, string op)
    {
        if (aLen < aNeed || bLen < bNeed || cLen < cNeed)
            throw new ArgumentException(
                $"{op}: operand too small for the requested shape (A has {aLen} of {aNeed}, B {bLen} of {bNeed}, C {cLen} of {cNeed} elements).");
    }
}
