using System.Text.Json;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Evidence;

/// <summary>
/// Issue 13's walkthrough: the rules find no connection for LT-01, the CEO says the German experience
/// opened the door to the Swedish customer, that passage is coded and linked to the connection — and
/// the firm is counted as complementarity on the interview's basis, in the table, the JSON and the report.
/// </summary>
public sealed class InterviewEvidenceCountsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _study;
    private readonly string _coding;

    public InterviewEvidenceCountsTests()
    {
        _study = _dir.File("lt.twoway");
        Ok("init", _study);
        _dir.Write("firms.csv", "firm_id,name,home_country\nLT-01,Baltų Staklės UAB,LT\n");
        // Inward goods from Germany (2005), an inward service (2007), outward goods to Sweden (2010):
        // different partners and countries, no licence or alliance, so no rule links them.
        _dir.Write("ops.csv", "operation_id,firm_id,direction,mode,partner_country,partner,start\n"
            + "LT-01/1,LT-01,inward,goods_trade,DE,Maschinenbau Süd GmbH,2005\n"
            + "LT-01/2,LT-01,inward,services_trade,PL,Serwis Sp. z o.o.,2007\n"
            + "LT-01/3,LT-01,outward,goods_trade,SE,Nordisk Trä AB,2010\n");
        Ok("import", _study, _dir.File("firms.csv"), _dir.File("ops.csv"));
        _dir.Write("ceo.txt", "Q: How did you find the Swedish customer?\nA: The German experience was the key that opened the door to Nordisk Trä.\n");
        Ok("sources", "add", _study, _dir.File("ceo.txt"), "--case", "LT-01", "--round", "1");
        Ok("codes", "add", _study, "Connections/Inward to outward");
        _coding = JsonDocument.Parse(Ok("code", _study, "ceo", "Connections/Inward to outward", "--phrase", "The German experience was the key that opened the door",
            "--coder", "ieva", "--json").Out).RootElement.GetProperty("coding_id").GetString()!;
    }

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return r;
    }

    private JsonElement Analysis() => JsonDocument.Parse(Ok("analyze", _study, "--json").Out).RootElement;

    [Fact]
    public void A_linked_quotation_makes_the_case_complementary_on_the_interview_s_basis()
    {
        var before = Analysis().GetProperty("cross_case");
        Assert.Equal("independent_inward", before.GetProperty("rows")[0].GetProperty("pattern").GetString());

        Ok("evidence", _study, _coding[..8], "--connection", "LT-01/1>LT-01/3");
        var after = Analysis();
        var row = after.GetProperty("cross_case").GetProperty("rows")[0];
        Assert.Equal("complementarity", row.GetProperty("pattern").GetString());
        Assert.Equal("interview", row.GetProperty("basis").GetString());
        var sensitivity = after.GetProperty("cross_case").GetProperty("sensitivity");
        Assert.Equal(0, sensitivity.GetProperty("rules_only").GetInt32());
        Assert.Equal(1, sensitivity.GetProperty("interview_only").GetInt32());
        var claim = after.GetProperty("claims")[0].GetProperty("connections")[0];
        Assert.Equal(("LT-01/1", "LT-01/3"), (claim.GetProperty("from").GetString(), claim.GetProperty("to").GetString()));
        Assert.Equal("interview", claim.GetProperty("source").GetString());
        Assert.Equal("interview_only", claim.GetProperty("status").GetString());
        Assert.Equal(_coding, claim.GetProperty("supporting")[0].GetString());

        var table = Ok("analyze", _study).Out;
        Assert.Contains("complementarity (interview)", table);
        Assert.Contains("under the interviews alone 1", table);

        Ok("report", _study, "--out", _dir.File("r.html"));
        var html = File.ReadAllText(_dir.File("r.html"));
        Assert.DoesNotContain("No connection between the directions was found", html);
        Assert.Contains("asserted in an interview", html);
        Assert.Contains("interview only (1 quotation(s) for, 0 against)", html);
        Assert.Contains("The German experience was the key", html);
    }

    [Fact]
    public void A_contradicting_quotation_makes_the_connection_contested_and_it_is_listed_not_counted()
    {
        Ok("evidence", _study, _coding, "--connection", "LT-01/1>LT-01/3");
        _dir.Write("cfo.txt", "A: Honestly, the Swedish order had nothing to do with Germany.\n");
        Ok("sources", "add", _study, _dir.File("cfo.txt"), "--case", "LT-01", "--round", "2");
        var against = JsonDocument.Parse(Ok("code", _study, "cfo", "Connections/Inward to outward", "--phrase", "nothing to do with Germany",
            "--coder", "ieva", "--json").Out).RootElement.GetProperty("coding_id").GetString()!;
        Ok("evidence", _study, against, "--connection", "LT-01/1>LT-01/3", "--contradicts");

        var a = Analysis();
        var row = a.GetProperty("cross_case").GetProperty("rows")[0];
        Assert.Equal("independent_inward", row.GetProperty("pattern").GetString());
        Assert.Equal(1, row.GetProperty("contested_inward_to_outward").GetInt32());
        Assert.Equal(["LT-01"], a.GetProperty("cross_case").GetProperty("contested").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("contested", a.GetProperty("claims")[0].GetProperty("connections")[0].GetProperty("status").GetString());
        Assert.Contains("Contested (a quotation contradicts the connection; not counted): LT-01", a.GetProperty("cross_case").GetProperty("answer").GetString());
        var list = JsonDocument.Parse(Ok("evidence", _study, "--json").Out).RootElement.GetProperty("links");
        Assert.Contains(list.EnumerateArray(), l => l.GetProperty("stance").GetString() == "contradicts");
    }

    [Fact]
    public void A_connection_against_time_is_refused_with_the_way_round_it_should_be()
    {
        var r = CliRunner.Run("evidence", _study, _coding, "--connection", "LT-01/3>LT-01/1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("link 'LT-01/1>LT-01/3' instead", System.Text.RegularExpressions.Regex.Replace(r.Error, @"\s+", " ")); // the terminal wraps long lines
    }
}
