using NotebookNet.Reporting;

namespace NotebookNet.Tests.Reporting;

/// <summary>The notebook's HTML and text table: rows capped, numbers right-aligned.</summary>
public class HtmlTableTests
{
    [Fact]
    public void Html_table_caps_rows_and_aligns_numbers()
    {
        var table =
            HtmlTable.From(Tables.From(Enumerable.Range(0, 10).Select(i => new { Name = $"r{i}", Value = i * 0.5 })),
            maxRows: 3);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(10, table.TotalRows);
        Assert.Contains("showing 3 of 10 rows", table.ToHtml());
        Assert.Contains("<td class=\"num\">1</td>", table.ToHtml());
        Assert.Contains("  Value", table.ToText());
    }
}
