namespace NotebookNet;

/// <summary>
/// The cancellation of the notebook cell that is running, for code that was not handed a token. A host (the
/// headless runner, our Jupyter kernel) sets it around each cell with <see cref="Enter"/>; it flows with the cell's
/// execution context (an <see cref="AsyncLocal{T}"/>) into everything the cell calls, tasks and threads it starts
/// included. The library's long operations take it by default (<see cref="Or"/>): training, the searches, the
/// learning-rate range test and evaluation stop within one step when the user interrupts the cell, and the
/// variables of earlier cells survive. Outside a host (the released .NET Interactive kernel, a unit test) it is
/// <see cref="CancellationToken.None"/> and changes nothing. User code may observe it too:
/// <c>CellCancellation.Current.ThrowIfCancellationRequested()</c> inside a long loop of its own.
/// </summary>
public static class CellCancellation
{
    private static readonly AsyncLocal<CancellationToken> Token = new();

    /// <summary>The running cell's token, or <see cref="CancellationToken.None"/> outside a hosted cell.</summary>
    public static CancellationToken Current => Token.Value;

    /// <summary>
    /// <paramref name="explicitToken"/> when the caller passed one that can be cancelled, else <see cref="Current"/>:
    /// the first line of a long operation that takes an optional token.
    /// </summary>
    public static CancellationToken Or(CancellationToken explicitToken) =>
        explicitToken.CanBeCanceled ? explicitToken : Token.Value;

    /// <summary>
    /// Makes <paramref name="token"/> the current cell's token for this execution context until the returned scope
    /// is disposed (a host calls it just before running a cell's code, on the flow that runs it).
    /// </summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = Token.Value;
        Token.Value = token;
        return new Scope(previous);
    }

    /// <summary>Restores the token that was current before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CancellationToken _previous;

        internal Scope(CancellationToken previous) => _previous = previous;

        /// <summary>Puts the previous token back.</summary>
        public void Dispose() => Token.Value = _previous;
    }
}
