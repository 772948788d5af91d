using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Models.Reference;

namespace NotebookNet.Gradients;

/// <summary>Centred-difference numerical gradients: ∂J/∂θ_i ≈ (J(θ + h e_i) − J(θ − h e_i)) / 2h.</summary>
public static class NumericalGradient
{
    /// <summary>The numerical gradient of <paramref name="cost"/> w.r.t. every
    /// entry of <paramref name="theta"/> (perturbed in place, restored).</summary>
    public static Matrix<double> Of(Func<double> cost, Matrix<double> theta, double h = 1e-6)
    {
        if (!(h > 0)) throw new ArgumentOutOfRangeException(nameof(h), h, "the step h must be > 0.");
        var grad = Matrix<double>.Build.Dense(theta.RowCount, theta.ColumnCount);
        for (int i = 0; i < theta.RowCount; i++)
            for (int j = 0; j < theta.ColumnCount; j++)
            {
                double original = theta[i, j];
                theta[i, j] = original + h; double plus = cost();
                theta[i, j] = original - h; double minus = cost();
                theta[i, j] = original;
                grad[i, j] = (plus - minus) / (2 * h);
            }
        return grad;
    }

    /// <summary>Numerical gradients of a reference model's cost for every parameter, in its order.</summary>
    public static IReadOnlyList<Matrix<double>> Of(IReferenceModel model, Matrix<double> x, int[] y, double lambda,
        double h = 1e-6) =>
        model.Parameters.Select(p => Of(() => model.Cost(x, y, lambda), p.Value, h)).ToArray();
}
