using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>The Vector512 path (AVX-512 with FMA): 16 floats a vector.</summary>
internal unsafe struct V512 : ISimd<Vector512<float>>
{
    public static int Width => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Splat(float x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> acc) =>
        Vector512.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> v) => V256.Sum(v.GetLower() + v.GetUpper());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
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
