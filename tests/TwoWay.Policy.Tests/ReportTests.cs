using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoWay.Domain;
using TwoWay.Reports.Charts;
using TwoWay.Reports.Html;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

/// <summary>The policy sections show the analyses' figures (they compute none) and render as self-contained HTML.</summary>
public class ReportTests
{
    private static IReadOnlyList<string> Findings(ReportSection s) => s.Blocks.OfType<NoteListBlock>().First().Notes;
    private static List<BarChart> Charts(ReportSection s) => s.Blocks.OfType<ChartBlock>().Select(c => (BarChart)c.Chart).ToList();
    private static List<ReportTable> Tables(ReportSection s) => s.Blocks.OfType<TableBlock>().Select(t => t.Table).ToList();

    private static Population Hand() => new("hand", [
        new PopulationGroup(TraderState.None, ExperienceStage.New, ExperienceStage.New, 40),
        new PopulationGroup(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, 30),
        new PopulationGroup(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, 20),
        new PopulationGroup(TraderState.TwoWay, ExperienceStage.Regular, ExperienceStage.Regular, 10),
    ]);

    [Fact]
    public void Portfolio_section_states_the_share_with_its_definition_and_charts_every_matrix()
    {
        var r = PortfolioAnalysis.Analyse(SmallCatalogue());
        var s = PolicyReportBuilder.Portfolio(r, "small.csv");
        Assert.Contains(Findings(s), f => f.Contains("Export-only: 60.0% of programmes (3 of 5)") && f.Contains(PortfolioAnalysis.ExportOnlyDefinition));
        Assert.Contains(Findings(s), f => f.Contains("40.0% (400 of 1,000 EUR"));
        Assert.Equal(3, Charts(s).Count);
        var chart = Charts(s)[0];
        Assert.Equal(["outward", "inward", "both directions"], chart.Series.Select(x => x.Label));
        var matchmaking = chart.Groups.Single(g => g.Label == "matchmaking");
        Assert.Equal([1.0, 1.0, 0.0], matchmaking.Values); // P5 outward, P4 inward
        Assert.Equal(["matchmaking", "1", "1", "0", "2"], Tables(s)[0].Rows.Single(x => x[0] == "matchmaking"));
        Assert.Equal("external", Tables(s)[2].Rows.Single(x => x[0] == "procedural")[1]);
    }

    [Fact]
    public void Coverage_section_puts_need_beside_supply()
    {
        var r = CoverageAnalysis.Analyse(SmallCatalogue(), Hand());
        var s = PolicyReportBuilder.Coverage(r);
        var chart = Charts(s)[0];
        Assert.Equal(["need: % of firms", "supply: % of programmes open"], chart.Series.Select(x => x.Label));
        // Export-only: 20% of firms, 3 of 5 programmes open (P1, P2, P3).
        Assert.Equal([20.0, 60.0], chart.Groups.Single(g => g.Label == "export_only").Values.Select(v => Math.Round(v, 9)));
        Assert.Equal(["export_only", "20", "20.0%", "3", "60.0%", ""], Tables(s)[0].Rows.Single(x => x[0] == "export_only"));
        Assert.Equal(2, Charts(s).Count); // no trajectories or chain stages in a population without them
        Assert.Contains(Findings(s), f => f.StartsWith("No gaps"));
    }

