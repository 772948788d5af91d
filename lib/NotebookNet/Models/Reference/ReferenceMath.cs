using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Models.Reference;

/// <summary>Matrix helpers shared by the reference models.</summary>
public static class ReferenceMath
{
    /// <summary>X (d, n) from row-major samples (n, d): column j is sample j.</summary>
    public static Matrix<double> Columns(ReadOnlySpan<float> x, int n, int d)
    {
        var data = new double[n * d];
        for (int i = 0; i < data.Length; i++) data[i] = x[i];
        return Matrix<double>.Build.Dense(d, n, data); // column-major storage = row-major samples
    }

    /// <summary>A row-major float32 (rows, cols) matrix as a MathNet matrix.</summary>
    public static Matrix<double> FromRowMajor(float[] a, int rows, int cols) =>
        Matrix<double>.Build.Dense(rows, cols, (i, j) => a[i * cols + j]);

    /// <summary>A MathNet matrix as row-major float32.</summary>
    public static float[] ToRowMajor(Matrix<double> m)
    {
        var a = new float[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) a[i * m.ColumnCount + j] = (float)m[i, j];
        return a;
    }

    /// <summary>One-hot Y (K, n).</summary>
    public static Matrix<double> OneHot(int[] y, int k) =>
        Matrix<double>.Build.Dense(k, y.Length, (i, j) => y[j] == i ? 1 : 0);

    /// <summary>Column-wise softmax, stable: P = exp(S − max) / Σ exp(S − max).</summary>
    public static Matrix<double> Softmax(Matrix<double> s)
    {
        var p = s.Clone();
        for (int j = 0; j < p.ColumnCount; j++)
        {
            var column = p.Column(j);
            var e = (column - column.Maximum()).PointwiseExp();
            p.SetColumn(j, e / e.Sum());
        }
        return p;
    }

    /// <summary>Mean cross-entropy −(1/n) Σ log P[y_j, j].</summary>
    public static double CrossEntropy(Matrix<double> p, int[] y) =>
        -Enumerable.Range(0, y.Length).Sum(j => Math.Log(p[y[j], j])) / y.Length;

    /// <summary>b 1ᵀ: the (rows, 1) bias repeated over n columns.</summary>
    public static Matrix<double> Repeat(Matrix<double> b, int n) => b * Matrix<double>.Build.Dense(1, n, 1.0);
}
