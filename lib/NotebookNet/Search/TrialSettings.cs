namespace NotebookNet.Search;

/// <summary>One trial of a search: the settings it trains with. Its
/// <see cref="Key"/> identifies it in the results store.</summary>
/// <param name="Lambda">λ.</param>
/// <param name="StepSize">n_s.</param>
/// <param name="Cycles">Number of cycles.</param>
/// <param name="HiddenUnits">m.</param>
/// <param name="Seed">Seed of initialisation and shuffling.</param>
public sealed record TrialSettings(double Lambda, int StepSize, int Cycles, int HiddenUnits = 50, int Seed = 1)
{
    /// <summary>A stable identity of the settings (round-trip formatting of λ).</summary>
    public string Key =>
        FormattableString.Invariant($"lambda={Lambda:R};ns={StepSize};cycles={Cycles};m={HiddenUnits};seed={Seed}");
}
