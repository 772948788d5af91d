using NotebookNet.Data;
using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>Runs <see cref="ExperimentSettings"/> on a split: one, or a table of rows in turn.</summary>
public static class Experiment
{
    /// <summary>Trains a fresh two-layer network with the settings and measures it on the test set.</summary>
    public static ExperimentResult Run(ExperimentSettings settings, DataSplit split,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the run
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var schedule = new CyclicalLearningRate(settings.StepSize, etaMax: settings.EtaMax);
        var dropout = new Dropout(settings.KeepInput, settings.KeepHidden);
        var (network, options) = TrialFactory.Create(split.Train, settings.HiddenUnits, settings.Lambda, schedule,
            TrainingLength.Cycles(settings.Cycles), settings.Seed, dropout);
        options = options with
        {
            KeepCycleSnapshots = settings.Ensemble,
            Augmentation = settings.Augment ? new Augmentation() : null,
            PointsPerCycle = 4,
        };
        var run = Trainer.Train(network, split.Train, split.Validation, options, progress, cancellationToken);
        double single = network.Evaluate(split.Test, settings.Lambda).Accuracy;
        double? ensemble = settings.Ensemble && run.Snapshots.Count > 0
            ? NetworkEvaluation.EnsembleAccuracy(run.Snapshots, split.Test)
            : null;
        return new ExperimentResult(settings, ensemble ?? single, single, ensemble, run.Final.Validation.Accuracy,
            clock.Elapsed.TotalSeconds, run);
    }

    /// <summary>
    /// Runs the rows in order, each with <paramref name="seed"/>, and passes "row name: progress" lines to
    /// <paramref name="status"/> (e.g. a notebook's updating display) while they train.
    /// </summary>
    public static List<ExperimentResult> RunAll(IEnumerable<ExperimentSettings> rows, DataSplit split, int seed,
        Action<string>? status = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the table
        var results = new List<ExperimentResult>();
        foreach (var row in rows)
        {
            var progress = status is null
                ? null
                : new InlineProgress<TrainingProgress>(p => status($"{row.Name}: {p}"));
            results.Add(Run(row with { Seed = seed }, split, progress, cancellationToken));
        }
        return results;
    }
}
