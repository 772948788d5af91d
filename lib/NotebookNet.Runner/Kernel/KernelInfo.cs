using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookNet.Runner.Kernel;

/// <summary>The <c>kernel_info_reply</c>: protocol version, implementation and a full <c>language_info</c>.</summary>
public static class KernelInfo
{
    /// <summary>The kernelspec name.</summary>
    public const string Name = "notebooknet";
    /// <summary>The name clients show.</summary>
    public const string DisplayName = "C# (NotebookNet)";
    /// <summary>The kernelspec's language.</summary>
    public const string Language = "C#";

    /// <summary>The C# version cells compile with (e.g. <c>14.0</c>).</summary>
    public static string LanguageVersion =>
        CSharpParseOptions.Default.LanguageVersion.MapSpecifiedToEffectiveVersion().ToDisplayString();

    /// <summary>The reply's content.</summary>
    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = Name,
        ["implementation_version"] = typeof(KernelInfo).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = Language,
            ["version"] = LanguageVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
            ["nbconvert_exporter"] = "script",
        },
        ["banner"] = $"{DisplayName}: C# {LanguageVersion} scripting (Roslyn) on .NET {Environment.Version}, " +
                     "with #r \"nuget: …\", display(…) and NotebookNet's formatters",
        ["help_links"] = new JsonArray(
            new JsonObject { ["text"] = "C# documentation", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" }),
        ["debugger"] = false,
    };
}
