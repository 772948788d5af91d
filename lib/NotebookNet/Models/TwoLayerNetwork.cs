using NotebookNet.Data;
using NotebookNet.Numerics;

namespace NotebookNet.Models;

/// <summary>
/// The two-layer ReLU network, float32 fast path. Legend: X (n, d) samples as rows,
/// H = max(0, X W1ᵀ + b1) (n, m), S = H W2ᵀ + b2 (n, K), P = softmax(S), G = (P − Y)/n (n, K),
/// G_h = G W2 ⊙ 1[H &gt; 0] (n, m). Workspaces are reused across steps: no allocation per step.
/// </summary>
public sealed class TwoLayerNetwork : INetwork
{
    private float[] _h = [], _s = [], _g = [], _gh = [], _xDrop = [];
    private float[] _dW1 = [];                                       // only for Gradients: training steps W1 in place
    private readonly float[] _db1, _dW2, _db2;

    /// <summary>
    /// Wraps parameters (updated in place by training). Dropout applies to training steps only; their masks
    /// come from the random stream passed to each step (the trainer's, seeded by
    /// <see cref="Training.TrainingOptions.Seed"/>), so the network holds no random state of its own.
    /// </summary>
    public TwoLayerNetwork(TwoLayerParameters parameters, Dropout? dropout = null)
    {
        Parameters = parameters;
        Dropout = dropout ?? Dropout.None;
        _db1 = new float[parameters.M];
        _dW2 = new float[parameters.W2.Length]; _db2 = new float[parameters.K];
    }

    /// <summary>The live parameters.</summary>
    public TwoLayerParameters Parameters { get; }
    /// <summary>Inverted dropout used in training steps.</summary>
    public Dropout Dropout { get; }
    /// <inheritdoc/>
    public int Dimensions => Parameters.D;
    /// <inheritdoc/>
    public int Classes => Parameters.K;

    /// <summary>What the forward pass leaves for the backward pass (CS231n's cache): X as used, H and S.</summary>
    private readonly ref struct Cache(ReadOnlySpan<float> x, Span<float> h, Span<float> s)
    {
        /// <summary>The input as the first layer saw it: X, or X ⊙ mask / p_x with input dropout.</summary>
        public ReadOnlySpan<float> X { get; } = x;
        /// <summary>H (n, m) after ReLU (and dropout in training).</summary>
        public Span<float> H { get; } = h;
        /// <summary>The scores S (n, K).</summary>
        public Span<float> S { get; } = s;
    }

    /// <summary>
    /// The forward pass, the same for evaluation and training: H into <paramref name="h"/>, S into
    /// <paramref name="s"/>. In <paramref name="training"/> mode inverted dropout masks X and H with draws from
    /// <paramref name="random"/>; evaluation uses every unit unscaled and touches no shared state.
    /// </summary>
    private Cache Forward(ReadOnlySpan<float> x, int n, Span<float> h, Span<float> s, bool training, FastRandom? random)
    {
        var (d, m, k) = (Parameters.D, Parameters.M, Parameters.K);
        var (pX, pH) = training ? ((float)Dropout.KeepInput, (float)Dropout.KeepHidden) : (1f, 1f);
        if (training && Dropout.IsActive && random is null)
            throw new ArgumentNullException(nameof(random),
                $"this network drops units ({Dropout}): pass the random stream its masks are drawn from " +
                "(Trainer passes one seeded by TrainingOptions.Seed).");
        if (pX < 1)
        {
            Workspace.Ensure(ref _xDrop, n * d);
            random!.DropInto(x[..(n * d)], _xDrop, pX);              // X ⊙ mask / p_x
            x = _xDrop.AsSpan(0, n * d);
        }
        Gemm.MultiplyABt(x, Parameters.W1, h, n, m, d);              // H = X W1ᵀ         (n, m)
        Ops.AddBiasRelu(h, Parameters.B1, n, m);                     // H = max(0, H + b1)
        if (pH < 1) random!.DropInto(h, h, pH);                      // H ⊙ mask / p_h
        Gemm.MultiplyABt(h, Parameters.W2, s, n, k, m);              // S = H W2ᵀ         (n, K)
        Ops.AddBias(s, Parameters.B2, n, k);                         // S += b2
        return new Cache(x, h, s);
    }

