using MathNet.Numerics.LinearAlgebra;
using static NotebookNet.Models.Reference.ReferenceMath;

namespace NotebookNet.Models.Reference;

/// <summary>Assignment 1 in float64: P = softmax(W X + b 1ᵀ), J = mean CE + λ‖W‖².</summary>
public sealed class OneLayerReference(Matrix<double> w, Matrix<double> b) : IReferenceModel
{
    /// <summary>W (K, d).</summary>
    public Matrix<double> W { get; } = w;
    /// <summary>b (K, 1).</summary>
    public Matrix<double> B { get; } = b;

    /// <summary>From the fast path's parameters.</summary>
    public static OneLayerReference From(OneLayerParameters p) =>
        new(FromRowMajor(p.W, p.K, p.D), FromRowMajor(p.B, p.K, 1));

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Matrix<double> Value)> Parameters => [("W", W), ("b", B)];

    /// <summary>P = softmax(W X + b 1ᵀ), (K, n).</summary>
    public Matrix<double> Forward(Matrix<double> x) => Softmax(W * x + Repeat(B, x.ColumnCount));

    /// <inheritdoc/>
    public double Cost(Matrix<double> x, int[] y, double lambda) =>
        CrossEntropy(Forward(x), y) + lambda * W.PointwisePower(2).Enumerate().Sum();

    /// <inheritdoc/>
    public IReadOnlyList<Matrix<double>> Gradients(Matrix<double> x, int[] y, double lambda)
    {
        int n = x.ColumnCount;
        var g = -(OneHot(y, W.RowCount) - Forward(x)) / n;         // G = −(Y − P)/n    (K, n)
        var dW = g * x.Transpose() + 2 * lambda * W;                 // ∂J/∂W = G Xᵀ + 2λW
        var db = g.RowSums().ToColumnMatrix();                       // ∂J/∂b = G 1
        return [dW, db];
    }

    /// <inheritdoc/>
    public double TrainStep(Matrix<double> x, int[] y, double eta, double lambda)
    {
        double loss = CrossEntropy(Forward(x), y);
        var g = Gradients(x, y, lambda);                             // ∂J/∂W, ∂J/∂b
        W.Subtract(eta * g[0], W);                                   // W ← W − η ∂J/∂W
        B.Subtract(eta * g[1], B);                                   // b ← b − η ∂J/∂b
        return loss;
    }
}
