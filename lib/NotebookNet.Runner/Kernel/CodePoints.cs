namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2+); .NET strings in UTF-16 units. These
/// convert between the two (they differ only past a character outside the Basic Multilingual Plane).
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> in <paramref name="text"/>
    /// (clamped).</summary>
    public static int ToIndex(string text, int codePoint)
    {
        int index = 0;
        for (int n = 0; n < codePoint && index < text.Length; n++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        return index;
    }

    /// <summary>The code point position of UTF-16 index <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static int FromIndex(string text, int index)
    {
        int n = 0;
        for (int i = 0; i < index && i < text.Length; i++)
            if (!char.IsLowSurrogate(text[i])) n++;
        return n;
    }
}
