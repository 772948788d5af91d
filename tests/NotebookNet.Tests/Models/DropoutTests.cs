using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Training;

namespace NotebookNet.Tests.Models;

/// <summary>Dropout (bonus (d)): off at evaluation, inverted
/// scaling, masks drawn from the training run's seed.</summary>
public class DropoutTests
{
    private static readonly DataSplit Split = Splits.Batch1Batch2Test(TestData.Synthetic());

    [Fact]
    public void Dropout_is_off_at_evaluation_and_changes_training()
    {
        var p = TwoLayerParameters.Initialise(Cifar10.Dimensions, 16, 10, new Random(2));
        var plain = new TwoLayerNetwork(p.Copy());
        var dropped = new TwoLayerNetwork(p.Copy(), new Dropout(0.8, 0.5));
        // evaluation ignores dropout
        Assert.Equal(plain.Probabilities(Split.Validation), dropped.Probabilities(Split.Validation));
        var batch = Split.Train.Take(100);
        var g1 = plain.Gradients(batch.X, batch.Y, 100);
        var g2 = dropped.Gradients(batch.X, batch.Y, 100, new FastRandom(3));
        Assert.NotEqual(g1.dW1, g2.dW1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1, 1.5));
    }

    [Fact]
    public void Dropout_masks_come_from_the_training_seed_and_a_clone_trains_like_the_original()
    {
        var p = TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(4));
        float[] Trained(INetwork net) => ((TwoLayerNetwork)Trainer.Train(net, Split.Train, Split.Validation,
            TrainingOptions.Cyclical(0.01, 10, 1) with { Seed = 5 }).Network).Parameters.W1;
        var original = new TwoLayerNetwork(p.Copy(), new Dropout(0.8, 0.5));
        // keeps the dropout; the masks' seed is the run's
        var clone = original.Clone();
        var trained = Trained(original);
        Assert.Equal(trained, Trained(clone));
        Assert.NotEqual(trained, Trained(new TwoLayerNetwork(p.Copy())));
        var batch = Split.Train.Take(100);
        Assert.Throws<ArgumentNullException>(() => original.TrainStep(batch.X, batch.Y, 100, 0.01f, 0));
    }

    [Fact]
    public void Inverted_dropout_keeps_the_expected_activation()
    {
        var rng = new FastRandom(5);
        var src = Enumerable.Repeat(1f, 200_000).ToArray();
        var dst = new float[src.Length];
        rng.DropInto(src, dst, 0.8f);
        Assert.Equal(1.0, dst.Average(), 2);                          // E[mask/p] = 1
        Assert.InRange(dst.Count(v => v == 0) / (double)dst.Length, 0.19, 0.21);
    }
}
