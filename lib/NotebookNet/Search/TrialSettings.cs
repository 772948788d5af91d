namespace NotebookNet.Search;

/// <summary>One trial of a search: the settings it trains with. Its <see cref="Key"/> identifies it in the results store.</summary>
/// <param name="Lambda">λ.</param>
/// <param name="StepSize">n_s.</param>
/// <param name="Cycles">Number of cycles.</param>
/// <param name="HiddenUnits">m.</param>
/// <param name="Seed">Seed of initialisation and shuffling.</param>
public sealed record TrialSettings(double Lambda, int StepSize, int Cycles, int HiddenUnits = 50, int Seed = 1)
{
    /// <summary>A stable identity of the settings (round-trip formatting of λ).</summary>
    public string Key => FormattableString.Invariant($"lambda={Lambda:R};ns={StepSize};cycles={Cycles};m={HiddenUnits};seed={Seed}");
}

/// <summary>A finished trial.</summary>
/// <param name="Settings">What was trained.</param>
/// <param name="ValidationAccuracy">Final validation accuracy.</param>
/// <param name="ValidationLoss">Final validation loss.</param>
/// <param name="TrainAccuracy">Final training accuracy (on the curve subset).</param>
/// <param name="Seconds">Wall time of the trial.</param>
public sealed record TrialResult(TrialSettings Settings, double ValidationAccuracy, double ValidationLoss, double TrainAccuracy, double Seconds)
{
    /// <summary>λ, for tables and charts.</summary>
    public double Lambda => Settings.Lambda;
}

/// <summary>Progress of a search: trials finished (including ones restored from the store).</summary>
public sealed record SearchProgress(int Finished, int Total, int Restored, TrialResult? Latest)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Finished}/{Total} trials" + (Restored > 0 ? $" ({Restored} restored)" : "") +
        (Latest is { } r ? $", last λ = {r.Lambda:0.#####e+0} → val acc {r.ValidationAccuracy:P2} in {r.Seconds:0.0} s" : "");
}
