using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Numerics;

/// <summary>The portable Vector128 path (SSE, NEON, any machine): 4 floats a vector.</summary>
internal unsafe struct V128 : ISimd<Vector128<float>>
{
    public static int Width => 4;
    public static Vector128<float> Zero => Vector128<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Splat(float x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> acc) =>
        Vector128.FusedMultiplyAdd(a, b, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> v) =>
        (v.GetElement(0) + v.GetElement(2)) + (v.GetElement(1) + v.GetElement(3));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
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
