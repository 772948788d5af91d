namespace NotebookNet.Data;

/// <summary>One batch file as found by <see cref="Cifar10Verifier"/>: its name, size and record count.</summary>
/// <param name="Name">File name, e.g. <c>data_batch_1.bin</c>.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Records">Whole 3073-byte records it holds.</param>
public sealed record Cifar10BatchCheck(string Name, long Bytes, long Records);
