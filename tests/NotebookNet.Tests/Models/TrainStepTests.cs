using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Gradients;
using NotebookNet.Models;
using NotebookNet.Models.Reference;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Models;

/// <summary>A training step: where the reference step lands, and bitwise the gradients followed by plain SGD.</summary>
public class TrainStepTests
{
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

    /// <summary>A training step (W1 stepped inside the ∂L/∂W1 product) is
    /// bitwise the analytic gradients followed by plain SGD.</summary>
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
