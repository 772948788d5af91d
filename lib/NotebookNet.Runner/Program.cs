namespace NotebookNet.Runner;

/// <summary>
/// The runner's command line: <c>run</c> executes notebooks. Other files add sub-commands (e.g. <c>data</c>) by
/// implementing <see cref="AddCommands"/> in another part of this partial class.
/// </summary>
public static partial class Program
{
    /// <summary>A sub-command: its one-line help and its entry point (arguments after the command name → exit
    /// code).</summary>
    public sealed record Command(string Summary, Func<string[], CancellationToken, Task<int>> Run);

    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var commands = new Dictionary<string, Command>(StringComparer.Ordinal)
        {
            ["run"] = new("execute notebooks headless (see run --help)", RunCommand),
        };
        AddCommands(commands);
        AddKernelCommands(commands);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" || !commands.ContainsKey(args[0]))
        {
            var error = args.Length > 0 && args[0] is not ("-h" or "--help" or "help");
            var w = error ? Console.Error : Console.Out;
            if (error) w.WriteLine($"unknown command \"{args[0]}\".");
            w.WriteLine("usage: dotnet run -c Release --project lib/NotebookNet.Runner -- <command> [options]");
            foreach (var (name, c) in commands) w.WriteLine($"  {name,-8} {c.Summary}");
            return error ? 2 : 0;
        }
        using var cts = new CancellationTokenSource();
        var realError = Console.Error; // cells' Console.Error is captured into the notebook while they run
        int presses = 0;
        // The kernel handles SIGINT itself: it interrupts the running cell and keeps the kernel.
        if (args[0] != "kernel") Console.CancelKeyPress += (_, e) =>
        {
            if (Interlocked.Increment(ref presses) == 1)
            {
                e.Cancel = true;
                realError.WriteLine("\ninterrupt: stopping after writing what ran (Ctrl+C again to quit at once)");
                cts.Cancel();
            }
        };
        // SIGTERM (a CI timeout, `kill`) stops the same way: the executed notebooks so far and the index are written.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                if (cts.IsCancellationRequested) return;
                context.Cancel = true;
                if (args[0] != "kernel") realError.WriteLine("\nterminated: stopping after writing what ran");
                cts.Cancel();
            });
        return await commands[args[0]].Run(args[1..], cts.Token);
    }

    /// <summary>
    /// Resolves a relative <c>NOTEBOOKNET_CIFAR10</c> once, before any notebook runs (they run in
    /// <c>notebooks/</c>): from the current directory, else the repository root (<see cref="Data.UserPath"/>), and
    /// passes the absolute path on.
    /// </summary>
    /// <exception cref="ArgumentException">The variable names a path that does not exist.</exception>
    internal static void ResolveDataVariable()
    {
        var variable = Data.Cifar10Source.EnvironmentVariable;
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } value) return;
        var found = Data.UserPath.Find(value) ?? throw new ArgumentException(
            $"{variable}={value} does not exist ({Data.UserPath.Tried(value)}): point it at a cifar-10-binary.tar.gz " +
            "archive or a cifar-10-batches-bin directory, or unset it.");
        Environment.SetEnvironmentVariable(variable, found);
    }

    /// <summary>Lets another file of this partial class register sub-commands (name → command).</summary>
    static partial void AddCommands(Dictionary<string, Command> commands);

    /// <summary>The Jupyter kernel's sub-command (KernelCommands.cs), beside <see cref="AddCommands"/>.</summary>
    static partial void AddKernelCommands(Dictionary<string, Command> commands);

    private static async Task<int> RunCommand(string[] args, CancellationToken cancellationToken)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.WriteLine(RunSettings.Usage); return 0; }
        var console = new RunnerConsole(Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
        RunSettings settings;
        IReadOnlyList<string> notebooks;
        string outDirectory;
        try
        {
            settings = RunSettings.Parse(args);
            var root = RepositoryRoot.Find(Environment.CurrentDirectory)
                ?? RepositoryRoot.Find(AppContext.BaseDirectory);
            notebooks = NotebookRunner.SelectNotebooks(root, settings.Notebooks);
            outDirectory = settings.OutDirectory ?? Path.Combine(root ?? Environment.CurrentDirectory, "artifacts");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"run: {e.Message}");
            Console.Error.WriteLine(RunSettings.Usage);
            return 2;
        }
        if (settings.ReportOnly)
        {
            var stems = notebooks.Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Where(stem => File.Exists(Path.Combine(outDirectory, stem + ".ipynb"))).ToArray();
            if (stems.Length == 0)
            {
                Console.Error.WriteLine($"run --report-only: no executed notebooks in {outDirectory}; " +
                    "run them first (without --report-only).");
                return 1;
            }
            NotebookRunner.WriteReports(outDirectory, stems, console);
            console.Line($"index: {IndexPage.Write(outDirectory)}");
            return 0;
        }
        ParameterPlan plan;
        try
        {
            plan = ParameterPlan.Build(notebooks, settings.Parameters);
            if (!settings.Parameters.Any(p => p.Key == "DataSource")) ResolveDataVariable();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"run: {e.Message}");
            Console.Error.WriteLine("(run --help lists the options)");
            return 2;
        }
        foreach (var note in plan.Notes) console.Line(note);
        var runner = new NotebookRunner(settings, console, plan);
        var outcomes = await runner.RunAsync(notebooks, outDirectory, cancellationToken);
        int passed = outcomes.Sum(o => o.Passed), failed = outcomes.Sum(o => o.Failed);
        bool interrupted = cancellationToken.IsCancellationRequested;
        if (outcomes.Count < notebooks.Count)
            console.Line("not run: " +
                $"{string.Join(", ", notebooks.Skip(outcomes.Count).Select(Path.GetFileNameWithoutExtension))}");
        int stopped = outcomes.Count(o => o.Status == "interrupted");
        console.Line(interrupted || stopped > 0
            ? $"interrupted: {passed} passed, {failed} failed, {stopped} interrupted"
            : $"{passed} passed, {failed} failed");
        int code = interrupted ? 130 : failed > 0 || outcomes.Count < notebooks.Count ? 1 : 0;
        if (runner.HasAbandonedCell)
        {
            // A timed-out or interrupted cell's thread cannot be stopped; end the process so it does not keep running.
            Console.Out.Flush();
            Environment.Exit(code);
        }
        return code;
    }
}
