using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>
/// One vector width's operations, so each kernel is written once and the JIT specialises it for
/// <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> and the portable <see cref="Vector128{T}"/>.
/// </summary>
internal unsafe interface ISimd<TV> where TV : struct
{
    static abstract int Width { get; }
    static abstract TV Zero { get; }
    static abstract TV Load(float* p);
    static abstract void Store(float* p, TV v);
    static abstract TV Splat(float x);
    /// <summary>a·b + acc, fused.</summary>
    static abstract TV Fma(TV a, TV b, TV acc);
    static abstract float Sum(TV v);
    static abstract TV Add(TV a, TV b);
    static abstract TV Sub(TV a, TV b);
    static abstract TV Mul(TV a, TV b);
    /// <summary>IEEE maximum, like <see cref="MathF.Max(float, float)"/> (NaN propagates, +0 &gt; −0).</summary>
    static abstract TV Max(TV a, TV b);
    /// <summary>g where h &gt; 0 is not false, i.e. zero exactly where h ≤ 0.</summary>
    static abstract TV ZeroWhereNotPositive(TV g, TV h);
    /// <summary>Σ v², widened to double.</summary>
    static abstract double SumSquaresWide(float* p, int count);
}
