namespace NotebookNet.Models;

/// <summary>The header of a checkpoint: format version, kind and shapes (M = 0 for a one-layer network).</summary>
public readonly record struct CheckpointHeader(int Version, CheckpointKind Kind, int D, int M, int K);
