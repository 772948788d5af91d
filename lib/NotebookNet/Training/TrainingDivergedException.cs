using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>
/// Training produced NaN or ∞. <see cref="LastGood"/> holds the parameters at the last logged point
/// where everything was finite, and <see cref="History"/> what was logged until then.
/// </summary>
public sealed class TrainingDivergedException(
    int step, double eta, double lambda, INetwork? lastGood, IReadOnlyList<HistoryPoint> history)
    : Exception($"training diverged at step {step}: the cost became NaN or infinite (η = {eta:g}, λ = {lambda:g}). " +
                "Lower η_max (or η), or check the data's standardisation; " +
                "the last finite parameters are kept in LastGood.")
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
