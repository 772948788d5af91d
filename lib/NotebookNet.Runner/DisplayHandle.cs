namespace NotebookNet.Runner;

/// <summary>A displayed value that can be replaced in place, like the kernel's <c>DisplayedValue</c>.</summary>
public sealed class DisplayHandle
{
    private readonly CellContext _context;
    private readonly CellOutput _output;
    private readonly string[] _mimeTypes;

    internal DisplayHandle(CellContext context, CellOutput output, string[] mimeTypes)
    {
        _context = context; _output = output; _mimeTypes = mimeTypes;
    }

    /// <summary>The output's display id (Jupyter's transient <c>display_id</c>).</summary>
    public string DisplayId => _output.DisplayId ?? "";

    /// <summary>
    /// Replaces the displayed value: in the executed notebook, and at once in a kernel's clients
    /// (<c>update_display_data</c>); the runner shows its <c>text/plain</c> form on its progress line.
    /// </summary>
    public void Update(object? value) => _context.Replace(_output, OutputFormatter.Format(value, _mimeTypes));
}
