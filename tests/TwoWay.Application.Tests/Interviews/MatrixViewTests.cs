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
