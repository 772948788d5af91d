using NotebookNet.Data;
using NotebookNet.Numerics;

namespace NotebookNet.Models;

/// <summary>Evaluation shared by the networks: probabilities in chunks → loss, accuracy, predictions.</summary>
public static class NetworkEvaluation
{
    /// <summary>Rows evaluated at a time (bounds workspace memory).</summary>
    public const int ChunkRows = 1000;

    // The workspace of the chunks a thread evaluates, grown when a wider network needs more, never shrunk: an
    // evaluation allocates none (at m = 1000 one is 4 MB, and training evaluates every history point).
    [ThreadStatic] private static float[]? t_workspace;

    /// <summary>The forward pass of one chunk: <paramref name="n"/> rows of X into their probabilities, with a
    /// per-thread workspace.</summary>
    internal delegate void ChunkForward(ReadOnlySpan<float> x, int n, Span<float> p, float[] workspace);

    /// <summary>
    /// Probabilities (count × K) of the first <paramref name="count"/> samples of a set, read in place, chunk by
    /// chunk, one chunk per core at a time. Each chunk gets the same operations whichever thread takes it, so the
    /// result does not depend on the thread count; the chunks start at sample 0, so the first samples of a set get
    /// the values a copy of them would.
    /// </summary>
    internal static float[] Probabilities(INetwork network, LabeledSet set, int count, int workspaceFloats,
        ChunkForward forward)
    {
        CellCancellation.Current.ThrowIfCancellationRequested(); // an interrupted notebook cell stops here
        int d = network.Dimensions, k = network.Classes;
        if (set.Dimensions != d)
            throw new ArgumentException(
                $"the set has {set.Dimensions} dimensions per sample but the network expects {d}: " +
                "evaluate it on data prepared the same way as its training data.", nameof(set));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, set.Count);
        var p = new float[count * k];
        int chunks = (count + ChunkRows - 1) / ChunkRows, parts = KernelThreads.PartsFor(chunks);
        KernelThreads.ForEach(chunks, parts, (chunk, _) =>
        {
            int start = chunk * ChunkRows, n = Math.Min(ChunkRows, count - start);
            forward(set.X.AsSpan(start * d, n * d), n, p.AsSpan(start * k, n * k), ThreadWorkspace(workspaceFloats));
        });
        return p;
    }

    /// <summary>This thread's evaluation workspace, at least <paramref name="floats"/> long.</summary>
    private static float[] ThreadWorkspace(int floats)
    {
        var workspace = t_workspace;
        if (workspace is null || workspace.Length < floats) t_workspace = workspace = new float[floats];
        return workspace;
    }

    /// <summary>Loss, cost and accuracy of <paramref name="network"/> on <paramref name="set"/>.</summary>
    public static Evaluation Evaluate(INetwork network, LabeledSet set, double lambda) =>
        Score(network, set, set.Count, network.Probabilities(set), lambda);

    /// <summary>
    /// Loss, cost and accuracy of the first <paramref name="n"/> samples of <paramref name="set"/> from their
    /// probabilities <paramref name="p"/> (n × K).
    /// </summary>
    internal static Evaluation Score(INetwork network, LabeledSet set, int n, float[] p, double lambda)
    {
        int k = network.Classes;
        var predicted = new int[n];
        Ops.ArgMaxRows(p, predicted, n, k);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            loss -= Math.Log(Math.Max(p[i * k + set.Y[i]], 1e-30f));
            if (predicted[i] == set.Y[i]) correct++;
        }
        loss /= n;
        return new Evaluation(loss, loss + network.Regularisation(lambda), (double)correct / n);
    }

    /// <summary>The predicted class of each sample.</summary>
    public static int[] Predict(INetwork network, LabeledSet set)
    {
        var p = network.Probabilities(set);
        var result = new int[set.Count];
        Ops.ArgMaxRows(p, result, set.Count, network.Classes);
        return result;
    }

    /// <summary>Accuracy of averaged probabilities (a snapshot ensemble) on a set.</summary>
    public static double EnsembleAccuracy(IReadOnlyList<INetwork> members, LabeledSet set)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member.", nameof(members));
        int k = members[0].Classes;
        var sum = new float[set.Count * k];
        foreach (var member in members)
        {
            Ops.AddInto(sum, member.Probabilities(set));
        }
        var predicted = new int[set.Count];
        Ops.ArgMaxRows(sum, predicted, set.Count, k);
        int correct = 0;
        for (int i = 0; i < set.Count; i++) if (predicted[i] == set.Y[i]) correct++;
        return (double)correct / set.Count;
    }
}
