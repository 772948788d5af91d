using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace NotebookNet.Tests.Runner;

/// <summary>What the runner's build puts beside it: the C# compiler compiled ahead of time, and the JIT
/// settings its runtimeconfig carries.</summary>
public sealed class RunnerBuildTests
{
    private static string RunnerFolder => Path.GetDirectoryName(RunnerProcess.RunnerDll)!;

    [Theory]
    [InlineData("Microsoft.CodeAnalysis.dll")]
    [InlineData("Microsoft.CodeAnalysis.CSharp.dll")]
    [InlineData("Microsoft.CodeAnalysis.Scripting.dll")]
    [InlineData("Microsoft.CodeAnalysis.CSharp.Scripting.dll")]
    public void The_compiler_beside_the_runner_is_ready_to_run_code_on_linux_x64(string assembly)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.Is64BitProcess
            && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture
            == System.Runtime.InteropServices.Architecture.X64, "crossgen2 is checked on linux-x64, CI's platform");
        using var stream = File.OpenRead(Path.Combine(RunnerFolder, assembly));
        using var pe = new PEReader(stream);
        var cor = pe.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{assembly} is not managed");
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0,
            $"{assembly} beside the runner is IL only: the build's CompileReadyToRun step did not run");
    }

    [Fact]
    public void The_runner_compiles_loops_optimised_at_once_without_pgo_instrumentation()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RunnerFolder,
            "NotebookNet.Runner.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;
        Assert.False((bool?)config["System.Runtime.TieredCompilation.QuickJitForLoops"]);
        Assert.False((bool?)config["System.Runtime.TieredPGO"]);
    }
}
