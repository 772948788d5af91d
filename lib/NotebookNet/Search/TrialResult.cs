namespace NotebookNet.Search;

/// <summary>A finished trial.</summary>
/// <param name="Settings">What was trained.</param>
/// <param name="ValidationAccuracy">Final validation accuracy.</param>
/// <param name="ValidationLoss">Final validation loss.</param>
/// <param name="TrainAccuracy">Final training accuracy (on the curve subset).</param>
/// <param name="Seconds">Wall time of the trial.</param>
public sealed record TrialResult(
    TrialSettings Settings, double ValidationAccuracy, double ValidationLoss, double TrainAccuracy, double Seconds)
{
    /// <summary>λ, for tables and charts.</summary>
    public double Lambda => Settings.Lambda;
}
