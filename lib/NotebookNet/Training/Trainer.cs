using System.Diagnostics;
using NotebookNet.Data;
using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>
/// Mini-batch SGD: reshuffles the training set every epoch (seeded), takes ⌊n/batch⌋ steps an epoch
/// with η_t from the schedule, logs cost/loss/accuracy on training and validation sets
/// <see cref="TrainingOptions.PointsPerCycle"/> times a cycle (every epoch for fixed-η runs), and
/// stops with <see cref="TrainingDivergedException"/> on NaN/∞. It owns the run's random streams, both
/// seeded by <see cref="TrainingOptions.Seed"/>: shuffling and augmentation, and the dropout masks it passes
/// to each <see cref="INetwork.TrainStep"/>.
/// </summary>
public static class Trainer
{
    /// <summary>Steps between progress reports that are not history points.</summary>
    public const int ProgressEverySteps = 50;

    /// <summary>Trains <paramref name="network"/> in place on <paramref name="train"/>, logging on
    /// <paramref name="validation"/>.</summary>
    public static TrainingResult Train(INetwork network, LabeledSet train, LabeledSet validation,
        TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        // an interrupted notebook cell stops within one step
        cancellationToken = CellCancellation.Or(cancellationToken);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Dimensions != network.Dimensions || validation.Dimensions != network.Dimensions)
            throw new ArgumentException(
                $"the network takes d = {network.Dimensions} inputs but the data has d = {train.Dimensions} " +
                $"(train) / {validation.Dimensions} (validation).");
        if (options.Augmentation is not null && train.Dimensions != Cifar10.Dimensions)
            throw new ArgumentException("augmentation needs full 32×32×3 images.");

        int n = train.Count, d = train.Dimensions, batch = options.BatchSize;
        int totalSteps = options.TotalSteps(n), stepsPerEpoch = StepsPerEpoch(n, batch);
        int logEvery = LogInterval(options, stepsPerEpoch);
        int? cycleLength = options.LearningRate.CycleLength;
        // the curves' training samples: the first ones, read in place (a copy would be 61 MB a run at 5000)
        int curveSamples = Math.Min(options.TrainEvaluationSamples ?? n, n);

        var rng = new Random(options.Seed);                            // shuffling and augmentation
        var dropoutRandom = new FastRandom(unchecked((ulong)options.Seed)); // dropout masks
        var order = Enumerable.Range(0, n).ToArray();
        var xBatch = new float[batch * d];
        var yBatch = new int[batch];
        var history = new List<HistoryPoint>();
        var snapshots = new List<INetwork>();
        INetwork? lastGood = null;
        var clock = Stopwatch.StartNew();

        void Log(int t, double batchLoss)
        {
            var point = new HistoryPoint(t, (double)t / stepsPerEpoch, options.LearningRate.At(t),
                network.EvaluateFirst(train, curveSamples, options.Lambda),
                network.Evaluate(validation, options.Lambda));
            if (!double.IsFinite(point.Train.Cost) || !network.IsFinite())
                throw new TrainingDivergedException(t, options.LearningRate.At(Math.Max(0, t - 1)), options.Lambda,
                    lastGood, history);
            history.Add(point);
            lastGood = network.CloneInto(lastGood);   // one copy a run, refreshed (12 MB at m = 1000)
            progress?.Report(new TrainingProgress(t, totalSteps, point.Eta, batchLoss, point, clock.Elapsed));
        }

        Log(0, double.NaN);
        int step = 0;
        while (step < totalSteps)
        {
            rng.Shuffle(order);
            for (int b = 0; b < stepsPerEpoch && step < totalSteps; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Gather(train, order.AsSpan(b * batch, batch), xBatch, yBatch, options.Augmentation, rng);
                double eta = options.LearningRate.At(step);
                double loss = network.TrainStep(xBatch, yBatch, batch, (float)eta, (float)options.Lambda,
                    dropoutRandom);
                step++;
                if (!double.IsFinite(loss))
                    throw new TrainingDivergedException(step, eta, options.Lambda, lastGood, history);
                if (options.KeepCycleSnapshots && cycleLength is int cycle && step % cycle == 0)
                    snapshots.Add(network.Clone());                     // the end of a cycle
                if (step % logEvery == 0 || step == totalSteps) Log(step, loss);
                else if (step % ProgressEverySteps == 0)
                    progress?.Report(new TrainingProgress(step, totalSteps, eta, loss, null, clock.Elapsed));
            }
        }
        return new TrainingResult(network, history, snapshots, step, clock.Elapsed.TotalSeconds);
    }

    /// <summary>⌊n / batch⌋, the update steps of one epoch (a last, partial batch is left out).</summary>
    public static int StepsPerEpoch(int trainCount, int batchSize = TrainingOptions.DefaultBatchSize) =>
        trainCount / batchSize;

    /// <summary>Steps between history points: a cycle / PointsPerCycle, or an epoch.</summary>
    private static int LogInterval(TrainingOptions options, int stepsPerEpoch) =>
        options.Length.Unit != TrainingLength.Units.Epochs && options.LearningRate.CycleLength is int cycle
            ? Math.Max(1, cycle / options.PointsPerCycle)
            : stepsPerEpoch;

    /// <summary>Copies the samples at <paramref name="indices"/> into the batch buffers, augmenting when
    /// asked.</summary>
    private static void Gather(LabeledSet set, ReadOnlySpan<int> indices, float[] x, int[] y,
        Augmentation? augmentation, Random rng)
    {
        int d = set.Dimensions;
        for (int r = 0; r < indices.Length; r++)
        {
            var dst = x.AsSpan(r * d, d);
            if (augmentation is null) set.Row(indices[r]).CopyTo(dst);
            else augmentation.Apply(set.Row(indices[r]), dst, rng);
            y[r] = set.Y[indices[r]];
        }
    }
}
