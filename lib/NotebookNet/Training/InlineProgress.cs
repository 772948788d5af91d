namespace NotebookNet.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, at once (unlike
/// <see cref="Progress{T}"/>, which posts later): a notebook's display updates while the cell runs.
/// </summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
