using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace NotebookNet.Runner;

/// <summary>
/// One notebook's C# state: code cells run as successive Roslyn script submissions sharing variables, usings and
/// references, like the .NET Interactive kernel. Handles <c>#r "nuget: Name, Version"</c> (a cached NuGet restore),
/// <c>#r "path.dll"</c> (relative to the notebook's folder) and displays a trailing expression.
/// </summary>
public sealed partial class NotebookSession
{
    private static readonly string[] Imports =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text",
        "System.Threading.Tasks",
    ];
    private static readonly Lazy<(IReadOnlyList<MetadataReference> Framework, IReadOnlyDictionary<string, string> App)>
        Platform = new(LoadPlatform);

    private readonly string _directory;
    private readonly Action<string> _log;
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly NotebookGlobals _globals;
    private readonly List<PackageRequest> _packages = [];
    private readonly List<string> _sources = [];
    private readonly HashSet<string> _referenced = new(StringComparer.OrdinalIgnoreCase);
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    /// <summary>A fresh session for the notebook in <paramref name="directory"/>.</summary>
    public NotebookSession(string directory, NotebookGlobals globals, Action<string> log)
    {
        _directory = directory; _globals = globals; _log = log;
        _options = ScriptOptions.Default
            .WithReferences(Platform.Value.Framework)
            .AddReferences(typeof(NotebookGlobals).Assembly)
            .WithImports(Imports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(directory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(true);
        _loader.RegisterDependency(typeof(NotebookGlobals).Assembly);
    }

    /// <summary>
    /// Loads and warms up the compiler with the platform references (a few seconds, once per process), so this
    /// cost is not charged to a notebook's first cell and its <c>--cell-timeout</c>.
    /// </summary>
    public static async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var options = ScriptOptions.Default.WithReferences(Platform.Value.Framework)
            .AddReferences(typeof(NotebookGlobals).Assembly).WithImports(Imports);
        await CSharpScript
            .Create("var warm = new List<int> { 1 }.Select(i => i + 1).Sum();", options, typeof(NotebookGlobals))
            .RunAsync(new NotebookGlobals(), cancellationToken: cancellationToken);
    }

    /// <summary>The last submission that ran without an error (null before the first): the state completion
    /// reads.</summary>
    public Script? LastScript => _state?.Script;

    /// <summary>The options the next submission compiles with (references and imports so far).</summary>
    public ScriptOptions Options => _options;

    /// <summary>
    /// Runs one cell. Outputs (a displayed trailing expression) go to <paramref name="context"/>; failures throw
    /// <see cref="CellFailure"/> with the line in the cell. <paramref name="cancellationToken"/> is the cell's
    /// <see cref="CellCancellation"/>: the library's long operations stop when it is cancelled, and the cell then
    /// throws <see cref="OperationCanceledException"/> (its variables are dropped, earlier cells' are kept).
    /// </summary>
    public async Task ExecuteAsync(string source, CellContext context, CancellationToken cancellationToken)
    {
        using var cell = CellCancellation.Enter(cancellationToken);
        var cellPath = $"{context.Stem}.ipynb cell {context.Number}";
        var (code, packages, paths, sources) = Preprocess(source, cellPath);
        foreach (var extra in sources)
        {
            var resolved = extra.Contains("://", StringComparison.Ordinal)
                ? extra
                : Path.GetFullPath(Path.Combine(_directory, extra));
            if (!_sources.Contains(resolved)) _sources.Add(resolved);
        }
        var newReferences = new List<MetadataReference>();
        if (packages.Count > 0)
        {
            foreach (var p in packages)
                if (!_packages.Any(q => string.Equals(q.Id, p.Id, StringComparison.OrdinalIgnoreCase)))
                    _packages.Add(p);
            IReadOnlyList<string> assemblies;
            try { assemblies = await NuGetResolver.ResolveAsync(_packages, _log, cancellationToken, _sources); }
            catch (InvalidOperationException e)
            {
                throw new CellFailure("NuGetRestoreError", e.Message, null, [e.Message]);
            }
            foreach (var a in assemblies) AddReference(a, newReferences);
        }
        foreach (var (path, line) in paths)
        {
            var full = Path.GetFullPath(Path.Combine(_directory, path));
            if (!File.Exists(full))
                throw new CellFailure("ReferenceNotFound", $"#r \"{path}\": {full} does not exist" +
                    (full.Contains("NotebookNet.dll", StringComparison.Ordinal)
                        ? " (build the library first: dotnet build -c Release)."
                        : "."),
                    line, [$"{cellPath}, line {line}: #r \"{path}\" not found at {full}"]);
            AddReference(full, newReferences);
        }
        var options = _options.AddReferences(newReferences).WithFilePath(cellPath);
        _options = _options.AddReferences(newReferences);

        ScriptState<object> state;
        try
        {
            if (_state is null)
            {
                var script = CSharpScript.Create(code, options, typeof(NotebookGlobals), _loader);
                state = await script.RunAsync(_globals, _ => true, cancellationToken);
            }
            else state = await _state.ContinueWithAsync(code, options, _ => true, cancellationToken);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            var first = errors.FirstOrDefault() ?? e.Diagnostics.First();
            int line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
            throw new CellFailure("CompilationError", $"line {line}: {first.Id}: {first.GetMessage()}", line,
                errors.Select(d => d.ToString()).ToArray());
        }
        if (state.Exception is { } exception)
        {
            var ex = Unwrap(exception);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException($"cell {context.Number} was interrupted", ex, cancellationToken);
            var line = LineOf(ex, cellPath);
            throw new CellFailure(ex.GetType().FullName ?? ex.GetType().Name, ex.Message, line, Traceback(ex));
        }
        // A cell its host gave up on (interrupted, it did not stop) must not replace the state later cells built on.
        if (context.IsClosed) throw new OperationCanceledException($"cell {context.Number} was abandoned");
        _state = state;
        if (HasTrailingExpression(code) && state.ReturnValue is { } value)
            context.Add(new CellOutput
            {
                OutputType = "execute_result", Data = OutputFormatter.Format(value), ExecutionCount = context.Number,
            });
    }

    /// <summary>
    /// Splits a cell into C# code and directives: <c>#r "nuget: …"</c>, <c>#r "path"</c> and <c>#i "nuget: source"</c>
    /// (an extra package source) lines are commented out (so line numbers stay) and returned; <c>#!csharp</c> is
    /// accepted; any other <c>#!</c> magic command is an error.
    /// </summary>
    public static
        (string Code, List<PackageRequest> Packages, List<(string Path, int Line)> Paths, List<string> Sources)
        Preprocess(string source, string cellPath)
    {
        var sources = new List<string>();
        var packages = new List<PackageRequest>();
        var paths = new List<(string, int)>();
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = trimmed.Split(' ', 2)[0];
                if (magic is "#!csharp" or "#!c#" or "#!C#") { lines[i] = "// " + lines[i]; continue; }
                throw new CellFailure("MagicCommandError",
                    $"line {i + 1}: the magic command {magic} is not supported by the headless runner " +
                    "(supported: #!csharp, #r \"nuget: Name, Version\", #r \"path.dll\"). " +
                    "Remove it or move it out of this notebook.",
                    i + 1, [$"{cellPath}, line {i + 1}: unsupported magic command {magic}"]);
            }
            var include = SourceDirective().Match(trimmed);
            if (include.Success)
            {
                var value = include.Groups[1].Value.Trim();
                if (!value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    throw new CellFailure("ReferenceError",
                        $"line {i + 1}: #i supports only \"nuget: <package source>\", got \"{value}\".",
                        i + 1, [$"{cellPath}, line {i + 1}: #i \"{value}\""]);
                sources.Add(value["nuget:".Length..].Trim());
                lines[i] = "// " + lines[i];
                continue;
            }
            var match = ReferenceDirective().Match(trimmed);
            if (!match.Success) continue;
            var reference = match.Groups[1].Value.Trim();
            try
            {
                if (PackageRequest.Parse(reference) is { } package) packages.Add(package);
                else paths.Add((reference, i + 1));
            }
            catch (FormatException e)
            {
                throw new CellFailure("ReferenceError", $"line {i + 1}: {e.Message}", i + 1, [e.Message]);
            }
            lines[i] = "// " + lines[i];
        }
        return (string.Join('\n', lines), packages, paths, sources);
    }

    /// <summary>True when the cell ends with an expression without a semicolon (the kernel displays its
    /// value).</summary>
    public static bool HasTrailingExpression(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script))
            .GetCompilationUnitRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            && statement.SemicolonToken.IsMissing;
    }

    [GeneratedRegex("^#r\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex("^#i\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex SourceDirective();

    /// <summary>
    /// References an assembly. When the runner itself ships an assembly of that name (NotebookNet, Plotly.NET,
    /// FSharp.Core, Microsoft.Data.Analysis, the Formatting library…), the runner's copy is used and shared with the
    /// script, so the formatters a notebook registers are the ones the runner formats with.
    /// </summary>
    private void AddReference(string path, List<MetadataReference> into)
    {
        string name;
        try { name = AssemblyName.GetAssemblyName(path).Name ?? Path.GetFileNameWithoutExtension(path); }
        catch (BadImageFormatException) { return; } // not a managed assembly
        if (Platform.Value.App.TryGetValue(name, out var appPath))
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
            _loader.RegisterDependency(assembly);
            path = string.IsNullOrEmpty(assembly.Location) ? appPath : assembly.Location;
        }
        if (_referenced.Add(path)) into.Add(MetadataReference.CreateFromFile(path));
    }

    private static (IReadOnlyList<MetadataReference>, IReadOnlyDictionary<string, string>) LoadPlatform()
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = new List<MetadataReference>();
        var app = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in tpa)
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDir, StringComparison.Ordinal))
                framework.Add(MetadataReference.CreateFromFile(path));
            else app[Path.GetFileNameWithoutExtension(path)] = path;
        }
        return (framework, app);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException is not null)
            e = e.InnerException!;
        return e;
    }

    private static int? LineOf(Exception e, string cellPath)
    {
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            if (frame.GetFileName() is { } file && file.EndsWith(cellPath, StringComparison.Ordinal)
                && frame.GetFileLineNumber() > 0)
                return frame.GetFileLineNumber();
        return e.InnerException is { } inner ? LineOf(inner, cellPath) : null;
    }

    private static string[] Traceback(Exception e) =>
        e.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                        && !l.Contains("--- End of stack trace", StringComparison.Ordinal)
                        && !l.Contains("System.Runtime.CompilerServices.AsyncMethodBuilderCore",
                            StringComparison.Ordinal))
            .ToArray();
}
