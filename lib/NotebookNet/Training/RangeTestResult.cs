namespace NotebookNet.Training;

/// <summary>The LR range test's outcome: validation accuracy at each logged η, and the suggested η_max.</summary>
/// <param name="Eta">η at each logged point (increasing).</param>
/// <param name="ValidationAccuracy">Validation accuracy at those points.</param>
/// <param name="SuggestedEtaMax">η where validation accuracy peaked.</param>
/// <param name="Run">The training run behind it.</param>
public sealed record RangeTestResult(
    IReadOnlyList<double> Eta, IReadOnlyList<double> ValidationAccuracy, double SuggestedEtaMax, TrainingResult Run);
