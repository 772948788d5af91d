using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NotebookNet.Reporting;

/// <summary>
/// The offline plotly.js: the minified copy embedded as a resource in <c>Plotly.NET.dll</c>, which ships beside
/// <c>NotebookNet.dll</c>. The resource is read from the file's metadata, without loading the assembly, so no F# runs
/// and no FSharp.Core version is needed (the released .NET Interactive kernel cannot load Plotly.NET 6's).
/// </summary>
public static class PlotlyJs
{
    private const string AssemblyFile = "Plotly.NET.dll";
    private static readonly Lazy<(string Name, string Script)> Loaded = new(Load);

    /// <summary>The minified plotly.js (about 3.6 MB).</summary>
    public static string Script => Loaded.Value.Script;

    /// <summary>The resource it came from, e.g. <c>Plotly.NET.plotly-2.28.0.min.js</c>.</summary>
    public static string ResourceName => Loaded.Value.Name;

    /// <summary>The plotly.js version, read from the resource name (e.g. <c>2.28.0</c>).</summary>
    public static string Version => ResourceName.Split('-')[^1].Replace(".min.js", "", StringComparison.Ordinal);

    /// <summary>Where <c>Plotly.NET.dll</c> is looked for: beside this library, then beside the application.</summary>
    public static IEnumerable<string> Candidates()
    {
        var here = Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location);
        if (!string.IsNullOrEmpty(here)) yield return Path.Combine(here, AssemblyFile);
        yield return Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            if (loaded.GetName().Name == "Plotly.NET" && !string.IsNullOrEmpty(loaded.Location))
                yield return loaded.Location;
    }

    private static (string, string) Load()
    {
        var tried = new List<string>();
        foreach (var path in Candidates().Distinct())
        {
            tried.Add(path);
            if (File.Exists(path) && Read(path) is { } found) return found;
        }
        throw new FileNotFoundException(
            $"plotly.js was not found: it is read from {AssemblyFile} beside NotebookNet.dll " +
            $"(tried {string.Join(", ", tried)}). " +
            "Build the library (dotnet build -c Release), which copies Plotly.NET.dll into its output folder.");
    }

    /// <summary>Reads the first <c>*plotly*.min.js</c> manifest
    /// resource of an assembly file; null when it has none.</summary>
    internal static (string Name, string Script)? Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (!resource.Implementation.IsNil || !name.Contains("plotly", StringComparison.OrdinalIgnoreCase)
                || !name.EndsWith(".min.js", StringComparison.Ordinal)) continue;
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var block = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            block.Offset = checked((int)resource.Offset);
            int length = block.ReadInt32();
            return (name, Encoding.UTF8.GetString(block.ReadBytes(length)));
        }
        return null;
    }
}
