using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoWay.Cli;

namespace TwoWay.Panels.Tests;

/// <summary>`panel analyze --out` and `survey analyze --out`: one self-contained HTML file showing the result record's charts and numbers.</summary>
public class ReportTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Out, r.Error);
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static List<XElement> Svgs(string html) =>
        Regex.Matches(html, "<svg[\\s\\S]*?</svg>").Select(m => XElement.Parse(m.Value)).ToList();

    private static string Title(XElement svg) => svg.Elements().Single(e => e.Name.LocalName == "title").Value;

    [Fact]
    public void Panel_report_has_the_four_chart_kinds_and_the_numbers_of_the_json_result()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, Run("panel", "simulate", "--firms", "3000", "--years", "6", "--seed", "4", "--hr", "2", tmp.File("p.csv")).Code);
        var report = tmp.File("report.html");
        var r = Run("panel", "analyze", tmp.File("p.csv"), "--covariates", "size_class", "--json", "--out", report);
        Assert.True(r.Code == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement; // --out leaves --json output intact
        var html = File.ReadAllText(report);
        var decoded = WebUtility.HtmlDecode(html);

        // Self-contained and well formed.
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal("html", XDocument.Parse(html.Replace("<!DOCTYPE html>", "")).Root!.Name.LocalName);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Regex.Matches(html, "(?:src|href)\\s*=\\s*\"(?!#)[^\"]*\"|url\\(\\s*[\"']?(?![#\"'])", RegexOptions.IgnoreCase));

        // Charts: state shares, transition heat map, KM curves with bands and a forest plot per direction, conversion.
        var titles = Svgs(html).Select(Title).ToList();
        Assert.Equal(7, titles.Count);
        Assert.Contains("Trader states: share of firms by year", titles);
        Assert.Single(titles, t => t.StartsWith("Transitions from year t to t + 1", StringComparison.Ordinal));
        Assert.Contains("Share of firms not yet exporting, by import status in the first year", titles);
        Assert.Contains("Share of firms not yet importing, by export status in the first year", titles);
        Assert.Contains("Export entry: hazard ratios with 95% intervals (firm-clustered)", titles);
        Assert.Contains("Import entry: hazard ratios with 95% intervals (firm-clustered)", titles);
        Assert.Contains("Conversion: share exporting within k years", titles);

        // Numbers: exactly those of the result record, formatted.
        Assert.Contains($"{json.GetProperty("firms").GetInt64():#,0} firms", decoded);
        var noneToNone = json.GetProperty("transitions").GetProperty("cells")[0];
        Assert.Equal("none", noneToNone.GetProperty("from").GetString());
        var p = noneToNone.GetProperty("probability");
        Assert.Contains($"{F(p.GetProperty("estimate").GetDouble(), "0.000")} [{F(p.GetProperty("lower").GetDouble(), "0.000")}, {F(p.GetProperty("upper").GetDouble(), "0.000")}] ({noneToNone.GetProperty("firms").GetInt64():#,0})", decoded);
        foreach (var direction in new[] { "export_entry", "import_entry" })
        {
            var entry = json.GetProperty(direction);
            var lag = entry.GetProperty("cox").GetProperty("coefficients")[0];
            Assert.Contains($"<th scope=\"row\">{lag.GetProperty("name").GetString()}</th><td>{F(lag.GetProperty("estimate").GetDouble(), "0.00000")}</td><td>{F(lag.GetProperty("ratio").GetDouble(), "0.0000")}</td>", html);
            Assert.Contains($"{lag.GetProperty("name").GetString()}: {F(lag.GetProperty("ratio").GetDouble(), "0.00")} [{F(lag.GetProperty("ratio_lower95").GetDouble(), "0.00")}, {F(lag.GetProperty("ratio_upper95").GetDouble(), "0.00")}]", decoded); // forest row
            Assert.Contains($"Log-rank test: χ² = {F(entry.GetProperty("log_rank").GetProperty("test").GetProperty("statistic").GetDouble(), "0.00")}", decoded);
            var lastStep = entry.GetProperty("kaplan_meier")[1].GetProperty("steps").EnumerateArray().Last();
            Assert.Contains($"{F(lastStep.GetProperty("survival").GetDouble(), "0.000")} [{F(lastStep.GetProperty("lower95").GetDouble(), "0.000")}, {F(lastStep.GetProperty("upper95").GetDouble(), "0.000")}]", decoded);
        }
        var k2 = json.GetProperty("conversion")[1].GetProperty("importers_first");
        Assert.Contains($"{F(k2.GetProperty("estimate").GetDouble(), "0.000")} [{F(k2.GetProperty("lower").GetDouble(), "0.000")}, {F(k2.GetProperty("upper").GetDouble(), "0.000")}]", decoded);
    }

    [Fact]
    public void Report_to_a_missing_folder_is_bad_input_and_the_text_output_names_the_report()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, Run("panel", "simulate", "--firms", "500", "--years", "4", "--seed", "2", tmp.File("p.csv")).Code);
        var bad = Run("panel", "analyze", tmp.File("p.csv"), "--out", tmp.File("no/such/dir/r.html"));
        Assert.Equal(1, bad.Code);
        Assert.Contains("--out", bad.Err);
        var ok = Run("panel", "analyze", tmp.File("p.csv"), "--out", tmp.File("r.html"), "--title", "Test <panel>");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("Report written to", ok.Out);
        Assert.Contains("<h1>Test &lt;panel&gt;</h1>", File.ReadAllText(tmp.File("r.html")));
    }

    [Fact]
    public void Survey_report_shows_the_weighted_shares_test_and_logit()
    {
        using var tmp = new TempDir();
        var survey = Path.Combine(AppContext.BaseDirectory, "Reference", "survey.csv");
        var r = Run("survey", "analyze", survey, "--covariates", "sector", "--json", "--out", tmp.File("s.html"));
        Assert.True(r.Code == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        var html = File.ReadAllText(tmp.File("s.html"));
        var decoded = WebUtility.HtmlDecode(html);
        Assert.Single(Svgs(html));
        var egi = json.GetProperty("export_given_import").GetProperty("share");
        Assert.Contains($"{F(egi.GetProperty("estimate").GetDouble(), "0.000")} [{F(egi.GetProperty("lower").GetDouble(), "0.000")}, {F(egi.GetProperty("upper").GetDouble(), "0.000")}]", decoded);
        Assert.Contains($"Rao–Scott second-order correction): F = {F(json.GetProperty("rao_scott").GetProperty("f").GetDouble(), "0.00")}", decoded);
        Assert.Contains($"<td>{F(json.GetProperty("export_given_import").GetProperty("se").GetDouble(), "0.0000")}</td>", html);
        Assert.Contains("svydesign(ids = ~1, weights = ~w)", decoded);
        Assert.Contains("robust SE HC0 sandwich", decoded);
        var last = json.GetProperty("logit").GetProperty("coefficients").EnumerateArray().Last();
        Assert.Equal("manufacturing", last.GetProperty("reference").GetString());
        Assert.Contains($"<th scope=\"row\">{last.GetProperty("name").GetString()} (vs manufacturing)</th><td>{F(last.GetProperty("estimate").GetDouble(), "0.00000")}</td>", html);
    }
}
