using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Models.Reference;

/// <summary>
/// A float64 network written as the assignment's math with MathNet matrices: samples are
/// columns, X (d, n), one-hot Y (K, n). Used for gradient checks and to hold the fast path equal.
/// The float32 fast path (<see cref="OneLayerNetwork"/>, <see cref="TwoLayerNetwork"/>) is this math transposed:
/// samples are rows there, X (n, d) and S = X Wᵀ (n, K), where here they are columns, X (d, n) and S = W X (K, n).
/// </summary>
public interface IReferenceModel
{
    /// <summary>
    /// The parameters by name, e.g. ("W1", W1), ("b1", b1 as an (m, 1) matrix). Perturbing them in place changes
    /// the model.
    /// </summary>
    IReadOnlyList<(string Name, Matrix<double> Value)> Parameters { get; }

    /// <summary>J = mean cross-entropy + λ Σ‖W‖².</summary>
    double Cost(Matrix<double> x, int[] y, double lambda);

    /// <summary>∂J/∂θ for every parameter, in the order of <see cref="Parameters"/>.</summary>
    IReadOnlyList<Matrix<double>> Gradients(Matrix<double> x, int[] y, double lambda);

    /// <summary>
    /// One SGD step on the batch, θ ← θ − η ∂J/∂θ for every parameter (in place): the reference of
    /// <see cref="INetwork.TrainStep"/> without dropout. Returns the mean cross-entropy before the step.
    /// </summary>
    double TrainStep(Matrix<double> x, int[] y, double eta, double lambda);
}
