using NotebookNet.Search;
using NotebookNet.Training;

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
/// The report's charts as <see cref="Figure"/>s: titled, labelled axes, legends, readable fonts, training and
/// validation in distinct colours and dashes. Figures are plain C# (no F#), so they draw in every kernel.
/// </summary>
public static class Charts
{
    /// <summary>Training-set colour.</summary>
    public const string TrainColour = "#1f77b4";
    /// <summary>Validation-set colour.</summary>
    public const string ValidationColour = "#d62728";
    /// <summary>Default figure size.</summary>
    public const int Width = 760, Height = 440;

    private static readonly string[] SeriesColours = [TrainColour, ValidationColour, "#2ca02c", "#9467bd"];

    /// <summary>Cost, loss or accuracy on training and validation sets per update step (or per epoch).</summary>
    public static Figure Curves(TrainingResult result, Measure measure, string title, bool perEpoch = false)
    {
        var h = result.History;
        var x = h.Select(p => perEpoch ? p.Epoch : p.Step).ToArray();
        double Pick(Models.Evaluation e) => measure switch
        {
            Measure.Cost => e.Cost,
            Measure.Loss => e.Loss,
            _ => e.Accuracy,
        };
        var mode = h.Count <= 60 ? "lines+markers" : "lines";
        Trace[] traces =
        [
            new ScatterTrace(x, h.Select(p => Pick(p.Train)).ToArray())
                { Name = "training", Mode = mode, Line = new LineStyle(TrainColour, 2.5) },
            new ScatterTrace(x, h.Select(p => Pick(p.Validation)).ToArray())
                { Name = "validation", Mode = mode, Line = new LineStyle(ValidationColour, 2.5, "dash") },
        ];
        return Style(traces, title, perEpoch ? "epoch" : "update step", measure.ToString().ToLowerInvariant());
    }

    /// <summary>η_t over the run's update steps (the cyclical schedule's triangles).</summary>
    public static Figure LearningRate(TrainingResult result, ILearningRate schedule, string title = "Learning rate η_t")
    {
        int every = Math.Max(1, result.Steps / 400);
        var steps = Enumerable.Range(0, result.Steps + 1).Where(t => t % every == 0 || t == result.Steps).ToArray();
        var line = new ScatterTrace(steps.Select(t => (double)t).ToArray(), steps.Select(schedule.At).ToArray())
        {
            Name = "η", Line = new LineStyle("#2ca02c", 2.5),
        };
        return Style([line], title, "update step", "η");
    }

    /// <summary>Validation accuracy against λ on a log axis, one point a trial, the best marked.</summary>
    public static Figure SearchScatter(IReadOnlyList<TrialResult> results, string title)
    {
        var best = results.MaxBy(r => r.ValidationAccuracy)
            ?? throw new ArgumentException("a search scatter needs at least one trial.", nameof(results));
        Trace[] traces =
        [
            new ScatterTrace(results.Select(r => r.Lambda).ToArray(),
                results.Select(r => r.ValidationAccuracy).ToArray())
                { Name = "trials", Mode = "markers", Marker = new MarkerStyle(TrainColour, Size: 8) },
            new ScatterTrace([best.Lambda], [best.ValidationAccuracy])
            {
                Name = $"best λ = {best.Lambda:0.####e+0}", Mode = "markers",
                Marker = new MarkerStyle(ValidationColour, "star", 14),
            },
        ];
        return Style(traces, title, "λ (log scale)", "validation accuracy", logX: true);
    }

