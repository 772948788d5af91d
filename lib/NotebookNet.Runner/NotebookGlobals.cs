namespace NotebookNet.Runner;

/// <summary>
/// What a notebook cell sees as globals in the runner and our kernel: <c>display(value, mimeTypes)</c>, as in the
/// .NET Interactive kernel.
/// </summary>
public class NotebookGlobals
{
    /// <summary>The cell being executed (set by the host before each cell).</summary>
    public CellContext? Current { get; set; }

    /// <summary>
    /// Shows <paramref name="value"/> as a <c>display_data</c> output of the current cell, formatted with
    /// Microsoft.DotNet.Interactive.Formatting in <paramref name="mimeTypes"/> (default: the type's preferred MIME
    /// types) plus <c>text/plain</c>; returns a handle whose <see cref="DisplayHandle.Update"/> replaces it.
    /// </summary>
#pragma warning disable IDE1006 // lower-case like the kernel's display()
    public DisplayHandle display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var context = Current ?? throw new InvalidOperationException("display() called outside a cell.");
        var output = new CellOutput
        {
            OutputType = "display_data",
            Data = OutputFormatter.Format(value, mimeTypes),
            DisplayId = Guid.NewGuid().ToString("N"),
        };
        context.Add(output);
        return new DisplayHandle(context, output, mimeTypes);
    }
}
