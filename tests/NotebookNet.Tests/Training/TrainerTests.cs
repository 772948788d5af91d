using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Tests;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Fresh_network_has_initial_loss_near_ln_10()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));
        var e = net.Evaluate(split.Validation, 0);
        // Xavier scores have variance ≈ 1/2, which lifts the expected loss a little above ln 10
        Assert.InRange(e.Loss, Math.Log(10) - 0.1, Math.Log(10) + 0.5);
        Assert.InRange(e.Accuracy, 0.0, 0.3);
        // with small weights (σ = .001: score variance 3072·σ² ≈ .003) the scores are ≈ 0 and the loss is ln 10
        var one = new OneLayerNetwork(OneLayerParameters.Initialise(Cifar10.Dimensions, 10, new Random(1), std: 0.001));
        Assert.InRange(one.Evaluate(split.Validation, 0).Loss, Math.Log(10) - 0.01, Math.Log(10) + 0.01);
    }

    [Fact]
    public void Overfits_100_samples_to_full_training_accuracy()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var small = split.Train.Take(100);
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(2)));
        var options = TrainingOptions.FixedEta(eta: 0.01, lambda: 0, epochs: 200) with { BatchSize = 10 };
        var result = Trainer.Train(net, small, split.Validation, options);
        Assert.Equal(1.0, result.Final.Train.Accuracy);
        Assert.True(result.Final.Train.Loss < 0.05, $"final training loss {result.Final.Train.Loss}");
        Assert.Equal(201, result.History.Count);   // step 0 + every epoch
    }

    [Fact]
    public void History_has_ten_points_a_cycle_with_eta()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 10, 10, new Random(3)));
        var result =
            Trainer.Train(net, split.Train, split.Validation,
            TrainingOptions.Cyclical(0.01, stepSize: 20, cycles: 2) with { KeepCycleSnapshots = true });
        Assert.Equal(80, result.Steps);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i * 4), result.History.Select(h => h.Step));
        Assert.Equal(0.1, result.History[5].Eta, 9);          // t = n_s
        Assert.Equal(2, result.Snapshots.Count);
        Assert.True(result.Final.Validation.Accuracy > 0.3,
            $"synthetic data is learnable: {result.Final.Validation.Accuracy}");
    }

    [Fact]
    public void Same_seed_gives_identical_results()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        TrainingResult Run() =>
            Trainer.Train(new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(4))),
            split.Train, split.Validation, TrainingOptions.Cyclical(0.01, 10, 1) with { Seed = 9 });
        var (a, b) = (Run(), Run());
        Assert.Equal(((TwoLayerNetwork)a.Network).Parameters.W1, ((TwoLayerNetwork)b.Network).Parameters.W1);
        Assert.Equal(a.History.Select(h => h.Validation), b.History.Select(h => h.Validation));
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(6)));
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<TrainingProgress>(p => { if (p.Step >= 5) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Train(net, split.Train, split.Validation, TrainingOptions.Cyclical(0.01, 10, 5), progress,
                cts.Token));
    }

    [Fact]
    public void One_cycle_on_real_data_reaches_the_reports_accuracy()
    {
        var data = TestData.RealOrSkip();
        var split = Splits.Batch1Batch2Test(data);
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));
        Assert.InRange(net.Evaluate(split.Test, 0).Loss, Math.Log(10) - 0.1, Math.Log(10) + 0.5);
        var result =
            Trainer.Train(net, split.Train, split.Validation, TrainingOptions.Cyclical(0.01, stepSize: 500, cycles: 1));
        var test = net.Evaluate(split.Test, 0.01);
        Assert.True(test.Accuracy >= 0.44, $"test accuracy {test.Accuracy:P2} (reports: 45.7–46.0 %)");
    }

    [Fact]
    public void Divergent_eta_stops_with_step_eta_lambda_and_a_finite_last_good()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 16, 10, new Random(9)));
        var options = TrainingOptions.FixedEta(eta: 1e7, lambda: 0.005, epochs: 4);
        var e =
            Assert.Throws<TrainingDivergedException>(() => Trainer.Train(net, split.Train, split.Validation, options));
        Assert.True(e.Step >= 1);
        Assert.Equal(1e7, e.Eta);
        Assert.Equal(0.005, e.Lambda);
        Assert.Contains($"step {e.Step}", e.Message);
        Assert.Contains("η = 10000000", e.Message);
        Assert.Contains("λ = 0.005", e.Message);
        Assert.NotNull(e.LastGood);
        Assert.True(e.LastGood!.IsFinite());
        Assert.True(double.IsFinite(e.LastGood.Evaluate(split.Validation, 0.005).Cost));
        Assert.NotEmpty(e.History);
    }
}
