namespace NotebookNet.Training;

/// <summary>A constant η (assignment 1).</summary>
public sealed record ConstantLearningRate : ILearningRate
{
    /// <summary>η.</summary>
    public double Eta { get; }
    /// <summary>Validates η &gt; 0.</summary>
    public ConstantLearningRate(double eta)
    {
        if (!(eta > 0 && double.IsFinite(eta)))
            throw new ArgumentOutOfRangeException(nameof(eta), eta,
                "the learning rate η must be a finite number > 0 (the reports use .1 and .001).");
        Eta = eta;
    }
    /// <inheritdoc/>
    public double At(int t) => Eta;
    /// <inheritdoc/>
    public int? CycleLength => null;
    /// <inheritdoc/>
    public override string ToString() => $"η = {Eta:g}";
}
