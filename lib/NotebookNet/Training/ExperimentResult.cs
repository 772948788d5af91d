namespace NotebookNet.Training;

/// <summary>An experiment's outcome: test accuracy of the final model, and of the ensemble when asked.</summary>
/// <param name="Settings">What was trained.</param>
/// <param name="TestAccuracy">
/// The reported accuracy: the ensemble's when <see cref="ExperimentSettings.Ensemble"/>, else the final model's.
/// </param>
/// <param name="SingleTestAccuracy">The final model's test accuracy.</param>
/// <param name="EnsembleTestAccuracy">The snapshot ensemble's (one model per cycle end), when asked.</param>
/// <param name="ValidationAccuracy">Final model's validation accuracy.</param>
/// <param name="Seconds">Wall time, training and evaluation.</param>
/// <param name="Run">The training run.</param>
public sealed record ExperimentResult(ExperimentSettings Settings, double TestAccuracy, double SingleTestAccuracy,
    double? EnsembleTestAccuracy, double ValidationAccuracy, double Seconds, TrainingResult Run);
