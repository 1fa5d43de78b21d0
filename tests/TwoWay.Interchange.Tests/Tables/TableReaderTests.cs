using System.Text;
using TwoWay.Input;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Tests.Tables;

public class TableReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static InputError Single(Action read) => Assert.Single(Assert.Throws<InputException>(read).Errors);

    [Fact]
    public void Csv_header_is_trimmed_and_lower_cased_and_cells_are_trimmed()
    {
        var t = TableReader.Read(_dir.Write("a.csv", " Firm_ID , Name\nRS-01,  Alpha  \n"));
        Assert.Equal("a.csv", t.Source);
        Assert.Equal(["firm_id", "name"], t.Columns);
        Assert.Equal(["Firm_ID", "Name"], t.Headers);
        Assert.Equal("Firm_ID", t.HeaderOf("firm_id"));
        var row = Assert.Single(t.Rows);
        Assert.Equal(2, row.Number);
        Assert.Equal("RS-01", row["firm_id"]);
        Assert.Equal("Alpha", row["name"]);
        Assert.Null(row["no_such_column"]);
    }

    [Fact]
    public void Row_numbers_are_file_lines_counting_comment_and_blank_lines()
    {
        var text = "# title\n# firm_id: the id\nfirm_id,name\n# a comment between rows\nA,Alpha\n\nB,Beta\n   ,  \nC,Gamma\n";
        var t = TableReader.Read(_dir.Write("a.csv", text));
        Assert.Equal(["A", "B", "C"], t.Rows.Select(r => r["firm_id"]));
        Assert.Equal([5, 7, 9], t.Rows.Select(r => r.Number));
    }

    [Fact]
    public void Quoted_cells_keep_commas_quotes_and_line_breaks()
    {
        var t = TableReader.Read(_dir.Write("a.csv", "id,quotation\n1,\"We said \"\"yes, now\"\"\nand later\"\n2,plain\n"));
        Assert.Equal("We said \"yes, now\"\nand later", t.Rows[0]["quotation"]);
        Assert.Equal("plain", t.Rows[1]["quotation"]);
        Assert.Equal(2, t.Rows[0].Number);
        Assert.Equal(4, t.Rows[1].Number);
    }

    [Fact]
    public void Blank_cells_read_as_null_and_short_rows_leave_missing_cells_null()
    {
        var t = TableReader.Read(_dir.Write("a.csv", "a,b,c\n1,,\n2\n"));
        Assert.Null(t.Rows[0]["b"]);
        Assert.Equal("2", t.Rows[1]["a"]);
        Assert.Null(t.Rows[1]["c"]);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var path = _dir.File("bom.csv");
        File.WriteAllText(path, "firm_id,name\nA,Šabac Ćevapi\n", new UTF8Encoding(true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
        var t = TableReader.Read(path);
        Assert.Equal(["firm_id", "name"], t.Columns);
        Assert.Equal("Šabac Ćevapi", t.Rows[0]["name"]);
    }

    [Fact]
    public void Csv_in_a_legacy_encoding_is_refused_rather_than_read_with_replacement_characters()
    {
        // "Łódź" in Windows-1250 (Polish Excel's "CSV" default): Ł = 0xA3, ó = 0xF3, ź = 0x9F.
        var path = _dir.File("cp1250.csv");
        File.WriteAllBytes(path, [.. "firm_id,name\nPL-1,"u8, 0xA3, 0xF3, (byte)'d', 0x9F, (byte)'\n']);
        var e = Single(() => TableReader.Read(path));
        Assert.Equal("cp1250.csv: the file is not UTF-8 text; save it as \"CSV UTF-8\" (or UTF-16) and import it again", e.ToString());
    }

    [Fact]
    public void Utf16_with_byte_order_mark_is_read()
    {
        var path = _dir.File("utf16.csv");
        File.WriteAllText(path, "firm_id,name\nPL-1,Łódź\n", Encoding.Unicode);
        Assert.Equal("Łódź", TableReader.Read(path).Rows[0]["name"]);
    }

    [Fact]
    public void Byte_order_mark_in_a_text_stream_is_removed_too()
    {
        var t = TableReader.ReadDelimited(new StringReader("\uFEFFFirm_Id;x\nA;1\n"), "upload", ';');
        Assert.Equal(["firm_id", "x"], t.Columns);
        Assert.Equal("Firm_Id", t.Headers![0]);
        Assert.Equal("upload", t.Source);
    }

    [Fact]
    public void Tsv_is_tab_separated()
    {
        var t = TableReader.Read(_dir.Write("a.tsv", "firm_id\tname\nA\tAlpha, Inc\n"));
        Assert.Equal("Alpha, Inc", t.Rows[0]["name"]);
    }

    [Fact]
    public void Csv_with_semicolons_is_read_when_the_header_has_no_comma()
    {
        // What spreadsheet programs save as "CSV" where ',' is the decimal separator (PL, RS, UA...).
        var t = TableReader.Read(_dir.Write("semi.csv", "# firms, one per row\nfirm_id;name;note\nA;Alpha, Inc;12,5\n"));
        Assert.Equal(["firm_id", "name", "note"], t.Columns);
        Assert.Equal("Alpha, Inc", t.Rows[0]["name"]);
        Assert.Equal("12,5", t.Rows[0]["note"]);
        // A comma in the header keeps ',' as the separator.
        var c = TableReader.Read(_dir.Write("comma.csv", "firm_id,name\nA,x;y\n"));
        Assert.Equal("x;y", c.Rows[0]["name"]);
    }

    [Fact]
    public void Txt_is_read_as_csv()
    {
        var t = TableReader.Read(_dir.Write("a.txt", "firm_id,name\nA,Alpha\n"));
        Assert.Equal("Alpha", t.Rows[0]["name"]);
    }

    [Fact]
    public void Header_only_file_has_no_rows()
    {
        var t = TableReader.Read(_dir.Write("a.csv", "# comment\nfirm_id,name\n"));
        Assert.Equal(["firm_id", "name"], t.Columns);
        Assert.Empty(t.Rows);
    }

    [Fact]
    public void Empty_file_is_an_error_naming_the_file()
    {
        var e = Single(() => TableReader.Read(_dir.Write("empty.csv", "# only comments\n\n")));
        Assert.Equal("empty.csv", e.Source);
        Assert.Null(e.Row);
        Assert.Equal("the file is empty: expected a header row with column names", e.Message);
    }

    [Fact]
    public void Duplicate_header_is_an_error_naming_the_column_and_the_header_line()
    {
        var e = Single(() => TableReader.Read(_dir.Write("dup.csv", "# doc\nfirm_id,Name,name\nA,x,y\n")));
        Assert.Equal("dup.csv, row 2, column 'name': this column name appears twice in the header", e.ToString());
    }

    [Fact]
    public void Empty_header_cell_is_an_error_naming_its_position()
    {
        var e = Single(() => TableReader.Read(_dir.Write("blank.csv", "firm_id,,name\nA,x,y\n")));
        Assert.Equal("blank.csv, row 1: header cell 2 is empty: every column needs a name", e.ToString());
    }

    [Fact]
    public void Trailing_empty_header_cells_are_formatting_not_columns()
    {
        // Spreadsheet programs save CSV with trailing separators when a column was once used.
        var t = TableReader.Read(_dir.Write("excel.csv", "firm_id,name,,\nA,Alpha,,\n"));
        Assert.Equal(["firm_id", "name"], t.Columns);
        Assert.Equal("Alpha", t.Rows[0]["name"]);
        var e = Single(() => TableReader.Read(_dir.Write("wide.csv", "firm_id,name,\nA,Alpha,x\n")));
        Assert.Equal("wide.csv, row 2: the row has 3 cells but the header names 2 columns", e.ToString());
    }

    [Fact]
    public void Too_many_cells_is_an_error_naming_the_row()
    {
        var e = Single(() => TableReader.Read(_dir.Write("wide.csv", "firm_id,name\nA,Alpha\n# c\nB,Beta,extra\n")));
        Assert.Equal("wide.csv, row 4: the row has 3 cells but the header names 2 columns", e.ToString());
    }

    [Fact]
    public void Trailing_empty_cells_beyond_the_header_are_tolerated()
    {
        var t = TableReader.Read(_dir.Write("a.csv", "firm_id,name\nA,Alpha,,\n"));
        Assert.Equal("Alpha", t.Rows[0]["name"]);
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        var e = Single(() => TableReader.Read(_dir.File("nope.csv")));
        Assert.Equal("nope.csv", e.Source);
        Assert.StartsWith("file not found: ", e.Message);
    }

    [Fact]
    public void Unsupported_extension_is_an_error_listing_the_supported_ones()
    {
        var e = Single(() => TableReader.Read(_dir.Write("cases.json", "{}")));
        Assert.Equal("cases.json: unsupported file type '.json'; expected one of .csv, .tsv, .txt, .xlsx", e.ToString());
    }

    [Fact]
    public void Unreadable_xlsx_is_an_error_naming_the_file()
    {
        var e = Single(() => TableReader.Read(_dir.Write("broken.xlsx", "this is not a zip file")));
        Assert.Equal("broken.xlsx", e.Source);
        Assert.StartsWith("the file is not a readable .xlsx workbook", e.Message);
        var e2 = Single(() => TableReader.SheetNames(_dir.File("broken.xlsx")));
        Assert.StartsWith("the file is not a readable .xlsx workbook", e2.Message);
    }

    [Fact]
    public void Xlsx_round_trips_text_cells_with_spreadsheet_row_numbers()
    {
        var path = _dir.File("t.xlsx");
        TableWriter.Write(path, ["Firm_ID", "start", "code"], [["A", "2007-03", "0101"], ["B", "2010", "007"]]);
        var t = TableReader.Read(path);
        Assert.Equal(["firm_id", "start", "code"], t.Columns);
        Assert.Equal([2, 3], t.Rows.Select(r => r.Number));
        Assert.Equal("2007-03", t.Rows[0]["start"]);
        Assert.Equal("0101", t.Rows[0]["code"]);
        Assert.Equal("007", t.Rows[1]["code"]);
    }

    [Fact]
    public void Xlsx_blank_and_comment_rows_are_skipped_but_counted()
    {
        var path = _dir.File("t.xlsx");
        TableWriter.Write(path, ["firm_id", "name"], [["A", "Alpha"], [null, null], ["# note", null], ["B", "Beta"], ["#C", "Gamma"]]);
        var t = TableReader.Read(path);
        // "# note" alone is a comment; "#C" with other cells filled is data.
        Assert.Equal(["A", "B", "#C"], t.Rows.Select(r => r["firm_id"]));
        Assert.Equal([2, 5, 6], t.Rows.Select(r => r.Number));
    }

    [Fact]
    public void Csv_cell_starting_with_a_hash_is_quoted_so_its_row_is_not_a_comment()
    {
        var path = _dir.File("hash.csv");
        TableWriter.Write(path, ["id", "x"], [["#7", "#a"]]);
        Assert.Equal("\"#7\",\"#a\"", File.ReadAllLines(path)[1]);
        Assert.Equal("#7", Assert.Single(TableReader.Read(path).Rows)["id"]);
    }

    [Fact]
    public void Xlsx_stored_sparsely_like_excel_does_keeps_spreadsheet_row_numbers()
    {
        // Excel omits empty rows and cells: header in row 3, data in rows 4 and 9, a gap in column B.
        var path = _dir.File("sparse.xlsx");
        SparseXlsx.Write(path, new Dictionary<int, IReadOnlyDictionary<string, string>>
        {
            [1] = new Dictionary<string, string> { ["A"] = "# Firms of wave 2" },
            [3] = new Dictionary<string, string> { ["A"] = "firm_id", ["B"] = "name", ["C"] = "home_country" },
            [4] = new Dictionary<string, string> { ["A"] = "RS-01", ["C"] = "RS" },
            [9] = new Dictionary<string, string> { ["A"] = "PL-02", ["B"] = "Piekarnia", ["C"] = "PL" },
        });
        var t = TableReader.Read(path);
        Assert.Equal(["firm_id", "name", "home_country"], t.Columns);
        Assert.Equal([4, 9], t.Rows.Select(r => r.Number));
        Assert.Null(t.Rows[0]["name"]);
        Assert.Equal("RS", t.Rows[0]["home_country"]);
        Assert.Equal("Piekarnia", t.Rows[1]["name"]);
    }

    [Fact]
    public void Xlsx_value_in_a_column_without_header_is_an_error_not_dropped()
    {
        var path = _dir.File("extra.xlsx");
        SparseXlsx.Write(path, new Dictionary<int, IReadOnlyDictionary<string, string>>
        {
            [1] = new Dictionary<string, string> { ["A"] = "firm_id", ["B"] = "name" },
            [2] = new Dictionary<string, string> { ["A"] = "RS-01", ["B"] = "Metalac" },
            [3] = new Dictionary<string, string> { ["A"] = "PL-02", ["B"] = "Piekarnia", ["D"] = "C10.7" },
        });
        var e = Single(() => TableReader.Read(path));
        Assert.Equal("extra.xlsx, row 3: cell D3 has a value but its column has no header; name the column or clear the cell", e.ToString());
    }

    [Fact]
    public void Xlsx_typed_cells_are_read_as_invariant_text()
    {
        var path = _dir.File("typed.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["year"] = 1994, ["value"] = 1234.5, ["flag"] = true, ["day"] = new DateTime(2007, 3, 1) },
        });
        var t = TableReader.Read(path);
        Assert.Equal("1994", t.Rows[0]["year"]);
        Assert.Equal("1234.5", t.Rows[0]["value"]);
        Assert.Equal("true", t.Rows[0]["flag"]);
        Assert.Equal("2007-03-01", t.Rows[0]["day"]);
    }

    [Fact]
    public void Xlsx_sheet_can_be_chosen_and_a_missing_sheet_is_an_error()
    {
        var path = _dir.File("book.xlsx");
        TableWriter.WriteWorkbook(path, [new("firms", ["firm_id"], [["A"]]), new("operations", ["operation_id"], [["X"]])]);
        Assert.Equal(["firms", "operations"], TableReader.SheetNames(path));
        Assert.Equal("A", TableReader.Read(path).Rows[0]["firm_id"]);
        Assert.Equal("X", TableReader.Read(path, "operations").Rows[0]["operation_id"]);
        var e = Single(() => TableReader.Read(path, "cases"));
        Assert.Equal("book.xlsx: there is no sheet 'cases' (sheets: firms, operations)", e.ToString());
    }

    [Fact]
    public void Xlsx_duplicate_header_is_an_error_on_the_header_row()
    {
        var path = _dir.File("dup.xlsx");
        TableWriter.Write(path, ["firm_id", "FIRM_ID"], [["A", "B"]]);
        var e = Single(() => TableReader.Read(path));
        Assert.Equal("dup.xlsx, row 1, column 'firm_id': this column name appears twice in the header", e.ToString());
    }
}
