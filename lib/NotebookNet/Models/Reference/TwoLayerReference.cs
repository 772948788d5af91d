using MathNet.Numerics.LinearAlgebra;
using static NotebookNet.Models.Reference.ReferenceMath;

namespace NotebookNet.Models.Reference;

/// <summary>
/// Assignment 2 in float64: H = max(0, W1 X + b1 1ᵀ), P = softmax(W2 H + b2 1ᵀ),
/// J = mean CE + λ(‖W1‖² + ‖W2‖²).
/// </summary>
public sealed class TwoLayerReference(Matrix<double> w1, Matrix<double> b1, Matrix<double> w2, Matrix<double> b2)
    : IReferenceModel
{
    /// <summary>W1 (m, d).</summary>
    public Matrix<double> W1 { get; } = w1;
    /// <summary>b1 (m, 1).</summary>
    public Matrix<double> B1 { get; } = b1;
    /// <summary>W2 (K, m).</summary>
    public Matrix<double> W2 { get; } = w2;
    /// <summary>b2 (K, 1).</summary>
    public Matrix<double> B2 { get; } = b2;

    /// <summary>From the fast path's parameters.</summary>
    public static TwoLayerReference From(TwoLayerParameters p) => new(
        FromRowMajor(p.W1, p.M, p.D), FromRowMajor(p.B1, p.M, 1), FromRowMajor(p.W2, p.K, p.M),
            FromRowMajor(p.B2, p.K, 1));

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Matrix<double> Value)> Parameters =>
        [("W1", W1), ("b1", B1), ("W2", W2), ("b2", B2)];

    /// <summary>H (m, n) and P (K, n).</summary>
    public (Matrix<double> H, Matrix<double> P) Forward(Matrix<double> x)
    {
        var h = (W1 * x + Repeat(B1, x.ColumnCount)).PointwiseMaximum(0);
        return (h, Softmax(W2 * h + Repeat(B2, x.ColumnCount)));
    }

    /// <inheritdoc/>
    public double Cost(Matrix<double> x, int[] y, double lambda) =>
        CrossEntropy(Forward(x).P, y)
            + lambda * (W1.PointwisePower(2).Enumerate().Sum() + W2.PointwisePower(2).Enumerate().Sum());

    /// <inheritdoc/>
    public IReadOnlyList<Matrix<double>> Gradients(Matrix<double> x, int[] y, double lambda)
    {
        int n = x.ColumnCount;
        var (h, p) = Forward(x);
        var g = -(OneHot(y, W2.RowCount) - p) / n;                   // G = −(Y − P)/n      (K, n)
        var dW2 = g * h.Transpose() + 2 * lambda * W2;               // ∂J/∂W2 = G Hᵀ + 2λW2
        var db2 = g.RowSums().ToColumnMatrix();                      // ∂J/∂b2 = G 1
        g = W2.Transpose() * g;                                      // G = W2ᵀ G           (m, n)
        g = g.PointwiseMultiply(h.Map(v => v > 0 ? 1.0 : 0.0));      // G = G ⊙ 1[H > 0]
        var dW1 = g * x.Transpose() + 2 * lambda * W1;               // ∂J/∂W1 = G Xᵀ + 2λW1
        var db1 = g.RowSums().ToColumnMatrix();                      // ∂J/∂b1 = G 1
        return [dW1, db1, dW2, db2];
    }

    /// <inheritdoc/>
    public double TrainStep(Matrix<double> x, int[] y, double eta, double lambda)
    {
        double loss = CrossEntropy(Forward(x).P, y);
        var g = Gradients(x, y, lambda);                             // ∂J/∂W1, ∂J/∂b1, ∂J/∂W2, ∂J/∂b2
        W1.Subtract(eta * g[0], W1); B1.Subtract(eta * g[1], B1);    // θ ← θ − η ∂J/∂θ
        W2.Subtract(eta * g[2], W2); B2.Subtract(eta * g[3], B2);
        return loss;
    }
}
