using System.Text.Json;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary>The matrix as a reader sees it (issue 16): whose codings, empty codes hidden, empty cells blank, --coder.</summary>
public sealed class MatrixViewTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_table_says_whose_codings_it_counts_and_hides_codes_without_codings()
    {
        var study = SmallStudy.Create(_dir);
        _dir.Write("t.txt", "We imported machines from Germany and later exported to Sweden.");
        CliRunner.Run("sources", "add", study, _dir.File("t.txt"), "--case", "RS-01");
        CliRunner.Run("codes", "starter", study);
        Assert.Equal(0, CliRunner.Run("code", study, "t", "Mechanisms/Learning", "--phrase", "imported machines", "--coder", "ana").ExitCode);
        Assert.Equal(0, CliRunner.Run("code", study, "t", "Mechanisms/Learning", "--phrase", "machines from Germany", "--coder", "bojan").ExitCode);

        var table = CliRunner.Run("matrix", study).Out;
        Assert.Contains("Codings of all coders together (ana, bojan)", table);
        Assert.Contains("codes without codings not shown (--all-codes)", table);
        Assert.Contains("Mechanisms/Learning", table);
        Assert.DoesNotContain("Outward modes", table);
        Assert.Contains("Outward modes", CliRunner.Run("matrix", study, "--all-codes").Out);

        var ana = JsonDocument.Parse(CliRunner.Run("matrix", study, "--coder", "ana", "--json").Out).RootElement;
        Assert.Equal(["ana"], ana.GetProperty("coders").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, ana.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("total").GetInt32()));
        var all = JsonDocument.Parse(CliRunner.Run("matrix", study, "--json").Out).RootElement;
        Assert.Equal(2, all.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("total").GetInt32()));
        var nobody = CliRunner.Run("matrix", study, "--coder", "zoe");
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("coders: ana, bojan", nobody.Error);
    }
}

/// <summary>An id typed slightly wrong gets "did you mean" wherever a firm or operation is named (issue 16).</summary>
public sealed class DidYouMeanCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_firm_or_operation_typed_slightly_wrong_is_refused_with_the_one_meant()
    {
        var study = SmallStudy.Create(_dir);
        static string Flat(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " "); // the terminal wraps
        var analyze = CliRunner.Run("analyze", study, "--firm", "ge-1");
        Assert.Equal(1, analyze.ExitCode);
        Assert.Contains("(did you mean GE-01?)", Flat(analyze.Error));
        _dir.Write("t.txt", "We imported.");
        var add = CliRunner.Run("sources", "add", study, _dir.File("t.txt"), "--case", "GE-1");
        Assert.Equal(1, add.ExitCode);
        Assert.Contains("(did you mean GE-01?)", Flat(add.Error));
        Assert.Equal(0, CliRunner.Run("sources", "add", study, _dir.File("t.txt"), "--case", "GE-01").ExitCode);
        CliRunner.Run("codes", "add", study, "Learning");
        var coding = JsonDocument.Parse(CliRunner.Run("code", study, "t", "Learning", "--phrase", "imported", "--coder", "a", "--json").Out)
            .RootElement.GetProperty("coding_id").GetString()!;
        var link = CliRunner.Run("evidence", study, coding, "--operation", "GE-01/01");
        Assert.Equal(1, link.ExitCode);
        Assert.Contains("(did you mean GE-01/1?)", Flat(link.Error));
    }
}

/// <summary><c>quotes STUDY</c> without a code and <c>coders STUDY</c> (issue 13's workbench details).</summary>
public sealed class QuotesAndCodersTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_quotation_with_its_code_and_every_coder_with_their_work()
    {
        var study = SmallStudy.Create(_dir);
        _dir.Write("t.txt", "Мы импортировали станки из Германии, потом экспортировали в Швецию.");
        CliRunner.Run("sources", "add", study, _dir.File("t.txt"), "--case", "RS-01");
        CliRunner.Run("codes", "add", study, "Inward");
        CliRunner.Run("codes", "add", study, "Outward");
        Assert.Equal(0, CliRunner.Run("code", study, "t", "Inward", "--phrase", "импортировали станки", "--coder", "ana").ExitCode);
        Assert.Equal(0, CliRunner.Run("code", study, "t", "Outward", "--phrase", "экспортировали в Швецию", "--coder", "bojan").ExitCode);
        Assert.Equal(0, CliRunner.Run("code", study, "t", "Inward", "--phrase", "станки из Германии", "--coder", "bojan").ExitCode);

        var all = JsonDocument.Parse(CliRunner.Run("quotes", study, "--json").Out).RootElement;
        Assert.Equal(["Inward", "Inward", "Outward"], all.GetProperty("quotations").EnumerateArray().Select(q => q.GetProperty("code_path").GetString()));
        var table = CliRunner.Run("quotes", study, "--coder", "bojan").Out;
        Assert.Contains("2 quotations", table);
        Assert.Contains("Outward", table);

        var coders = JsonDocument.Parse(CliRunner.Run("coders", study, "--json").Out).RootElement.GetProperty("coders");
        Assert.Equal([("ana", 1, 1), ("bojan", 2, 2)], coders.EnumerateArray()
            .Select(c => (c.GetProperty("coder").GetString()!, c.GetProperty("codings").GetInt32(), c.GetProperty("codes").GetInt32())));
    }
}
