using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Models.Reference;

namespace NotebookNet.Gradients;

/// <summary>Compares analytic gradients with numerical ones (or any two gradient sets).</summary>
public static class GradientCheck
{
    /// <summary>The eps of the relative error's denominator.</summary>
    public const double DefaultEps = 1e-7;

    /// <summary>Analytic vs centred-difference gradients of a float64 reference model on (X, y, λ).</summary>
    public static GradientCheckReport Run(IReferenceModel model, Matrix<double> x, int[] y, double lambda,
        double h = 1e-6, double eps = DefaultEps)
    {
        var analytic = model.Gradients(x, y, lambda);
        var numeric = NumericalGradient.Of(model, x, y, lambda, h);
        return Compare(model.Parameters.Select(p => p.Name).ToArray(), analytic, numeric, eps,
            $"analytic vs numerical (centred, h = {h:g}), n = {x.ColumnCount}, d = {x.RowCount}, λ = {lambda:g}");
    }

    /// <summary>Per-parameter max absolute and relative error of
    /// <paramref name="a"/> against <paramref name="b"/>.</summary>
    public static GradientCheckReport Compare(IReadOnlyList<string> names, IReadOnlyList<Matrix<double>> a,
        IReadOnlyList<Matrix<double>> b,
        double eps = DefaultEps, string description = "")
    {
        if (names.Count != a.Count || a.Count != b.Count)
            throw new ArgumentException("names and gradient lists differ in length.");
        var rows = new List<GradientComparison>();
        for (int p = 0; p < a.Count; p++)
        {
            if (a[p].RowCount != b[p].RowCount || a[p].ColumnCount != b[p].ColumnCount)
                throw new ArgumentException(
                    $"{names[p]}: shapes differ ({a[p].RowCount}×{a[p].ColumnCount} vs " +
                    $"{b[p].RowCount}×{b[p].ColumnCount}).");
            double maxAbs = 0, maxRel = 0;
            for (int i = 0; i < a[p].RowCount; i++)
                for (int j = 0; j < a[p].ColumnCount; j++)
                {
                    double ga = a[p][i, j], gn = b[p][i, j], abs = Math.Abs(ga - gn);
                    maxAbs = Math.Max(maxAbs, abs);
                    maxRel = Math.Max(maxRel, abs / Math.Max(eps, Math.Abs(ga) + Math.Abs(gn)));
                }
            rows.Add(new GradientComparison(names[p], maxAbs, maxRel, a[p].RowCount * a[p].ColumnCount));
        }
        return new GradientCheckReport(rows, description);
    }
}
