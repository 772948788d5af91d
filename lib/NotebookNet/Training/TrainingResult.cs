using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>What a run returns: the trained network, its history, snapshots and wall time.</summary>
/// <param name="Network">The trained network (the same instance that was passed in).</param>
/// <param name="History">Logged points, step 0 first and the final step last.</param>
/// <param name="Snapshots">Copies of the network at the end of each cycle, when asked for.</param>
/// <param name="Steps">Update steps done.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TrainingResult(
    INetwork Network, IReadOnlyList<HistoryPoint> History, IReadOnlyList<INetwork> Snapshots, int Steps, double Seconds)
{
    /// <summary>The last logged point.</summary>
    public HistoryPoint Final => History[^1];
}
