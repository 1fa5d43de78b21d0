using System.Diagnostics;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.TestKit;

namespace TwoWay.Interchange.Tests.Tables;

/// <summary>Hostile and broken table files end in an <see cref="InputException"/> naming the file and the limit, quickly and in bounded memory.</summary>
public class HostileTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static InputException Refused(Action read, string contains)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(read);
        Assert.Contains(contains, e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(HostileFiles.PeakResident() < 1L << 30, $"peak resident {HostileFiles.PeakResident() >> 20} MB");
        return e;
    }

    [Fact]
    public void Xlsx_whose_one_cell_unpacks_to_a_gigabyte_is_refused()
    {
        var path = _dir.File("bomb.xlsx");
        HostileFiles.Zip(path, HostileFiles.XlsxParts, "xl/worksheets/sheet1.xml", HostileFiles.SheetStart, 1L << 30, HostileFiles.SheetEnd);
        Assert.True(new FileInfo(path).Length < 2 << 20);
        var e = Refused(() => TableReader.Read(path), "unpacks to more than 200 MB (limit: 200 MB");
        Assert.Equal("bomb.xlsx", e.Errors[0].Source);
    }

    [Fact]
    public void Xlsx_part_that_unpacks_beyond_its_declared_size_is_refused_while_reading()
    {
        // 300 MB that declares 1,000 bytes: the central directory looks harmless, so only counting while unpacking finds it.
        var path = _dir.File("forged.xlsx");
        HostileFiles.Zip(path, HostileFiles.XlsxParts, "xl/worksheets/sheet1.xml", HostileFiles.SheetStart, 300L << 20, HostileFiles.SheetEnd);
        HostileFiles.ForgeDeclaredSize(path, "xl/worksheets/sheet1.xml", 1000);
        var e = Refused(() => TableReader.Read(path), "forged.xlsx");
        Assert.Matches("declares|damaged|XML", e.Message);
        Assert.Equal("forged.xlsx/xl/worksheets/sheet1.xml", e.Errors[0].Source);
    }

    [Fact]
    public void Highly_compressed_part_is_refused_by_its_ratio()
    {
        var path = _dir.File("ratio.xlsx");
        HostileFiles.Zip(path, HostileFiles.XlsxParts, "xl/worksheets/sheet1.xml", HostileFiles.SheetStart, 50L << 20, HostileFiles.SheetEnd);
        var e = Refused(() => TableReader.Read(path), $"(limit: {ArchiveLimits.DefaultMaxCompressionRatio}:1)");
        Assert.Equal("ratio.xlsx/xl/worksheets/sheet1.xml", e.Errors[0].Source);
    }

    [Fact]
    public void Xlsx_with_too_many_parts_is_refused()
    {
        var path = _dir.File("many.xlsx");
        HostileFiles.Zip(path, HostileFiles.XlsxParts.Concat(Enumerable.Range(0, ArchiveLimits.DefaultMaxEntries).Select(i => ($"x/{i}.bin", ""))));
        Refused(() => TableReader.Read(path), "entries (limit: 10,000)");
    }

    [Fact]
    public void Xlsx_nested_too_deep_is_refused()
    {
        var path = _dir.File("deep.xlsx");
        var sheet = HostileFiles.SheetStart + "x" + HostileFiles.SheetEnd;
        sheet = sheet.Replace("<sheetData>", HostileFiles.Nested("<x>", "</x>", 100_000) + "<sheetData>");
        HostileFiles.Zip(path, HostileFiles.XlsxParts.Append(("xl/worksheets/sheet1.xml", sheet)));
        Refused(() => TableReader.Read(path), "levels deep (limit: 256)");
    }

    [Fact]
    public void Xlsx_with_one_far_cell_is_refused_before_walking_billions_of_blanks()
    {
        var path = _dir.File("far.xlsx");
        SparseXlsx.Write(path, new Dictionary<int, IReadOnlyDictionary<string, string>>
        {
            [1] = new Dictionary<string, string> { ["A"] = "firm_id" },
            [1_048_576] = new Dictionary<string, string> { ["XFD"] = "x" },
        });
        Refused(() => TableReader.Read(path), "beyond column IV (limit: 256 columns)");
        path = _dir.File("long.xlsx");
        SparseXlsx.Write(path, new Dictionary<int, IReadOnlyDictionary<string, string>>
        {
            [1] = new Dictionary<string, string> { ["A"] = "firm_id" },
            [1_048_576] = new Dictionary<string, string> { ["Z"] = "x" },
        });
        Refused(() => TableReader.Read(path), $"blanks included (limit: {TableReader.MaxSheetCells:N0})");
    }

    [Fact]
    public void Truncated_or_garbage_xlsx_is_an_input_error()
    {
        var good = _dir.File("good.xlsx");
        TableWriter.Write(good, ["firm_id"], [["RS-01"]]);
        var bytes = File.ReadAllBytes(good);
        var cut = _dir.File("cut.xlsx");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InputException>(() => TableReader.Read(cut));
        var junk = _dir.File("junk.xlsx");
        File.WriteAllBytes(junk, [.. "PK\u0003\u0004 not a zip"u8]);
        Assert.Throws<InputException>(() => TableReader.Read(junk));
    }

    [Fact]
    public void Xlsx_rows_are_read_and_a_valid_workbook_still_reads()
    {
        var path = _dir.File("ok.xlsx");
        TableWriter.Write(path, ["firm_id", "note"], Enumerable.Range(1, 5000).Select(i => (IReadOnlyList<string?>)[$"F-{i}", "=1+1"]));
        var t = TableReader.Read(path);
        Assert.Equal(5000, t.Rows.Count);
        Assert.Equal("=1+1", t.Rows[0]["note"]); // XLSX cells are text, never formulas: nothing to neutralise
        Assert.Equal(2, t.Rows[0].Number);
    }

    [Theory]
    [InlineData("a\0b", "U+0000 (NUL)")]
    [InlineData("a\u0007b", "U+0007")]
    [InlineData("a\u001Bb", "U+001B")]
    public void Control_characters_in_csv_cells_are_refused_with_file_row_and_column(string value, string named)
    {
        var path = _dir.Write("ctl.csv", $"firm_id,note\nRS-01,ok\nRS-02,\"{value}\"\n");
        var e = Assert.Throws<InputException>(() => TableReader.Read(path));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("ctl.csv", 3, "note"), (error.Source, error.Row, error.Field));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Tab_cr_and_lf_stay_allowed_in_cells()
    {
        var path = _dir.Write("ok.csv", "firm_id,note\nRS-01,\"a\tb\r\nc\"\n");
        Assert.Equal("a\tb\r\nc", TableReader.Read(path).Rows[0]["note"]);
    }

    [Fact]
    public void Control_characters_in_xlsx_cells_are_refused()
    {
        var path = _dir.File("ctl.xlsx");
        SparseXlsx.Write(path, new Dictionary<int, IReadOnlyDictionary<string, string>>
        {
            [1] = new Dictionary<string, string> { ["A"] = "firm_id", ["B"] = "note" },
            [4] = new Dictionary<string, string> { ["A"] = "RS-01", ["B"] = "bad _x0001_ text" },
        });
        var e = Assert.Throws<InputException>(() => TableReader.Read(path));
        Assert.Equal(("ctl.xlsx", 4, "note"), (e.Errors[0].Source, e.Errors[0].Row, e.Errors[0].Field));
    }

    public static TheoryData<string> Formulas => new() { "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=already", "''+two", "'plain", "=" };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Csv_export_neutralises_formulas_and_import_restores_them_exactly(string cell)
    {
        foreach (var ext in new[] { ".csv", ".tsv" })
        {
            var path = _dir.File("f" + ext);
            TableWriter.Write(path, ["firm_id", "note"], [["RS-01", cell]]);
            var written = File.ReadAllLines(path)[1].Split(ext == ".csv" ? ',' : '\t', 2)[1].Trim('"');
            if (cell.TrimStart('\'') is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..])
                Assert.StartsWith("'", written);
            var back = TableReader.Read(path).Rows[0].Cells["note"];
            Assert.Equal(cell, back);
        }
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("-0.25")]
    [InlineData("-1.5e3")]
    public void Negative_numbers_are_written_as_numbers_and_read_back_as_numbers(string number)
    {
        var path = _dir.File("n.csv");
        TableWriter.Write(path, ["firm_id", "value"], [["RS-01", number]]);
        Assert.Equal($"RS-01,{number}", File.ReadAllLines(path)[1]);
        var table = TableReader.Read(path);
        var errors = new InputErrorCollector();
        Assert.Equal(decimal.Parse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            new RowParser(table, table.Rows[0], errors).Decimal("value", allowNegative: true));
        Assert.False(errors.HasErrors);
    }

    [Fact]
    public void A_neutralised_negative_number_from_another_tool_still_reads_as_a_number()
    {
        var path = _dir.Write("q.csv", "firm_id,value\nRS-01,'-5\n");
        var table = TableReader.Read(path);
        Assert.Equal(-5m, new RowParser(table, table.Rows[0], new InputErrorCollector()).Decimal("value", allowNegative: true));
    }
}

