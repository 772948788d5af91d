namespace NotebookNet.Numerics;

/// <summary>
/// The products' per-thread scratch arrays: pinned, grown when a larger product needs more, never shrunk.
/// </summary>
internal static class ThreadScratch
{
    /// <summary>
    /// <paramref name="buffer"/> (a thread-static field), first replaced by a pinned array of at least
    /// max(<paramref name="floats"/>, 16 K) floats when it is missing or shorter than <paramref name="floats"/>.
    /// </summary>
    internal static float[] AtLeast(ref float[]? buffer, int floats)
    {
        var array = buffer;
        if (array is null || array.Length < floats)
            buffer = array = GC.AllocateUninitializedArray<float>(Math.Max(floats, 16 * 1024), pinned: true);
        return array;
    }
}
