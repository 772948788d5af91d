using System.Globalization;
using System.Text;

namespace NotebookNet.Reporting;

/// <summary>
/// A table as the files a report is written from, with every cell exactly as the notebook shows it
/// (<see cref="HtmlTable.FormatValue"/>): CSV (RFC 4180), a Markdown pipe table, and a LaTeX <c>booktabs</c> tabular
/// that compiles as it is (special characters escaped, Greek letters and symbols as math; needs
/// <c>\usepackage{booktabs}</c>).
/// </summary>
public static class TableFiles
{
    /// <summary>CSV: a header line, then one line a row; fields
    /// with commas, quotes or line breaks are quoted.</summary>
    public static string Csv(HtmlTable table)
    {
        static string Field(string s) =>
            s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var csv = new StringBuilder();
        csv.Append(string.Join(",", table.Columns.Select(Field))).Append("\r\n");
        foreach (var row in table.Cells()) csv.Append(string.Join(",", row.Select(Field))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>A Markdown pipe table (numbers right-aligned),
    /// under the title as a bold line when there is one.</summary>
    public static string Markdown(HtmlTable table)
    {
        static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
        var md = new StringBuilder();
        if (table.Title is { } title) md.Append("**").Append(Cell(title)).Append("**\n\n");
        md.Append("| ").Append(string.Join(" | ", table.Columns.Select(Cell))).Append(" |\n");
        md.Append('|').Append(string.Join("|", table.Numeric.Select(n => n ? " ---: " : " --- "))).Append("|\n");
        foreach (var row in table.Cells()) md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        return md.ToString();
    }

    /// <summary>A <c>booktabs</c> tabular (numbers right-aligned), the title in a comment above it.</summary>
    public static string Latex(HtmlTable table)
    {
        var tex = new StringBuilder();
        tex.Append("% ").Append(table.Title ?? "table").Append(" (NotebookNet; needs \\usepackage{booktabs})\n");
        tex.Append("\\begin{tabular}{").Append(string.Concat(table.Numeric.Select(n => n ? 'r' : 'l'))).Append("}\n");
        tex.Append("\\toprule\n");
        tex.Append(string.Join(" & ", table.Columns.Select(Escape))).Append(" \\\\\n");
        tex.Append("\\midrule\n");
        foreach (var row in table.Cells()) tex.Append(string.Join(" & ", row.Select(Escape))).Append(" \\\\\n");
        tex.Append("\\bottomrule\n\\end{tabular}\n");
        return tex.ToString();
    }

    /// <summary>
    /// Text as LaTeX: <c># $ % &amp; _ { } ~ ^ \</c> escaped; Greek letters and common symbols (λ, η, ×, ≤, ≈, …) as
    /// math; dashes and ellipses as LaTeX writes them; other non-ASCII letters reduced to their ASCII base (é → e), and
    /// any other non-ASCII character to <c>?</c>, so the tabular compiles with any engine.
    /// </summary>
    public static string Escape(string text)
    {
        var tex = new StringBuilder();
        foreach (var c in text)
        {
            var mapped = c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\{",
                '}' => "\\}",
                '$' => "\\$",
                '%' => "\\%",
                '&' => "\\&",
                '#' => "\\#",
                '_' => "\\_",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '–' => "--",
                '—' => "---",
                '…' => "\\ldots{}",
                '‖' => "$\\|$",
                '·' => "$\\cdot$",
                '×' => "$\\times$",
                '≤' => "$\\leq$",
                '≥' => "$\\geq$",
                '≈' => "$\\approx$",
                '±' => "$\\pm$",
                '→' => "$\\rightarrow$",
                '∞' => "$\\infty$",
                '−' => "$-$",
                '°' => "$^\\circ$",
                '“' or '”' => "\"",
                '‘' or '’' => "'",
                _ => Greek(c) is { } greek ? $"$\\{greek}$" : null,
            };
            if (mapped is not null) tex.Append(mapped);
            else if (c < 128) tex.Append(c);
            else
            {
                var basic = c.ToString().Normalize(NormalizationForm.FormD)
                    .Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark).ToArray();
                tex.Append(basic.Length == 1 && basic[0] < 128 ? basic[0] : '?');
            }
        }
        return tex.ToString();
    }

    private static string? Greek(char c)
    {
        const string letters = "αβγδεζηθικλμνξοπρςστυφχψω";
        string[] names =
        [
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
            "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        ];
        int i = letters.IndexOf(c);
        return i >= 0 && names[i] != "o"
            ? names[i]
            : c switch { 'Λ' => "Lambda", 'Σ' => "Sigma", 'Δ' => "Delta", 'Ω' => "Omega", _ => null };
    }
}
