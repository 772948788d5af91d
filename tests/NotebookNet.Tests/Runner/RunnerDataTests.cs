namespace NotebookNet.Tests.Runner;

/// <summary>A run given a file that is no archive says so (issue
/// 18), instead of "truncated … download it again".</summary>
public sealed class RunnerDataTests
{
    [Fact]
    public void Run_with_data_pointing_at_a_text_file_says_not_a_gzip_tar_archive()
    {
        var output = RunnerProcess.TempDirectory("data");
        var text = Path.Combine(output, "hostname");
        File.WriteAllText(text, "myhost\n");
        var (code, log) = RunnerProcess.Run("run", "--out", Path.Combine(output, "out"), "--data", text,
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-data.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains($"{text}: not a gzip/tar archive (it is text, starting \"myhost\")", log);
        Assert.DoesNotContain("truncated", log);
        Assert.DoesNotContain("Download it again", log);
    }
}
