using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoWay.Domain;
using TwoWay.Storage;

namespace TwoWay.Cli.Tests;

public class AnalysisCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _study;

    public AnalysisCommandTests()
    {
        _study = _dir.File("small.twoway");
        using var study = Study.Create(_study);
        var a = new Firm(new FirmId("AA-1"), "Alpha Valves", CountryCode.Parse("RS"), foundingYear: 1995);
        var b = new Firm(new FirmId("BB-2"), "Beta Bakery", CountryCode.Parse("PL"), foundingYear: 2001);
        Operation Op(string id, Direction d, Mode m, string c, int start, string? partner = null) =>
            new(new OperationId(id), a.Id, d, m, CountryCode.Parse(c), new YearMonth(start), partner: partner);
        study.Save([a, b], [
            Op("AA-1/1", Direction.Inward, Mode.GoodsTrade, "DE", 1996, "Kessler GmbH"),
            Op("AA-1/2", Direction.Outward, Mode.GoodsTrade, "DE", 2003, "Kessler GmbH"),
        ]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Analyze_json_gives_every_firm_a_trajectory_stages_and_degrees()
    {
        var r = CliRunner.Run("analyze", _study, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(2003, root.GetProperty("as_of_year").GetInt32());
        var firms = root.GetProperty("firms").EnumerateArray().ToList();
        Assert.Equal(["AA-1", "BB-2"], firms.Select(f => f.GetProperty("firm_id").GetString()));
        Assert.Equal(["inward_led", "domestic"], firms.Select(f => f.GetProperty("trajectory").GetProperty("kind").GetString()));
        foreach (var f in firms)
        {
            Assert.Equal(JsonValueKind.Number, f.GetProperty("inward_stage").GetProperty("number").ValueKind);
            Assert.Equal(JsonValueKind.Number, f.GetProperty("outward_stage").GetProperty("number").ValueKind);
            Assert.Equal(JsonValueKind.Number, f.GetProperty("degree").GetProperty("inward").GetProperty("composite").ValueKind);
        }
        var same = firms[0].GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "same_partner");
        Assert.Equal(7, same.GetProperty("lag_years").GetDouble());
        var cross = root.GetProperty("cross_case");
        Assert.Equal(["AA-1"], cross.GetProperty("complementarity").GetProperty("firm_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, cross.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void Analyze_year_moves_the_as_of_date()
    {
        var r = CliRunner.Run("analyze", _study, "--year", "2000", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var a = doc.RootElement.GetProperty("firms")[0];
        Assert.Equal("inward_only", a.GetProperty("trajectory").GetProperty("kind").GetString());
    }

    [Fact]
    public void Analyze_prints_the_cases_table_and_the_answer()
    {
        var r = CliRunner.Run("analyze", _study);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("AA-1", r.Out);
        Assert.Contains("inward-led", r.Out);
        Assert.Contains("Complementarity or independence?", r.Out);
    }

    [Fact]
    public void Analyze_one_firm_shows_its_details()
    {
        var r = CliRunner.Run("analyze", _study, "--firm", "AA-1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Stages", r.Out);
        Assert.Contains("Degree of internationalization", r.Out);
        Assert.Contains("same partner", r.Out);
        Assert.DoesNotContain("BB-2", r.Out);
    }

    [Fact]
    public void Analyze_an_unknown_firm_is_bad_input()
    {
        var r = CliRunner.Run("analyze", _study, "--firm", "ZZ-9");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--firm", r.Error);
        Assert.Contains("ZZ-9", r.Error);
    }

    [Fact]
    public void Analyze_a_missing_study_is_bad_input()
    {
        var r = CliRunner.Run("analyze", _dir.File("nope.twoway"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("nope.twoway", r.Error);
    }

    [Fact]
    public void A_year_out_of_range_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("analyze", _study, "--year", "99").ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze").ExitCode);
    }

    [Fact]
    public void Report_writes_one_self_contained_file_with_every_firm()
    {
        var path = _dir.File("r.html");
        var r = CliRunner.Run("report", _study, "--out", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("r.html", r.Out);
        var html = File.ReadAllText(path);
        Assert.Contains("Alpha Valves", html);
        Assert.Contains("Beta Bakery", html);
        Assert.DoesNotMatch(new Regex("(?:src|href)\\s*=\\s*[\"']?(?![#\"'])|url\\(\\s*[\"']?(?![#\"'])", RegexOptions.IgnoreCase), html);
        foreach (Match svg in Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline))
            Assert.Equal("svg", XElement.Parse(svg.Value).Name.LocalName);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void Report_pseudonymize_hides_firm_and_partner_names()
    {
        var path = _dir.File("p.html");
        Assert.Equal(0, CliRunner.Run("report", _study, "--out", path, "--pseudonymize").ExitCode);
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("Alpha Valves", html);
        Assert.DoesNotContain("Kessler", html);
        Assert.Contains("Firm A", html);
    }

    [Fact]
    public void Report_into_a_missing_folder_is_bad_input()
    {
        var r = CliRunner.Run("report", _study, "--out", _dir.File("no/such/dir/r.html"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does not exist", r.Error);
    }
}
