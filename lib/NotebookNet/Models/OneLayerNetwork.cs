using NotebookNet.Data;
using NotebookNet.Numerics;

namespace NotebookNet.Models;

/// <summary>
/// The one-layer softmax classifier, float32 fast path. Legend: X (n, d) samples as rows,
/// S = X Wᵀ + b (n, K) scores, P = softmax(S), G = (P − Y)/n the gradient w.r.t. S.
/// </summary>
public sealed class OneLayerNetwork(OneLayerParameters parameters) : INetwork
{
    private float[] _s = [], _g = [];
    private readonly float[] _dW = new float[parameters.W.Length], _db = new float[parameters.B.Length];

    /// <summary>The live parameters (updated in place by training).</summary>
    public OneLayerParameters Parameters { get; } = parameters;
    /// <inheritdoc/>
    public int Dimensions => Parameters.D;
    /// <inheritdoc/>
    public int Classes => Parameters.K;

    /// <summary>Scores S = X Wᵀ + b (n, K) into <paramref name="s"/>.</summary>
    private void Scores(ReadOnlySpan<float> x, int n, Span<float> s)
    {
        int d = Parameters.D, k = Parameters.K;
        Gemm.MultiplyABt(x, Parameters.W, s, n, k, d);          // S = X Wᵀ        (n, K)
        Ops.AddBias(s, Parameters.B, n, k);                       // S += b
    }

    /// <summary>The analytic gradients of the mean cross-entropy (without the λ term) on a batch.</summary>
    public (float[] dW, float[] db, double loss) Gradients(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n)
    {
        double loss = Backward(x, y, n);
        return ((float[])_dW.Clone(), (float[])_db.Clone(), loss);
    }

    private double Backward(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n)
    {
        int d = Parameters.D, k = Parameters.K;
        Workspace.Ensure(ref _s, n * k); Workspace.Ensure(ref _g, n * k);
        Scores(x, n, _s);
        double loss = Ops.SoftmaxCrossEntropy(_s, y, n, k) / n;  // P = softmax(S)
        Ops.SoftmaxGradient(_s, y, _g, n, k);                     // G = (P − Y)/n    (n, K)
        Gemm.MultiplyAtB(_g, x, _dW, k, d, n);                    // ∂L/∂W = Gᵀ X     (K, d)
        Ops.ColumnSums(_g, _db, n, k);                            // ∂L/∂b = Gᵀ 1
        return loss;
    }

    /// <inheritdoc/>
    public double TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, float eta, float lambda,
        FastRandom? random = null)
    {
        double loss = Backward(x, y, n);
        Ops.SgdStepL2(Parameters.W, _dW, eta, lambda);
        Ops.SgdStep(Parameters.B, _db, eta);
        return loss;
    }

    /// <inheritdoc/>
    public float[] Probabilities(LabeledSet set) => Probabilities(set, set.Count);

    /// <summary>Probabilities of the first <paramref name="count"/> samples of the set, read in place.</summary>
    private float[] Probabilities(LabeledSet set, int count) =>
        NetworkEvaluation.Probabilities(this, set, count, 0, (x, n, p, _) =>
        {
            Scores(x, n, p);
            Ops.Softmax(p, n, Parameters.K);                      // P = softmax(S)
        });

    /// <inheritdoc/>
    public Evaluation Evaluate(LabeledSet set, double lambda) => NetworkEvaluation.Evaluate(this, set, lambda);
    /// <inheritdoc/>
    Evaluation INetwork.EvaluateFirst(LabeledSet set, int count, double lambda)
    {
        count = Math.Min(count, set.Count);
        return NetworkEvaluation.Score(this, set, count, Probabilities(set, count), lambda);
    }
    /// <inheritdoc/>
    public double Regularisation(double lambda) => lambda * Ops.SumOfSquares(Parameters.W);
    /// <inheritdoc/>
    public bool IsFinite() => Finite.All(Parameters.W) && Finite.All(Parameters.B);
    /// <inheritdoc/>
    public INetwork Clone() => new OneLayerNetwork(Parameters.Copy());
    /// <inheritdoc/>
    INetwork INetwork.CloneInto(INetwork? copy) =>
        copy is OneLayerNetwork network && network != this && Parameters.CopyTo(network.Parameters) ? network : Clone();
}
