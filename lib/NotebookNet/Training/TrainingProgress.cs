namespace NotebookNet.Training;

/// <summary>Progress of a run, reported after every logged point and every few steps.</summary>
public sealed record TrainingProgress(
    int Step, int TotalSteps, double Eta, double BatchLoss, HistoryPoint? Latest, TimeSpan Elapsed)
{
    /// <summary>Fraction of the steps done.</summary>
    public double Fraction => TotalSteps == 0 ? 1 : (double)Step / TotalSteps;
    /// <inheritdoc/>
    public override string ToString() =>
        $"step {Step}/{TotalSteps} ({Fraction:P0}), η = {Eta:0.#####}" +
        (double.IsFinite(BatchLoss) ? $", batch loss {BatchLoss:0.###}" : "") +
        (Latest is { } p ? $", val acc {p.Validation.Accuracy:P1}" : "") + $", {Elapsed.TotalSeconds:0.0} s";
}
