using NotebookNet.Data;
using NotebookNet.Interactive;
using NotebookNet.Models;
using NotebookNet.Reporting;
using NotebookNet.Search;
using NotebookNet.Training;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace NotebookNet.Tests.Reporting;

public class ChartTests
{
    [Fact]
    public void Training_curves_carry_both_series_titles_and_data()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(1)));
        var result = Trainer.Train(net, split.Train, split.Validation, TrainingOptions.Cyclical(0.01, 10, 1));
        var html = GenericChart.toChartHTML(Charts.Curves(result, Measure.Accuracy, "Accuracy, one cycle"));
        Assert.Contains("Accuracy, one cycle", html);
        Assert.Contains("\"name\":\"training\"", html);
        Assert.Contains("\"name\":\"validation\"", html);
        Assert.Contains("update step", html);
        Assert.Contains(result.Final.Validation.Accuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture), html);
    }

    [Fact]
    public void Class_templates_and_confusion_matrix_render()
    {
        var w = TestData.Random(10, Cifar10.Dimensions, 3).X;
        var html = GenericChart.toChartHTML(Charts.ClassTemplates(w, Cifar10.DefaultClassNames, "Class templates"));
        Assert.Contains("truck", html);
        Assert.Contains("\"type\":\"image\"", html);
        var confusion = Tables.ConfusionMatrix([0, 1, 1, 2], [0, 1, 2, 2], 3);
        Assert.Equal(1, confusion[1, 2]);
        Assert.Equal([1.0, 0.5, 1.0], Tables.PerClassAccuracy(confusion));
        Assert.Contains("predicted class", GenericChart.toChartHTML(Charts.ConfusionMatrix(confusion, ["a", "b", "c"], "Confusion")));
    }

    [Fact]
    public void Chart_caption_reads_the_layout_as_the_serialised_figure_does()
    {
        static string FromFigure(GenericChart chart)
        {
            var figure = ChartHtml.Figure(chart);
            var (width, height) = ChartHtml.Size(figure);
            return $"Plotly chart \"{ChartHtml.Title(figure) ?? "untitled"}\" ({width}×{height})";
        }
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(1)));
        var result = Trainer.Train(net, split.Train, split.Validation, TrainingOptions.Cyclical(0.01, 10, 1));
        var trials = new[] { new TrialResult(new TrialSettings(0.01, 10, 1), 0.4, 1.5, 0.5, 1.2), new TrialResult(new TrialSettings(0.001, 10, 1), 0.45, 1.4, 0.55, 1.1) };
        static GenericChart Point() => Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2 }, new[] { 3.0, 4.25 }); // styling mutates a chart
        var titled = new Layout();
        var title = new Title();
        title.SetProperty("text", "Plotly's own title"); // as Title.init(Text: …) stores it
        titled.SetProperty("title", title);
        GenericChart[] charts =
        [
            Point(), Point().WithSize(Width: 300), Plotly.NET.Chart.withLayout(titled).Invoke(Point()),
            Charts.Curves(result, Measure.Loss, "Loss, one cycle"), Charts.LearningRate(result, new CyclicalLearningRate(10)),
            Charts.SearchScatter(trials, "Search"), Charts.LogXLine([0.1, 1], [2, 3], "Range test", "η", "accuracy", "run", 0.5, "best"),
            Charts.Bars(["a", "b"], [("one", [1.0, 2.0])], "Bars", "accuracy"),
            Charts.ConfusionMatrix(Tables.ConfusionMatrix([0, 1], [0, 0], 2), ["a", "b"], "Confusion"),
            Charts.ClassTemplates(TestData.Random(10, Cifar10.Dimensions, 3).X, Cifar10.DefaultClassNames, "Class templates"),
        ];
        foreach (var chart in charts) Assert.Equal(FromFigure(chart), ChartHtml.Caption(chart));
        Assert.Equal("Plotly chart \"Plotly's own title\" (600×600)", ChartHtml.Caption(charts[2]));
        Assert.Equal("Plotly chart \"untitled\" (600×600)", ChartHtml.Caption(charts[0]));
        Assert.Equal("Plotly chart \"Loss, one cycle\" (760×440)", ChartHtml.Caption(charts[3]));
    }

    [Fact]
    public void Section_summary_quotes_the_report_numbers()
    {
        Assert.Equal(["0.3975 (002)", "1e-6 … 1e-10", "1.0", "0.4572–0.4598", "0.4746 (001)", "0.5282 / 0.5210 / 0.5098",
            "0.5318 / 0.5224 / 0.5134", "0.5157 / 0.5120 / 0.5170", "0.5804 (004)"], SectionSummary.Rows().Select(r => r.Reports));
    }
}
