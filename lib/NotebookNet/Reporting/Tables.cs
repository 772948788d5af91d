using System.Reflection;
using Microsoft.Data.Analysis;

namespace NotebookNet.Reporting;

/// <summary>Result tables: titled <see cref="DataFrame"/>s, shown
/// as HTML tables and saved as CSV, Markdown and LaTeX.</summary>
public static class Tables
{
    /// <summary>
    /// A table with one column per public property of <typeparamref name="T"/> (numbers, text, booleans), titled
    /// <paramref name="title"/> (its name in the report and in <c>artifacts/tables/</c>).
    /// </summary>
    public static Table From<T>(IEnumerable<T> rows, string? title = null) => new(Frame(rows), title);

    /// <summary>A data frame with one column per public property of
    /// <typeparamref name="T"/> (numbers, text, booleans).</summary>
    public static DataFrame Frame<T>(IEnumerable<T> rows)
    {
        var list = rows.ToList();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var columns = new List<DataFrameColumn>();
        foreach (var p in properties)
        {
            var values = list.Select(r => p.GetValue(r)).ToArray();
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
                columns.Add(new DoubleDataFrameColumn(p.Name,
                    values.Select(v => v is null ? (double?)null : Convert.ToDouble(v))));
            else if (type == typeof(int) || type == typeof(long))
                columns.Add(new Int64DataFrameColumn(p.Name,
                    values.Select(v => v is null ? (long?)null : Convert.ToInt64(v))));
            else if (type == typeof(bool))
                columns.Add(new BooleanDataFrameColumn(p.Name, values.Select(v => (bool?)v)));
            else
                columns.Add(new StringDataFrameColumn(p.Name, values.Select(v => v?.ToString())));
        }
        return new DataFrame(columns);
    }

    /// <summary>Counts (true class, predicted class) pairs: a K × K confusion matrix.</summary>
    public static int[,] ConfusionMatrix(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} labels but {predicted.Count} predictions.");
        var counts = new int[classes, classes];
        for (int i = 0; i < truth.Count; i++) counts[truth[i], predicted[i]]++;
        return counts;
    }

    /// <summary>Per-class accuracy (recall) from a confusion matrix.</summary>
    public static double[] PerClassAccuracy(int[,] confusion)
    {
        int k = confusion.GetLength(0);
        return Enumerable.Range(0, k).Select(i =>
        {
            double total = Enumerable.Range(0, k).Sum(j => confusion[i, j]);
            return total == 0 ? 0 : confusion[i, i] / total;
        }).ToArray();
    }
}
