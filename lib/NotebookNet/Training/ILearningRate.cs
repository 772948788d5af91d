namespace NotebookNet.Training;

/// <summary>A learning-rate schedule: η as a pure function of the update step t, and its cycle if any.</summary>
public interface ILearningRate
{
    /// <summary>η_t.</summary>
    double At(int t);

    /// <summary>
    /// Update steps in one cycle of the schedule (2n_s for the cyclical one), or null when it does not cycle.
    /// The trainer logs, snapshots and counts <see cref="TrainingLength.Cycles"/> by it.
    /// </summary>
    int? CycleLength { get; }
}
