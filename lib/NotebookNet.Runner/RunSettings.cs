using System.Globalization;
using NotebookNet.Reporting;

namespace NotebookNet.Runner;

/// <summary>Options of <c>run</c>.</summary>
public sealed class RunSettings
{
    /// <summary>Parameter overrides in command-line order (later wins): name → raw value.</summary>
    public List<KeyValuePair<string, string>> Parameters { get; } = [];
    /// <summary>Keep running later cells and notebooks after a failure.</summary>
    public bool ContinueOnError { get; set; }
    /// <summary>Fail a cell that runs longer than this.</summary>
    public TimeSpan? CellTimeout { get; set; }
    /// <summary>The output directory (default <c>&lt;repo&gt;/artifacts</c>).</summary>
    public string? OutDirectory { get; set; }
    /// <summary>The static files every chart is exported to besides its HTML page (<c>--figures</c>).</summary>
    public FigureFormats FigureFormats { get; set; } = FigureFormats.Default;
    /// <summary>Only render the reports of already-executed notebooks (<c>--report-only</c>): nothing runs.</summary>
    public bool ReportOnly { get; set; }
    /// <summary>Notebook names (<c>02</c>, <c>02-cyclical-runs</c>) or paths; empty = all of
    /// <c>notebooks/</c>.</summary>
    public List<string> Notebooks { get; } = [];

    /// <summary>Usage text of <c>run</c>.</summary>
    public const string Usage = """
        usage: run [options] [notebook ...]
        Runs the notebooks headless and writes their outputs. Without --quick this is the full run that reproduces the
        reports: 20-36 minutes on 2 cores, most of it 06-bonus. With --quick every notebook trains on small subsets
        for a few seconds to a minute (1.5-3 minutes in all): a check that everything works, with accuracies far below
        the reports' (about .25-.42).

          notebook                  a name (02, 02-cyclical-runs) from notebooks/, or a path to an .ipynb; default:
                                    all, in name order
          --quick                   same as -p Quick=true (small, fast runs; what CI does)
          --data <archive|dir|synthetic>
                                    same as -p DataSource="<value>": a cifar-10-binary.tar.gz, an extracted
                                    cifar-10-batches-bin, or generated data (a relative path: from this directory, else
                                    the repository root)
          -p, --parameter Name=Value
                                    set a variable of the notebooks' cell tagged "parameters"; an unknown name or a
                                    value of the wrong type is an error (exit 2) that lists the parameters
          --continue-on-error       keep going after a failing cell (later cells and notebooks still run)
          --cell-timeout SECONDS    stop a cell that runs longer than this
          --out DIR                 output directory (default: artifacts/ at the repository root)
          --figures png,svg,pdf     files written for every chart besides its HTML page (default: png,svg; none:
                                    HTML only)
          --report-only             only render the reports from the executed notebooks already in the output directory

        writes <out>/index.html (start here), <out>/reports/, <out>/<stem>.ipynb, <out>/figures/, <out>/tables/,
        <out>/results/. A notebook that fails or is interrupted never replaces an earlier good run: it is set aside in
        <out>/failed/<stem>/. Prints one line per cell and "N passed, N failed" (code cells); exit code 0 when every
        cell passed, 1 on a failure, 2 on a usage error, 130 when interrupted (Ctrl+C).

        environment:
          NOTEBOOKNET_CIFAR10       the data when no --data is given (else data/ at the repository root, else a download
                                    of the official 170 MB archive into data/)
          NOTEBOOKNET_DATA_DIR      the data cache (default: data/ at the repository root)
          NOTEBOOKNET_CHROMIUM      the Chromium for figure files (default: chromium, chromium-browser or
                                    google-chrome on PATH; without one, figures are HTML only)
        """;

    /// <summary>Parses <c>run</c>'s arguments; throws <see cref="ArgumentException"/> with a message on bad
    /// input.</summary>
    public static RunSettings Parse(IReadOnlyList<string> args)
    {
        var s = new RunSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            var a = args[i];
            switch (a)
            {
                case "--quick": s.Parameters.Add(new("Quick", "true")); break;
                case "--data": s.Parameters.Add(new("DataSource", Next())); break;
                case "-p" or "--parameter":
                    var kv = Next();
                    int eq = kv.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"-p expects Name=Value, got \"{kv}\".");
                    var name = kv[..eq].Trim();
                    if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name))
                        throw new ArgumentException($"-p: \"{name}\" is not a C# identifier.");
                    s.Parameters.Add(new(name, kv[(eq + 1)..]));
                    break;
                case "--continue-on-error": s.ContinueOnError = true; break;
                case "--cell-timeout":
                    var t = Next();
                    if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || seconds <= 0)
                        throw new ArgumentException(
                            $"--cell-timeout expects a positive number of seconds, got \"{t}\".");
                    s.CellTimeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--out": s.OutDirectory = Path.GetFullPath(Next()); break;
                case "--figures": s.FigureFormats = FigureFormat.Parse(Next()); break;
                case "--report-only": s.ReportOnly = true; break;
                default:
                    if (a.StartsWith('-')) throw new ArgumentException($"unknown option {a}.");
                    s.Notebooks.Add(a);
                    break;
            }
        }
        return s;
    }

    /// <summary>A parameter value as a C# literal: true/false and numbers as-is, anything else a string
    /// literal.</summary>
    public static string Literal(string value)
    {
        if (value is "true" or "false") return value;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            return value.ToLowerInvariant();
        if (System.Text.RegularExpressions.Regex.IsMatch(value, @"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fFdDmM]?$"))
            return value;
        return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
