namespace NotebookNet.Search;

/// <summary>Progress of a search: trials finished (including ones restored from the store).</summary>
public sealed record SearchProgress(int Finished, int Total, int Restored, TrialResult? Latest)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Finished}/{Total} trials" + (Restored > 0 ? $" ({Restored} restored)" : "") +
        (Latest is { } r
            ? $", last λ = {r.Lambda:0.#####e+0} → val acc {r.ValidationAccuracy:P2} in {r.Seconds:0.0} s"
            : "");
}
