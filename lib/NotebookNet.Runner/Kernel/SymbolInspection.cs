using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Jupyter's <c>inspect_request</c>: the symbol at (or just before) the cursor, through Roslyn's semantic model on
/// the notebook's <see cref="ScriptWorkspace"/>, shown as its signature and the summary of its XML documentation.
/// </summary>
public sealed partial class SymbolInspection(ScriptWorkspace workspace)
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
                           | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
                              | SymbolDisplayParameterOptions.IncludeDefaultValue
                              | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    /// <summary>The reply's content for <paramref name="code"/> with the cursor at code point <paramref
    /// name="cursor"/>.</summary>
    public async Task<JsonObject> InspectAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        int position = CodePoints.ToIndex(code, cursor);
        var document = await workspace.ForkAsync(code, cancellationToken);
        var model = await document.GetSemanticModelAsync(cancellationToken);
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        ISymbol? symbol = null;
        if (model is not null && root is not null)
            foreach (var at in new[] { position, position - 1 })
                if (at >= 0 && at < root.FullSpan.End
                    && (symbol = SymbolAt(model, root, at, cancellationToken)) is not null)
                    break;
        if (symbol is null)
            return new JsonObject
            {
                ["status"] = "ok", ["found"] = false, ["data"] = new JsonObject(), ["metadata"] = new JsonObject(),
            };
        var signature = symbol.ToDisplayString(Signature);
        var summary = Summary(symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken));
        var text = summary.Length > 0 ? $"{signature}\n\n{summary}" : signature;
        var markdown = $"```csharp\n{signature}\n```" + (summary.Length > 0 ? $"\n\n{summary}" : "");
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = true,
            ["data"] = new JsonObject { ["text/plain"] = text, ["text/markdown"] = markdown },
            ["metadata"] = new JsonObject(),
        };
    }

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxNode root, int position,
        CancellationToken cancellationToken)
    {
        var token = root.FindToken(position);
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node, cancellationToken);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault()
                         ?? model.GetDeclaredSymbol(node, cancellationToken);
            if (symbol is not null) return symbol;
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax) break;
        }
        return null;
    }

    /// <summary>The text of a documentation comment's <c>&lt;summary&gt;</c>, crefs as plain names, one line.</summary>
    public static string Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return "";
        XElement? summary;
        try
        {
            summary = XElement.Parse(xml).Element("summary")
                      ?? XElement.Parse($"<doc>{xml}</doc>").Descendants("summary").FirstOrDefault();
        }
        catch (System.Xml.XmlException) { return ""; }
        if (summary is null) return "";
        var text = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            if (node is XText t && t.Parent is not null) text.Append(t.Value);
            else if (node is XElement { Name.LocalName: "see" or "seealso" or "paramref" or "typeparamref" } e
                     && !e.Nodes().Any())
                text.Append(Name((string?)e.Attribute("cref") ?? (string?)e.Attribute("name")
                                 ?? (string?)e.Attribute("langword") ?? ""));
        }
        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    private static string Name(string cref)
    {
        if (cref.Length > 2 && cref[1] == ':') cref = cref[2..];
        var paren = cref.IndexOf('(');
        if (paren >= 0) cref = cref[..paren];
        var dot = cref.LastIndexOf('.');
        return dot >= 0 ? cref[(dot + 1)..] : cref;
    }

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
