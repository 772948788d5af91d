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

    public static string Describe(int width) => width switch
    {
        16 => "Vector512 + FMA",
        8 => "Vector256 + FMA",
        _ => "Vector128 (portable)",
    };
}
