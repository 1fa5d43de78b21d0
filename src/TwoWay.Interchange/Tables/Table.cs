namespace TwoWay.Interchange.Tables;

/// <summary>
/// One data row of a table file. <see cref="Number"/> is the row as the user sees it: the line
/// number in a CSV/TSV file (1-based, comment lines counted), or the row number in a spreadsheet.
/// </summary>
public sealed record TableRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    /// <summary>The trimmed cell text, or null when the column is absent or the cell is blank.</summary>
    public string? this[string column] =>
        Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>
/// A table read from a file: its header (lower-cased, trimmed column names) and its data rows.
/// <see cref="Source"/> is the file name shown in error messages. <see cref="Headers"/> keeps the
/// header cells as written (same order as <see cref="Columns"/>), for formats whose column names
/// carry user text, such as attribute keys.
/// </summary>
public sealed record Table(string Source, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows, IReadOnlyList<string>? Headers = null)
{
    public bool HasColumn(string column) => Columns.Contains(column, StringComparer.Ordinal);

    /// <summary>The header cell of <paramref name="column"/> as the file wrote it (trimmed).</summary>
    public string HeaderOf(string column)
    {
        var i = Columns.ToList().IndexOf(column);
        return i >= 0 && Headers is { } h && i < h.Count ? h[i] : column;
    }
}

/// <summary>A documented column of a file format: what templates explain and readers check.</summary>
public sealed record ColumnSpec(string Name, bool Required, string Description, string Example);

/// <summary>
/// The cells of one row as a dictionary view over a plain array, sharing one column index with
/// every row of its table: a 100,000-row import then allocates one array per row rather than one
/// hash table per row (measured: most of the CSV read time was garbage collection).
/// </summary>
internal sealed class RowCells(IReadOnlyDictionary<string, int> index, string?[] values) : IReadOnlyDictionary<string, string?>
{
    public string? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => index.Keys;
    public IEnumerable<string?> Values => index.Values.Select(i => values[i]);
    public int Count => index.Count;
    public bool ContainsKey(string key) => index.ContainsKey(key);

    public bool TryGetValue(string key, out string? value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = values[i];
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        index.Select(kv => new KeyValuePair<string, string?>(kv.Key, values[kv.Value])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
