using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner;

/// <summary>A package named by <c>#r "nuget: Name, Version"</c> (Version may be empty: the latest).</summary>
public sealed record PackageRequest(string Id, string Version)
{
    /// <summary>Parses the text inside <c>#r "nuget: …"</c>; null when it is not a nuget reference.</summary>
    public static PackageRequest? Parse(string reference)
    {
        if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = reference["nuget:".Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new FormatException($"#r \"{reference}\": no package name.");
        return new PackageRequest(parts[0], parts.Length > 1 ? parts[1] : "");
    }

    /// <inheritdoc/>
    public override string ToString() => Version.Length == 0 ? Id : $"{Id} {Version}";
}

/// <summary>
/// Resolves <c>#r "nuget: …"</c> packages the way the kernel does: a real NuGet restore of a generated
/// net10.0 project, then the runtime assemblies of every package in the graph. Results are cached on disk
/// under <c>$XDG_CACHE_HOME/notebooknet/nuget/&lt;hash&gt;</c> (default <c>~/.cache</c>), keyed by the package set.
/// </summary>
public static class NuGetResolver
{
    /// <summary>The cache root.</summary>
    public static string CacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = xdg is { Length: > 0 }
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "notebooknet", "nuget");
        }
    }

    /// <summary>Restores the packages (or reads the cache) and returns the assembly paths to reference, framework
    /// assemblies excluded.</summary>
    /// <param name="packages">The packages.</param>
    /// <param name="log">Receives a line when a restore starts.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <param name="sources">Extra package sources (<c>#i "nuget: …"</c>), besides the configured ones.</param>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyCollection<PackageRequest> packages,
        Action<string> log, CancellationToken cancellationToken, IReadOnlyCollection<string>? sources = null)
    {
        sources ??= [];
        var key = string.Join("\n",
                packages.Select(p => $"{p.Id.ToLowerInvariant()}/{p.Version}").Order(StringComparer.Ordinal))
            + string.Concat(sources.Order(StringComparer.Ordinal).Select(s => "\nsource " + s));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("net10.0\n" + key)))[..16]
            .ToLowerInvariant();
        var dir = Path.Combine(CacheRoot, hash);
        var list = Path.Combine(dir, "references.txt");
        if (File.Exists(list))
        {
            var cached = File.ReadAllLines(list).Where(l => l.Length > 0).ToArray();
            if (cached.All(File.Exists)) return cached;
        }
        Directory.CreateDirectory(dir);
        // Another runner (parallel tests, a second terminal) may be restoring the same set: take the directory's lock.
        using var gate = await LockAsync(Path.Combine(dir, ".lock"), cancellationToken);
        if (File.Exists(list))
        {
            var cached = File.ReadAllLines(list).Where(l => l.Length > 0).ToArray();
            if (cached.All(File.Exists)) return cached;
        }
        // Stop MSBuild's upward search for the repository's props (central package management, warnings as errors).
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(dir, name), "<Project />\n");
        var items = string.Concat(packages.Select(p =>
            $"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(p.Id)}\" " +
            $"Version=\"{System.Security.SecurityElement.Escape(p.Version.Length == 0 ? "*" : p.Version)}\" />\n"));
        File.WriteAllText(Path.Combine(dir, "restore.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n"
            + "    <NoWarn>NU1603;NU1608;NU1701;NU1902;NU1903;NU1904</NoWarn>\n"
            + (sources.Count > 0
                ? "    <RestoreAdditionalProjectSources>" +
                  $"{System.Security.SecurityElement.Escape(string.Join(';', sources))}" +
                  "</RestoreAdditionalProjectSources>\n"
                : "")
            + "  </PropertyGroup>\n  <ItemGroup>\n" + items + "  </ItemGroup>\n</Project>\n");
        log($"restoring {string.Join(", ", packages)} (cache {dir})");
        var (code, output) = await RunAsync(DotnetHost(), ["restore", "restore.csproj", "--nologo", "-v", "q"], dir,
            cancellationToken);
        if (code != 0)
            throw new InvalidOperationException(
                $"NuGet restore of {string.Join(", ", packages)} failed (exit {code}):\n{output.Trim()}");
        var references = ReadAssets(Path.Combine(dir, "obj", "project.assets.json"));
        File.WriteAllLines(list, references);
        return references;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    /// <summary>The runtime assemblies listed in a restore's <c>project.assets.json</c>, minus those the shared
    /// framework provides.</summary>
    public static IReadOnlyList<string> ReadAssets(string assetsPath)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!;
        var folders = assets["packageFolders"]!.AsObject().Select(kv => kv.Key).ToArray();
        var libraries = assets["libraries"]!.AsObject();
        var target = assets["targets"]!.AsObject().First().Value!.AsObject();
        var framework = FrameworkAssemblyNames();
        var result = new List<string>();
        foreach (var (name, entry) in target)
        {
            if (entry?["type"]?.GetValue<string>() != "package" || entry["runtime"] is not JsonObject runtime) continue;
            var libPath = libraries[name]?["path"]?.GetValue<string>() ?? name.ToLowerInvariant();
            foreach (var (file, _) in runtime)
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue; // "_._" placeholders
                if (framework.Contains(Path.GetFileNameWithoutExtension(file))) continue;
                var full = folders.Select(f => Path.Combine(f, libPath, file)).FirstOrDefault(File.Exists);
                if (full is not null) result.Add(Path.GetFullPath(full));
            }
        }
        return result;
    }

    /// <summary>Simple names of the shared framework's assemblies (Microsoft.NETCore.App).</summary>
    public static HashSet<string> FrameworkAssemblyNames()
    {
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(dir, "*.dll").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The dotnet host: <c>$DOTNET_HOST_PATH</c>, this process when it is dotnet, else <c>dotnet</c> on
    /// PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string dir,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // The runner may itself run under MSBuild/dotnet run: do not leak its MSBuild settings into the child restore.
        string[] msbuildVariables =
            ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"];
        foreach (var v in msbuildVariables) info.Environment.Remove(v);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try { await process.WaitForExitAsync(cancellationToken); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }
}
