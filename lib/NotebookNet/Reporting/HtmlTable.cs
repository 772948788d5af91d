using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookNet.Reporting;

/// <summary>
/// A rendered table: an optional title, header, rows (capped), numbers right-aligned and written as shown
/// (<see cref="FormatValue"/>); how a <see cref="Table"/> or a <see cref="DataFrame"/> displays, as <c>text/html</c>
/// and as an aligned <c>text/plain</c> table. <see cref="TableFiles"/> writes the same cells as CSV, Markdown and
/// LaTeX.
/// </summary>
public sealed class HtmlTable
{
    /// <summary>Default cap on the rows shown.</summary>
    public const int DefaultMaxRows = 100;

    private const string Css =
        "<style>.nbn-table{border-collapse:collapse;"
        + "font:13px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:4px 0}"
        + ".nbn-table th,.nbn-table td{padding:3px 10px;border-bottom:1px solid #ddd}"
        + ".nbn-table th{border-bottom:2px solid #888;text-align:left;font-weight:600}"
        + ".nbn-table td.num,.nbn-table th.num{text-align:right;font-variant-numeric:tabular-nums}"
        + ".nbn-table tbody tr:nth-child(even){background:rgba(127,127,127,.07)}"
        + ".nbn-table caption{caption-side:bottom;text-align:left;color:#888;font-size:12px;padding-top:3px}"
        + ".nbn-table-title{font:600 13px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
        + "margin:6px 0 2px}</style>";

    /// <summary>Creates a table from column names, a per-column "is numeric" flag and cell values
    /// (shown rows only).</summary>
    public HtmlTable(IReadOnlyList<string> columns, IReadOnlyList<bool> numeric,
        IReadOnlyList<IReadOnlyList<object?>> rows, long totalRows, string? title = null)
    {
        Columns = columns; Numeric = numeric; Rows = rows; TotalRows = totalRows; Title = title;
    }

    /// <summary>The title shown above the table, if any.</summary>
    public string? Title { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Whether each column holds numbers (right-aligned).</summary>
    public IReadOnlyList<bool> Numeric { get; }
    /// <summary>The rows shown (at most the cap).</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }
    /// <summary>How many rows the source had.</summary>
    public long TotalRows { get; }

    /// <summary>A titled table's first <paramref name="maxRows"/> rows.</summary>
    public static HtmlTable From(Table table, int maxRows = DefaultMaxRows) => From(table.Frame, maxRows, table.Title);

    /// <summary>A table of a data frame's first <paramref name="maxRows"/> rows.</summary>
    public static HtmlTable From(DataFrame frame, int maxRows = DefaultMaxRows, string? title = null)
    {
        var columns = frame.Columns.Select(c => c.Name).ToArray();
        var numeric = frame.Columns.Select(c => IsNumeric(c.DataType)).ToArray();
        var shown = new List<IReadOnlyList<object?>>();
        for (long r = 0; r < Math.Min(frame.Rows.Count, maxRows); r++)
            shown.Add(frame.Columns.Select(c => c[r]).ToArray());
        return new HtmlTable(columns, numeric, shown, frame.Rows.Count, title);
    }

    /// <summary>How a cell value is written: numbers with up to 6
    /// significant digits (invariant culture), null as empty.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        decimal m => m.ToString("G", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The table as an HTML fragment (with its own small stylesheet).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder(Css);
        if (Title is not null)
            html.Append("<div class=\"nbn-table-title\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>");
        html.Append("<table class=\"nbn-table\"><thead><tr>");
        for (int c = 0; c < Columns.Count; c++)
            html.Append(Numeric[c] ? "<th class=\"num\">" : "<th>")
                .Append(WebUtility.HtmlEncode(Columns[c])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < Columns.Count; c++)
                html.Append(Numeric[c] ? "<td class=\"num\">" : "<td>")
                    .Append(WebUtility.HtmlEncode(FormatValue(row[c]))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody>");
        if (TotalRows > Rows.Count) html.Append($"<caption>showing {Rows.Count} of {TotalRows} rows</caption>");
        return html.Append("</table>").ToString();
    }

    /// <summary>Every shown row's cells as written (<see cref="FormatValue"/>).</summary>
    public IReadOnlyList<string[]> Cells() => Rows.Select(r => r.Select(FormatValue).ToArray()).ToArray();

    /// <summary>The table as aligned plain text.</summary>
    public string ToText()
    {
        var cells = Cells();
        var widths = Columns
            .Select((name, c) => Math.Max(name.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length)))
            .ToArray();
        string Pad(string s, int c) => Numeric[c] ? s.PadLeft(widths[c]) : s.PadRight(widths[c]);
        var text = new StringBuilder();
        if (Title is not null) text.AppendLine(Title);
        text.AppendLine(string.Join("  ", Columns.Select(Pad)).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) text.AppendLine(string.Join("  ", row.Select(Pad)).TrimEnd());
        if (TotalRows > Rows.Count) text.AppendLine($"(showing {Rows.Count} of {TotalRows} rows)");
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(int)
            || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong)
            || t == typeof(ushort) || t == typeof(sbyte);
    }
}
