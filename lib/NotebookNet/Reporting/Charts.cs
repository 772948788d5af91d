using Plotly.NET;
using Plotly.NET.CSharp;
using NotebookNet.Training;
using NotebookNet.Search;
using Chart = Plotly.NET.CSharp.Chart;

namespace NotebookNet.Reporting;

/// <summary>What a training-curve chart shows.</summary>
public enum Measure
{
    /// <summary>Loss + λ‖W‖².</summary>
    Cost,
    /// <summary>Mean cross-entropy.</summary>
    Loss,
    /// <summary>Fraction classified correctly.</summary>
    Accuracy,
}

/// <summary>
/// The report's charts as Plotly.NET charts: titled, labelled axes, legends, readable fonts,
/// training and validation in distinct colours and dashes.
/// </summary>
public static class Charts
{
    /// <summary>Training-set colour.</summary>
    public const string TrainColour = "#1f77b4";
    /// <summary>Validation-set colour.</summary>
    public const string ValidationColour = "#d62728";
    /// <summary>Default figure size.</summary>
    public const int Width = 760, Height = 440;

    /// <summary>Cost, loss or accuracy on training and validation sets per update step (or per epoch).</summary>
    public static GenericChart Curves(TrainingResult result, Measure measure, string title, bool perEpoch = false)
    {
        var h = result.History;
        var x = h.Select(p => perEpoch ? p.Epoch : p.Step).ToArray();
        double Pick(Models.Evaluation e) => measure switch { Measure.Cost => e.Cost, Measure.Loss => e.Loss, _ => e.Accuracy };
        var train = Chart.Line<double, double, string>(x, h.Select(p => Pick(p.Train)), Name: "training", ShowMarkers: h.Count <= 60,
            LineColor: Color.fromString(TrainColour), LineWidth: 2.5);
        var validation = Chart.Line<double, double, string>(x, h.Select(p => Pick(p.Validation)), Name: "validation", ShowMarkers: h.Count <= 60,
            LineColor: Color.fromString(ValidationColour), LineWidth: 2.5, LineDash: StyleParam.DrawingStyle.Dash);
        return Style(Chart.Combine([train, validation]), title, perEpoch ? "epoch" : "update step", measure.ToString().ToLowerInvariant());
    }

    /// <summary>η_t over the run's update steps (the cyclical schedule's triangles).</summary>
    public static GenericChart LearningRate(TrainingResult result, ILearningRate schedule, string title = "Learning rate η_t")
    {
        var steps = Enumerable.Range(0, result.Steps + 1).Where(t => t % Math.Max(1, result.Steps / 400) == 0 || t == result.Steps).ToArray();
        var line = Chart.Line<int, double, string>(steps, steps.Select(schedule.At), Name: "η", LineColor: Color.fromString("#2ca02c"), LineWidth: 2.5);
        return Style(line, title, "update step", "η");
    }

    /// <summary>Validation accuracy against λ on a log axis, one point a trial, the best marked.</summary>
    public static GenericChart SearchScatter(IReadOnlyList<TrialResult> results, string title)
    {
        var best = results.MaxBy(r => r.ValidationAccuracy)!;
        var all = Chart.Point<double, double, string>(results.Select(r => r.Lambda), results.Select(r => r.ValidationAccuracy), Name: "trials",
            MarkerColor: Color.fromString(TrainColour), Text: "");
        var top = Chart.Point<double, double, string>([best.Lambda], [best.ValidationAccuracy], Name: $"best λ = {best.Lambda:0.####e+0}",
            MarkerColor: Color.fromString(ValidationColour), MarkerSymbol: StyleParam.MarkerSymbol.Star);
        return Style(Chart.Combine([all, top]), title, "λ (log scale)", "validation accuracy", logX: true);
    }

    /// <summary>A y-vs-x line on a log x axis (e.g. accuracy vs η in the LR range test), with an optional marked x.</summary>
    public static GenericChart LogXLine(IReadOnlyList<double> x, IReadOnlyList<double> y, string title, string xTitle, string yTitle, string name, double? mark = null, string? markName = null)
    {
        var charts = new List<GenericChart> { Chart.Line<double, double, string>(x, y, Name: name, ShowMarkers: true, LineColor: Color.fromString(TrainColour), LineWidth: 2.5) };
        if (mark is double m)
        {
            double yMin = y.Min(), yMax = y.Max();
            charts.Add(Chart.Line<double, double, string>([m, m], [yMin, yMax], Name: markName ?? $"{m:g3}",
                LineColor: Color.fromString(ValidationColour), LineDash: StyleParam.DrawingStyle.Dash, LineWidth: 2));
        }
        return Style(Chart.Combine(charts), title, xTitle, yTitle, logX: true);
    }

