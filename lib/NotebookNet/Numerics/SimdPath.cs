using System.Runtime.Intrinsics;
using X86 = System.Runtime.Intrinsics.X86;

namespace NotebookNet.Numerics;

/// <summary>Which vector width the kernels use on this machine (chosen once at run time).</summary>
internal static class SimdPath
{
    /// <summary>
    /// The width the hardware supports best: 16 (Vector512), 8 (Vector256 + FMA) or 4 (portable Vector128).
    /// </summary>
    public static readonly int Native =
        Vector512.IsHardwareAccelerated ? 16
        : Vector256.IsHardwareAccelerated && (X86.Fma.IsSupported || !X86.Sse.IsSupported) ? 8
        : 4;

    /// <summary>Tests and benchmarks may force a narrower path (0 = native).</summary>
    [ThreadStatic] public static int Forced;

    public static int Width => Forced is 16 or 8 or 4 && Forced <= Native ? Forced : Native;

    /// <summary>Runs <paramref name="kernel"/> on this thread's vector width: the one switch over widths.</summary>
    public static void Run<TKernel>(ref TKernel kernel) where TKernel : struct, ISimdKernel => Run(ref kernel, Width);

    /// <summary>
    /// Runs <paramref name="kernel"/> on the given width (16, 8 or 4), e.g. the width a product's caller saw,
    /// on a worker thread (<see cref="Forced"/> belongs to the calling thread).
    /// </summary>
    public static void Run<TKernel>(ref TKernel kernel, int width) where TKernel : struct, ISimdKernel
    {
        switch (width)
        {
            case 16: kernel.Run<Vector512<float>, V512>(); break;
            case 8: kernel.Run<Vector256<float>, V256>(); break;
            default: kernel.Run<Vector128<float>, V128>(); break;
        }
    }

    public static string Describe(int width) => width switch
    {
        16 => "Vector512 + FMA",
        8 => "Vector256 + FMA",
        _ => "Vector128 (portable)",
    };
}
