namespace NotebookNet.Numerics;

/// <summary>The naive triple loops the fast <see cref="Gemm"/> kernels are held equal to in tests.</summary>
internal static class GemmReference
{
    /// <summary>C(m×n) (+)= A(m×k) · B(n×k)ᵀ.</summary>
    public static void MultiplyABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        Gemm.CheckShapes(a.Length, m * k, b.Length, n * k, c.Length, m * n, nameof(MultiplyABt));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
                c[i * n + j] = accumulate ? c[i * n + j] + s : s;
            }
    }

    /// <summary>C(m×n) (+)= A(m×k) · B(k×n).</summary>
    public static void MultiplyAB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        Gemm.CheckShapes(a.Length, m * k, b.Length, k * n, c.Length, m * n, nameof(MultiplyAB));
        if (!accumulate) c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
    }

    /// <summary>C(m×n) (+)= A(k×m)ᵀ · B(k×n).</summary>
    public static void MultiplyAtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        Gemm.CheckShapes(a.Length, k * m, b.Length, k * n, c.Length, m * n, nameof(MultiplyAtB));
        if (!accumulate) c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
            for (int i = 0; i < m; i++)
            {
                float api = a[p * m + i];
                for (int j = 0; j < n; j++) c[i * n + j] += api * b[p * n + j];
            }
    }
}
