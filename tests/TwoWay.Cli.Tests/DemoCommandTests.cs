using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TwoWay.Cli.Tests;

/// <summary>Runs `twoway demo` once into a temporary folder; the tests read what it wrote.</summary>
public sealed class DemoRun : IDisposable
{
    public TempDir Dir { get; } = new();
    public CliRunner.Result First { get; }
    public string Study => Dir.File("demo.twoway");
    public string Report => Dir.File("report.html");

    public DemoRun() => First = CliRunner.Run("demo", "--out", Dir.Path);

    public void Dispose() => Dir.Dispose();
}

public class DemoCommandTests(DemoRun demo) : IClassFixture<DemoRun>
{
    private static readonly string[] FirmIds = ["AM-01", "BY-01", "GE-01", "GE-02", "KZ-01", "PL-01", "PL-02", "RS-01", "RS-02", "UA-01", "UA-02"];

    [Fact]
    public void Demo_writes_the_study_file_the_report_and_its_inputs_and_says_where()
    {
        Assert.Equal(0, demo.First.ExitCode);
        Assert.True(File.Exists(demo.Study));
        Assert.True(File.Exists(demo.Report));
        Assert.True(File.Exists(demo.Dir.File("demo-study/operations.csv")));
        Assert.Contains(demo.Study, demo.First.Out);
        Assert.Contains(demo.Report, demo.First.Out);
    }

    [Fact]
    public void The_round_two_guide_of_the_demo_has_every_firm_and_names_every_unsupported_operation()
    {
        Assert.Equal(0, demo.First.ExitCode);
        var guide = demo.Dir.File("guide.md");
        if (File.Exists(guide)) File.Delete(guide);
        var r = CliRunner.Run("guide", demo.Study, "--out", guide);
        Assert.True(r.ExitCode == 0, r.Error);
        var md = File.ReadAllText(guide);
        Assert.Contains("# Interview guide, round 3", md); // the demo transcribed rounds 1 and 2
        foreach (var id in FirmIds) Assert.Contains($"## {id} ", md);
        // Unsupported, found independently: no evidence column in the import and no coded quotation linked.
        using var study = TwoWay.Storage.Study.Open(demo.Study);
        var quoted = TwoWay.Storage.Qualitative.QualitativeStore.Links(study)
            .Select(l => l.Target).OfType<TwoWay.Qualitative.EvidenceTarget.OfOperation>().Select(t => t.Id.Value).ToHashSet();
        var unsupported = study.LoadCases().SelectMany(c => c.Operations).Where(o => o.Evidence.IsDefaultOrEmpty && !quoted.Contains(o.Id.Value)).ToList();
        foreach (var o in unsupported)
            Assert.Contains($"No interview passage and no document supports operation {o.Id.Value} yet", md);
        // …and no other: the demo documents every operation, so the guide asks about none as unsupported.
        Assert.Equal(unsupported.Count, Regex.Matches(md, "No interview passage and no document supports operation").Count);
        Assert.Contains("Did what you learned from", md); // rule-found connections no interview mentions
    }

