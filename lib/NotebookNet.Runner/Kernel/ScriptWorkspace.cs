using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Roslyn's view of the notebook for language services: one submission project a cell that ran (its code, the
/// session's references, a reference to the previous cell's project, <see cref="NotebookGlobals"/> as host object),
/// kept in step with the session's script chain, and a working document forked for each request, so completion and
/// inspection see the locals, members and usings of earlier cells. References carry XML documentation where it
/// exists (the framework's reference pack, and a <c>.xml</c> beside any other assembly, e.g. NotebookNet's).
/// </summary>
public sealed class ScriptWorkspace(NotebookSession session)
{
    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    private readonly AdhocWorkspace _workspace = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, MetadataReference> _documented = new(StringComparer.Ordinal);
    private readonly List<Script> _synced = [];
    private ProjectId? _last;
    private int _count;

    /// <summary>A document holding <paramref name="code"/> as the next cell, after every cell that ran.</summary>
    public async Task<Document> ForkAsync(string code, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Sync();
            var solution = _workspace.CurrentSolution;
            var id = AddSubmission(ref solution, code, "working");
            return solution.GetProject(id)!.Documents.Single();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Adds the cells that ran since the last call (the script chain is append-only).</summary>
    private void Sync()
    {
        var chain = new List<Script>();
        for (var s = session.LastScript; s is not null; s = s.Previous) chain.Add(s);
        chain.Reverse();
        int common = 0;
        while (common < chain.Count && common < _synced.Count && ReferenceEquals(chain[common], _synced[common]))
            common++;
        if (common < _synced.Count)
        {
            // a new session (not expected within one kernel): start over
            _workspace.ClearSolution();
            _synced.Clear();
            _last = null;
            common = 0;
        }
        if (common == chain.Count) return;
        var solution = _workspace.CurrentSolution;
        foreach (var script in chain.Skip(common))
        {
            _last = AddSubmission(ref solution, script.Code, $"cell{_synced.Count + 1}");
            _synced.Add(script);
        }
        _workspace.TryApplyChanges(solution);
    }

    private ProjectId AddSubmission(ref Solution solution, string code, string name)
    {
        var id = ProjectId.CreateNewId(name);
        var assembly = $"Submission#{_count++}";
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            usings: session.Options.Imports, allowUnsafe: true, scriptClassName: assembly,
            nullableContextOptions: NullableContextOptions.Disable);
        var info = ProjectInfo.Create(id, VersionStamp.Create(), name, assembly, LanguageNames.CSharp,
            compilationOptions: options, parseOptions: ParseOptions, metadataReferences: References(),
            projectReferences: _last is null ? [] : [new ProjectReference(_last)],
            isSubmission: true, hostObjectType: typeof(NotebookGlobals));
        solution = solution.AddProject(info)
            .AddDocument(DocumentId.CreateNewId(id), name + ".csx", SourceText.From(code), filePath: null);
        return id;
    }

    /// <summary>
    /// The session's references with documentation: the framework's from the SDK's reference pack when it is
    /// installed (all of it, in place of the runtime's implementation assemblies), every other one with the
    /// <c>.xml</c> beside it.
    /// </summary>
    private List<MetadataReference> References()
    {
        var result = new List<MetadataReference>();
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refPack = ReferencePack.Value;
        if (refPack is not null) result.AddRange(Directory.GetFiles(refPack, "*.dll").Order().Select(Documented));
        foreach (var reference in session.Options.MetadataReferences)
        {
            if (reference is not PortableExecutableReference { FilePath: { } path }) result.Add(reference);
            else if (refPack is null
                     || !string.Equals(Path.GetDirectoryName(path), frameworkDir, StringComparison.Ordinal))
                result.Add(Documented(path));
        }
        return result;
    }

    private MetadataReference Documented(string path)
    {
        if (_documented.TryGetValue(path, out var reference)) return reference;
        var xml = Path.ChangeExtension(path, ".xml");
        reference = MetadataReference.CreateFromFile(path,
            documentation: File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null);
        _documented[path] = reference;
        return reference;
    }

    /// <summary>The SDK's reference pack for the running framework (it has the XML docs), or null.</summary>
    private static readonly Lazy<string?> ReferencePack = new(() =>
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var version = Environment.Version;
        var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        if (!Directory.Exists(packs)) return null;
        return Directory.GetDirectories(packs)
            .Select(d => (Dir: d, Ok: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v), Version: v))
            .Where(d => d.Ok && d.Version!.Major == version.Major && d.Version <= version)
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "ref", $"net{version.Major}.{version.Minor}"))
            .FirstOrDefault(Directory.Exists);
    });
}