    /// <summary>
    /// The backward pass from the forward pass's cache: the loss (softmax in place), then every gradient.
    /// Without <paramref name="step"/> all gradients are written to the workspaces; with it, W1 takes its SGD
    /// step inside the ∂L/∂W1 product (nothing after reads W1), which saves writing and re-reading the gradient:
    /// the largest array of a step.
    /// </summary>
    private double Backward(Cache cache, ReadOnlySpan<int> y, int n, (float Eta, float Lambda)? step)
    {
        var (d, m, k) = (Parameters.D, Parameters.M, Parameters.K);
        ReadOnlySpan<float> x = cache.X;
        Span<float> h = cache.H, s = cache.S, g = _g.AsSpan(0, n * k), gh = _gh.AsSpan(0, n * m);
        float pH = (float)Dropout.KeepHidden;
        double loss = Ops.SoftmaxCrossEntropy(s, y, n, k) / n;      // P = softmax(S), in place

        Ops.SoftmaxGradient(s, y, g, n, k);                          // G = (P − Y)/n     (n, K)
        Gemm.MultiplyAtB(g, h, _dW2, k, m, n);                       // ∂L/∂W2 = Gᵀ H     (K, m)
        Ops.ColumnSums(g, _db2, n, k);                               // ∂L/∂b2 = Gᵀ 1
        Gemm.MultiplyAB(g, Parameters.W2, gh, n, m, k);              // G_h = G W2        (n, m)
        Ops.ReluBackward(gh, h, n * m);                              // G_h ⊙ 1[H > 0]
        if (pH < 1) Ops.Scale(gh, 1f / pH);                          // kept units were scaled by 1/p_h
        if (step is var (eta, lambda))
            Gemm.SgdStepAtB(gh, x, Parameters.W1, m, d, n, eta, lambda); // W1 ← (1 − 2ηλ) W1 − η G_hᵀ X
        else
        {
            Workspace.Ensure(ref _dW1, m * d);
            Gemm.MultiplyAtB(gh, x, _dW1, m, d, n);                  // ∂L/∂W1 = G_hᵀ X   (m, d)
        }
        Ops.ColumnSums(gh, _db1, n, m);                              // ∂L/∂b1 = G_hᵀ 1
        return loss;
    }

    /// <summary>One training pass: the forward pass in training mode, then the backward pass on its cache.</summary>
    private double ForwardBackward(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, FastRandom? random,
        (float Eta, float Lambda)? step = null)
    {
        var (m, k) = (Parameters.M, Parameters.K);
        Workspace.Ensure(ref _h, n * m); Workspace.Ensure(ref _gh, n * m);
        Workspace.Ensure(ref _s, n * k); Workspace.Ensure(ref _g, n * k);
        var cache = Forward(x, n, _h.AsSpan(0, n * m), _s.AsSpan(0, n * k), training: true, random);
        return Backward(cache, y, n, step);
    }

    /// <summary>
    /// Analytic gradients of the mean cross-entropy (without the λ term) on a batch, as copies; with dropout,
    /// its masks are drawn from <paramref name="random"/> as in <see cref="TrainStep"/>.
    /// </summary>
    public (float[] dW1, float[] db1, float[] dW2, float[] db2, double loss) Gradients(
        ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, FastRandom? random = null)
    {
        double loss = ForwardBackward(x, y, n, random);
        return ((float[])_dW1.Clone(), (float[])_db1.Clone(), (float[])_dW2.Clone(), (float[])_db2.Clone(), loss);
    }

    /// <inheritdoc/>
    public double TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, float eta, float lambda,
        FastRandom? random = null)
    {
        double loss = ForwardBackward(x, y, n, random, (eta, lambda)); // includes the W1 step
        Ops.SgdStep(Parameters.B1, _db1, eta);
        Ops.SgdStepL2(Parameters.W2, _dW2, eta, lambda);
        Ops.SgdStep(Parameters.B2, _db2, eta);
        return loss;
    }

    /// <inheritdoc/>
    public float[] Probabilities(LabeledSet set) => Probabilities(set, set.Count);

    /// <summary>Probabilities of the first <paramref name="count"/> samples of the set, read in place.</summary>
    private float[] Probabilities(LabeledSet set, int count) =>
        NetworkEvaluation.Probabilities(this, set, count, NetworkEvaluation.ChunkRows * Parameters.M,
            (x, n, p, h) =>
            {
                Forward(x, n, h.AsSpan(0, n * Parameters.M), p, training: false, random: null);
                Ops.Softmax(p, n, Parameters.K);                     // P = softmax(S)
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
    public double Regularisation(double lambda) =>
        lambda * (Ops.SumOfSquares(Parameters.W1) + Ops.SumOfSquares(Parameters.W2));
    /// <inheritdoc/>
    public bool IsFinite() =>
        Finite.All(Parameters.W1) && Finite.All(Parameters.B1)
        && Finite.All(Parameters.W2) && Finite.All(Parameters.B2);
    /// <inheritdoc/>
    public INetwork Clone() => new TwoLayerNetwork(Parameters.Copy(), Dropout);
    /// <inheritdoc/>
    INetwork INetwork.CloneInto(INetwork? copy)
    {
        if (copy is not TwoLayerNetwork network || network == this || network.Dropout != Dropout
            || !Parameters.CopyTo(network.Parameters))
            return Clone();
        return network;
    }
}
