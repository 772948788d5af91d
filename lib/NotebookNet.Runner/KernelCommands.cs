namespace NotebookNet.Runner;

public static partial class Program
{
    /// <summary>Registers <c>kernel install|uninstall|run</c>: the runner's engine as a Jupyter kernel.</summary>
    static partial void AddKernelCommands(Dictionary<string, Command> commands) =>
        commands["kernel"] = new(
            "install, uninstall or run the Jupyter kernel \"C# (NotebookNet)\" (see kernel --help)",
            Kernel.KernelCommand.RunAsync);
}
