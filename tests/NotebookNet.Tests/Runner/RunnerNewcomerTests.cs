using System.Diagnostics;
using System.Text.Json.Nodes;
using NotebookNet.Runner;

namespace NotebookNet.Tests.Runner;

/// <summary>Issue 18: typos in -p are caught, relative data paths honoured, earlier good results never
/// destroyed.</summary>
public sealed class RunnerNewcomerTests
{
    private static string Rerun => Path.Combine(RunnerProcess.NotebooksFolder, "runner-rerun.ipynb");

    [Fact]
    public void A_misspelled_parameter_is_an_error_that_suggests_the_name()
    {
        var (code, text) =
            RunnerProcess.Run("run", "--out", RunnerProcess.TempDirectory("typo"), "-p", "fail=true", Rerun);
        Assert.Equal(2, code);
        Assert.Contains("no notebook of this run has a parameter \"fail\"; did you mean Fail? (-p Fail=true)", text);
        Assert.Contains("runner-rerun: Fail, SleepSeconds, Label", text);
    }

    [Fact]
    public void An_unknown_parameter_lists_the_parameters_and_a_value_of_the_wrong_type_is_refused()
    {
        var (code, text) =
            RunnerProcess.Run("run", "--out", RunnerProcess.TempDirectory("unknown"), "-p", "NoSuchParam=3", Rerun);
        Assert.Equal(2, code);
        Assert.Contains("no notebook of this run has a parameter \"NoSuchParam\".", text);
        Assert.Contains("runner-rerun: Fail, SleepSeconds, Label", text);
        (code, text) =
            RunnerProcess.Run("run", "--out", RunnerProcess.TempDirectory("type"), "-p", "SleepSeconds=0.5", Rerun);
        Assert.Equal(2, code);
        Assert.Contains("SleepSeconds is an int (var SleepSeconds = 0;), and \"0.5\" is not an int.", text);
    }

    [Fact]
    public void Parameters_are_checked_against_each_notebooks_declarations()
    {
        var notebook = Path.Combine(RunnerProcess.TempDirectory("plan"), "plan.ipynb");
        File.Copy(Rerun, notebook);
        var plan = ParameterPlan.Build([notebook],
            [new("Label", "0.5"), new("Fail", "TRUE"), new("SleepSeconds", "2")]);
        Assert.Equal([("Label", "\"0.5\""), ("Fail", "true"), ("SleepSeconds", "2")], plan.For(notebook));
        Assert.Equal("Label", NotebookParameters.Closest("label", ["Fail", "Label"]));
        Assert.Equal("Lambda", NotebookParameters.Closest("Lamda", ["Lambda", "Seed"]));
        Assert.Null(NotebookParameters.Closest("Zebra", ["Lambda", "Seed"]));
    }