    [Fact]
    public void Demo_simulates_a_panel_whose_DuckDB_analysis_recovers_the_known_effect()
    {
        Assert.Equal(0, demo.First.ExitCode);
        var panel = demo.Dir.File("panel/panel.parquet");
        Assert.True(File.Exists(panel));
        Assert.Contains(demo.Dir.File("panel-report.html"), demo.First.Out);
        var html = File.ReadAllText(demo.Dir.File("panel-report.html"));
        Assert.Contains("Fictional simulated panel", html);
        Assert.Contains("<svg", html);

        // The same file through `panel analyze`: the demo's data-generating process has a true
        // import→export hazard ratio of 1.8, which the 95% interval of 20,000 firms should cover.
        var r = CliRunner.Run("panel", "analyze", panel, "--covariates", "sector,size_class,region", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var lag = doc.RootElement.GetProperty("export_entry").GetProperty("cox").GetProperty("coefficients")
            .EnumerateArray().Single(c => c.GetProperty("name").GetString() == "imp_lag");
        Assert.InRange(1.8, lag.GetProperty("ratio_lower95").GetDouble(), lag.GetProperty("ratio_upper95").GetDouble());
    }

    [Fact]
    public void Analyze_json_on_the_demo_gives_every_firm_a_trajectory_stages_and_degrees()
    {
        var r = CliRunner.Run("analyze", demo.Study, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var firms = doc.RootElement.GetProperty("firms").EnumerateArray().ToList();
        Assert.Equal(FirmIds, firms.Select(f => f.GetProperty("firm_id").GetString()));
        foreach (var f in firms)
        {
            Assert.False(string.IsNullOrEmpty(f.GetProperty("trajectory").GetProperty("kind").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("trajectory").GetProperty("reason").GetString()));
            Assert.InRange(f.GetProperty("inward_stage").GetProperty("number").GetInt32(), 0, 3);
            Assert.InRange(f.GetProperty("outward_stage").GetProperty("number").GetInt32(), 0, 3);
            Assert.InRange(f.GetProperty("degree").GetProperty("inward").GetProperty("composite").GetDouble(), 0, 1);
            Assert.InRange(f.GetProperty("degree").GetProperty("outward").GetProperty("composite").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public void The_demo_covers_every_trajectory_type_and_both_study_answers()
    {
        var r = CliRunner.Run("analyze", demo.Study, "--json");
        using var doc = JsonDocument.Parse(r.Out);
        var kinds = doc.RootElement.GetProperty("firms").EnumerateArray()
            .ToDictionary(f => f.GetProperty("firm_id").GetString()!, f => f.GetProperty("trajectory").GetProperty("kind").GetString());
        Assert.Equal(["domestic", "inward_led", "inward_only", "outward_led", "outward_only", "simultaneous"], kinds.Values.Distinct().Order());
        // The sanctions-shaped inward-only path and the born-global case are what the README promises.
        Assert.Equal("inward_only", kinds["BY-01"]);
        var by = doc.RootElement.GetProperty("firms").EnumerateArray().Single(f => f.GetProperty("firm_id").GetString() == "BY-01");
        Assert.True(by.GetProperty("trajectory").GetProperty("deinternationalization").GetProperty("geopolitical").GetBoolean());
        var ua = doc.RootElement.GetProperty("firms").EnumerateArray().Single(f => f.GetProperty("firm_id").GetString() == "UA-01");
        Assert.Equal("yes", ua.GetProperty("trajectory").GetProperty("born_global").GetProperty("state").GetString());
        var cross = doc.RootElement.GetProperty("cross_case");
        Assert.True(cross.GetProperty("complementarity").GetProperty("count").GetInt32() > 0);
        Assert.True(cross.GetProperty("independent_inward").GetProperty("count").GetInt32() > 0);
    }

    [Fact]
    public void The_demo_report_is_self_contained_and_shows_every_firm_with_parseable_charts()
    {
        var html = File.ReadAllText(demo.Report);
        foreach (var id in FirmIds)
            Assert.Contains($"id=\"firm-{id.ToLowerInvariant()}\"", html);
        Assert.DoesNotMatch(new Regex("(?:src|href)\\s*=\\s*[\"']?(?![#\"'])|url\\(\\s*[\"']?(?![#\"'])|@import|<script|<link", RegexOptions.IgnoreCase), html);
        var svgs = Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline);
        // The policy sections: portfolio (instruments, mechanisms, barriers), coverage of the study's firms
        // (states, stages, trajectories, chain stages) and the self-assessments' scores.
        var policy = Regex.Matches(html, "<section id=\"(?:policy-|self-assessments).*?</section>", RegexOptions.Singleline).Sum(m => Regex.Matches(m.Value, "<svg\\b").Count);
        Assert.Equal(3 + 4 + 1, policy);
        // The interviews section: the coders' kappa per code, with its data table and the code × case matrix.
        var interviews = Regex.Match(html, "<section id=\"interviews\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Single(Regex.Matches(interviews, "<svg\\b"));
        Assert.Contains("Inter-coder agreement: Mira and Tomas", interviews);
        Assert.Contains("kappa 0.80", interviews);
        Assert.Equal(FirmIds.Length - 1 + 1 + 1 + policy, svgs.Count); // a timeline per firm with operations (not RS-02) + the degree chart + kappa + policy
        foreach (Match svg in svgs)
        {
            var root = XElement.Parse(svg.Value);
            Assert.Contains(root.Elements(), e => e.Name.LocalName == "desc" && e.Value.Length > 0);
        }
        Assert.NotNull(XDocument.Parse(html.Replace("<!DOCTYPE html>", "")).Root);
        Assert.Contains("fictional", html);
    }

    [Fact]
    public void Demo_attaches_the_assessments_named_after_study_firms_to_those_firms()
    {
        Assert.Contains("2 attached to study firms AM-01, BY-01", demo.First.Out);
        // A plain report of the study file finds them: they are stored with the firms, not only drawn in the demo report.
        var html = demo.Dir.File("attached.html");
        Assert.Equal(0, CliRunner.Run("report", demo.Study, "--out", html).ExitCode);
        var section = Regex.Match(File.ReadAllText(html), "<section id=\"self-assessments\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("AM-01 #1", section);
        Assert.Contains("BY-01 #1", section);
        Assert.DoesNotContain("Drina", section);
    }

    [Fact]
    public void Demo_is_rerunnable_and_replaces_its_own_outputs()
    {
        var before = File.GetLastWriteTimeUtc(demo.Report);
        var marker = demo.Dir.File("keep-me.txt");
        File.WriteAllText(marker, "not the demo's");
        var again = CliRunner.Run("demo", "--out", demo.Dir.Path);
        Assert.Equal(0, again.ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(demo.Report) >= before);
        Assert.True(File.Exists(marker));
        var r = CliRunner.Run("analyze", demo.Study, "--json");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(FirmIds.Length, doc.RootElement.GetProperty("firms").GetArrayLength()); // replaced, not doubled
    }

    [Fact]
    public void Demo_into_a_file_is_bad_input()
    {
        var file = demo.Dir.File("a-file.txt");
        File.WriteAllText(file, "x");
        Assert.Equal(1, CliRunner.Run("demo", "--out", file).ExitCode);
    }
}
