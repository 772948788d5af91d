using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookNet.Tests.Runner;

/// <summary>Runs the headless runner as a child process (it sets the
/// current directory, env vars and Console, so not in-process).</summary>
internal static class RunnerProcess
{
    public static string RepositoryRoot { get; } = NotebookNet.RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(
            $"{NotebookNet.RepositoryRoot.Marker} not found above {AppContext.BaseDirectory}");

    public static string NotebooksFolder =>
        Path.Combine(RepositoryRoot, "tests", "NotebookNet.Tests", "Runner", "Notebooks");

    /// <summary>The runner built in the test's configuration (the
    /// test project references it, so it is built first).</summary>
    public static string RunnerDll
    {
        get
        {
            var configuration =
                AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(RepositoryRoot, "lib", "NotebookNet.Runner", "bin", configuration, "net10.0",
                "NotebookNet.Runner.dll");
        }
    }

    public static (int ExitCode, string Output) Run(params string[] args) =>
        Run(new Dictionary<string, string?>(), args);

    /// <summary>Runs the runner from the repository root with <paramref name="environment"/> set (null:
    /// removed).</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string?> environment,
        params string[] args)
    {
        var info = StartInfo(args);
        foreach (var (name, value) in environment)
            if (value is null) info.Environment.Remove(name); else info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(true); throw new TimeoutException(
            "runner took over 10 minutes");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>
    /// Starts the runner with <paramref name="args"/>, sends SIGINT half a second after a console line containing
    /// <paramref name="interruptAfter"/> (inside the next cell), and returns its exit code and all it printed.
    /// </summary>
    public static (int ExitCode, string Output) Interrupt(string interruptAfter, params string[] args)
    {
        var info = StartInfo(args);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var log = new System.Text.StringBuilder();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            log.AppendLine(line);
            if (line.Contains(interruptAfter, StringComparison.Ordinal)) break;
        }
        if (line is null) throw new InvalidOperationException($"the runner ended before \"{interruptAfter}\":\n{log}");
        Thread.Sleep(500);
        var pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", ["-INT", pid])) kill.WaitForExit();
        log.Append(process.StandardOutput.ReadToEnd());
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(true);
            throw new TimeoutException($"the runner did not stop within 30 s of SIGINT:\n{log}");
        }
        return (process.ExitCode, log + stderr.Result);
    }

    /// <summary>
    /// The runner with <paramref name="args"/>, from the repository root, outputs redirected, without the host
    /// variables a runner sets for its notebooks. A process started in the background of a shell without job control
    /// (e.g. `nohup ... &amp;` running the tests) inherits SIGINT ignored, and .NET keeps it ignored; on Linux env
    /// restores the default, as a terminal has it.
    /// </summary>
    private static ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo(OperatingSystem.IsLinux() ? "env" : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, WorkingDirectory = RepositoryRoot
        };
        if (OperatingSystem.IsLinux())
            foreach (var a in new[] { "--default-signal=INT", "dotnet" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(RunnerDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("NOTEBOOKNET_ARTIFACTS");
        info.Environment.Remove("NOTEBOOKNET_NOTEBOOK");
        return info;
    }

    public static string TempDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"notebooknet-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>The smoke notebook, executed once for all <see cref="RunnerSmokeTests"/>:
/// with overrides, stopping at its failing cell.</summary>
public sealed class SmokeRun
{
    public SmokeRun()
    {
        OutDirectory = RunnerProcess.TempDirectory("smoke");
        var clock = Stopwatch.StartNew();
        (ExitCode, Output) =
            RunnerProcess.Run("run", "--out", OutDirectory, "-p", "Count=5", "-p", "Label=hello \"quoted\"", "--quick",
            "--figures", "png,svg,pdf",
            Path.Combine(RunnerProcess.NotebooksFolder, "runner-smoke.ipynb"));
        Seconds = clock.Elapsed.TotalSeconds;
        var path = Path.Combine(OutDirectory, "runner-smoke.ipynb");
        Notebook = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;
    }

    public string OutDirectory { get; }
    public int ExitCode { get; }
    public string Output { get; }
    public double Seconds { get; }
    public JsonObject? Notebook { get; }

    public IReadOnlyList<JsonObject> CodeCells =>
        Notebook!["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code")
        .ToArray();

    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    /// <summary>The first code cell whose source contains <paramref name="marker"/>.</summary>
    public JsonObject Cell(string marker) =>
        CodeCells.First(c => Text(c["source"]).Contains(marker, StringComparison.Ordinal));
}
