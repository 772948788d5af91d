namespace NotebookNet.Models;

/// <summary>Which network a checkpoint holds.</summary>
public enum CheckpointKind
{
    /// <summary><see cref="OneLayerParameters"/>: W (K, d), b (K).</summary>
    OneLayer = 1,
    /// <summary><see cref="TwoLayerParameters"/>: W1 (m, d), b1 (m), W2 (K, m), b2 (K).</summary>
    TwoLayer = 2,
}
