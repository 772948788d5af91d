namespace NotebookNet.Gradients;

/// <summary>A gradient check: every parameter's comparison.</summary>
public sealed record GradientCheckReport(IReadOnlyList<GradientComparison> Rows, string Description)
{
    /// <summary>The largest relative error over all parameters.</summary>
    public double MaxRelativeError => Rows.Max(r => r.MaxRelativeError);
    /// <summary>The largest absolute error over all parameters.</summary>
    public double MaxAbsoluteError => Rows.Max(r => r.MaxAbsoluteError);
}
