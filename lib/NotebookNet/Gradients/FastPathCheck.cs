using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Models.Reference;

namespace NotebookNet.Gradients;

/// <summary>
/// Holds the float32 fast path's gradients against the float64 reference's analytic gradients, for each network.
/// The fast path is the reference transposed (samples as rows, not columns; see <see cref="IReferenceModel"/>), so
/// the row-major float32 gradients compare entry by entry with the reference's matrices.
/// </summary>
public static class FastPathCheck
{
    /// <summary>
    /// Gradients of J on <paramref name="batch"/> from <see cref="OneLayerNetwork"/> (float32, plus the 2λW term its
    /// SGD step folds in) compared with <see cref="OneLayerReference"/> (float64).
    /// </summary>
    public static GradientCheckReport OneLayer(OneLayerParameters parameters, LabeledSet batch, double lambda,
        double eps = 1e-6)
    {
        var (n, d, k) = (batch.Count, batch.Dimensions, parameters.K);
        var x = ReferenceMath.Columns(batch.X, n, d);                // X (d, n): samples as columns
        var expected = OneLayerReference.From(parameters).Gradients(x, batch.Y, lambda);
        var fast = new OneLayerNetwork(parameters.Copy()).Gradients(batch.X, batch.Y, n);
        Matrix<double>[] actual = [WithL2(fast.dW, parameters.W, k, d, lambda), Column(fast.db)];
        return GradientCheck.Compare(["W", "b"], actual, expected, eps,
            $"float32 fast path vs float64 reference, n = {n}, d = {d}, λ = {lambda:g}");
    }

    /// <summary>
    /// Gradients of J on <paramref name="batch"/> from <see cref="TwoLayerNetwork"/> (float32, plus the 2λW term its
    /// SGD step folds in) compared with <see cref="TwoLayerReference"/> (float64).
    /// </summary>
    public static GradientCheckReport TwoLayer(TwoLayerParameters parameters, LabeledSet batch, double lambda,
        double eps = 1e-6)
    {
        var (n, d, m, k) = (batch.Count, batch.Dimensions, parameters.M, parameters.K);
        var x = ReferenceMath.Columns(batch.X, n, d);                // X (d, n): samples as columns
        var expected = TwoLayerReference.From(parameters).Gradients(x, batch.Y, lambda);
        var fast = new TwoLayerNetwork(parameters.Copy()).Gradients(batch.X, batch.Y, n);
        Matrix<double>[] actual = [WithL2(fast.dW1, parameters.W1, m, d, lambda), Column(fast.db1),
                                   WithL2(fast.dW2, parameters.W2, k, m, lambda), Column(fast.db2)];
        return GradientCheck.Compare(["W1", "b1", "W2", "b2"], actual, expected, eps,
            $"float32 fast path vs float64 reference, n = {n}, d = {d}, m = {m}, λ = {lambda:g}");
    }

    /// <summary>∂L/∂W + 2λW in float64: a fast-path weight gradient with the L2 term added.</summary>
    private static Matrix<double> WithL2(float[] gradient, float[] w, int rows, int cols, double lambda) =>
        ReferenceMath.FromRowMajor(gradient, rows, cols) + 2 * lambda * ReferenceMath.FromRowMajor(w, rows, cols);

    /// <summary>A bias gradient as the reference's (length, 1) column.</summary>
    private static Matrix<double> Column(float[] gradient) => ReferenceMath.FromRowMajor(gradient, gradient.Length, 1);
}
