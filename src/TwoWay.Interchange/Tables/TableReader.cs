using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using TwoWay.Input;

namespace TwoWay.Interchange.Tables;

/// <summary>
/// Reads CSV, TSV and XLSX files into <see cref="Table"/>s: the one way TwoWay reads tabular input.
/// Lines starting with '#' before or between rows are comments (templates explain their columns
/// that way). Column names are matched case-insensitively. Unreadable files raise
/// <see cref="InputException"/> naming the file.
/// </summary>
public static class TableReader
{
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".tsv", ".txt", ".xlsx"];

    /// <param name="path">The file to read.</param>
    /// <param name="sheet">For XLSX: the sheet to read; by default the first sheet.</param>
    public static Table Read(string path, string? sheet = null)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new InputException(name, null, null, $"file not found: {path}");
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".xlsx" => ReadXlsx(path, name, sheet),
            ".csv" or ".txt" => ReadDelimited(path, name, ','),
            ".tsv" => ReadDelimited(path, name, '\t'),
            _ => throw new InputException(name, null, null, $"unsupported file type '{ext}'; expected one of {string.Join(", ", Extensions)}"),
        };
    }

    /// <summary>Reads delimited text from a stream (for uploads); <paramref name="source"/> names it in errors.</summary>
    public static Table ReadDelimited(TextReader reader, string source, char delimiter = ',')
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            AllowComments = true,
            Comment = '#',
            IgnoreBlankLines = true,
            BadDataFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        };
        try
        {
            using var csv = new CsvReader(reader, config);
            if (!csv.Read())
                throw new InputException(source, null, null, "the file is empty: expected a header row with column names");
            csv.ReadHeader();
            var header = Normalise(csv.HeaderRecord ?? [], source, csv.Parser.RawRow);
            var index = Index(header);
            var rows = new List<TableRow>();
            while (csv.Read())
            {
                // Field by field: Parser.Record copies the parser's buffer on every call.
                var parser = csv.Parser;
                var record = new string[parser.Count];
                for (var i = 0; i < record.Length; i++) record[i] = parser[i];
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                if (record.Length > header.Count && record.Skip(header.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
                    throw new InputException(source, csv.Parser.RawRow, null,
                        $"the row has {record.Length} cells but the header names {header.Count} columns");
                var values = new string?[header.Count];
                Array.Copy(record, values, Math.Min(record.Length, values.Length));
                rows.Add(new TableRow(parser.RawRow, new RowCells(index, values)));
            }
            return new Table(source, header, rows, Originals(csv.HeaderRecord ?? []));
        }
        catch (CsvHelperException ex)
        {
            throw new InputException(source, ex.Context?.Parser?.RawRow, null, "the file is not valid CSV: " + ex.Message.Split('\n')[0]);
        }
    }

    private static Table ReadDelimited(string path, string source, char delimiter)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return ReadDelimited(reader, source, delimiter);
    }

    private static Table ReadXlsx(string path, string source, string? sheet)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            var sheets = MiniExcel.GetSheetNames(path);
            if (sheet is not null && !sheets.Contains(sheet))
                throw new InputException(source, null, null, $"there is no sheet '{sheet}' (sheets: {string.Join(", ", sheets)})");
            raw = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet ?? sheets.FirstOrDefault())
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (InputException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or ArgumentException)
        {
            throw new InputException(source, null, null, "the file is not a readable .xlsx workbook: " + ex.Message);
        }

        // MiniExcel yields rows keyed by column letter, with row index i = spreadsheet row i+1.
        int? headerIndex = null;
        for (var i = 0; i < raw.Count; i++)
        {
            var first = raw[i].Values.Select(CellText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
            if (first is null || first.TrimStart().StartsWith('#')) continue;
            headerIndex = i;
            break;
        }
        if (headerIndex is null)
            throw new InputException(source, null, null, "the sheet is empty: expected a header row with column names");
        var letters = raw[headerIndex.Value].Keys.ToList();
        var headerCells = letters.Select(l => CellText(raw[headerIndex.Value][l]) ?? "").ToList();
        // Trailing empty header cells are formatting, not columns.
        while (headerCells.Count > 0 && string.IsNullOrWhiteSpace(headerCells[^1])) { headerCells.RemoveAt(headerCells.Count - 1); letters.RemoveAt(letters.Count - 1); }
        var header = Normalise(headerCells.ToArray(), source, headerIndex.Value + 1);
        var index = Index(header);
        var rows = new List<TableRow>();
        for (var i = headerIndex.Value + 1; i < raw.Count; i++)
        {
            var texts = letters.Select(l => raw[i].TryGetValue(l, out var v) ? CellText(v) : null).ToList();
            if (texts.All(string.IsNullOrWhiteSpace)) continue;
            if (texts[0]?.TrimStart().StartsWith('#') == true) continue;
            rows.Add(new TableRow(i + 1, new RowCells(index, texts.Take(header.Count).ToArray())));
        }
        return new Table(source, header, rows, Originals(headerCells.ToArray()));
    }

    private static Dictionary<string, int> Index(List<string> header) =>
        header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

    private static List<string> Originals(string[] header) => header.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();

    /// <summary>The sheet names of an XLSX workbook, in order.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new InputException(name, null, null, $"file not found: {path}");
        try
        {
            return MiniExcel.GetSheetNames(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or ArgumentException)
        {
            throw new InputException(name, null, null, "the file is not a readable .xlsx workbook: " + ex.Message);
        }
    }

    /// <summary>Spreadsheet cells come typed; TwoWay parses text, so numbers are written invariantly.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "s", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static List<string> Normalise(string[] header, string source, int row)
    {
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var blank = names.FindIndex(string.IsNullOrEmpty);
        if (blank >= 0)
            throw new InputException(source, row, null, $"header cell {blank + 1} is empty: every column needs a name");
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new InputException(source, row, dup.Key, "this column name appears twice in the header");
        return names;
    }
}
