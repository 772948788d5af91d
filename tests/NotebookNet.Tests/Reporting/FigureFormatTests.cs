using NotebookNet.Reporting;

namespace NotebookNet.Tests.Reporting;

public class FigureFormatTests
{
    [Fact]
    public void Formats_parse_from_a_list_and_unknown_ones_are_named()
    {
        Assert.Equal(FigureFormats.Png | FigureFormats.Svg | FigureFormats.Pdf, FigureFormat.Parse("png, SVG,pdf"));
        Assert.Equal(FigureFormats.None, FigureFormat.Parse("none"));
        Assert.Equal(FigureFormats.Default, FigureFormat.Parse("png,svg"));
        var e = Assert.Throws<ArgumentException>(() => FigureFormat.Parse("png,jpeg"));
        Assert.Contains("\"jpeg\"", e.Message);
        Assert.Contains("png, svg and/or pdf", e.Message);
        Assert.Equal(".pdf", FigureFormat.Extension(FigureFormats.Pdf));
    }

    [Fact]
    public void Print_layout_scales_to_the_column_width_and_sets_readable_fonts()
    {
        var screen = Charts.ConfusionMatrix(new int[2, 2], ["a", "b"], "Confusion").ToJson(); // 640 × 600 on screen
        var wide = Charts.Style([new ScatterTrace([1.0], [2.0])], "Curve", "x", "y").ToJson();    // 760 × 440
        var print = PrintLayout.Apply(wide);
        Assert.Equal((PrintLayout.Width, 371), FigureHtml.Size(print));
        Assert.Equal(PrintLayout.FontSize, (int)print["layout"]!["font"]!["size"]!);
        Assert.Equal(PrintLayout.TitleSize, (int)print["layout"]!["title"]!["font"]!["size"]!);
        Assert.Equal((760, 440), FigureHtml.Size(wide));                   // the screen figure is untouched
        Assert.Equal((PrintLayout.Width, 600), FigureHtml.Size(PrintLayout.Apply(screen)));
        // 17 CSS px on a 640 px figure printed at \columnwidth = 345 pt: about 9 pt
        Assert.InRange(PrintLayout.FontSize * 345.0 / PrintLayout.Width, 8.5, 10);
    }
}
