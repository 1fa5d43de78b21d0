using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace TwoWay.Interchange.Tables;

/// <summary>
/// Writes tables as CSV or XLSX (by the path's extension). With column specs, a CSV gets '#'
/// comment lines explaining each column and an XLSX gets an "About" sheet; both read back with
/// <see cref="TableReader"/> unchanged. CSV/TSV cells a spreadsheet would run as formulas get a
/// leading quote (<see cref="CellRules.Neutralise"/>), which the reader drops again; XLSX cells
/// are written as text and are never formulas.
/// </summary>
public static class TableWriter
{
    public static void Write(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows,
        IReadOnlyList<ColumnSpec>? documentation = null, string? title = null, string sheet = "data")
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Write next to the target and move into place, so a failure never leaves half a file.
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            if (ext == ".xlsx") WriteXlsx(temp, columns, rows, documentation, title, sheet);
            else WriteDelimited(temp, columns, rows, documentation, title, ext == ".tsv" ? "\t" : ",");
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>One sheet of a workbook: its data and, optionally, the documentation of its columns.</summary>
    public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IEnumerable<IReadOnlyList<string?>> Rows,
        IReadOnlyList<ColumnSpec>? Documentation = null, string? Title = null);

    /// <summary>
    /// Writes several tables into one XLSX workbook, each documented sheet followed by an
    /// "About NAME" sheet. Atomic like <see cref="Write"/>.
    /// </summary>
    public static void WriteWorkbook(string path, IReadOnlyList<Sheet> sheets)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            var content = new Dictionary<string, object>();
            foreach (var s in sheets) content[s.Name] = DataSheet(s.Name, s.Columns, s.Rows);
            foreach (var s in sheets.Where(s => s.Documentation is not null))
                content["About " + s.Name] = AboutSheet(s.Documentation!, s.Title);
            MiniExcel.SaveAs(temp, content, printHeader: true, excelType: ExcelType.XLSX, overwriteFile: true);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void WriteDelimited(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows,
        IReadOnlyList<ColumnSpec>? documentation, string? title, string delimiter)
    {
        // One line ending for the whole file: CsvHelper ends records with CRLF (RFC 4180), so the
        // comment lines do too (they used to end with the platform's LF: a file of mixed endings).
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\r\n" };
        if (title is not null) writer.WriteLine("# " + title);
        if (documentation is not null)
        {
            foreach (var c in documentation)
                writer.WriteLine($"# {c.Name}{(c.Required ? " (required)" : "")}: {c.Description} Example: {c.Example}");
            writer.WriteLine("# Lines starting with # are comments and are ignored on import.");
        }
        using var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            // A line starting with '#' is a comment to TableReader: quote such a cell (e.g. an
            // operation id "#7") so its row is not dropped on import.
            ShouldQuote = args => args.Field?.StartsWith('#') == true || CsvHelper.Configuration.ConfigurationFunctions.ShouldQuote(args),
        });
        foreach (var c in columns) csv.WriteField(CellRules.Neutralise(c));
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(CellRules.Neutralise(cell ?? ""));
            csv.NextRecord();
        }
    }

    private static void WriteXlsx(string path, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows,
        IReadOnlyList<ColumnSpec>? documentation, string? title, string sheet)
    {
        var sheets = new Dictionary<string, object> { [sheet] = DataSheet(sheet, columns, rows) };
        if (documentation is not null) sheets["About"] = AboutSheet(documentation, title);
        MiniExcel.SaveAs(path, sheets, printHeader: true, excelType: ExcelType.XLSX, overwriteFile: true);
    }

    private static System.Data.DataTable DataSheet(string sheet, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        // String-typed columns keep codes like "0101" or "2007-03" as text, not numbers or dates.
        var data = new System.Data.DataTable(sheet);
        foreach (var c in columns) data.Columns.Add(c, typeof(string));
        foreach (var r in rows)
        {
            var values = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++) values[i] = i < r.Count ? r[i] : null;
            data.Rows.Add(values);
        }
        return data;
    }

    private static System.Data.DataTable AboutSheet(IReadOnlyList<ColumnSpec> documentation, string? title)
    {
        var about = new System.Data.DataTable("About");
        foreach (var c in new[] { "column", "required", "description", "example" }) about.Columns.Add(c, typeof(string));
        if (title is not null) about.Rows.Add("# " + title, "", "", "");
        foreach (var c in documentation) about.Rows.Add(c.Name, c.Required ? "yes" : "no", c.Description, c.Example);
        return about;
    }
}
