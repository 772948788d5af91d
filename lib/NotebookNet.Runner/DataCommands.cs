namespace NotebookNet.Runner;

public static partial class Program
{
    /// <summary>Registers <c>data fetch|verify|info</c> beside <c>run</c>.</summary>
    static partial void AddCommands(Dictionary<string, Command> commands) =>
        commands["data"] = new("fetch, verify or describe the CIFAR-10 data (see data --help)", DataCommand.RunAsync);
}
