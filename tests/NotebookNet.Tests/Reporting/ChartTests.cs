using System.Text.Json.Nodes;
using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Reporting;
using NotebookNet.Search;
using NotebookNet.Training;

namespace NotebookNet.Tests.Reporting;

public class ChartTests
{
    /// <summary>A one-cycle run on the synthetic set, for charts of a real history.</summary>
    internal static TrainingResult OneCycle()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(Cifar10.Dimensions, 8, 10, new Random(1)));
        return Trainer.Train(net, split.Train, split.Validation, TrainingOptions.Cyclical(0.01, 10, 1));
    }

    /// <summary>One figure of every kind <see cref="Charts"/> draws.</summary>
    internal static Figure[] EveryChart(TrainingResult result)
    {
        var trials = new[]
        {
            new TrialResult(new TrialSettings(0.01, 10, 1), 0.4, 1.5, 0.5, 1.2),
            new TrialResult(new TrialSettings(0.001, 10, 1), 0.45, 1.4, 0.55, 1.1),
        };
        return
        [
            Charts.Curves(result, Measure.Loss, "Loss, one cycle"),
                Charts.LearningRate(result, new CyclicalLearningRate(10)),
            Charts.SearchScatter(trials, "Search"),
                Charts.LogXLine([0.1, 1], [2, 3], "Range test", "η", "accuracy", "run", 0.5, "best"),
            Charts.Bars(["a", "b"], [("one", [1.0, 2.0])], "Bars", "accuracy"),
            Charts.ConfusionMatrix(Tables.ConfusionMatrix([0, 1], [0, 0], 2), ["a", "b"], "Confusion"),
            Charts.ClassTemplates(TestData.Random(10, Cifar10.Dimensions, 3).X, Cifar10.DefaultClassNames,
                "Class templates"),
        ];
    }

    [Fact]
    public void Training_curves_carry_both_series_titles_and_data()
    {
        var result = OneCycle();
        var json = Charts.Curves(result, Measure.Accuracy, "Accuracy, one cycle").ToJson();
        var data = json["data"]!.AsArray();
        Assert.Equal(["training", "validation"], data.Select(t => (string?)t!["name"]));
        Assert.All(data, t => Assert.Equal("scatter", (string?)t!["type"]));
        Assert.Equal("dash", (string?)data[1]!["line"]!["dash"]);
        Assert.Equal(result.Final.Validation.Accuracy, (double)data[1]!["y"]!.AsArray()[^1]!);
        Assert.Equal(result.History.Count, data[0]!["x"]!.AsArray().Count);
        Assert.Equal("Accuracy, one cycle", (string?)json["layout"]!["title"]!["text"]);
        Assert.Equal("update step", (string?)json["layout"]!["xaxis"]!["title"]!["text"]);
        Assert.Equal("accuracy", (string?)json["layout"]!["yaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Figure_json_uses_plotly_attribute_names()
    {
        var json =
            Charts.SearchScatter([new TrialResult(new TrialSettings(0.01, 10, 1), 0.4, 1.5, 0.5, 1.2)], "Search")
            .ToJson();
        var layout = json["layout"]!.AsObject();
        Assert.Equal("log", (string?)layout["xaxis"]!["type"]);
        Assert.True((bool)layout["xaxis"]!["showgrid"]!);
        Assert.True((bool)layout["showlegend"]!);
        Assert.Equal("#fbfbfb", (string?)layout["plot_bgcolor"]);
        Assert.Equal(760, (int)layout["width"]!);
        Assert.Equal(70, (int)layout["margin"]!["t"]!);
        Assert.Equal("markers", (string?)json["data"]![0]!["mode"]);
        Assert.Equal("star", (string?)json["data"]![1]!["marker"]!["symbol"]);
        Assert.True((bool)json["config"]!["responsive"]!);
        Assert.DoesNotContain("null", layout.ToJsonString()); // unset attributes are left out, not null
    }

    [Fact]
    public void Non_finite_values_become_gaps()
    {
        var json =
            Charts.Bars(["a", "b", "c"], [("one", [0.5, double.NaN, double.PositiveInfinity])], "Bars", "accuracy")
            .ToJson();
        Assert.Equal("[0.5,null,null]", json["data"]![0]!["y"]!.ToJsonString());
    }

    [Fact]
    public void Class_templates_and_confusion_matrix_render()
    {
        var w = TestData.Random(10, Cifar10.Dimensions, 3).X;
        var templates = Charts.ClassTemplates(w, Cifar10.DefaultClassNames, "Class templates").ToJson();
        var images = templates["data"]!.AsArray();
        Assert.Equal(10, images.Count);
        Assert.All(images, t => Assert.Equal("image", (string?)t!["type"]));
        Assert.Equal("x10", (string?)images[9]!["xaxis"]);
        Assert.NotNull(templates["layout"]!["yaxis10"]);
        Assert.Equal(32, images[0]!["z"]!.AsArray().Count);
        Assert.Equal(3, images[0]!["z"]![0]![0]!.AsArray().Count);
        var pixels =
            images.SelectMany(i =>
            i!["z"]!.AsArray().SelectMany(r => r!.AsArray().SelectMany(p => p!.AsArray().Select(v => (int)v!))))
            .ToArray();
        Assert.Equal(0, pixels.Min());
        Assert.Equal(255, pixels.Max());
        Assert.Contains("truck", templates["layout"]!["annotations"]!.AsArray().Select(a => (string?)a!["text"]));
        Assert.Throws<ArgumentException>(() => Charts.ClassTemplates(w[..100], Cifar10.DefaultClassNames, "too short"));

        var confusion = Tables.ConfusionMatrix([0, 1, 1, 2], [0, 1, 2, 2], 3);
        Assert.Equal(1, confusion[1, 2]);
        Assert.Equal([1.0, 0.5, 1.0], Tables.PerClassAccuracy(confusion));
        var heat = Charts.ConfusionMatrix(confusion, ["a", "b", "c"], "Confusion").ToJson();
        Assert.Equal("heatmap", (string?)heat["data"]![0]!["type"]);
        Assert.Equal("1", (string?)heat["data"]![0]!["text"]![1]![2]);
        Assert.Equal("%{text}", (string?)heat["data"]![0]!["texttemplate"]);
        Assert.Equal("reversed", (string?)heat["layout"]!["yaxis"]!["autorange"]);
        Assert.Equal("predicted class", (string?)heat["layout"]!["xaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Chart_caption_matches_the_serialised_figure()
    {
        foreach (var figure in EveryChart(OneCycle()))
        {
            var json = figure.ToJson();
            var (width, height) = FigureHtml.Size(json);
            Assert.Equal(FigureHtml.Caption(FigureHtml.Title(json), width, height), figure.ToString());
        }
        Assert.Equal("Plotly chart \"Loss, one cycle\" (760×440)", EveryChart(OneCycle())[0].ToString());
        Assert.Equal("Plotly chart \"untitled\" (600×600)", new Figure([], new FigureLayout()).ToString());
    }
}
