using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// The kernelspec Jupyter clients find the kernel by: <c>DIR/notebooknet/kernel.json</c>, whose argv starts this
/// built runner (<c>dotnet …/NotebookNet.Runner.dll kernel run --connection-file {connection_file}</c>) with
/// <c>interrupt_mode: message</c> (an interrupt is a control message, never a signal to the process group).
/// </summary>
public static class KernelSpec
{
    /// <summary>
    /// The user's Jupyter kernels folder: <c>$JUPYTER_DATA_DIR/kernels</c>, else <c>~/.local/share/jupyter/kernels</c>
    /// (<c>$XDG_DATA_HOME/jupyter/kernels</c>) on Linux, <c>~/Library/Jupyter/kernels</c> on macOS,
    /// <c>%APPDATA%\jupyter\kernels</c> on Windows.
    /// </summary>
    public static string DefaultKernelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data)
            return Path.Combine(data, "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            var appData = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            return Path.Combine(appData, "jupyter", "kernels");
        }
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var share = string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg;
        return Path.Combine(share, "jupyter", "kernels");
    }

    /// <summary>The command that starts this runner: the <c>dotnet</c> host and the runner's DLL.</summary>
    public static string[] RunnerCommand()
    {
        var runner = typeof(KernelSpec).Assembly.Location;
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", name));
        return [File.Exists(host) ? host : "dotnet", runner];
    }

    /// <summary>The kernel.json content.</summary>
    public static JsonObject Json(IReadOnlyList<string> command) => new()
    {
        ["argv"] = new JsonArray([.. command.Concat(["kernel", "run", "--connection-file", "{connection_file}"])
            .Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["display_name"] = KernelInfo.DisplayName,
        ["language"] = KernelInfo.Language,
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Writes <c>DIR/notebooknet/kernel.json</c> (replacing one there); returns its path.</summary>
    public static string Install(string kernelsDirectory)
    {
        var dir = Path.Combine(Path.GetFullPath(kernelsDirectory), KernelInfo.Name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "kernel.json");
        var temp = path + ".tmp";
        var json = Json(RunnerCommand()).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(temp, json + "\n");
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>Removes <c>DIR/notebooknet</c>; false when it was not there.</summary>
    public static bool Uninstall(string kernelsDirectory)
    {
        var dir = Path.Combine(Path.GetFullPath(kernelsDirectory), KernelInfo.Name);
        if (!Directory.Exists(dir)) return false;
        Directory.Delete(dir, recursive: true);
        return true;
    }
}
