using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NotebookNet.Numerics;

/// <summary>
/// The kernels' bounds checks: each names the operation, the operand and the shape it must hold, e.g.
/// "Softmax: s has 90 of n×K = 100 elements." Cheap when they pass (inlined; the message is built only on failure).
/// </summary>
internal static class Bounds
{
    /// <summary>
    /// Throws unless <paramref name="rows"/>, <paramref name="cols"/> ≥ 0 and the operand holds at least
    /// rows × cols elements (computed without overflow).
    /// </summary>
    /// <param name="op">The operation, e.g. "Softmax".</param>
    /// <param name="operand">The operand's name, e.g. "s".</param>
    /// <param name="length">The operand's length.</param>
    /// <param name="shape">The shape in the operation's terms, e.g. "n×K".</param>
    /// <param name="rows">Its first dimension.</param>
    /// <param name="cols">Its second dimension (1 for a vector).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(string op, string operand, int length, string shape, int rows, int cols = 1)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols > length) Fail(op, operand, length, shape, rows, cols);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(string op, string operand, int length, string shape, int rows, int cols) =>
        throw new ArgumentException(rows < 0 || cols < 0
            ? $"{op}: {operand}'s shape {shape} has a negative dimension ({rows}, {cols}); they must be ≥ 0."
            : $"{op}: {operand} has {length} of {shape} = {(long)rows * cols} elements.", operand);
}
