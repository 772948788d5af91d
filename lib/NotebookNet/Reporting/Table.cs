using Microsoft.Data.Analysis;

namespace NotebookNet.Reporting;

/// <summary>
/// A results table: a <see cref="DataFrame"/> with a title. Displayed as an HTML table (<see cref="HtmlTable"/>); every
/// table a notebook shows is also saved as CSV, Markdown and a LaTeX booktabs tabular (<see cref="TableFiles"/>).
/// </summary>
/// <param name="Frame">The rows and columns.</param>
/// <param name="Title">What the table shows; names its files (null: "table").</param>
public sealed record Table(DataFrame Frame, string? Title = null)
{
    /// <inheritdoc/>
    public override string ToString() => HtmlTable.From(this).ToText();
}
