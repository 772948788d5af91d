using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Training;

namespace NotebookNet.Tests.Bonus;

public class BonusTests
{
    private static readonly DataSplit Split = Splits.Batch1Batch2Test(TestData.Synthetic());

    [Fact]
    public void Range_test_sweeps_eta_upward_and_suggests_a_value_inside_the_range()
    {
        var r = LearningRateRangeTest.Run(Split.Train, Split.Validation, hiddenUnits: 16, lambda: 0.001, epochs: 2,
            points: 10);
        Assert.Equal(2 * (Split.Train.Count / 100), r.Run.Steps);   // half a cycle over 2 epochs
        Assert.True(r.Eta.Zip(r.Eta.Skip(1)).All(p => p.Second > p.First), "η must increase through the test");
        Assert.InRange(r.SuggestedEtaMax, 1e-6, 1e-1);
        Assert.Equal(r.ValidationAccuracy.Max(), r.ValidationAccuracy[r.Eta.ToList().IndexOf(r.SuggestedEtaMax)]);
    }

    [Fact]
    public void Dropout_is_off_at_evaluation_and_changes_training()
    {
        var p = TwoLayerParameters.Initialise(Cifar10.Dimensions, 16, 10, new Random(2));
        var plain = new TwoLayerNetwork(p.Copy());
        var dropped = new TwoLayerNetwork(p.Copy(), new Dropout(0.8, 0.5));
        Assert.Equal(plain.Probabilities(Split.Validation), dropped.Probabilities(Split.Validation));   // evaluation ignores dropout
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
        var clone = original.Clone();                                  // keeps the dropout; the masks' seed is the run's
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

    [Fact]
    public void Snapshot_ensemble_and_augmentation_run_end_to_end()
    {
        var settings = new ExperimentSettings("test", HiddenUnits: 16, Lambda: 0.001, StepSize: 25, Cycles: 3, Ensemble: true, Augment: true, KeepInput: 0.9);
        var r = Experiment.Run(settings, Split);
        Assert.Equal(3, r.Run.Snapshots.Count);
        Assert.NotNull(r.EnsembleTestAccuracy);
        Assert.Equal(r.EnsembleTestAccuracy!.Value, r.TestAccuracy);
        Assert.True(r.SingleTestAccuracy > 0.3, $"synthetic data is learnable with augmentation: {r.SingleTestAccuracy}");
    }

    [Fact]
    public void A_table_of_rows_runs_in_order_with_the_given_seed_and_names_each_status_line()
    {
        ExperimentSettings[] rows = [new("first", HiddenUnits: 8, StepSize: 10, Cycles: 1), new("second", HiddenUnits: 12, StepSize: 10, Cycles: 1)];
        var lines = new List<string>();
        var results = Experiment.RunAll(rows, Split, seed: 7, lines.Add);
        Assert.Equal(["first", "second"], results.Select(r => r.Settings.Name));
        Assert.All(results, r => Assert.Equal(7, r.Settings.Seed));
        Assert.Equal(Experiment.Run(rows[1] with { Seed = 7 }, Split).TestAccuracy, results[1].TestAccuracy);
        Assert.Contains(lines, l => l.StartsWith("first: ")); Assert.Contains(lines, l => l.StartsWith("second: "));
        Assert.True(lines.FindLastIndex(l => l.StartsWith("first: ")) < lines.FindIndex(l => l.StartsWith("second: ")));
    }

    [Fact]
    public void Augmentation_flips_and_shifts_images()
    {
        var image = Enumerable.Range(0, Cifar10.Dimensions).Select(i => (float)(i % 32)).ToArray();  // value = x coordinate
        var flipped = new float[image.Length];
        new Augmentation(flipProbability: 1, maxShift: 0).Apply(image, flipped, new Random(1));
        Assert.Equal(31f, flipped[0]);
        Assert.Equal(0f, flipped[31]);
        var same = new float[image.Length];
        new Augmentation(flipProbability: 0, maxShift: 0).Apply(image, same, new Random(1));
        Assert.Equal(image, same);
    }
}
