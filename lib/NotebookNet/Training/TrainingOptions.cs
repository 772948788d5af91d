namespace NotebookNet.Training;

/// <summary>
/// Settings of one training run, validated as they are set. <see cref="Length"/> alone decides how many update
/// steps the run takes.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The mini-batch size of every report.</summary>
    public const int DefaultBatchSize = 100;

    private readonly int _batchSize = DefaultBatchSize, _pointsPerCycle = 10;
    private readonly double _lambda = 0.01;
    private readonly ILearningRate _learningRate = new CyclicalLearningRate();
    private readonly TrainingLength _length = TrainingLength.Cycles(1);

    /// <summary>Mini-batch size (100 in every report).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value >= 1 ? value
            : throw Bad(nameof(BatchSize), value, "the batch size must be ≥ 1 (the reports use 100).");
    }

    /// <summary>λ, the L2 penalty's weight, ≥ 0.</summary>
    public double Lambda
    {
        get => _lambda;
        init => _lambda = value >= 0 && double.IsFinite(value) ? value
            : throw Bad(nameof(Lambda), value,
                "λ must be a finite number ≥ 0 (e.g. .01; searches use 1e-5…1e-1).");
    }

    /// <summary>The schedule η_t.</summary>
    public ILearningRate LearningRate
    {
        get => _learningRate;
        init => _learningRate = value ?? throw new ArgumentNullException(nameof(LearningRate));
    }

    /// <summary>How long the run trains: steps, epochs or cycles of the schedule (default: one cycle).</summary>
    public TrainingLength Length
    {
        get => _length;
        init => _length = value ?? throw new ArgumentNullException(nameof(Length));
    }

    /// <summary>
    /// History points per cycle of a cyclical schedule (the assignment logs about 10); a run whose schedule does
    /// not cycle, or whose <see cref="Length"/> is in epochs, logs every epoch instead.
    /// </summary>
    public int PointsPerCycle
    {
        get => _pointsPerCycle;
        init => _pointsPerCycle = value >= 1 ? value
            : throw Bad(nameof(PointsPerCycle), value, "need at least 1 history point per cycle.");
    }

    /// <summary>
    /// Seed of every random stream of a run: the per-epoch reshuffle and augmentation, and the dropout masks
    /// (<see cref="Trainer"/> derives both streams from it; networks hold no random state).
    /// </summary>
    public int Seed { get; init; } = 1;

    /// <summary>Evaluate the training-set curves on at most this many samples (null: all). Saves time on 45k
    /// sets.</summary>
    public int? TrainEvaluationSamples { get; init; }

    /// <summary>Training-time data augmentation (null: none).</summary>
    public Augmentation? Augmentation { get; init; }

    /// <summary>Keep a copy of the parameters at the end of every cycle (for a snapshot ensemble).</summary>
    public bool KeepCycleSnapshots { get; init; }

    /// <summary>The assignment-2 defaults with a cyclical schedule: λ, n_s, cycles.</summary>
    public static TrainingOptions Cyclical(double lambda, int stepSize, int cycles, double etaMin = 1e-5,
        double etaMax = 1e-1) =>
        new()
        {
            Lambda = lambda, LearningRate = new CyclicalLearningRate(stepSize, etaMin, etaMax),
            Length = TrainingLength.Cycles(cycles),
        };

    /// <summary>Assignment 1: a constant η for a number of epochs.</summary>
    public static TrainingOptions FixedEta(double eta, double lambda, int epochs) =>
        new() { Lambda = lambda, LearningRate = new ConstantLearningRate(eta), Length = TrainingLength.Epochs(epochs) };

    /// <summary>Total update steps for a training set of <paramref name="trainCount"/> samples.</summary>
    public int TotalSteps(int trainCount)
    {
        if (BatchSize > trainCount)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize,
                $"the batch size {BatchSize} is larger than the training set ({trainCount} samples).");
        return Length.TotalSteps(Trainer.StepsPerEpoch(trainCount, BatchSize), LearningRate);
    }

    private static ArgumentOutOfRangeException Bad(string name, object? value, string why) => new(name, value, why);
}
