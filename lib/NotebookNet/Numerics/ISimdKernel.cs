namespace NotebookNet.Numerics;

/// <summary>
/// One kernel's loop, written once for every vector width: the operation is a small struct holding its operands,
/// and <see cref="SimdPath.Run{TKernel}(ref TKernel, int)"/>, the one switch over widths, calls
/// <see cref="Run{TV, TS}"/> specialised by the JIT for <see cref="V512"/>, <see cref="V256"/> or
/// <see cref="V128"/> (as TensorPrimitives keeps one loop per operator shape and each operation as a struct).
/// </summary>
internal interface ISimdKernel
{
    /// <summary>The loop, on vectors <typeparamref name="TV"/> with operations <typeparamref name="TS"/>.</summary>
    void Run<TV, TS>() where TV : struct where TS : struct, ISimd<TV>;
}
