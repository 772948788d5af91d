using NotebookNet.Data;
using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>
/// One configuration of the bonus study (report 004's TC rows): width, λ, schedule, dropout,
/// snapshot ensemble and augmentation. Validated through the records it builds.
/// </summary>
public sealed record ExperimentSettings(string Name, int HiddenUnits = 50, double Lambda = 0.01, int StepSize = 900, int Cycles = 2,
    double EtaMax = 0.1, double KeepInput = 1, double KeepHidden = 1, bool Ensemble = false, bool Augment = false, int Seed = 1)
{
    /// <summary>The training options these settings mean.</summary>
    public TrainingOptions ToOptions() => TrainingOptions.Cyclical(Lambda, StepSize, Cycles, etaMax: EtaMax) with
    {
        Seed = Seed,
        KeepCycleSnapshots = Ensemble,
        Augmentation = Augment ? new Augmentation() : null,
        PointsPerCycle = 4,
    };
}

/// <summary>An experiment's outcome: test accuracy of the final model, and of the ensemble when asked.</summary>
/// <param name="Settings">What was trained.</param>
/// <param name="TestAccuracy">The reported accuracy: the ensemble's when <see cref="ExperimentSettings.Ensemble"/>, else the final model's.</param>
/// <param name="SingleTestAccuracy">The final model's test accuracy.</param>
/// <param name="EnsembleTestAccuracy">The snapshot ensemble's (one model per cycle end), when asked.</param>
/// <param name="ValidationAccuracy">Final model's validation accuracy.</param>
/// <param name="Seconds">Wall time, training and evaluation.</param>
/// <param name="Run">The training run.</param>
public sealed record ExperimentResult(ExperimentSettings Settings, double TestAccuracy, double SingleTestAccuracy, double? EnsembleTestAccuracy,
    double ValidationAccuracy, double Seconds, TrainingResult Run);

/// <summary>Runs <see cref="ExperimentSettings"/> on a split: one, or a table of rows in turn.</summary>
public static class Experiment
{
    /// <summary>Trains a fresh two-layer network with the settings and measures it on the test set.</summary>
    public static ExperimentResult Run(ExperimentSettings settings, DataSplit split, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the run
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var options = settings.ToOptions() with { TrainEvaluationSamples = Math.Min(split.Train.Count, 5000) };
        var network = new TwoLayerNetwork(
            TwoLayerParameters.Initialise(split.Train.Dimensions, settings.HiddenUnits, Cifar10.Classes, new Random(settings.Seed)),
            new Dropout(settings.KeepInput, settings.KeepHidden), dropoutSeed: (ulong)settings.Seed);
        var run = Trainer.Train(network, split.Train, split.Validation, options, progress, cancellationToken);
        double single = network.Evaluate(split.Test, settings.Lambda).Accuracy;
        double? ensemble = settings.Ensemble && run.Snapshots.Count > 0 ? NetworkEvaluation.EnsembleAccuracy(run.Snapshots, split.Test) : null;
        return new ExperimentResult(settings, ensemble ?? single, single, ensemble, run.Final.Validation.Accuracy, clock.Elapsed.TotalSeconds, run);
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
            var progress = status is null ? null : new InlineProgress<TrainingProgress>(p => status($"{row.Name}: {p}"));
            results.Add(Run(row with { Seed = seed }, split, progress, cancellationToken));
        }
        return results;
    }
}
