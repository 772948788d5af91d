using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Models.Reference;

namespace NotebookNet.Gradients;

/// <summary>Holds the float32 fast path's gradients against the float64 reference's analytic gradients.</summary>
public static class FastPathCheck
{
    /// <summary>
    /// Gradients of J on <paramref name="batch"/> from <see cref="TwoLayerNetwork"/> (float32, plus the 2λW term its
    /// SGD step folds in) compared with <see cref="TwoLayerReference"/> (float64).
    /// </summary>
    public static GradientCheckReport TwoLayer(TwoLayerParameters parameters, LabeledSet batch, double lambda, double eps = 1e-6)
    {
        var (n, d, m, k) = (batch.Count, batch.Dimensions, parameters.M, parameters.K);
        var expected = TwoLayerReference.From(parameters).Gradients(ReferenceMath.Columns(batch.X, n, d), batch.Y, lambda);
        var fast = new TwoLayerNetwork(parameters.Copy()).Gradients(batch.X, batch.Y, n);
        Matrix<double> WithL2(float[] g, float[] w, int rows, int cols) =>
            ReferenceMath.FromRowMajor(g, rows, cols) + 2 * lambda * ReferenceMath.FromRowMajor(w, rows, cols);
        Matrix<double>[] actual = [WithL2(fast.dW1, parameters.W1, m, d), ReferenceMath.FromRowMajor(fast.db1, m, 1),
                                   WithL2(fast.dW2, parameters.W2, k, m), ReferenceMath.FromRowMajor(fast.db2, k, 1)];
        return GradientCheck.Compare(["W1", "b1", "W2", "b2"], actual, expected, eps,
            $"float32 fast path vs float64 reference, n = {n}, d = {d}, m = {m}, λ = {lambda:g}");
    }
}
