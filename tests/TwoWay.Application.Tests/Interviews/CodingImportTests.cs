using System.Text.Json;
using TwoWay.Interchange.Tables;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary><c>code import</c> (issue 13): bulk coding from a spreadsheet through the one table reader, all rows or none.</summary>
public sealed class CodingImportTests : IDisposable
{
    // CRLF line ends, Cyrillic, Georgian, an emoji and a combining accent: the positions are UTF-16 units of the stored text.
    private const string Transcript = "В: С чего всё началось?\r\nО: Сначала мы импортировали станки из Германии 🚢, потом — экспорт в Швецию.\r\nA: ჯერ გერმანიიდან ვიყიდეთ მანქანები; café\u0301 opened later.\r\n";

    private readonly TempDir _dir = new();
    private readonly string _study;

    public CodingImportTests()
    {
        _study = SmallStudy.Create(_dir);
        _dir.Write("ru.txt", Transcript);
        Ok("sources", "add", _study, _dir.File("ru.txt"), "--case", "RS-01");
        Ok("codes", "add", _study, "Mechanisms/Learning");
        Ok("codes", "add", _study, "Outward/Exporting");
    }

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return r;
    }

    private string Stored(int start, int end) => StoredText()[start..end];

    private string StoredText()
    {
        using var s = Study.Open(_study);
        return QualitativeStore.SnapshotAsync(s).GetAwaiter().GetResult().Project.Sources.Single().Text;
    }

    private int CodingCount()
    {
        using var s = Study.Open(_study);
        return QualitativeStore.SnapshotAsync(s).GetAwaiter().GetResult().Project.Codings.Count;
    }

    [Fact]
    public void Every_row_is_coded_by_phrase_or_by_span_with_its_coder_and_memo()
    {
        var text = StoredText();
        var georgian = text.IndexOf("გერმანიიდან", StringComparison.Ordinal);
        var file = _dir.Write("codings.csv",
            "source,code,phrase,start,end,coder,memo\n"
            + "ru,Mechanisms/Learning,импортировали станки из Германии 🚢,,,ana,\"first, the machines\"\n"
            + "ru,Outward/Exporting,\"экспорт  в\nШвецию\",,,,\n" // spacing and a line break as typed, and the default coder
            + $"ru,Mechanisms/Learning,,{georgian},{georgian + "გერმანიიდან ვიყიდეთ".Length},ნინო,\n"
            + "ru,Outward/Exporting,café\u0301 opened,,,ana,\n");
        var json = JsonDocument.Parse(Ok("code", "import", _study, file, "--coder", "bob", "--json").Out).RootElement;
        Assert.Equal("codings.csv", json.GetProperty("file").GetString());
        Assert.Equal(4, json.GetProperty("codings").GetInt32());
        var q = json.GetProperty("quotations").EnumerateArray().ToList();
        Assert.Equal(["ana", "bob", "ნინო", "ana"], q.Select(x => x.GetProperty("coder").GetString()));
        Assert.Equal(["Mechanisms/Learning", "Outward/Exporting", "Mechanisms/Learning", "Outward/Exporting"], q.Select(x => x.GetProperty("code_path").GetString()));
        Assert.Equal("first, the machines", q[0].GetProperty("memo").GetString());
        Assert.Equal("импортировали станки из Германии 🚢", q[0].GetProperty("text").GetString());
        Assert.Equal("экспорт в Швецию", q[1].GetProperty("text").GetString()); // the transcript's own letters
        Assert.Equal("გერმანიიდან ვიყიდეთ", q[2].GetProperty("text").GetString());
        Assert.Equal("café\u0301 opened", q[3].GetProperty("text").GetString());
        foreach (var x in q)
            Assert.Equal(x.GetProperty("text").GetString(), Stored(x.GetProperty("start").GetInt32(), x.GetProperty("end").GetInt32()));
        Assert.Equal(4, CodingCount());
    }

    [Fact]
    public void A_workbook_is_read_as_a_csv_file_is()
    {
        var book = _dir.File("codings.xlsx");
        TableWriter.Write(book, ["source", "code", "phrase", "coder"], [["ru", "Mechanisms/Learning", "Сначала мы импортировали", "ana"]], null, null, "codings");
        Assert.Contains("Added 1 coding", Ok("code", "import", _study, book).Out);
        Assert.Equal(1, CodingCount());
    }

    [Fact]
    public void A_bad_file_names_each_row_and_column_and_stores_nothing()
    {
        Ok("code", _study, "ru", "Mechanisms/Learning", "--phrase", "потом", "--coder", "ana");
        var file = _dir.Write("bad.csv",
            "source,code,phrase,start,end,coder,memo\n"
            + "ru,Mechanisms/Learning,станки из Германии,,,ana,\n"      // 2: fine on its own
            + "en,Mechanisms/Learning,станки,,,ana,\n"                 // 3: no such transcript
            + "ru,Mechanisms/Lerning,станки,,,ana,\n"                  // 4: no such code
            + "ru,Mechanisms/Learning,Japan,,,ana,\n"                  // 5: does not occur
            + "ru,Mechanisms/Learning,,10,9999,ana,\n"                 // 6: past the end
            + "ru,Mechanisms/Learning,Германии,,,ana,\n"               // 7: overlaps row 2 (same code, coder)
            + "ru,Mechanisms/Learning,потом,,,ana,\n"                  // 8: overlaps a stored coding
            + "ru,Outward/Exporting,Швецию,,,,\n"                      // 9: no coder
            + "ru,Outward/Exporting,Швецию,3,8,ana,\n");               // 10: phrase and span
        var r = CliRunner.Run("code", "import", _study, file);
        Assert.Equal(1, r.ExitCode);
        foreach (var (row, field) in new[] { (3, "source"), (4, "code"), (5, "phrase"), (6, "end"), (7, "phrase"), (8, "phrase"), (9, "coder"), (10, "phrase") })
            Assert.Contains($"bad.csv, row {row}, column '{field}':", r.Error);
        Assert.DoesNotContain("row 2,", r.Error);
        Assert.Equal(1, CodingCount()); // only the coding made before
    }

    [Fact]
    public void A_file_without_the_passage_columns_is_refused_before_anything_is_read()
    {
        var file = _dir.Write("cols.csv", "source,code,coder\nru,Mechanisms/Learning,ana\n");
        var r = CliRunner.Run("code", "import", _study, file);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("'phrase' column", r.Error);
    }

    [Fact]
    public void The_template_documents_every_column()
    {
        Ok("template", "codings", _dir.File("t.csv"));
        var lines = File.ReadAllLines(_dir.File("t.csv"));
        var header = lines.First(l => !l.StartsWith('#'));
        Assert.Equal("source,code,phrase,start,end,coder,memo", header);
        Assert.Contains(lines, l => l.StartsWith('#') && l.Contains("code import", StringComparison.Ordinal));
    }
}
