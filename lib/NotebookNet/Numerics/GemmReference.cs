namespace NotebookNet.Numerics;

/// <summary>The naive triple loops the fast <see cref="Gemm"/> kernels are held equal to in tests.</summary>
internal static class GemmReference
{
    /// <summary>C(m×n) (+)= A(m×k) · B(n×k)ᵀ.</summary>
    public static void MultiplyABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        Bounds.Check(nameof(MultiplyABt), "A", a.Length, "m×k", m, k);
        Bounds.Check(nameof(MultiplyABt), "B", b.Length, "n×k", n, k);
        Bounds.Check(nameof(MultiplyABt), "C", c.Length, "m×n", m, n);
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
        Bounds.Check(nameof(MultiplyAB), "A", a.Length, "m×k", m, k);
        Bounds.Check(nameof(MultiplyAB), "B", b.Length, "k×n", k, n);
        Bounds.Check(nameof(MultiplyAB), "C", c.Length, "m×n", m, n);
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
        Bounds.Check(nameof(MultiplyAtB), "A", a.Length, "k×m", k, m);
        Bounds.Check(nameof(MultiplyAtB), "B", b.Length, "k×n", k, n);
        Bounds.Check(nameof(MultiplyAtB), "C", c.Length, "m×n", m, n);
        if (!accumulate) c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
            for (int i = 0; i < m; i++)
            {
                float api = a[p * m + i];
                for (int j = 0; j < n; j++) c[i * n + j] += api * b[p * n + j];
            }
    }
}
