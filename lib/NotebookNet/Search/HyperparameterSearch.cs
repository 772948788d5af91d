using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Search;

/// <summary>
/// Trains one two-layer network per trial and measures it on the validation set. Trials run in
/// parallel (one per core by default, kernels single-threaded inside a trial); each trial depends only
/// on its own settings and seed, so results are identical whatever the parallelism. With a
/// <see cref="TrialStore"/>, finished trials are saved as they complete and skipped on a re-run.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Runs the trials; results come back in the order of <paramref name="trials"/>.</summary>
    /// <param name="trials">The settings to train.</param>
    /// <param name="split">Training and validation data.</param>
    /// <param name="store">Where finished trials are kept (null: nowhere).</param>
    /// <param name="parallelism">Trials at once (default: the number of cores).</param>
    /// <param name="configure">Adjusts each trial's training options (e.g. the curve subset, η_max).</param>
    /// <param name="progress">Reports after every finished trial.</param>
    /// <param name="cancellationToken">Stops within a step; finished trials are already stored.</param>
    public static IReadOnlyList<TrialResult> Run(IReadOnlyList<TrialSettings> trials, DataSplit split,
        TrialStore? store = null, int? parallelism = null,
        Func<TrialSettings, TrainingOptions, TrainingOptions>? configure = null,
        IProgress<SearchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = CellCancellation.Or(cancellationToken); // an interrupted notebook cell stops the search
        ArgumentNullException.ThrowIfNull(trials);
        var done = store?.Load() ?? [];
        var results = new TrialResult?[trials.Count];
        int restored = 0, finished = 0;
        for (int i = 0; i < trials.Count; i++)
            if (done.TryGetValue(trials[i].Key, out var r)) { results[i] = r; restored++; finished++; }
        progress?.Report(new SearchProgress(finished, trials.Count, restored, null));

        var pending = Enumerable.Range(0, trials.Count).Where(i => results[i] is null).ToArray();
        // No more trials side by side than are left: a lone trial (e.g. a resumed search) keeps both cores for its
        // kernels.
        int degree = Math.Clamp(parallelism ?? Environment.ProcessorCount, 1, Math.Max(1, pending.Length));
        var gate = new Lock();
        var parallelOptions = new ParallelOptions
        {
            MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken,
        };
        Parallel.ForEach(pending, parallelOptions, i =>
        {
            var result = RunTrial(trials[i], split, configure, singleThreadedKernels: degree > 1, cancellationToken);
            store?.Append(result);
            lock (gate)
            {
                results[i] = result;
                finished++;
                progress?.Report(new SearchProgress(finished, trials.Count, restored, result));
            }
        });
        return results.Select(r => r!).ToArray();
    }

    /// <summary>Trains and measures one trial.</summary>
    public static TrialResult RunTrial(TrialSettings trial, DataSplit split,
        Func<TrialSettings, TrainingOptions, TrainingOptions>? configure = null,
        bool singleThreadedKernels = false, CancellationToken cancellationToken = default)
    {
        var (network, options) = TrialFactory.Create(split.Train, trial.HiddenUnits, trial.Lambda,
            new CyclicalLearningRate(trial.StepSize), TrainingLength.Cycles(trial.Cycles), trial.Seed);
        options = options with { PointsPerCycle = 1 };
        if (configure is not null) options = configure(trial, options);
        // one trial per core: kernels stay on this thread (a default scope changes nothing)
        using var scope = singleThreadedKernels ? Numerics.KernelThreads.Single() : default;
        var run = Trainer.Train(network, split.Train, split.Validation, options, cancellationToken: cancellationToken);
        return new TrialResult(trial, run.Final.Validation.Accuracy, run.Final.Validation.Loss,
            run.Final.Train.Accuracy, run.Seconds);
    }
}
