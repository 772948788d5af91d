using System.Text;

namespace NotebookNet.Reporting;

/// <summary>Decodes <c>data:</c> URLs (what plotly.js's <c>toImage</c> returns): base64 or percent-encoded.</summary>
public static class DataUrl
{
    /// <summary>The bytes of a <c>data:[type][;base64],payload</c> URL.</summary>
    public static byte[] Decode(string url)
    {
        int comma = url.IndexOf(',');
        if (!url.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
            throw new FormatException($"not a data: URL (starts \"{url[..Math.Min(url.Length, 40)]}\").");
        var header = url[5..comma];
        var payload = url[(comma + 1)..];
        return header.EndsWith(";base64", StringComparison.Ordinal)
            ? Convert.FromBase64String(payload)
            : Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
    }
}
