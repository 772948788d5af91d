using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>The Vector256 path (AVX2 with FMA): 8 floats a vector.</summary>
internal unsafe struct V256 : ISimd<Vector256<float>>
{
    public static int Width => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Splat(float x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> acc) =>
        Vector256.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => V128.Sum(v.GetLower() + v.GetUpper());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
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
