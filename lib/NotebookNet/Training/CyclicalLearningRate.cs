namespace NotebookNet.Training;

/// <summary>
/// The triangular cyclical learning rate (Smith 2015) with half-cycle n_s:
/// for t in [2l·n_s, (2l+1)n_s], η = η_min + (t − 2l·n_s)/n_s · (η_max − η_min);
/// for t in [(2l+1)n_s, 2(l+1)n_s], η = η_max − (t − (2l+1)n_s)/n_s · (η_max − η_min).
/// </summary>
public sealed record CyclicalLearningRate : ILearningRate
{
    /// <summary>η_min.</summary>
    public double EtaMin { get; }
    /// <summary>η_max.</summary>
    public double EtaMax { get; }
    /// <summary>n_s, the half-cycle in update steps; one cycle is 2n_s steps.</summary>
    public int StepSize { get; }

    /// <summary>Validates 0 &lt; η_min ≤ η_max and n_s &gt; 0; defaults are the assignment's.</summary>
    public CyclicalLearningRate(int stepSize = 500, double etaMin = 1e-5, double etaMax = 1e-1)
    {
        if (stepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize,
                "n_s (steps per half-cycle) must be > 0; the assignment uses 500, 800 or 2·⌊n/batch⌋.");
        if (!(etaMin > 0 && double.IsFinite(etaMin)))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin,
                "η_min must be a finite number > 0 (the assignment uses 1e-5).");
        if (!(etaMax >= etaMin && double.IsFinite(etaMax)))
            throw new ArgumentOutOfRangeException(nameof(etaMax), etaMax,
                $"η_max must be finite and ≥ η_min = {etaMin:g} (the assignment uses 1e-1).");
        StepSize = stepSize; EtaMin = etaMin; EtaMax = etaMax;
    }

    /// <inheritdoc/>
    public double At(int t)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t), t, "the step must be ≥ 0.");
        int l = t / (2 * StepSize);
        int inCycle = t - 2 * l * StepSize;
        double fraction = inCycle <= StepSize
            ? (double)inCycle / StepSize
            : (double)(2 * StepSize - inCycle) / StepSize;
        return EtaMin + fraction * (EtaMax - EtaMin);
    }

    /// <summary>2n_s: up from η_min to η_max and back down.</summary>
    public int? CycleLength => 2 * StepSize;

    /// <inheritdoc/>
    public override string ToString() => $"cyclical η ∈ [{EtaMin:g}, {EtaMax:g}], n_s = {StepSize}";
}
