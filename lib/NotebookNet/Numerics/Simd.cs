using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using X86 = System.Runtime.Intrinsics.X86;

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

internal unsafe struct V512 : ISimd<Vector512<float>>
{
    public static int Width => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> acc) => Vector512.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> v) => V256.Sum(v.GetLower() + v.GetUpper());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ZeroWhereNotPositive(Vector512<float> g, Vector512<float> h) =>
        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(h, Vector512<float>.Zero), Vector512<float>.Zero, g);
    public static double SumSquaresWide(float* p, int count)
    {
        Vector512<double> s0 = default, s1 = default;
        int i = 0;
        for (; i <= count - 16; i += 16)
        {
            var (lo, hi) = Vector512.Widen(Vector512.Load(p + i));
            s0 = Vector512.FusedMultiplyAdd(lo, lo, s0);
            s1 = Vector512.FusedMultiplyAdd(hi, hi, s1);
        }
        double s = Vector512.Sum(s0 + s1);
        for (; i < count; i++) s += (double)p[i] * p[i];
        return s;
    }
}

internal unsafe struct V256 : ISimd<Vector256<float>>
{
    public static int Width => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> acc) => Vector256.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> v) => V128.Sum(v.GetLower() + v.GetUpper());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ZeroWhereNotPositive(Vector256<float> g, Vector256<float> h) =>
        Vector256.ConditionalSelect(Vector256.LessThanOrEqual(h, Vector256<float>.Zero), Vector256<float>.Zero, g);
    public static double SumSquaresWide(float* p, int count)
    {
        Vector256<double> s0 = default, s1 = default;
        int i = 0;
        for (; i <= count - 8; i += 8)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Load(p + i));
            s0 = Vector256.FusedMultiplyAdd(lo, lo, s0);
            s1 = Vector256.FusedMultiplyAdd(hi, hi, s1);
        }
        double s = Vector256.Sum(s0 + s1);
        for (; i < count; i++) s += (double)p[i] * p[i];
        return s;
    }
}

internal unsafe struct V128 : ISimd<Vector128<float>>
{
    public static int Width => 4;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> acc) => Vector128.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> v) => (v.GetElement(0) + v.GetElement(2)) + (v.GetElement(1) + v.GetElement(3));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ZeroWhereNotPositive(Vector128<float> g, Vector128<float> h) =>
        Vector128.ConditionalSelect(Vector128.LessThanOrEqual(h, Vector128<float>.Zero), Vector128<float>.Zero, g);
    public static double SumSquaresWide(float* p, int count)
    {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i <= count - 2; i += 2) { s0 += (double)p[i] * p[i]; s1 += (double)p[i + 1] * p[i + 1]; }
        if (i < count) s0 += (double)p[i] * p[i];
        return s0 + s1;
    }
}

/// <summary>Which vector width the kernels use on this machine (chosen once at run time).</summary>
internal static class SimdPath
{
    /// <summary>The width the hardware supports best: 16 (Vector512), 8 (Vector256 + FMA) or 4 (portable Vector128).</summary>
    public static readonly int Native =
        Vector512.IsHardwareAccelerated ? 16
        : Vector256.IsHardwareAccelerated && (X86.Fma.IsSupported || !X86.Sse.IsSupported) ? 8
        : 4;

    /// <summary>Tests and benchmarks may force a narrower path (0 = native).</summary>
    [ThreadStatic] public static int Forced;

    public static int Width => Forced is 16 or 8 or 4 && Forced <= Native ? Forced : Native;

    public static string Describe(int width) => width switch
    {
        16 => "Vector512 + FMA",
        8 => "Vector256 + FMA",
        _ => "Vector128 (portable)",
    };
}