    /// <summary>A y-vs-x line on a log x axis (e.g. accuracy vs η
    /// in the LR range test), with an optional marked x.</summary>
    public static Figure LogXLine(IReadOnlyList<double> x, IReadOnlyList<double> y, string title, string xTitle,
        string yTitle, string name, double? mark = null, string? markName = null)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        var traces = new List<Trace>
        {
            new ScatterTrace(x, y) { Name = name, Mode = "lines+markers", Line = new LineStyle(TrainColour, 2.5) },
        };
        if (mark is double m && y.Count > 0)
            traces.Add(new ScatterTrace([m, m], [y.Min(), y.Max()])
            {
                Name = markName ?? $"{m:g3}", Line = new LineStyle(ValidationColour, 2, "dash"),
            });
        return Style(traces, title, xTitle, yTitle, logX: true);
    }

    /// <summary>Grouped bars: one group per category, one series per name.</summary>
    public static Figure Bars(IReadOnlyList<string> categories,
        IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series,
        string title, string yTitle)
    {
        foreach (var (name, values) in series)
            if (values.Count != categories.Count)
                throw new ArgumentException(
                    $"series \"{name}\" has {values.Count} values for {categories.Count} categories.", nameof(series));
        var bars = series.Select((s, i) => (Trace)new BarTrace(categories, s.Values)
        {
            Name = s.Name, Marker = new MarkerStyle(SeriesColours[i % SeriesColours.Length]),
        }).ToArray();
        return Style(bars, title, "", yTitle);
    }

    /// <summary>A confusion matrix: rows are true classes, columns predicted; cells annotated with counts.</summary>
    public static Figure ConfusionMatrix(int[,] counts, IReadOnlyList<string> classes, string title)
    {
        int k = classes.Count;
        if (counts.GetLength(0) != k || counts.GetLength(1) != k)
            throw new ArgumentException(
                $"counts is {counts.GetLength(0)}×{counts.GetLength(1)}; {k} classes need {k}×{k}.", nameof(counts));
        var z = Enumerable.Range(0, k)
            .Select(i => (IReadOnlyList<double>)Enumerable.Range(0, k).Select(j => (double)counts[i, j]).ToArray())
            .ToArray();
        var text = Enumerable.Range(0, k)
            .Select(i => (IReadOnlyList<string>)Enumerable.Range(0, k).Select(j => counts[i, j].ToString()).ToArray())
            .ToArray();
        var heat = new HeatmapTrace(z)
        {
            X = classes, Y = classes, Text = text, TextTemplate = "%{text}",
            ColorScale = [[0.0, "#f7fbff"], [1.0, "#5b8cc4"]],
        };
        var figure = Style([heat], title, "predicted class", "true class", legend: false);
        var layout = figure.Layout with { YAxes = [figure.Layout.YAxes[0] with { AutoRange = "reversed" }] };
        return (figure with { Layout = layout }).WithSize(640, 600);
    }

    /// <summary>
    /// Rows of a weight matrix (K, 3072) shown as 32×32 colour images, each scaled to 0–255 on its own range,
    /// in a grid with the class names (assignment 1's class templates).
    /// </summary>
    public static Figure ClassTemplates(float[] w, IReadOnlyList<string> classes, string title, int columns = 5)
    {
        int k = classes.Count, d = Data.Cifar10.Dimensions;
        if (w.Length != k * d)
            throw new ArgumentException($"W has {w.Length} values; class templates need (K = {k}) × {d}.", nameof(w));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "need at least one column.");
        int rows = (k + columns - 1) / columns;
        const double gapX = 0.04, gapY = 0.25;
        double cellWidth = 1.0 / columns, cellHeight = 1.0 / rows;
        var traces = new List<Trace>();
        var xAxes = new List<Axis>();
        var yAxes = new List<Axis>();
        var titles = new List<Annotation>();
        for (int c = 0; c < k; c++)
        {
            int row = c / columns, column = c % columns, n = c + 1;
            double x0 = column * cellWidth + gapX * cellWidth / 2, x1 = (column + 1) * cellWidth - gapX * cellWidth / 2;
            double y1 = 1 - row * cellHeight - gapY * cellHeight / 2,
                y0 = 1 - (row + 1) * cellHeight + gapY * cellHeight / 2;
            string xName = n == 1 ? "x" : $"x{n}", yName = n == 1 ? "y" : $"y{n}";
            traces.Add(new ImageTrace(TemplateImage(w.AsSpan(c * d, d)))
            {
                Name = classes[c], XAxis = xName, YAxis = yName,
            });
            xAxes.Add(new Axis { Domain = [x0, x1], Anchor = yName, Visible = false });
            yAxes.Add(new Axis { Domain = [y0, y1], Anchor = xName, Visible = false, AutoRange = "reversed" });
            titles.Add(new Annotation(classes[c], (x0 + x1) / 2, y1) { Font = new FontStyle(Size: 15) });
        }
        var layout = HouseLayout(title, legend: false) with { XAxes = xAxes, YAxes = yAxes, Annotations = titles };
        return new Figure(traces, layout).WithSize(170 * columns, 200 * rows + 80);
    }

    /// <summary>Applies the house style: title, axis titles, fonts, size, legend.</summary>
    public static Figure Style(IReadOnlyList<Trace> traces, string title, string xTitle, string yTitle,
        bool logX = false, bool legend = true)
    {
        var layout = HouseLayout(title, legend) with
        {
            Width = Width,
            Height = Height,
            XAxes = [new Axis { Title = new TitleStyle(xTitle), Type = logX ? "log" : null, ShowGrid = true }],
            YAxes = [new Axis { Title = new TitleStyle(yTitle), ShowGrid = true }],
        };
        return new Figure(traces, layout);
    }

    /// <summary>Title, fonts, background, margins and legend shared by every chart.</summary>
    private static FigureLayout HouseLayout(string title, bool legend) => new()
    {
        Title = new TitleStyle(title, new FontStyle(Size: 20), X: 0.5),
        Font = new FontStyle("Arial, Helvetica, sans-serif", 15),
        ShowLegend = legend,
        PlotBackground = "#fbfbfb",
        Margin = new Margins(T: 70, L: 70, R: 30, B: 60),
    };

    /// <summary>One row of W (3072 = 3 channels × 32 × 32) as 32 rows
    /// of [r, g, b] pixels scaled to 0–255 on its range.</summary>
    private static int[][][] TemplateImage(ReadOnlySpan<float> row)
    {
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
        return rgb;
    }
}
