using NotebookNet.Gradients;
using NotebookNet.Models;
using NotebookNet.Models.Reference;

namespace NotebookNet.Tests.Gradients;

/// <summary>The float32 fast path against the float64 reference: the same gradients and loss.</summary>
public class FastPathCheckTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void Float32_fast_path_equals_float64_reference(double lambda)
    {
        int n = 30, d = 300, m = 40;
        var set = TestData.Random(n, d, seed: 21);
        var p = TwoLayerParameters.Initialise(d, m, 10, new Random(8));
        var report = FastPathCheck.TwoLayer(p, set, lambda);
        Assert.Equal(["W1", "b1", "W2", "b2"], report.Rows.Select(r => r.Parameter));
        Assert.True(report.MaxAbsoluteError < 1e-5, $"max abs error {report.MaxAbsoluteError:g}");
        var fastLoss = new TwoLayerNetwork(p.Copy()).Gradients(set.X, set.Y, n).loss;
        Assert.Equal(TwoLayerReference.From(p).Cost(ReferenceMath.Columns(set.X, n, d), set.Y, 0), fastLoss, 4);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void One_layer_fast_path_equals_reference(double lambda)
    {
        var set = TestData.Random(25, 200, seed: 22);
        var p = OneLayerParameters.Initialise(200, 10, new Random(9), std: 0.1);
        var report = FastPathCheck.OneLayer(p, set, lambda);
        Assert.Equal(["W", "b"], report.Rows.Select(r => r.Parameter));
        Assert.True(report.MaxAbsoluteError < 1e-5, $"max abs error {report.MaxAbsoluteError:g}");
    }
}
