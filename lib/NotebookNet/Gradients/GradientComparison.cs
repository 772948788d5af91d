namespace NotebookNet.Gradients;

/// <summary>One parameter's comparison of two gradients.</summary>
/// <param name="Parameter">Its name (W1, b1, …).</param>
/// <param name="MaxAbsoluteError">max |g_a − g_n|.</param>
/// <param name="MaxRelativeError">max |g_a − g_n| / max(eps, |g_a| + |g_n|).</param>
/// <param name="Count">Number of entries compared.</param>
public sealed record GradientComparison(string Parameter, double MaxAbsoluteError, double MaxRelativeError, int Count);
