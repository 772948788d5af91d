namespace NotebookNet.Reporting;

/// <summary>One row of the closing table: a section's result next to the reports'.</summary>
/// <param name="Section">The notebook.</param>
/// <param name="Measure">What is compared.</param>
/// <param name="Ours">Our number (NaN when the notebook has not run).</param>
/// <param name="Reports">The reports' number(s).</param>
/// <param name="Mode">"full", "quick" or "not run".</param>
public sealed record SectionRow(string Section, string Measure, double Ours, string Reports, string Mode);

/// <summary>Every section's result, read from <c>artifacts/results</c>, beside the reports'.</summary>
public static class SectionSummary
{
    /// <summary>The rows, in section order.</summary>
    public static IReadOnlyList<SectionRow> Rows()
    {
        var rows = new List<SectionRow>();
        void Add(string stem, string measure, string key, string reports,
            Func<System.Text.Json.Nodes.JsonObject, double>? pick = null)
        {
            var node = ResultsStore.Load(stem);
            double value = double.NaN;
            if (node is not null)
                value = pick is not null ? pick(node) : node[key]?.GetValue<double>() ?? double.NaN;
            string mode = node is null ? "not run" : node["quick"]?.GetValue<bool>() == true ? "quick" : "full";
            rows.Add(new SectionRow(stem, measure, value, reports, mode));
        }
        Add("00-one-layer-baseline", "best test accuracy", "",
            $"{F(ReportNumbers.OneLayer.Max(r => r.TestAccuracy))} (002)",
            n => n["runs"]!.AsArray().Max(r => r!["testAccuracy"]!.GetValue<double>()));
        Add("01-sanity-check", "max relative gradient error", "maxRelativeError", "1e-6 … 1e-10");
        Add("01-sanity-check", "overfit training accuracy", "overfitTrainAccuracy", "1.0");
        Add("02-cyclical-runs", "one cycle test accuracy", "oneCycleTestAccuracy",
            $"{F(ReportNumbers.OneCycleLow)}–{F(ReportNumbers.OneCycleHigh)}");
        Add("02-cyclical-runs", "three cycles test accuracy", "threeCycleTestAccuracy",
            $"{F(ReportNumbers.ThreeCycles)} (001)");
        Add("03-coarse-search", "best validation accuracy", "bestValidationAccuracy",
            PerReport(ReportNumbers.Coarse.Select(r => r.ValidationAccuracy)));
        Add("04-fine-search", "best validation accuracy", "bestValidationAccuracy",
            PerReport(ReportNumbers.Fine.Select(r => r.ValidationAccuracy)));
        Add("05-final-model", "test accuracy", "testAccuracy",
            PerReport(ReportNumbers.Final.Select(r => r.TestAccuracy)));
        Add("06-bonus", "best test accuracy", "bestTestAccuracy", $"{F(ReportNumbers.BonusBest)} (004)");
        return rows;
    }

    /// <summary>A report's number as the reports give it: four decimals.</summary>
    private static string F(double value) =>
        value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One number per report (000 / 001 / 003).</summary>
    private static string PerReport(IEnumerable<double> values) => string.Join(" / ", values.Select(F));
}
