namespace NotebookNet.Models;

/// <summary>Finiteness checks.</summary>
public static class Finite
{
    /// <summary>True when no value is NaN or ±∞.</summary>
    public static bool All(ReadOnlySpan<float> values)
    {
        // NaN and ∞ propagate through a sum of x·0; one pass, no branches per element.
        float acc = 0;
        foreach (var v in values) acc += v * 0f;
        return acc == 0f;
    }
}
