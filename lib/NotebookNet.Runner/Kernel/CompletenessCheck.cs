using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Jupyter's <c>is_complete</c> from Roslyn's script syntax: <c>incomplete</c> while a construct is still open (a
/// consoles keeps reading lines), <c>invalid</c> for a complete submission with syntax errors, else <c>complete</c>.
/// Directives (<c>#r</c>, <c>#i</c>, <c>#!csharp</c>) are read as the session reads them.
/// </summary>
public static class CompletenessCheck
{
    /// <summary>The status and, when incomplete, the indent for the next line.</summary>
    public static (string Status, string Indent) Check(string code)
    {
        string script;
        try { script = NotebookSession.Preprocess(code, "is_complete").Code; }
        catch (CellFailure) { return ("invalid", ""); }
        var tree = CSharpSyntaxTree.ParseText(script, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return ("incomplete", Indent(script));
        bool errors = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return errors ? ("invalid", "") : ("complete", "");
    }

    private static string Indent(string code)
    {
        int depth = 0;
        foreach (var c in code) depth += c is '{' or '(' or '[' ? 1 : c is '}' or ')' or ']' ? -1 : 0;
        return new string(' ', 4 * Math.Clamp(depth, 0, 8));
    }
}
