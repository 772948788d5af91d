namespace NotebookNet.Models;

/// <summary>
/// The networks' reusable scratch arrays: grown when a batch needs more, never shrunk, so steps allocate nothing.
/// </summary>
internal static class Workspace
{
    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="size"/> floats.</summary>
    public static void Ensure(ref float[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new float[size];
    }
}
