using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using TwoWay.Input;

namespace TwoWay.Interchange.Tables;

/// <summary>
/// Reads CSV, TSV and XLSX files into <see cref="Table"/>s: the one way TwoWay reads tabular input.
/// Lines starting with '#' before or between rows are comments (templates explain their columns
/// that way); in a spreadsheet, a comment row has text only in its first cell. Column names are
/// matched case-insensitively. A .csv is comma-separated, or semicolon-separated when its header
/// line has ';' and no ','. Text must be UTF-8 (or UTF-16 with a byte order mark). Unreadable files raise
/// <see cref="InputException"/> naming the file; an XLSX must stay within <see cref="ArchiveLimits"/>.
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
            ".csv" or ".txt" => ReadDelimited(path, name, null),
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
            // Trailing empty header cells are formatting (spreadsheets save "a,b,,"), not columns.
            var headerCells = (csv.HeaderRecord ?? []).Select(CellRules.Restore).Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse().ToArray();
            var header = Normalise(headerCells, source, csv.Parser.RawRow);
            var index = Index(header);
            var rows = new List<TableRow>();
            var errors = new InputErrorCollector();
            while (csv.Read())
            {
                // Field by field: Parser.Record copies the parser's buffer on every call.
                var parser = csv.Parser;
                var record = new string[parser.Count];
                for (var i = 0; i < record.Length; i++) record[i] = CellRules.Restore(parser[i]);
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                var line = FirstLine(parser.RawRow, record);
                if (record.Length > header.Count && record.Skip(header.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
                    throw new InputException(source, line, null,
                        $"the row has {record.Length} cells but the header names {header.Count} columns");
                var values = new string?[header.Count];
                Array.Copy(record, values, Math.Min(record.Length, values.Length));
                CheckControls(values, header, source, line, errors);
                rows.Add(new TableRow(line, new RowCells(index, values)));
            }
            errors.ThrowIfAny();
            return new Table(source, header, rows, Originals(headerCells));
        }
        catch (CsvHelperException ex)
        {
            throw new InputException(source, ex.Context?.Parser?.RawRow, null, "the file is not valid CSV: " + ex.Message.Split('\n')[0]);
        }
    }

    /// <summary>
    /// The line a record starts on. CsvHelper's RawRow is the line it ENDS on, which differs when a
    /// quoted cell holds line breaks; an editor or spreadsheet shows the row where it begins.
    /// </summary>
    private static int FirstLine(int lastLine, string[] record)
    {
        var breaks = 0;
        foreach (var cell in record)
            for (var i = cell.IndexOf('\n'); i >= 0; i = cell.IndexOf('\n', i + 1)) breaks++;
        return lastLine - breaks;
    }

    // A null delimiter (a .csv) means ',' unless the header line has ';' and no ',': the "CSV" of
    // spreadsheet programs in locales whose decimal separator is a comma.
    private static Table ReadDelimited(string path, string source, char? delimiter)
    {
        // Strict UTF-8 (a UTF-16 byte order mark still switches encoding): a file saved in a
        // legacy code page (Windows-1250/1251) would otherwise be read with U+FFFD in place of
        // every non-ASCII letter and stored that way without a word.
        var encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            if (delimiter is null)
            {
                var header = File.ReadLines(path, encoding).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('#'));
                delimiter = header is not null && header.Contains(';') && !header.Contains(',') ? ';' : ',';
            }
            using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
            return ReadDelimited(reader, source, delimiter.Value);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(source);
        }
        catch (CsvHelperException ex) when (ex.InnerException is DecoderFallbackException)
        {
            throw NotUtf8(source);
        }
    }

    private static InputException NotUtf8(string source) =>
        new(source, null, null, "the file is not UTF-8 text; save it as \"CSV UTF-8\" (or UTF-16) and import it again");

    // No shared-string cache, also when only listing sheets: MiniExcel would spill strings over
    // 5 MB to files in the temporary folder and leave them there (GetSheetNames never deletes
    // them); the archive limits already bound what the strings can take in memory.
    private static readonly OpenXmlConfiguration XlsxConfig = new() { EnableSharedStringCache = false };

    private static Table ReadXlsx(string path, string source, string? sheet)
    {
        try
        {
            var sheets = SheetNames(path);
            if (sheet is not null && !sheets.Contains(sheet))
                throw new InputException(source, null, null, $"there is no sheet '{sheet}' (sheets: {string.Join(", ", sheets)})");
            // Rows are streamed: only the header and the rows kept in the table are held.
            var raw = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet ?? sheets.FirstOrDefault(), configuration: XlsxConfig)
                .Cast<IDictionary<string, object?>>();
            return XlsxTable(raw, source);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException
                                       or ArgumentException or FormatException or OverflowException)
        {
            // The workbook passed the archive limits; what MiniExcel still cannot read is a damaged workbook.
            throw new InputException(source, null, null, "the file is not a readable .xlsx workbook: " + ex.Message);
        }
    }

    /// <summary>
    /// A sheet may span at most this many cells (rows × columns from A1 to the farthest cell, blanks
    /// included): MiniExcel yields every cell of that rectangle, so a tiny file with one value at
    /// XFD1048576 would otherwise make 17 billion. 100,000 rows of 50 columns span 5 million.
    /// </summary>
    public const long MaxSheetCells = 10_000_000;

    /// <summary>
    /// A sheet may reach at most column IV (256, the old Excel limit): MiniExcel's time per row grows
    /// with the square of the width (measured: 10 ms a row at 1,000 columns, 7 s at 16,384).
    /// </summary>
    public const int MaxSheetColumns = 256;

    private static Table XlsxTable(IEnumerable<IDictionary<string, object?>> raw, string source)
    {
        // MiniExcel yields rows keyed by column letter, with row index i = spreadsheet row i+1.
        var i = -1;
        List<string>? letters = null;
        List<string>? headerCells = null;
        List<string>? header = null;
        Dictionary<string, int>? index = null;
        HashSet<string>? headed = null;
        var rows = new List<TableRow>();
        var errors = new InputErrorCollector();
        foreach (var r in raw)
        {
            i++;
            if (letters is null)
            {
                var first = r.Values.Select(CellText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
                if (first is null || first.TrimStart().StartsWith('#')) continue;
                letters = r.Keys.ToList();
                headerCells = letters.Select(l => CellText(r[l]) ?? "").ToList();
                // Trailing empty header cells are formatting, not columns.
                while (headerCells.Count > 0 && string.IsNullOrWhiteSpace(headerCells[^1])) { headerCells.RemoveAt(headerCells.Count - 1); letters.RemoveAt(letters.Count - 1); }
                header = Normalise(headerCells.ToArray(), source, i + 1);
                index = Index(header);
                headed = letters.ToHashSet(StringComparer.Ordinal);
                continue;
            }
            var texts = letters.Select(l => r.TryGetValue(l, out var v) ? CellText(v) : null).ToList();
            // A value in a column without a header would be dropped silently (CSV refuses it too).
            var unheaded = r.Where(kv => !headed!.Contains(kv.Key) && !string.IsNullOrWhiteSpace(CellText(kv.Value))).Select(kv => kv.Key).FirstOrDefault();
            if (unheaded is not null)
                throw new InputException(source, i + 1, null, $"cell {unheaded}{i + 1} has a value but its column has no header; name the column or clear the cell");
            if (texts.All(string.IsNullOrWhiteSpace)) continue;
            // A comment row holds only its '#' cell; a data row may begin with '#' (an operation id "#7").
            if (texts[0]?.TrimStart().StartsWith('#') == true && texts.Skip(1).All(string.IsNullOrWhiteSpace)) continue;
            var values = texts.Take(header!.Count).ToArray();
            CheckControls(values, header, source, i + 1, errors);
            rows.Add(new TableRow(i + 1, new RowCells(index!, values)));
        }
        if (letters is null)
            throw new InputException(source, null, null, "the sheet is empty: expected a header row with column names");
        errors.ThrowIfAny();
        return new Table(source, header!, rows, Originals(headerCells!.ToArray()));
    }

    private static void CheckControls(string?[] values, List<string> header, string source, int row, InputErrorCollector errors)
    {
        for (var c = 0; c < values.Length; c++)
            if (CellRules.ForbiddenControl(values[c]) is { } bad)
                errors.Add(source, row, header[c], CellRules.DescribeControl(bad));
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
            // MiniExcel enforces no limits itself: unpack and walk the workbook once under them first.
            using (var file = File.OpenRead(path))
            using (var zip = GuardedZip.Open(file, name, "the file is not a readable .xlsx workbook"))
            {
                zip.VerifyAll();
                CheckSheetExtents(zip, name);
            }
            return MiniExcel.GetSheetNames(path, XlsxConfig);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException
                                       or ArgumentException)
        {
            throw new InputException(name, null, null, "the file is not a readable .xlsx workbook: " + ex.Message);
        }
    }

    /// <summary>Refuses a worksheet whose farthest cell (or declared dimension) is beyond <see cref="MaxSheetColumns"/> or <see cref="MaxSheetCells"/>.</summary>
    private static void CheckSheetExtents(GuardedZip zip, string source)
    {
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
                                                     && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            long rows = 0, columns = 0;
            using var s = zip.Open(entry);
            using var xml = System.Xml.XmlReader.Create(s, zip.Limits.XmlSettings());
            while (xml.Read())
            {
                if (xml.NodeType != System.Xml.XmlNodeType.Element) continue;
                var reference = xml.LocalName switch
                {
                    "c" => xml.GetAttribute("r"),
                    "row" => "A" + xml.GetAttribute("r"),
                    "dimension" => xml.GetAttribute("ref")?.Split(':')[^1],
                    _ => null,
                };
                if (reference is null) continue;
                var (row, column) = CellReference(reference);
                rows = Math.Max(rows, row);
                columns = Math.Max(columns, column);
                if (columns > MaxSheetColumns)
                    throw new InputException($"{source}/{entry.FullName}", null, null,
                        $"the sheet reaches cell {reference}, beyond column IV (limit: {MaxSheetColumns} columns); delete the cells right of the table");
                if (rows * columns > MaxSheetCells)
                    throw new InputException($"{source}/{entry.FullName}", null, null,
                        $"the sheet spans more than {MaxSheetCells:N0} cells from A1 to {reference}, blanks included (limit: {MaxSheetCells:N0}); delete the cells far below or right of the table");
            }
        }
    }

    /// <summary>"AB12" → (12, 28); parts that are not letters or digits count as 0.</summary>
    private static (long Row, long Column) CellReference(string reference)
    {
        long column = 0, row = 0;
        foreach (var ch in reference.TrimStart('$'))
        {
            if (char.IsAsciiLetter(ch)) column = Math.Min(column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1), int.MaxValue);
            else if (char.IsAsciiDigit(ch)) row = Math.Min(row * 10 + (ch - '0'), int.MaxValue);
        }
        return (row, column);
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
        var control = names.FindIndex(n => CellRules.ForbiddenControl(n) is not null);
        if (control >= 0)
            throw new InputException(source, row, null, $"header cell {control + 1}: {CellRules.DescribeControl(CellRules.ForbiddenControl(names[control])!.Value)}");
        var blank = names.FindIndex(string.IsNullOrEmpty);
        if (blank >= 0)
            throw new InputException(source, row, null, $"header cell {blank + 1} is empty: every column needs a name");
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new InputException(source, row, dup.Key, "this column name appears twice in the header");
        return names;
    }
}
