using System.Text;

namespace NotebookNet.Reporting;

/// <summary>
/// Saves the tables one notebook shows, numbered in order, as <c>&lt;directory&gt;/&lt;name&gt;.csv</c>, <c>.md</c> and
/// <c>.tex</c> (<see cref="TableFiles"/>; names from <see cref="ArtifactNames"/>). The table formatter calls
/// <see cref="Export"/> for every table it shows.
/// </summary>
public sealed class TableExport(string directory, string stem)
{
    /// <summary>The file formats written for every table.</summary>
    public static readonly string[] Extensions = [".csv", ".md", ".tex"];

    private readonly Lock _gate = new();
    private int _counter;

    /// <summary>The tables folder.</summary>
    public string Directory { get; } = directory;
    /// <summary>The notebook stem tables are named after.</summary>
    public string Stem { get; } = stem;

    /// <summary>Numbers the next table 01 again (re-running a notebook's setup cell).</summary>
    public void Restart()
    {
        lock (_gate) _counter = 0;
    }

    /// <summary>Writes a table's three files under the next number;
    /// returns their common path without extension.</summary>
    public string Export(HtmlTable table)
    {
        int n;
        lock (_gate) n = ++_counter;
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, ArtifactNames.Of(Stem, n, table.Title ?? "table"));
        Write(path + ".csv", TableFiles.Csv(table));
        Write(path + ".md", TableFiles.Markdown(table));
        Write(path + ".tex", TableFiles.Latex(table));
        return path;
    }

    private static void Write(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