/// <summary>Runs alone, so no other test's files appear in the temporary folder meanwhile.</summary>
[CollectionDefinition(nameof(TempFolderCollection), DisableParallelization = true)]
public class TempFolderCollection;

[Collection(nameof(TempFolderCollection))]
public class XlsxTempFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Shared_strings_over_5_MB_leave_no_cache_files_behind()
    {
        // 6 MB of random letters (incompressible enough to pass the ratio limit) in 300 shared strings.
        var random = new Random(7);
        var strings = Enumerable.Range(0, 300).Select(_ => new string(Enumerable.Range(0, 20_000).Select(_ => (char)('a' + random.Next(26))).ToArray())).ToList();
        var path = _dir.File("shared.xlsx");
        var parts = HostileFiles.XlsxParts.Select(p => p.Name == "xl/_rels/workbook.xml.rels"
            ? (p.Name, p.Text.Replace("</Relationships>", """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""))
            : p).ToList();
        parts.Add(("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="301" uniqueCount="301"><si><t>firm_id</t></si>{string.Concat(strings.Select(t => $"<si><t>{t}</t></si>"))}</sst>"""));
        parts.Add(("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>"""));
        HostileFiles.Zip(path, parts);

        // MiniExcel names its cache files "<random>_miniexcel…" in the temporary folder.
        string[] CacheFiles() => Directory.GetFiles(Path.GetTempPath(), "*_miniexcel*");
        var before = CacheFiles();
        Assert.Equal(["Sheet1"], TableReader.SheetNames(path));
        Assert.Empty(CacheFiles().Except(before));
        Assert.Equal(strings[0], TableReader.Read(path).Rows[0]["firm_id"]);
        Assert.Empty(CacheFiles().Except(before));
    }
}
