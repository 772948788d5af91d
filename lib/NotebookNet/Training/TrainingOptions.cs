namespace NotebookNet.Training;

/// <summary>
/// Settings of one training run, validated as they are set. Either <see cref="Cycles"/> (with a
/// <see cref="CyclicalLearningRate"/>) or <see cref="Epochs"/> fixes the number of update steps.
/// </summary>
public sealed record TrainingOptions
{
    private readonly int _batchSize = 100, _pointsPerCycle = 10;
    private readonly double _lambda = 0.01;
    private readonly int? _cycles = 1, _epochs;
    private readonly ILearningRate _learningRate = new CyclicalLearningRate();

    /// <summary>Mini-batch size (100 in every report).</summary>
    public int BatchSize { get => _batchSize; init => _batchSize = value >= 1 ? value : throw Bad(nameof(BatchSize), value, "the batch size must be ≥ 1 (the reports use 100)."); }

    /// <summary>λ, the L2 penalty's weight, ≥ 0.</summary>
    public double Lambda { get => _lambda; init => _lambda = value >= 0 && double.IsFinite(value) ? value : throw Bad(nameof(Lambda), value, "λ must be a finite number ≥ 0 (e.g. .01; searches use 1e-5…1e-1)."); }

    /// <summary>The schedule η_t.</summary>
    public ILearningRate LearningRate { get => _learningRate; init => _learningRate = value ?? throw new ArgumentNullException(nameof(LearningRate)); }

    /// <summary>Number of full cycles (2n_s steps each) when the schedule is cyclical; null when <see cref="Epochs"/> is used.</summary>
    public int? Cycles { get => _cycles; init => _cycles = value is null or > 0 ? value : throw Bad(nameof(Cycles), value, "the number of cycles must be > 0."); }

    /// <summary>Number of epochs (passes over the training set); when set it takes precedence over <see cref="Cycles"/>.</summary>
    public int? Epochs { get => _epochs; init => _epochs = value is null or > 0 ? value : throw Bad(nameof(Epochs), value, "the number of epochs must be > 0."); }

    /// <summary>Stops after this many update steps when set (e.g. half a cycle for the LR range test).</summary>
    public int? MaxSteps { get => _maxSteps; init => _maxSteps = value is null or > 0 ? value : throw Bad(nameof(MaxSteps), value, "the number of steps must be > 0."); }
    private readonly int? _maxSteps;

    /// <summary>History points per cycle (cyclical) — the assignment logs about 10; per epoch mode logs every epoch.</summary>
    public int PointsPerCycle { get => _pointsPerCycle; init => _pointsPerCycle = value >= 1 ? value : throw Bad(nameof(PointsPerCycle), value, "need at least 1 history point per cycle."); }

    /// <summary>
    /// Seed of every random stream of a run: the per-epoch reshuffle and augmentation, and the dropout masks
    /// (<see cref="Trainer"/> derives both streams from it; networks hold no random state).
    /// </summary>
    public int Seed { get; init; } = 1;

    /// <summary>Evaluate the training-set curves on at most this many samples (null: all). Saves time on 45k sets.</summary>
    public int? TrainEvaluationSamples { get; init; }

    /// <summary>Training-time data augmentation (null: none).</summary>
    public Augmentation? Augmentation { get; init; }

    /// <summary>Keep a copy of the parameters at the end of every cycle (for a snapshot ensemble).</summary>
    public bool KeepCycleSnapshots { get; init; }

    /// <summary>The assignment-2 defaults with a cyclical schedule: λ, n_s, cycles.</summary>
    public static TrainingOptions Cyclical(double lambda, int stepSize, int cycles, double etaMin = 1e-5, double etaMax = 1e-1) =>
        new() { Lambda = lambda, LearningRate = new CyclicalLearningRate(stepSize, etaMin, etaMax), Cycles = cycles };

    /// <summary>Assignment 1: a constant η for a number of epochs.</summary>
    public static TrainingOptions FixedEta(double eta, double lambda, int epochs) =>
        new() { Lambda = lambda, LearningRate = new ConstantLearningRate(eta), Epochs = epochs, Cycles = null };

    /// <summary>Total update steps for a training set of <paramref name="trainCount"/> samples.</summary>
    public int TotalSteps(int trainCount)
    {
        if (BatchSize > trainCount)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"the batch size {BatchSize} is larger than the training set ({trainCount} samples).");
        if (MaxSteps is int max) return max;
        if (Epochs is int e) return e * StepsPerEpoch(trainCount);
        if (LearningRate is CyclicalLearningRate c && Cycles is int cycles) return 2 * c.StepSize * cycles;
        throw new InvalidOperationException("set Epochs, or Cycles with a CyclicalLearningRate.");
    }

    /// <summary>⌊n / batch⌋ update steps per epoch.</summary>
    public int StepsPerEpoch(int trainCount) => trainCount / BatchSize;

    private static ArgumentOutOfRangeException Bad(string name, object? value, string why) => new(name, value, why);
}