    [Fact]
    public void Standalone_policy_report_is_self_contained_with_described_svg_charts()
    {
        var catalogue = SmallCatalogue();
        var html = SectionedHtmlReport.Render(new SectionedReport("Support programmes", "5 programmes", [
            PolicyReportBuilder.Portfolio(PortfolioAnalysis.Analyse(catalogue), "small.csv"),
            PolicyReportBuilder.Coverage(CoverageAnalysis.Analyse(catalogue, Hand()))]) { Notice = "fictional" });
        Assert.DoesNotMatch(new Regex("(?:src|href)\\s*=\\s*[\"']?(?![#\"'])|<script|<link|@import", RegexOptions.IgnoreCase), html);
        Assert.Contains("href=\"#policy-coverage\"", html);
        var svgs = Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline);
        Assert.Equal(3 + 2, svgs.Count);
        foreach (Match svg in svgs)
            Assert.Contains(XElement.Parse(svg.Value).Elements(), e => e.Name.LocalName == "desc" && e.Value.Length > 0);
        Assert.NotNull(XDocument.Parse(html.Replace("<!DOCTYPE html>", "")).Root);
    }

    [Fact]
    public void Html_options_write_portfolio_coverage_and_profile_pages()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("policy", "portfolio", Samples("catalogue.csv"), "--html", dir.File("p.html")).ExitCode);
        Assert.Contains("Export-only: 62.5% of programmes (25 of 40)", File.ReadAllText(dir.File("p.html")));
        var pop = dir.Write("pop.csv", "trader_state,firms\nimport_only,30\nexport_only,10\n");
        Assert.Equal(0, CliRunner.Run("policy", "coverage", Samples("catalogue.csv"), "--population", pop, "--html", dir.File("c.html")).ExitCode);
        Assert.Contains("Trader states: need vs supply", File.ReadAllText(dir.File("c.html")));
        Assert.Equal(0, CliRunner.Run("assess", "--answers", Samples("assessments", "firm-1.json"), "--html", dir.File("a.html")).ExitCode);
        var profile = File.ReadAllText(dir.File("a.html"));
        Assert.Contains("Use your supplier network for first exports", profile);
        Assert.Contains("FICTIONAL", profile);
        // A missing folder is bad input naming the option; nothing is written.
        var bad = CliRunner.Run("policy", "portfolio", Samples("catalogue.csv"), "--html", Path.Combine(dir.Path, "no", "p.html"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--html", bad.Error);
    }

    [Fact]
    public void Batch_html_charts_the_band_counts_of_the_population_view()
    {
        using var dir = new TempDir();
        var json = CliRunner.Run("assess", "batch", Samples("assessments", "batch.csv"), "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var outward = doc.RootElement.GetProperty("population").GetProperty("directions")[0].GetProperty("scores").GetProperty("bands");
        var r = CliRunner.Run("assess", "batch", Samples("assessments", "batch.csv"), "--html", dir.File("b.html"), "--show", "3", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(json.Out, r.Out); // --html adds a page, not output
        var html = File.ReadAllText(dir.File("b.html"));
        Assert.Contains("Firms per score band, by direction and dimension", html);
        // The chart's text alternative carries the counts of the JSON result.
        var counts = string.Join(", ", outward.EnumerateArray().Select(b => $"{b.GetProperty("band").GetString()} {b.GetProperty("firms").GetInt32()}"));
        Assert.Contains("outward score " + counts, html);
        Assert.Contains("the first 3 of 40", html);
    }

    [Fact]
    public void Study_report_with_a_catalogue_shows_portfolio_and_coverage_of_its_firms()
    {
        using var dir = new TempDir();
        var study = SmallStudy.Create(dir);
        var plain = CliRunner.Run("report", study, "--out", dir.File("plain.html"));
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("policy-coverage", File.ReadAllText(dir.File("plain.html")));
        var r = CliRunner.Run("report", study, "--out", dir.File("r.html"), "--catalogue", Samples("catalogue.csv"));
        Assert.Equal(0, r.ExitCode);
        var html = File.ReadAllText(dir.File("r.html"));
        Assert.Contains("id=\"policy-portfolio\"", html);
        Assert.Contains("id=\"policy-coverage\"", html);
        Assert.Contains("Trajectories (from the case analyses): need vs supply", html);
        // No assessment is attached to this study: the section is left out, not shown empty.
        Assert.DoesNotContain("id=\"self-assessments\"", html);
    }
}
