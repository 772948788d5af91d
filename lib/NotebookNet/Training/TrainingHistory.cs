using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>One logged point of a training run: step t, epoch, η_t, and train/validation measures.</summary>
public sealed record HistoryPoint(int Step, double Epoch, double Eta, Evaluation Train, Evaluation Validation);

/// <summary>Progress of a run, reported after every logged point and every few steps.</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Eta, double BatchLoss, HistoryPoint? Latest, TimeSpan Elapsed)
{
    /// <summary>Fraction of the steps done.</summary>
    public double Fraction => TotalSteps == 0 ? 1 : (double)Step / TotalSteps;
    /// <inheritdoc/>
    public override string ToString() =>
        $"step {Step}/{TotalSteps} ({Fraction:P0}), η = {Eta:0.#####}" + (double.IsFinite(BatchLoss) ? $", batch loss {BatchLoss:0.###}" : "") +
        (Latest is { } p ? $", val acc {p.Validation.Accuracy:P1}" : "") + $", {Elapsed.TotalSeconds:0.0} s";
}

/// <summary>What a run returns: the trained network, its history, snapshots and wall time.</summary>
/// <param name="Network">The trained network (the same instance that was passed in).</param>
/// <param name="History">Logged points, step 0 first and the final step last.</param>
/// <param name="Snapshots">Copies of the network at the end of each cycle, when asked for.</param>
/// <param name="Steps">Update steps done.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TrainingResult(INetwork Network, IReadOnlyList<HistoryPoint> History, IReadOnlyList<INetwork> Snapshots,
    int Steps, double Seconds)
{
    /// <summary>The last logged point.</summary>
    public HistoryPoint Final => History[^1];
}

/// <summary>
/// Training produced NaN or ∞. <see cref="LastGood"/> holds the parameters at the last logged point
/// where everything was finite, and <see cref="History"/> what was logged until then.
/// </summary>
public sealed class TrainingDivergedException(int step, double eta, double lambda, INetwork? lastGood, IReadOnlyList<HistoryPoint> history)
    : Exception($"training diverged at step {step}: the cost became NaN or infinite (η = {eta:g}, λ = {lambda:g}). " +
                "Lower η_max (or η), or check the data's standardisation; the last finite parameters are kept in LastGood.")
{
    /// <summary>The step at which a non-finite value appeared.</summary>
    public int Step { get; } = step;
    /// <summary>η at that step.</summary>
    public double Eta { get; } = eta;
    /// <summary>λ of the run.</summary>
    public double Lambda { get; } = lambda;
    /// <summary>The parameters at the last finite logged point (null if none).</summary>
    public INetwork? LastGood { get; } = lastGood;
    /// <summary>The history logged before divergence.</summary>
    public IReadOnlyList<HistoryPoint> History { get; } = history;
}
