using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookNet.Reporting;

/// <summary>
/// The one place the files a notebook's outputs become are named: <c>&lt;stem&gt;-&lt;nn&gt;-&lt;slug of the
/// title&gt;.&lt;ext&gt;</c>, numbered in the order the notebook shows its charts (in <c>figures/</c>) or its tables
/// (in <c>tables/</c>), 01, 02, …, e.g. <c>02-cyclical-runs-03-one-cycle-accuracy.png</c>,
/// <c>00-one-layer-baseline-01-test-accuracy-and-loss.tex</c>.
/// </summary>
public static class ArtifactNames
{
    /// <summary>Longest title slug kept in a name.</summary>
    public const int SlugLength = 48;

    /// <summary>The base name (no extension) of figure or table
    /// <paramref name="number"/> of notebook <paramref name="stem"/>.</summary>
    public static string Of(string stem, int number, string? title) =>
        $"{SafeStem(stem)}-{number:00}-{Slug(title ?? "chart", SlugLength)}";

    /// <summary>A stem as it appears in figure names: characters invalid in file
    /// names and white space become '-' (<c>figure</c> when empty).</summary>
    public static string SafeStem(string stem)
    {
        var safe = string.Concat(stem.Select(c =>
            Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '-' : c));
        return safe.Length == 0 ? "figure" : safe;
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> (any extension) is a figure or table of notebook <paramref name="stem"/>:
    /// <c>&lt;stem&gt;-&lt;nn&gt;-…</c>. Unlike <c>&lt;stem&gt;-*</c> it skips the figures of a notebook whose stem
    /// only starts with this one (<c>02</c> and <c>02-cyclical-runs</c>).
    /// </summary>
    public static bool IsOutputOf(string fileName, string stem) =>
        Regex.IsMatch(fileName, $@"^{Regex.Escape(SafeStem(stem))}-\d{{2,}}-");

    /// <summary>Notebook <paramref name="stem"/>'s figure pages (<c>.html</c>) in
    /// <paramref name="directory"/>, in figure order (none when the folder is missing).</summary>
    public static string[] Pages(string directory, string stem) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.html").Where(f => IsOutputOf(Path.GetFileName(f), stem))
                .Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>A lower-case file-name slug: letters and digits kept
    /// (accents and Greek transliterated loosely), others to '-'.</summary>
    public static string Slug(string text, int maxLength)
    {
        var s = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            var c = ch switch
            {
                'λ' or 'Λ' => "lambda",
                'η' => "eta",
                'σ' => "sigma",
                'μ' => "mu",
                '×' => "x",
                _ => null,
            };
            if (c is not null) s.Append(c);
            else if (char.IsAsciiLetterOrDigit(ch)) s.Append(char.ToLowerInvariant(ch));
            else if (char.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            else if (s.Length > 0 && s[^1] != '-') s.Append('-');
        }
        var slug = s.ToString().Trim('-');
        if (slug.Length > maxLength) slug = slug[..maxLength].TrimEnd('-');
        return slug.Length == 0 ? "chart" : slug;
    }
}
