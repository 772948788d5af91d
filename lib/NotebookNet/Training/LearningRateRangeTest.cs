using NotebookNet.Data;

namespace NotebookNet.Training;

/// <summary>
/// Smith's learning-rate range test as in report 004: train for half a cycle (η rising linearly from
/// η_min to η_max) over a number of epochs, log validation accuracy against η, and suggest as η_max
/// the η where accuracy peaks (beyond it, steps become too large and accuracy falls).
/// </summary>
public static class LearningRateRangeTest
{
    /// <summary>The most training samples the test's training curves are measured on.</summary>
    public const int CurveSamples = 2000;

    /// <summary>Runs the test on a fresh two-layer network of <paramref name="hiddenUnits"/> units (seeded).</summary>
    public static RangeTestResult Run(LabeledSet train, LabeledSet validation, int hiddenUnits, double lambda,
        int epochs = 8, double etaMin = 1e-6, double etaMax = 1e-1, int points = 40, int seed = 1,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the test
        if (epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "the range test needs at least one epoch.");
        int halfCycle = epochs * Trainer.StepsPerEpoch(train.Count);
        var (network, options) = TrialFactory.Create(train, hiddenUnits, lambda,
            new CyclicalLearningRate(halfCycle, etaMin, etaMax), TrainingLength.Steps(halfCycle), seed,
            curveSamples: CurveSamples);
        options = options with { PointsPerCycle = 2 * points };   // a cycle is two halves: `points` in this one
        var run = Trainer.Train(network, train, validation, options, progress, cancellationToken);
        var logged = run.History.Skip(1).ToArray();
        var best = logged.MaxBy(p => p.Validation.Accuracy)!;
        return new RangeTestResult(logged.Select(p => p.Eta).ToArray(),
            logged.Select(p => p.Validation.Accuracy).ToArray(), best.Eta, run);
    }
}
