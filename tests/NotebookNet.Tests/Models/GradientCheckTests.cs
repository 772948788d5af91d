using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Gradients;
using NotebookNet.Models;
using NotebookNet.Models.Reference;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Models;

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

    /// <summary>A float32 training step lands where the float64 reference step does (up to float32 rounding).</summary>
    [Fact]
    public void Training_steps_equal_the_reference_steps()
    {
        int n = 30, d = 300, m = 40;
        const float eta = 0.05f, lambda = 0.01f;
        var set = TestData.Random(n, d, seed: 24);
        var x = ReferenceMath.Columns(set.X, n, d);

        var two = TwoLayerParameters.Initialise(d, m, 10, new Random(11));
        var (fastTwo, referenceTwo) = (new TwoLayerNetwork(two.Copy()), TwoLayerReference.From(two));
        Assert.Equal(referenceTwo.TrainStep(x, set.Y, eta, lambda), fastTwo.TrainStep(set.X, set.Y, n, eta, lambda), 5);
        var p2 = fastTwo.Parameters;
        AssertClose(referenceTwo, [ReferenceMath.FromRowMajor(p2.W1, m, d), ReferenceMath.FromRowMajor(p2.B1, m, 1),
                                   ReferenceMath.FromRowMajor(p2.W2, 10, m), ReferenceMath.FromRowMajor(p2.B2, 10, 1)]);

        var one = OneLayerParameters.Initialise(d, 10, new Random(12), std: 0.1);
        var (fastOne, referenceOne) = (new OneLayerNetwork(one.Copy()), OneLayerReference.From(one));
        Assert.Equal(referenceOne.TrainStep(x, set.Y, eta, lambda), fastOne.TrainStep(set.X, set.Y, n, eta, lambda), 5);
        var p1 = fastOne.Parameters;
        AssertClose(referenceOne, [ReferenceMath.FromRowMajor(p1.W, 10, d), ReferenceMath.FromRowMajor(p1.B, 10, 1)]);

        static void AssertClose(IReferenceModel reference, Matrix<double>[] fast)
        {
            var report = GradientCheck.Compare(reference.Parameters.Select(p => p.Name).ToArray(), fast,
                reference.Parameters.Select(p => p.Value).ToArray());
            Assert.True(report.MaxAbsoluteError < 1e-6, $"max abs error {report.MaxAbsoluteError:g}");
        }
    }

    /// <summary>A training step (W1 stepped inside the ∂L/∂W1 product) is bitwise the analytic gradients followed by plain SGD.</summary>
    [Theory]
    [InlineData(0.0f, 1.0)]
    [InlineData(0.01f, 1.0)]
    [InlineData(0.01f, 0.8)]
    public void Training_step_equals_gradients_then_sgd(float lambda, double keepHidden)
    {
        int n = 100, d = 3072, m = 50;
        var set = TestData.Random(n, d, seed: 23);
        var p = TwoLayerParameters.Initialise(d, m, 10, new Random(10));
        var dropout = new Dropout(1.0, keepHidden);
        const float eta = 0.05f;
        var stepped = new TwoLayerNetwork(p.Copy(), dropout);
        double loss = stepped.TrainStep(set.X, set.Y, n, eta, lambda, new FastRandom(4));

        var manual = p.Copy();
        var (dW1, db1, dW2, db2, gradLoss) =
            new TwoLayerNetwork(p.Copy(), dropout).Gradients(set.X, set.Y, n, new FastRandom(4));
        Ops.SgdStepL2(manual.W1, dW1, eta, lambda);
        Ops.SgdStep(manual.B1, db1, eta);
        Ops.SgdStepL2(manual.W2, dW2, eta, lambda);
        Ops.SgdStep(manual.B2, db2, eta);

        Assert.Equal(gradLoss, loss);
        Assert.Equal(manual.W1, stepped.Parameters.W1);
        Assert.Equal(manual.B1, stepped.Parameters.B1);
        Assert.Equal(manual.W2, stepped.Parameters.W2);
        Assert.Equal(manual.B2, stepped.Parameters.B2);
        Assert.NotEqual(p.W1, stepped.Parameters.W1);
    }
}
