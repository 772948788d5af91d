using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Gradients;
using NotebookNet.Models;
using NotebookNet.Models.Reference;

namespace NotebookNet.Tests.Gradients;

/// <summary>Analytic gradients against centred differences (float64), and a wrong gradient is caught.</summary>
public class GradientCheckTests
{
    private static (Matrix<double> X, int[] y) Problem(int n, int d, int seed)
    {
        var set = TestData.Random(n, d, seed);
        return (ReferenceMath.Columns(set.X, n, d), set.Y);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Two_layer_analytic_gradients_match_numerical(double lambda)
    {
        var (x, y) = Problem(n: 8, d: 20, seed: 11);
        var model = TwoLayerReference.From(TwoLayerParameters.Initialise(20, 6, 10, new Random(5)));
        var report = GradientCheck.Run(model, x, y, lambda, h: 1e-6);
        Assert.Equal(["W1", "b1", "W2", "b2"], report.Rows.Select(r => r.Parameter));
        Assert.True(report.MaxRelativeError <= 1e-6, $"max relative error {report.MaxRelativeError:g}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void One_layer_analytic_gradients_match_numerical(double lambda)
    {
        var (x, y) = Problem(n: 5, d: 20, seed: 12);
        var model = OneLayerReference.From(OneLayerParameters.Initialise(20, 10, new Random(6), std: 0.1));
        var report = GradientCheck.Run(model, x, y, lambda, h: 1e-6);
        Assert.True(report.MaxRelativeError <= 1e-6, $"max relative error {report.MaxRelativeError:g}");
    }

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        var (x, y) = Problem(n: 4, d: 10, seed: 13);
        var model = OneLayerReference.From(OneLayerParameters.Initialise(10, 10, new Random(7), std: 0.1));
        var analytic = model.Gradients(x, y, 0).ToArray();
        analytic[0] = analytic[0] * 1.01;   // a 1 % error must show
        var report = GradientCheck.Compare(["W", "b"], analytic, NumericalGradient.Of(model, x, y, 0));
        Assert.True(report.Rows[0].MaxRelativeError > 1e-3);
    }
}
