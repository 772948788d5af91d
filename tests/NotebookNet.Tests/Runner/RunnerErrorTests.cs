using System.Text.Json.Nodes;

namespace NotebookNet.Tests.Runner;

/// <summary>Magic commands, compilation errors, --continue-on-error and --cell-timeout.</summary>
public sealed class RunnerErrorTests
{
    [Fact]
    public void Unsupported_magic_and_compile_errors_are_named_and_continue_on_error_runs_the_rest()
    {
        var output = RunnerProcess.TempDirectory("errors");
        var (code, text) =
            RunnerProcess.Run("run", "--continue-on-error", "--out", output,
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-errors.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("cell 2, line 1: MagicCommandError", text);
        Assert.Contains("#!time", text);
        Assert.Contains("cell 3, line 1: CompilationError: line 1: CS0029", text);
        Assert.Contains("runner-errors  cell 4/4  ok", text);
        Assert.EndsWith("2 passed, 2 failed", text.Trim());
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "runner-errors.ipynb")))!;
        var last = nb["cells"]!.AsArray()[^1]!;
        Assert.Equal("3", SmokeRun.Text(last["outputs"]![0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void A_cell_over_the_timeout_fails_and_the_partial_notebook_is_written()
    {
        var output = RunnerProcess.TempDirectory("timeout");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, text) =
            RunnerProcess.Run("run", "--cell-timeout", "20", "--out", output,
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-timeout.ipynb"));
        Assert.True(clock.Elapsed.TotalSeconds < 55,
            $"took {clock.Elapsed.TotalSeconds:0} s: the timeout did not stop the run");
        Assert.Equal(1, code);
        Assert.Contains("cell 2/3  FAILED", text);
        Assert.Contains("CellTimeout", text);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "runner-timeout.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("first cell\n", SmokeRun.Text(cells[0]!["outputs"]![0]!["text"]));
        Assert.Equal("CellTimeout", (string?)cells[1]!["outputs"]!.AsArray().Single()!["ename"]);
        Assert.Null(cells[2]!["execution_count"]);
    }

    [Fact]
    public void Unknown_notebook_name_is_a_usage_error()
    {
        var (code, text) = RunnerProcess.Run("run", "no-such-notebook");
        Assert.Equal(2, code);
        Assert.Contains("no notebook matches \"no-such-notebook\"", text);
    }
}

/// <summary>Ctrl+C (SIGINT) stops the run and keeps what ran.</summary>
public sealed class RunnerInterruptTests
{
    [Fact]
    public void Sigint_writes_the_partial_notebook_and_exits_130()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is sent with kill(1)");
        var output = RunnerProcess.TempDirectory("interrupt");
        var (code, text) = RunnerProcess.Interrupt("cell 1/3  ok", // then inside the 60 s cell
            "run", "--out", output, Path.Combine(RunnerProcess.NotebooksFolder, "runner-timeout.ipynb"));
        Assert.Equal(130, code);
        Assert.Contains("Interrupted", text);
        Assert.Contains("interrupted: 1 passed, 0 failed, 1 interrupted", text);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "runner-timeout.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("first cell\n", SmokeRun.Text(cells[0]!["outputs"]![0]!["text"]));
        Assert.Equal("Interrupted", (string?)cells[1]!["outputs"]!.AsArray().Single()!["ename"]);
    }
}
