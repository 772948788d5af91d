using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>The bonus rows: a table of experiments run in order, snapshot ensembles with augmentation.</summary>
public class ExperimentTests
{
    private static readonly DataSplit Split = Splits.Batch1Batch2Test(TestData.Synthetic());

    [Fact]
    public void Snapshot_ensemble_and_augmentation_run_end_to_end()
    {
        var settings =
            new ExperimentSettings("test", HiddenUnits: 16, Lambda: 0.001, StepSize: 25, Cycles: 3, Ensemble: true,
            Augment: true, KeepInput: 0.9);
        var r = Experiment.Run(settings, Split);
        Assert.Equal(3, r.Run.Snapshots.Count);
        Assert.NotNull(r.EnsembleTestAccuracy);
        Assert.Equal(r.EnsembleTestAccuracy!.Value, r.TestAccuracy);
        Assert.True(r.SingleTestAccuracy > 0.3,
            $"synthetic data is learnable with augmentation: {r.SingleTestAccuracy}");
    }

    [Fact]
    public void A_table_of_rows_runs_in_order_with_the_given_seed_and_names_each_status_line()
    {
        ExperimentSettings[] rows =
            [new("first", HiddenUnits: 8, StepSize: 10, Cycles: 1),
            new("second", HiddenUnits: 12, StepSize: 10, Cycles: 1)];
        var lines = new List<string>();
        var results = Experiment.RunAll(rows, Split, seed: 7, lines.Add);
        Assert.Equal(["first", "second"], results.Select(r => r.Settings.Name));
        Assert.All(results, r => Assert.Equal(7, r.Settings.Seed));
        Assert.Equal(Experiment.Run(rows[1] with { Seed = 7 }, Split).TestAccuracy, results[1].TestAccuracy);
        Assert.Contains(lines, l => l.StartsWith("first: ")); Assert.Contains(lines, l => l.StartsWith("second: "));
        Assert.True(lines.FindLastIndex(l => l.StartsWith("first: ")) < lines.FindIndex(l => l.StartsWith("second: ")));
    }
}
