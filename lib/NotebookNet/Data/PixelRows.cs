using System.Runtime.InteropServices;

namespace NotebookNet.Data;

/// <summary>
/// Images picked out of raw batches in a chosen order, without copying them: the input of the byte paths of
/// <see cref="Standardiser"/>. Row r is image <c>indices[r]</c> of the batches taken one after another; its 3072
/// pixel bytes stay where the batch holds them, pinned until this object is disposed.
/// </summary>
internal sealed unsafe class PixelRows : IDisposable
{
    private readonly GCHandle[] _pins;
    private readonly nint[] _rows;     // address of each picked row's first pixel
    private readonly int[] _labels;

    /// <summary>
    /// Picks <paramref name="indices"/> (into the concatenation of <paramref name="batches"/>), in order.
    /// </summary>
    public PixelRows(IReadOnlyList<Cifar10Batch> batches, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var starts = new int[batches.Count + 1];   // image index where each batch starts
        for (int b = 0; b < batches.Count; b++)
        {
            CheckShape(batches[b]);
            starts[b + 1] = starts[b] + batches[b].Count;
        }
        _pins = new GCHandle[batches.Count];
        _rows = new nint[indices.Length];
        _labels = new int[indices.Length];
        try
        {
            for (int b = 0; b < batches.Count; b++) _pins[b] = GCHandle.Alloc(batches[b].Pixels, GCHandleType.Pinned);
            for (int r = 0; r < indices.Length; r++)
            {
                int i = indices[r];
                if ((uint)i >= (uint)starts[^1])
                    throw new ArgumentOutOfRangeException(nameof(indices), i, $"the batches hold {starts[^1]} images.");
                int b = 0;
                while (i >= starts[b + 1]) b++;
                int row = i - starts[b];
                _rows[r] = _pins[b].AddrOfPinnedObject() + (nint)row * Cifar10.Dimensions;
                _labels[r] = batches[b].Labels[row];
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The first <paramref name="count"/> images of <paramref name="batch"/> (all when count ≥ n).</summary>
    public static PixelRows First(Cifar10Batch batch, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int n = Math.Min(count ?? batch.Count, batch.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(count));
        var indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = i;
        return new PixelRows([batch], indices);
    }

    /// <summary>Throws unless the batch holds 3072 pixel bytes for each of its labels.</summary>
    internal static void CheckShape(Cifar10Batch batch)
    {
        if (batch.Pixels.Length != (long)batch.Count * Cifar10.Dimensions)
            throw new ArgumentException($"batch {batch.Name} has {batch.Pixels.Length} pixel bytes for {batch.Count} " +
                                        $"labels; it needs {Cifar10.Dimensions} for each.", nameof(batch));
    }

    /// <summary>Number of rows n.</summary>
    public int Count => _rows.Length;

    /// <summary>The address of each row's first pixel byte, in row order.</summary>
    public ReadOnlySpan<nint> Addresses => _rows;

    /// <summary>Row r's 3072 pixel bytes.</summary>
    public byte* this[int r] => (byte*)_rows[r];

    /// <summary>A copy of the rows' labels, in row order.</summary>
    public int[] Labels() => (int[])_labels.Clone();

    /// <summary>Unpins the batches.</summary>
    public void Dispose()
    {
        for (int b = 0; b < _pins.Length; b++)
            if (_pins[b].IsAllocated) _pins[b].Free();
    }
}
