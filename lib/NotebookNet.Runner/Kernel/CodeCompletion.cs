using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.Completion;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Jupyter's <c>complete_request</c> through Roslyn's <see cref="CompletionService"/> on the notebook's
/// <see cref="ScriptWorkspace"/>: members, locals and types of earlier cells, keywords, in Roslyn's order,
/// filtered by what is typed before the cursor.
/// </summary>
public sealed class CodeCompletion(ScriptWorkspace workspace)
{
    /// <summary>The reply's content for <paramref name="code"/> with the cursor at code point <paramref
    /// name="cursor"/>.</summary>
    public async Task<JsonObject> CompleteAsync(string code, int cursor, CancellationToken cancellationToken)
    {
        int position = CodePoints.ToIndex(code, cursor);
        var document = await workspace.ForkAsync(code, cancellationToken);
        var service = CompletionService.GetService(document)
            ?? throw new InvalidOperationException("Roslyn's C# completion service is not available.");
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken);
        int start = Math.Min(list.Span.Start, position);
        var typed = code[start..position];
        var matches = new JsonArray();
        var types = new JsonArray();
        int startPoint = CodePoints.FromIndex(code, start), endPoint = CodePoints.FromIndex(code, position);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.ItemsList)
        {
            if (typed.Length > 0 && !item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
            var text = item.DisplayText;
            if (!seen.Add(text)) continue;
            matches.Add(text);
            types.Add(new JsonObject
            {
                ["start"] = startPoint, ["end"] = endPoint, ["text"] = text,
                ["type"] = item.Tags.Length > 0 ? item.Tags[0].ToLowerInvariant() : "",
                ["signature"] = item.InlineDescription,
            });
        }
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = matches,
            ["cursor_start"] = startPoint,
            ["cursor_end"] = endPoint,
            ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
        };
    }
}
