using NotebookNet.Reporting;

namespace NotebookNet.Tests.Reporting;

/// <summary>The summary of sections quotes the reports' numbers as the reports give them.</summary>
public class SectionSummaryTests
{
    [Fact]
    public void Section_summary_quotes_the_report_numbers()
    {
        Assert.Equal(
            ["0.3975 (002)", "1e-6 … 1e-10", "1.0", "0.4572–0.4598", "0.4746 (001)", "0.5282 / 0.5210 / 0.5098",
            "0.5318 / 0.5224 / 0.5134", "0.5157 / 0.5120 / 0.5170", "0.5804 (004)"],
                SectionSummary.Rows().Select(r => r.Reports));
    }
}