    /// <summary>Grouped bars: one group per category, one series per name.</summary>
    public static GenericChart Bars(IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string title, string yTitle)
    {
        string[] colours = [TrainColour, ValidationColour, "#2ca02c", "#9467bd"];
        var bars = series.Select((s, i) => Chart.Column<double, string, string>(s.Values, Keys: categories.ToArray(), Name: s.Name,
            MarkerColor: Color.fromString(colours[i % colours.Length]))).ToArray();
        return Style(Chart.Combine(bars), title, "", yTitle);
    }

    /// <summary>A confusion matrix: rows are true classes, columns predicted; cells annotated with counts.</summary>
    public static GenericChart ConfusionMatrix(int[,] counts, IReadOnlyList<string> classes, string title)
    {
        int k = classes.Count;
        var z = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Select(j => counts[i, j]).ToArray()).ToArray();
        var text = z.Select(row => row.Select(v => v.ToString()).ToArray()).ToArray();
        var heat = Chart.AnnotatedHeatmap<int, string, string, string>(z, text, X: classes.ToArray(), Y: classes.ToArray(),
            ColorScale: StyleParam.Colorscale.NewCustom([Tuple.Create(0.0, Color.fromString("#f7fbff")), Tuple.Create(1.0, Color.fromString("#5b8cc4"))]), ReverseYAxis: true);
        return Style(heat, title, "predicted class", "true class", legend: false).WithSize(640, 600);
    }

    /// <summary>
    /// Rows of a weight matrix (K, 3072) shown as 32×32 colour images, each scaled to 0–255 on its own range,
    /// in a grid with the class names (assignment 1's class templates).
    /// </summary>
    public static GenericChart ClassTemplates(float[] w, IReadOnlyList<string> classes, string title, int columns = 5)
    {
        int k = classes.Count, d = Data.Cifar10.Dimensions;
        if (w.Length != k * d) throw new ArgumentException($"W has {w.Length} values; class templates need (K = {k}) × {d}.", nameof(w));
        var images = new List<GenericChart>();
        for (int c = 0; c < k; c++)
        {
            var row = w.AsSpan(c * d, d);
            float min = float.MaxValue, max = float.MinValue;
            foreach (var v in row) { min = Math.Min(min, v); max = Math.Max(max, v); }
            float scale = max > min ? 255f / (max - min) : 0f;
            var rgb = new int[32][][];
            for (int y = 0; y < 32; y++)
            {
                rgb[y] = new int[32][];
                for (int x = 0; x < 32; x++)
                {
                    var pixel = new int[3];
                    for (int ch = 0; ch < 3; ch++) pixel[ch] = (int)Math.Round((row[ch * 1024 + y * 32 + x] - min) * scale);
                    rgb[y][x] = pixel;
                }
            }
            images.Add(Chart.Image<string>(Z: rgb, Name: classes[c]));
        }
        int rows = (k + columns - 1) / columns;
        var grid = Chart.Grid(images, rows, columns, SubPlotTitles: classes.ToArray(), YGap: 0.25);
        return WithLayout(grid, title, legend: false).WithSize(170 * columns, 200 * rows + 80);
    }

    /// <summary>Applies the house style: title, axis titles, fonts, size, legend.</summary>
    public static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logX = false, bool legend = true)
    {
        var styled = chart
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Auto, ShowGrid: true)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, ShowGrid: true)
            .WithSize(Width, Height);
        return WithLayout(styled, title, legend);
    }

    /// <summary>Title, fonts, background and legend through the layout object (Plotly.NET's F# API is awkward from C#).</summary>
    private static GenericChart WithLayout(GenericChart chart, string title, bool legend)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title, ["font"] = new Dictionary<string, object> { ["size"] = 20 }, ["x"] = 0.5 });
        layout.SetProperty("font", new Dictionary<string, object> { ["family"] = "Arial, Helvetica, sans-serif", ["size"] = 15 });
        layout.SetProperty("showlegend", legend);
        layout.SetProperty("plot_bgcolor", "#fbfbfb");
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 70, ["l"] = 70, ["r"] = 30, ["b"] = 60 });
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }
}
