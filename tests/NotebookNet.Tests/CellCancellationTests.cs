using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Training;

namespace NotebookNet.Tests;

/// <summary>The ambient cell token: what a host sets around a cell, and the library's long operations obey.</summary>
public class CellCancellationTests
{
    [Fact]
    public void Or_prefers_an_explicit_token_and_falls_back_to_the_cell()
    {
        using var cell = new CancellationTokenSource();
        using var mine = new CancellationTokenSource();
        Assert.False(CellCancellation.Current.CanBeCanceled);
        using (CellCancellation.Enter(cell.Token))
        {
            Assert.Equal(cell.Token, CellCancellation.Current);
            Assert.Equal(cell.Token, CellCancellation.Or(default));
            Assert.Equal(mine.Token, CellCancellation.Or(mine.Token));
        }
        Assert.False(CellCancellation.Current.CanBeCanceled);
    }

    [Fact]
    public async Task Training_stops_within_a_step_when_the_cell_is_cancelled()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var network = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));
        var options = TrainingOptions.Cyclical(0.01, 100, 10_000) with { Seed = 1 };
        using var cell = new CancellationTokenSource();
        int steps = 0;
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            steps = p.Step;
            if (p.Step >= Trainer.ProgressEverySteps) cell.Cancel();
        });
        var run = Task.Run(() =>
        {
            using var scope = CellCancellation.Enter(cell.Token);
            return Trainer.Train(network, split.Train, split.Validation, options, progress);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(Trainer.ProgressEverySteps, steps);
    }
}
