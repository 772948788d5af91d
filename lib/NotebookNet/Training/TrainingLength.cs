namespace NotebookNet.Training;

/// <summary>
/// How long a run trains, the one stopping rule: a number of update steps, of epochs (passes over the training
/// set, <see cref="Trainer.StepsPerEpoch"/> steps each) or of cycles of the schedule
/// (<see cref="ILearningRate.CycleLength"/> steps each).
/// </summary>
public sealed record TrainingLength
{
    /// <summary>What a <see cref="TrainingLength"/> counts.</summary>
    public enum Units
    {
        /// <summary>Update steps.</summary>
        Steps,
        /// <summary>Passes over the training set.</summary>
        Epochs,
        /// <summary>Cycles of the learning-rate schedule.</summary>
        Cycles,
    }

    private TrainingLength(int count, Units unit, string parameter)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(parameter, count,
                $"the number of {unit.ToString().ToLowerInvariant()} a run trains for must be > 0.");
        Count = count; Unit = unit;
    }

    /// <summary>How many <see cref="Unit"/>s.</summary>
    public int Count { get; }
    /// <summary>What <see cref="Count"/> counts.</summary>
    public Units Unit { get; }

    /// <summary>Stops after <paramref name="steps"/> update steps (e.g. half a cycle for the LR range test).</summary>
    public static TrainingLength Steps(int steps) => new(steps, Units.Steps, nameof(steps));
    /// <summary>Stops after <paramref name="epochs"/> passes over the training set (assignment 1).</summary>
    public static TrainingLength Epochs(int epochs) => new(epochs, Units.Epochs, nameof(epochs));
    /// <summary>Stops after <paramref name="cycles"/> full cycles of a cyclical schedule (assignment 2).</summary>
    public static TrainingLength Cycles(int cycles) => new(cycles, Units.Cycles, nameof(cycles));

    /// <summary>The update steps this length means, given the steps an epoch takes and the schedule.</summary>
    /// <exception cref="InvalidOperationException">a length in cycles with a schedule that does not cycle.</exception>
    public int TotalSteps(int stepsPerEpoch, ILearningRate schedule) => Unit switch
    {
        Units.Steps => Count,
        Units.Epochs => Count * stepsPerEpoch,
        _ => schedule.CycleLength is int cycle ? Count * cycle
            : throw new InvalidOperationException(
                $"a run of {this} needs a schedule that cycles, but {schedule} does not: give the length in epochs."),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Count} {Unit.ToString().ToLowerInvariant()}";
}
