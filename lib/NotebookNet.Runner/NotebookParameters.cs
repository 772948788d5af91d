using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookNet.Runner;

/// <summary>One variable a notebook's cell tagged <c>parameters</c> declares.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Type">Its C# type (<c>bool</c>, <c>int</c>, <c>double</c>, <c>string</c>…; from the literal for
/// <c>var</c>), or null when unknown.</param>
/// <param name="Declaration">The declaration as written, e.g. <c>var Seed = 1;</c>.</param>
public sealed record NotebookParameter(string Name, string? Type, string Declaration);

/// <summary>
/// A notebook's parameters (papermill's convention: the cell tagged <c>parameters</c>), read with Roslyn, and the check
/// of a run's overrides against them: an unknown name is an error that suggests the closest one, and a value must
/// parse as the parameter's type. Overrides become the literals of the injected cell.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The variables declared at the top level of the notebook's parameters cell (none when there is no such
    /// cell).</summary>
    public static IReadOnlyList<NotebookParameter> Read(NotebookDocument document)
    {
        var cell = document.Cells.FirstOrDefault(c => NotebookDocument.Tags(c!).Contains("parameters"));
        if (cell is null) return [];
        var root = CSharpSyntaxTree.ParseText(NotebookDocument.Source(cell),
                CSharpParseOptions.Default.WithKind(SourceCodeKind.Script))
            .GetCompilationUnitRoot();
        var parameters = new List<NotebookParameter>();
        // A script's top-level `var X = 1;` parses as a field of the submission (a local in a global statement
        // elsewhere).
        var declarations = root.Members.Select(m => m switch
        {
            FieldDeclarationSyntax field => (field.Declaration, Text: field.ToString()),
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } =>
                (local.Declaration, Text: local.ToString()),
            _ => (null!, ""),
        }).Where(d => d.Declaration is not null);
        foreach (var (declaration, text) in declarations)
            foreach (var variable in declaration.Variables)
            {
                var type = declaration.Type.IsVar ? TypeOf(variable.Initializer?.Value) : declaration.Type.ToString();
                parameters.Add(new NotebookParameter(variable.Identifier.Text, type, FirstLine(text)));
            }
        return parameters;
    }

    /// <summary>
    /// What is wrong with setting <paramref name="parameter"/> to <paramref name="value"/> (the text a user typed), or
    /// null: the value must parse as the parameter's type.
    /// </summary>
    public static string? Problem(NotebookParameter parameter, string value)
    {
        bool ok = parameter.Type switch
        {
            "bool" => bool.TryParse(value, out _),
            "int" or "long" or "short" or "byte" =>
                long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "double" or "float" or "decimal" =>
                double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && double.IsFinite(d),
            _ => true,
        };
        return ok
            ? null
            : $"{parameter.Name} is {Article(parameter.Type!)} {parameter.Type} ({parameter.Declaration}), " +
                $"and \"{value}\" is not {Article(parameter.Type!)} {parameter.Type}.";
    }

    /// <summary>The value as a C# literal of the parameter's type (a string parameter always gets a string
    /// literal).</summary>
    public static string Literal(NotebookParameter? parameter, string value) => parameter?.Type switch
    {
        "bool" => value.ToLowerInvariant(),
        "string" => SymbolDisplay.FormatLiteral(value, quote: true),
        "int" or "long" or "short" or "byte" or "double" or "float" or "decimal" => value,
        _ => RunSettings.Literal(value),
    };

    /// <summary>
    /// The declared name closest to <paramref name="name"/>: the same name in another case first, else the one fewest
    /// edits away (at most a third of its length); null when nothing is close.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> declared)
    {
        var names = declared.Distinct().ToArray();
        if (names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } sameLetters)
            return sameLetters;
        var best = names.Select(n => (Name: n, Distance: Distance(n.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(c => c.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, name.Length / 3) ? best.Name : null;
    }

    private static string? TypeOf(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax { Token.Value: bool } => "bool",
        LiteralExpressionSyntax { Token.Value: int } => "int",
        LiteralExpressionSyntax { Token.Value: long } => "long",
        LiteralExpressionSyntax { Token.Value: double } => "double",
        LiteralExpressionSyntax { Token.Value: float } => "float",
        LiteralExpressionSyntax { Token.Value: decimal } => "decimal",
        LiteralExpressionSyntax { Token.Value: string } => "string",
        PrefixUnaryExpressionSyntax { OperatorToken.Text: "-" } negated => TypeOf(negated.Operand),
        _ => null,
    };

    private static string FirstLine(string declaration)
    {
        var line = declaration.Trim().Split('\n')[0].Trim();
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment > 0 ? line[..comment] : line).Trim();
    }

    private static string Article(string type) => "aeiou".Contains(type[0]) ? "an" : "a";

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
