namespace NotebookNet.Runner.Kernel;

/// <summary>The <c>kernel</c> sub-command: <c>install</c>, <c>uninstall</c> and <c>run</c> (what Jupyter
/// starts).</summary>
public static class KernelCommand
{
    /// <summary>Its help.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project lib/NotebookNet.Runner -- kernel <install|uninstall|run> [options]
          install [--path DIR]     write DIR/notebooknet/kernel.json ("C# (NotebookNet)"); DIR defaults to the user's
                                   Jupyter kernels folder ($JUPYTER_DATA_DIR/kernels, ~/.local/share/jupyter/kernels)
          uninstall [--path DIR]   remove DIR/notebooknet
          run --connection-file F  serve the Jupyter connection file F (what the kernelspec's argv runs)
        """;

    /// <summary>Runs the sub-command; exit code 0 on success, 1 on failure, 2 on a usage error.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        string? Option(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        try
        {
            switch (args[0])
            {
                case "install":
                {
                    var path = KernelSpec.Install(Option("--path") ?? KernelSpec.DefaultKernelsDirectory());
                    Console.WriteLine($"installed kernelspec \"{KernelInfo.Name}\" ({KernelInfo.DisplayName}): {path}");
                    Console.WriteLine($"  runs: {string.Join(' ', KernelSpec.RunnerCommand())} " +
                                      "kernel run --connection-file {connection_file}");
                    return 0;
                }
                case "uninstall":
                {
                    var dir = Option("--path") ?? KernelSpec.DefaultKernelsDirectory();
                    Console.WriteLine(KernelSpec.Uninstall(dir)
                        ? $"removed kernelspec \"{KernelInfo.Name}\" from {dir}"
                        : $"no kernelspec \"{KernelInfo.Name}\" in {dir}");
                    return 0;
                }
                case "run":
                {
                    var file = Option("--connection-file") ?? Option("-f") ?? (args.Length == 2 ? args[1] : null);
                    if (file is null)
                    {
                        Console.Error.WriteLine("kernel run: --connection-file FILE is required");
                        return 2;
                    }
                    var connection = ConnectionFile.Load(file);
                    var error = Console.Error;
                    var gate = new Lock();
                    void Log(string message)
                    {
                        lock (gate) { error.WriteLine($"[notebooknet] {message}"); error.Flush(); }
                    }
                    return await new KernelServer(connection, Log).RunAsync(cancellationToken);
                }
                default:
                    Console.Error.WriteLine($"kernel: unknown sub-command \"{args[0]}\"");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"kernel {args[0]}: {e.Message}");
            return 1;
        }
    }
}
