using System.Diagnostics;
using NotebookNet.Reporting;

namespace NotebookNet.Tests.Reporting;

public class TableFilesTests
{
    private static HtmlTable Sample() => HtmlTable.From(Tables.From(new[]
    {
        new { Row = "TC1 baseline, m = 50", Lambda = 0.002584, n_s = 980, Note = "λ = 0 & η_max ≈ .1 (50 %)" },
        new { Row = "TC2 \"5 cycles\"", Lambda = 0.0, n_s = 2450, Note = "–" },
    }, "Bonus rows: λ, n_s & notes"), int.MaxValue);

    [Fact]
    public void Csv_quotes_only_what_needs_quoting_and_keeps_numbers_as_shown()
    {
        Assert.Equal(
            "Row,Lambda,n_s,Note\r\n\"TC1 baseline, m = 50\",0.002584,980,λ = 0 & η_max ≈ .1 (50 %)\r\n\"TC2 \"\"5 " +
            "cycles\"\"\",0,2450,–\r\n",
            TableFiles.Csv(Sample()));
    }

    [Fact]
    public void Markdown_right_aligns_numbers_under_a_bold_title()
    {
        var md = TableFiles.Markdown(Sample()).Split('\n');
        Assert.Equal("**Bonus rows: λ, n_s & notes**", md[0]);
        Assert.Equal("| Row | Lambda | n_s | Note |", md[2]);
        Assert.Equal("| --- | ---: | ---: | --- |", md[3]);
        Assert.Equal("| TC2 \"5 cycles\" | 0 | 2450 | – |", md[5]);
    }

    [Fact]
    public void Latex_escapes_specials_and_writes_symbols_as_math()
    {
        Assert.Equal("n\\_s \\& 50\\% \\$x\\$ \\#1 \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}",
            TableFiles.Escape("n_s & 50% $x$ #1 {a} ~ ^ \\"));
        Assert.Equal("$\\lambda$ = 0, $\\eta$\\_max $\\approx$ .1 -- 1 $\\times$ 2 $\\leq$ 3 \\ldots{} Lowe?",
            TableFiles.Escape("λ = 0, η_max ≈ .1 – 1 × 2 ≤ 3 … Lowe\u4e00"));
        Assert.Equal("Ecole", TableFiles.Escape("École"));
    }

    [Fact]
    public void Latex_table_is_a_booktabs_tabular_with_one_cell_a_column()
    {
        var lines = TableFiles.Latex(Sample()).TrimEnd().Split('\n');
        Assert.StartsWith("% Bonus rows: λ, n_s & notes", lines[0]); // a comment: TeX never reads it
        Assert.Equal("\\begin{tabular}{lrrl}", lines[1]);
        Assert.Equal(["\\toprule", "\\midrule", "\\bottomrule"],
            lines.Where(l => l.EndsWith("rule", StringComparison.Ordinal)));
        Assert.Equal("\\end{tabular}", lines[^1]);
        foreach (var row in lines.Where(l => l.EndsWith(" \\\\", StringComparison.Ordinal)))
            Assert.Equal(3, row.Split(" & ").Length - 1); // four cells: no unescaped & inside one
    }

    [Fact]
    public void Latex_table_compiles_where_a_tex_engine_is_installed()
    {
        var pdflatex = new[] { "/usr/bin/pdflatex", "/usr/local/bin/pdflatex" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(pdflatex is null,
            "no pdflatex (apt-get install texlive-latex-base texlive-latex-recommended); the structure is checked by " +
            "Latex_table_is_a_booktabs_tabular_with_one_cell_a_column");
        var dir = Path.Combine(Path.GetTempPath(), "notebooknet-tex-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "table.tex"), TableFiles.Latex(Sample()));
        File.WriteAllText(Path.Combine(dir, "doc.tex"),
            "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n" +
            "\\input{table.tex}\n\\end{document}\n");
        var info = new ProcessStartInfo(pdflatex!, "-interaction=nonstopmode -halt-on-error doc.tex")
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0
            && File.Exists(Path.Combine(dir, "doc.pdf")), output[^Math.Min(output.Length, 2000)..]);
        Directory.Delete(dir, recursive: true);
    }
}