    [Fact]
    public void A_relative_data_variable_works_from_the_repository_root()
    {
        var dir = RunnerProcess.TempDirectory("relative");
        var archive = Path.Combine(dir, "cifar-10-binary.tar.gz");
        NotebookNet.Tests.Data.Crafted.WriteArchive(archive, NotebookNet.Tests.Data.Crafted.ValidEntries());
        var relative = Path.GetRelativePath(RunnerProcess.RepositoryRoot, archive);
        Assert.False(Path.IsPathRooted(relative));
        var (code, text) = RunnerProcess.Run(
            new Dictionary<string, string?>
            {
                ["NOTEBOOKNET_CIFAR10"] = relative, ["NOTEBOOKNET_DATA_DIR"] = Path.Combine(dir, "cache")
            },
            "run", "--out", Path.Combine(dir, "out"),
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-data.ipynb"));
        Assert.True(code == 0, text);
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "runner-data.ipynb")))!;
        Assert.Contains(archive, nb.ToJsonString()); // the notebook loaded the archive the path names

        (code, text) = RunnerProcess.Run(
            new Dictionary<string, string?> { ["NOTEBOOKNET_CIFAR10"] = "no/such/archive.tar.gz" },
            "run", "--out", Path.Combine(dir, "out2"),
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-data.ipynb"));
        Assert.Equal(2, code);                       // before any notebook runs
        Assert.Contains("NOTEBOOKNET_CIFAR10=no/such/archive.tar.gz does not exist (tried " +
            Path.Combine(RunnerProcess.RepositoryRoot, "no/such/archive.tar.gz"), text);
    }

    [Fact]
    public void A_failed_rerun_keeps_the_good_outputs_and_the_index_says_which_is_which()
    {
        var output = RunnerProcess.TempDirectory("rerun");
        var (code, text) = RunnerProcess.Run("run", "--out", output, "--figures", "none", Rerun);
        Assert.True(code == 0, text);
        var good = Snapshot(output);
        Assert.Contains("figures/runner-rerun-01-rerun-chart.html", good.Keys);
        Assert.Contains("tables/runner-rerun-01-rerun-table.csv", good.Keys);
        Assert.Contains("results/runner-rerun.json", good.Keys);

        (code, text) = RunnerProcess.Run("run", "--out", output, "--figures", "none", "-p", "Fail=true",
            "-p", "Label=second", Rerun);
        Assert.Equal(1, code);
        Assert.Contains("kept the last good run's outputs", text);
        AssertUnchanged(good, output);
        var aside = Path.Combine(output, "failed", "runner-rerun");
        Assert.Contains("failing on purpose", File.ReadAllText(Path.Combine(aside, "runner-rerun.ipynb")));
        Assert.Contains("second", File.ReadAllText(Path.Combine(aside, "results", "runner-rerun.json")));
        var runs = RunLog.Read(output)["runner-rerun"]!;
        Assert.Equal("passed", (string?)runs["status"]);
        Assert.Equal("failed", (string?)runs["setAside"]!["status"]);
        var index = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains("<span class=\"badge passed\">passed</span>", index);
        Assert.Contains("kept apart in <a href=\"failed/runner-rerun/runner-rerun.ipynb\">", index);

        (code, text) = RunnerProcess.Run("run", "--out", output, "--figures", "none", "-p", "Label=third", Rerun);
        Assert.True(code == 0, text); // a good run replaces, and clears the set-aside one
        Assert.Contains("third", File.ReadAllText(Path.Combine(output, "results", "runner-rerun.json")));
        Assert.False(Directory.Exists(aside));
        Assert.DoesNotContain("kept apart", File.ReadAllText(Path.Combine(output, "index.html")));
    }

    [Fact]
    public void An_interrupted_rerun_keeps_the_good_outputs()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is sent with kill(1)");
        var output = RunnerProcess.TempDirectory("rerun-interrupt");
        var (code, text) = RunnerProcess.Run("run", "--out", output, "--figures", "none", Rerun);
        Assert.True(code == 0, text);
        var good = Snapshot(output);

        var (exit, log) = RunnerProcess.Interrupt("cell 4/5  ok", "run", "--out", output, "--figures", "none",
            "-p", "SleepSeconds=60", "-p", "Label=second", Rerun);
        Assert.Equal(130, exit);
        Assert.Contains("interrupted: 4 passed, 0 failed, 1 interrupted", log);
        AssertUnchanged(good, output);
        Assert.Contains("Interrupted",
            File.ReadAllText(Path.Combine(output, "failed", "runner-rerun", "runner-rerun.ipynb")));
        Assert.Equal("interrupted", (string?)RunLog.Read(output)["runner-rerun"]!["setAside"]!["status"]);
    }

    /// <summary>The published outputs (executed notebook, figures, tables, results) by relative path →
    /// content.</summary>
    private static Dictionary<string, string> Snapshot(string output) =>
        new[] { "runner-rerun.ipynb" }.Select(f => Path.Combine(output, f))
            .Concat(new[] { "figures", "tables", "results" }.Where(d => Directory.Exists(Path.Combine(output, d)))
                .SelectMany(d => Directory.GetFiles(Path.Combine(output, d))))
            .ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), File.ReadAllText);

    private static void AssertUnchanged(Dictionary<string, string> before, string output)
    {
        var after = Snapshot(output);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, content) in before) Assert.True(content == after[file], $"{file} changed");
    }
}
