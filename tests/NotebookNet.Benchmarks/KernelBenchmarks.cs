using BenchmarkDotNet.Attributes;
using NotebookNet.Numerics;

namespace NotebookNet.Benchmarks;

/// <summary>
/// The products and element-wise work of one two-layer training step (batch n = 100, d = 3072, K = 10)
/// for m = 50 and m = 1000, each on both cores and on one.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int N = 100, D = 3072, K = 10;
    private float[] _x = [], _w1 = [], _b1 = [], _w2 = [], _h = [], _s = [], _g = [], _gh = [], _dw1 = [], _dw2 = [];
    private int[] _y = [];

    /// <summary>Hidden units.</summary>
    [Params(50, 1000)] public int M { get; set; }

    /// <summary>Threads the kernels may use.</summary>
    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        float[] R(int count) => RandomArrays.Uniform(rng, count);
        (_x, _w1, _b1, _w2) = (R(N * D), R(M * D), R(M), R(K * M));
        (_h, _s, _g, _gh, _dw1, _dw2) = (R(N * M), R(N * K), R(N * K), R(N * M), new float[M * D], new float[K * M]);
        _y = Enumerable.Range(0, N).Select(i => i % K).ToArray();
        KernelThreads.MaxThreads = Threads;
    }

    [GlobalCleanup] public void Cleanup() => KernelThreads.MaxThreads = 2;

    /// <summary>H = X·W1ᵀ (n×d)·(m×d)ᵀ.</summary>
    [Benchmark] public void ForwardHidden() => Gemm.MultiplyABt(_x, _w1, _h, N, M, D);
    /// <summary>S = H·W2ᵀ.</summary>
    [Benchmark] public void ForwardScores() => Gemm.MultiplyABt(_h, _w2, _s, N, K, M);
    /// <summary>dW2 = Gᵀ·H.</summary>
    [Benchmark] public void GradientW2() => Gemm.MultiplyAtB(_g, _h, _dw2, K, M, N);
    /// <summary>G_h = G·W2.</summary>
    [Benchmark] public void BackwardHidden() => Gemm.MultiplyAB(_g, _w2, _gh, N, M, K);
    /// <summary>dW1 = G_hᵀ·X.</summary>
    [Benchmark] public void GradientW1() => Gemm.MultiplyAtB(_gh, _x, _dw1, M, D, N);
    /// <summary>Bias + ReLU, softmax + loss, its gradient, ReLU backward, bias gradients.</summary>
    [Benchmark]
    public double SmallOps()
    {
        Ops.AddBiasRelu(_h, _b1, N, M);
        _s.AsSpan().Fill(0.1f);
        double loss = Ops.SoftmaxCrossEntropy(_s, _y, N, K);
        Ops.SoftmaxGradient(_s, _y, _g, N, K);
        Ops.ReluBackward(_gh, _h, N * M);
        Ops.ColumnSums(_gh, _b1, N, M);
        return loss;
    }
    /// <summary>W1 ← (1 − 2ηλ)W1 − η dW1.</summary>
    [Benchmark] public void UpdateW1() => Ops.SgdStepL2(_w1, _dw1, 1e-6f, 0.01f);
}
