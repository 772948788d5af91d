using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Runner;

/// <summary>Formats values for notebook outputs with the same formatters the kernel uses.</summary>
public static class OutputFormatter
{
    /// <summary>MIME type → content: the requested (or preferred) types and always <c>text/plain</c>.</summary>
    public static Dictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (value is null) return new() { [PlainTextFormatter.MimeType] = Formatter.NullString };
        var types = mimeTypes is { Count: > 0 } ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value.GetType());
        var data = new Dictionary<string, string>();
        foreach (var mime in types.Distinct()) data[mime] = Formatter.ToDisplayString(value, mime);
        if (!data.ContainsKey(PlainTextFormatter.MimeType))
            data[PlainTextFormatter.MimeType] = Formatter.ToDisplayString(value, PlainTextFormatter.MimeType);
        return data;
    }
}
