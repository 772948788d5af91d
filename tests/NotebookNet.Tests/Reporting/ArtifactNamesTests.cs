using NotebookNet.Reporting;

namespace NotebookNet.Tests.Reporting;

/// <summary>Figure and table file names: slugs safe for any file
/// system, and each notebook finds only its own figures.</summary>
public class ArtifactNamesTests
{
    [Fact]
    public void Slugs_are_file_name_safe()
    {
        Assert.Equal("loss-per-epoch-lambda-0-1-eta-0-001",
            ArtifactNames.Slug("Loss per epoch, λ = 0.1, η = 0.001", 60));
        Assert.Equal("chart", ArtifactNames.Slug("—", 10));
    }

    [Fact]
    public void Figures_match_their_own_notebook_only()
    {
        using var temp = new TempDir();
        var dir = temp.Path;
        string[] files =
            ["02-01-a.html", "02-01-a.png", "02-notes.html", "02-cyclical-runs-01-b.html", "02-cyclical-runs-02-c.html",
            "02-cyclical-runs-02-c.png", "my-notebook-01-d.html"];
        foreach (var name in files) File.WriteAllText(Path.Combine(dir, name), "");
        string[] Pages(string stem) =>
            ArtifactNames.Pages(dir, stem).Select(Path.GetFileName).OfType<string>().ToArray();
        Assert.Equal(["02-01-a.html"], Pages("02"));
        Assert.Equal(["02-cyclical-runs-01-b.html", "02-cyclical-runs-02-c.html"], Pages("02-cyclical-runs"));
        Assert.Equal(["my-notebook-01-d.html"], Pages("my notebook")); // named as ArtifactNames.Of names them
        Assert.Equal(["02-01-a.html", "02-01-a.png"], files.Where(f => ArtifactNames.IsOutputOf(f, "02")));
        Assert.Empty(ArtifactNames.Pages(Path.Combine(dir, "missing"), "02"));
    }
}
