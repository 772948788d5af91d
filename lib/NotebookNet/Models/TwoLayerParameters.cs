using NotebookNet.Numerics;

namespace NotebookNet.Models;

/// <summary>
/// Parameters of the two-layer network h = max(0, W1 x + b1), P = softmax(W2 h + b2) (assignment 2).
/// W1 (m, d), b1 (m), W2 (K, m), b2 (K), all row-major float32.
/// </summary>
public sealed record TwoLayerParameters(int D, int M, int K, float[] W1, float[] B1, float[] W2, float[] B2)
{
    /// <summary>"Xavier" initialisation: W ~ N(0, 1/d_in), b = 0.</summary>
    public static TwoLayerParameters Initialise(int d, int m, int k, Random rng)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "d must be ≥ 1.");
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "the hidden layer needs m ≥ 1 units.");
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be ≥ 2 classes.");
        return new TwoLayerParameters(d, m, k,
            Gaussian.Array(rng, m * d, 1 / Math.Sqrt(d)), new float[m],
            Gaussian.Array(rng, k * m, 1 / Math.Sqrt(m)), new float[k]);
    }

    /// <summary>A deep copy.</summary>
    public TwoLayerParameters Copy() =>
        this with
        {
            W1 = (float[])W1.Clone(),
            B1 = (float[])B1.Clone(),
            W2 = (float[])W2.Clone(),
            B2 = (float[])B2.Clone()
        };

    /// <summary>
    /// Copies these values into <paramref name="target"/>'s arrays when it has the same shape (true); else leaves
    /// it unchanged (false).
    /// </summary>
    internal bool CopyTo(TwoLayerParameters target)
    {
        if (target.D != D || target.M != M || target.K != K || target.W1.Length != W1.Length
            || target.B1.Length != B1.Length || target.W2.Length != W2.Length || target.B2.Length != B2.Length)
            return false;
        W1.CopyTo(target.W1, 0); B1.CopyTo(target.B1, 0); W2.CopyTo(target.W2, 0); B2.CopyTo(target.B2, 0);
        return true;
    }
}
