using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner;

/// <summary>One output of a code cell, in nbformat 4 terms.</summary>
public sealed class CellOutput
{
    /// <summary><c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public required string OutputType { get; init; }
    /// <summary>For streams: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? StreamName { get; init; }
    /// <summary>For streams: the text so far.</summary>
    public StringBuilder? Text { get; init; }
    /// <summary>For display data and results: MIME type to content (replaced by a display handle's Update).</summary>
    public Dictionary<string, string> Data { get; set; } = [];
    /// <summary>For display data: the id a display handle updates it by (Jupyter's transient
    /// <c>display_id</c>).</summary>
    public string? DisplayId { get; init; }
    /// <summary>For execute_result: the cell's execution count.</summary>
    public int? ExecutionCount { get; init; }
    /// <summary>For errors: exception type name, message and traceback lines.</summary>
    public string? EName { get; init; }
    /// <inheritdoc cref="EName"/>
    public string? EValue { get; init; }
    /// <inheritdoc cref="EName"/>
    public IReadOnlyList<string>? Traceback { get; init; }

    /// <summary>The output as nbformat JSON.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["output_type"] = OutputType };
        switch (OutputType)
        {
            case "stream":
                o["name"] = StreamName;
                o["text"] = NotebookDocument.Lines(Text!.ToString());
                break;
            case "error":
                o["ename"] = EName; o["evalue"] = EValue;
                o["traceback"] = new JsonArray(Traceback!.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
                break;
            default:
                var data = new JsonObject();
                foreach (var (mime, content) in Data) data[mime] = NotebookDocument.Lines(content);
                o["data"] = data;
                o["metadata"] = new JsonObject();
                if (OutputType == "execute_result") o["execution_count"] = ExecutionCount;
                break;
        }
        return o;
    }
}

/// <summary>
/// An .ipynb file held as JSON so everything the runner does not touch (notebook and cell metadata, ids,
/// markdown) is written back unchanged; code cells get <c>outputs</c> and <c>execution_count</c>.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject _root;

    private NotebookDocument(JsonObject root) => _root = root;

    /// <summary>The cells array.</summary>
    public JsonArray Cells => _root["cells"]!.AsArray();

    /// <summary>Reads a notebook; throws <see cref="InvalidDataException"/> when it is not nbformat 4.</summary>
    public static NotebookDocument Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path}: not a JSON object.");
        if (root["nbformat"]?.GetValue<int>() != 4 || root["cells"] is not JsonArray)
            throw new InvalidDataException($"{path}: not an nbformat 4 notebook (nbformat = {root["nbformat"]}).");
        return new NotebookDocument(root);
    }

    /// <summary>A cell's type (<c>code</c>, <c>markdown</c>, <c>raw</c>).</summary>
    public static string CellType(JsonNode cell) => cell["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>A cell's source as one string (nbformat allows a string or a list of lines).</summary>
    public static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>A cell's tags (metadata.tags).</summary>
    public static IReadOnlyList<string> Tags(JsonNode cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToArray() : [];

    /// <summary>Removes every cell tagged <c>injected-parameters</c> (from an earlier run of an executed
    /// notebook).</summary>
    public void RemoveInjectedCells()
    {
        for (int i = Cells.Count - 1; i >= 0; i--)
            if (Tags(Cells[i]!).Contains("injected-parameters")) Cells.RemoveAt(i);
    }

    /// <summary>Inserts a C# code cell tagged <c>injected-parameters</c> at <paramref name="index"/>.</summary>
    public void InsertInjectedCell(int index, string source)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray("injected-parameters"),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = Lines(source),
        };
        if ((_root["nbformat_minor"]?.GetValue<int>() ?? 0) >= 5)
            cell["id"] = "injected-" + Guid.NewGuid().ToString("N")[..8];
        Cells.Insert(index, cell);
    }

    /// <summary>Clears outputs and execution counts of every code cell.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells)
            if (CellType(cell!) == "code") { cell!["outputs"] = new JsonArray(); cell["execution_count"] = null; }
    }

    /// <summary>Sets a code cell's outputs and execution count.</summary>
    public static void SetOutputs(JsonNode cell, int? executionCount, IEnumerable<CellOutput> outputs)
    {
        cell["execution_count"] = executionCount;
        cell["outputs"] = new JsonArray(outputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
    }

    /// <summary>Writes the notebook (UTF-8, indented like Jupyter, atomically via a temporary file); returns its size
    /// in bytes.</summary>
    public long Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
        }))
            _root.WriteTo(writer);
        File.AppendAllText(temp, "\n");
        File.Move(temp, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    /// <summary>Text as nbformat's list of lines (each but the last keeps its newline).</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { lines.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
