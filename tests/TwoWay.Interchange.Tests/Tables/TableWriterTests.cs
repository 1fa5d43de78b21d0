using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Tests.Tables;

public class TableWriterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly ColumnSpec[] Docs =
    [
        new("firm_id", true, "The id.", "RS-01"),
        new("note", false, "A note, with a comma.", "x, y"),
    ];

    [Fact]
    public void Csv_with_documentation_starts_with_comment_lines_and_reads_back_unchanged()
    {
        var path = _dir.File("out.csv");
        string?[][] rows = [["RS-01", "first, with comma"], ["PL-2", null], ["UA-3", "quote \" and\nline break"]];
        TableWriter.Write(path, ["firm_id", "note"], rows, Docs, "A title");
        var lines = File.ReadAllLines(path);
        Assert.Equal("# A title", lines[0]);
        Assert.Equal("# firm_id (required): The id. Example: RS-01", lines[1]);
        Assert.Equal("# note: A note, with a comma. Example: x, y", lines[2]);
        Assert.Equal("# Lines starting with # are comments and are ignored on import.", lines[3]);
        Assert.Equal("firm_id,note", lines[4]);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);

        var t = TableReader.Read(path);
        Assert.Equal(["firm_id", "note"], t.Columns);
        Assert.Equal(rows.Select(r => r[0]), t.Rows.Select(r => r["firm_id"]));
        Assert.Equal(rows.Select(r => r[1]), t.Rows.Select(r => r["note"]));
        Assert.Equal([6, 7, 8], t.Rows.Select(r => r.Number));
    }

    [Fact]
    public void Tsv_is_written_with_tabs()
    {
        var path = _dir.File("out.tsv");
        TableWriter.Write(path, ["a", "b"], [["1, 2", "3"]]);
        Assert.Equal(["a\tb", "1, 2\t3"], File.ReadAllLines(path));
        Assert.Equal("1, 2", TableReader.Read(path).Rows[0]["a"]);
    }

    [Fact]
    public void Xlsx_with_documentation_has_an_about_sheet()
    {
        var path = _dir.File("out.xlsx");
        TableWriter.Write(path, ["firm_id", "note"], [["RS-01", "x"]], Docs, "A title", sheet: "firms");
        Assert.Equal(["firms", "About"], TableReader.SheetNames(path));
        var about = TableReader.Read(path, "About");
        Assert.Equal(["column", "required", "description", "example"], about.Columns);
        // The title row starts with '#', so it is a comment; the column rows follow.
        Assert.Equal(["firm_id", "note"], about.Rows.Select(r => r["column"]));
        Assert.Equal(["yes", "no"], about.Rows.Select(r => r["required"]));
        Assert.Equal("A note, with a comma.", about.Rows[1]["description"]);
        Assert.Equal("RS-01", TableReader.Read(path).Rows[0]["firm_id"]);
    }

    [Fact]
    public void Workbook_has_each_sheet_then_its_about_sheet()
    {
        var path = _dir.File("book.xlsx");
        TableWriter.WriteWorkbook(path, [new("firms", ["firm_id"], [["A"]], Docs), new("operations", ["operation_id"], [["X"]])]);
        Assert.Equal(["firms", "operations", "About firms"], TableReader.SheetNames(path));
    }

    [Fact]
    public void Writing_creates_the_folder_replaces_the_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir.Path, "sub", "out.csv");
        TableWriter.Write(path, ["a"], [["1"]]);
        TableWriter.Write(path, ["a"], [["2"]]);
        Assert.Equal("2", TableReader.Read(path).Rows[0]["a"]);
        Assert.Equal(["out.csv"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}

/// <summary>A written CSV has one line ending throughout (issue 16: the answers template mixed CRLF and LF).</summary>
public class TableWriterLineEndingTests
{
    [Fact]
    public void Comments_header_and_rows_all_end_with_crlf()
    {
        using var dir = new TempDir();
        var path = dir.File("t.csv");
        TwoWay.Interchange.Tables.TableWriter.Write(path, ["a", "b"], [["1", "x"], ["2", "y"]],
            [new("a", true, "first", "1"), new("b", false, "second", "x")], title: "A title");
        var text = File.ReadAllText(path);
        Assert.Equal(7, text.Split("\r\n").Length - 1); // title, 2 column notes, the comment note, header, 2 rows
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
    }
}
