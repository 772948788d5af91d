using NotebookNet.Numerics;

namespace NotebookNet.Models;

/// <summary>
/// Parameters of the one-layer softmax classifier P = softmax(W x + b) (assignment 1).
/// W (K, d) row-major, b (K).
/// </summary>
public sealed record OneLayerParameters(int D, int K, float[] W, float[] B)
{
    /// <summary>W ~ N(0, σ²) with σ = 0.01 as in assignment 1, b ~ N(0, σ²).</summary>
    public static OneLayerParameters Initialise(int d, int k, Random rng, double std = 0.01)
    {
        if (d < 1 || k < 2)
            throw new ArgumentOutOfRangeException(nameof(d), $"need d ≥ 1 and K ≥ 2 (got d = {d}, K = {k}).");
        return new OneLayerParameters(d, k, Gaussian.Array(rng, k * d, std), Gaussian.Array(rng, k, std));
    }

    /// <summary>A deep copy.</summary>
    public OneLayerParameters Copy() => this with { W = (float[])W.Clone(), B = (float[])B.Clone() };

    /// <summary>
    /// Copies these values into <paramref name="target"/>'s arrays when it has the same shape (true); else leaves
    /// it unchanged (false).
    /// </summary>
    internal bool CopyTo(OneLayerParameters target)
    {
        if (target.D != D || target.K != K || target.W.Length != W.Length || target.B.Length != B.Length)
            return false;
        W.CopyTo(target.W, 0); B.CopyTo(target.B, 0);
        return true;
    }
}
