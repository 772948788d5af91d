using NotebookNet.Data;
using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>The LR range test's outcome: validation accuracy at each logged η, and the suggested η_max.</summary>
/// <param name="Eta">η at each logged point (increasing).</param>
/// <param name="ValidationAccuracy">Validation accuracy at those points.</param>
/// <param name="SuggestedEtaMax">η where validation accuracy peaked.</param>
/// <param name="Run">The training run behind it.</param>
public sealed record RangeTestResult(IReadOnlyList<double> Eta, IReadOnlyList<double> ValidationAccuracy, double SuggestedEtaMax, TrainingResult Run);

/// <summary>
/// Smith's learning-rate range test as in report 004: train for half a cycle (η rising linearly from
/// η_min to η_max) over a number of epochs, log validation accuracy against η, and suggest as η_max
/// the η where accuracy peaks (beyond it, steps become too large and accuracy falls).
/// </summary>
public static class LearningRateRangeTest
{
    /// <summary>Runs the test on a fresh network.</summary>
    public static RangeTestResult Run(INetwork network, LabeledSet train, LabeledSet validation, double lambda,
        int epochs = 8, double etaMin = 1e-6, double etaMax = 1e-1, int points = 40, int seed = 1,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the test
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "the range test needs at least one epoch.");
        var probe = new TrainingOptions();
        int halfCycle = epochs * probe.StepsPerEpoch(train.Count);
        var options = new TrainingOptions
        {
            Lambda = lambda,
            LearningRate = new CyclicalLearningRate(halfCycle, etaMin, etaMax),
            Cycles = 1,
            MaxSteps = halfCycle,
            PointsPerCycle = 2 * points,
            Seed = seed,
            TrainEvaluationSamples = Math.Min(train.Count, 2000),
        };
        var run = Trainer.Train(network, train, validation, options, progress, cancellationToken);
        var points_ = run.History.Skip(1).ToArray();
        var best = points_.MaxBy(p => p.Validation.Accuracy)!;
        return new RangeTestResult(points_.Select(p => p.Eta).ToArray(), points_.Select(p => p.Validation.Accuracy).ToArray(), best.Eta, run);
    }
}
