using System.Text.Json;
using TwoWay.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Qualitative.Tests;

/// <summary>The qualitative commands end to end on a real SQLite study file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "twoway-qual-" + Guid.NewGuid().ToString("N")[..10]);
    private string F(string name) => Path.Combine(_dir, name);

    public CliTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = TestKit.CliRunner.Run(args);
        return (r.ExitCode, r.Out, r.Error);
    }

    private string Study()
    {
        var study = F("s.twoway");
        Assert.Equal(0, Run("init", study).Code);
        File.WriteAllText(F("firms.csv"), "firm_id,name,home_country\nRS-01,Alfa d.o.o.,RS\n");
        Assert.Equal(0, Run("import", study, F("firms.csv"), "--kind", "firms").Code);
        File.WriteAllText(F("ops.csv"), "operation_id,firm_id,direction,mode,partner_country,start\n" +
            "RS-01/1,RS-01,inward,licensing,DE,1999\nRS-01/2,RS-01,outward,goods_trade,DE,2003\nRS-01/3,RS-01,inward,goods_trade,IT,2004\n");
        var ops = Run("import", study, F("ops.csv"), "--kind", "operations");
        Assert.True(ops.Code == 0, ops.Err);
        File.WriteAllText(F("t.txt"), "Q: When did you start?\r\nA: We licensed the design from a German firm. That taught us how to export.\r\n");
        var add = Run("sources", "add", study, F("t.txt"), "--case", "RS-01", "--round", "1", "--role", "managing director", "--pseudonym", "Ana", "--date", "2024-05-14", "--language", "en");
        Assert.True(add.Code == 0, add.Err);
        Assert.Equal(0, Run("codes", "starter", study).Code);
        return study;
    }

    [Fact]
    public void Code_quote_matrix_agreement_and_qdpx_round_trip_through_the_study_file()
    {
        var study = Study();
        Assert.Equal(0, Run("code", study, "t", "Mechanisms/Learning", "--phrase", "taught us how to export", "--coder", "alice").Code);
        Assert.Equal(0, Run("code", study, "t", "Mechanisms/Learning", "--phrase", "That taught us", "--coder", "bob").Code);
        var coded = Run("code", study, "t", "Inward modes/Licensing-in", "--span", "27-68", "--coder", "alice", "--json");
        Assert.Equal(0, coded.Code);
        using var q = JsonDocument.Parse(coded.Out);
        Assert.Equal("We licensed the design from a German firm", q.RootElement.GetProperty("text").GetString());

        var quotes = Run("quotes", study, "Inward modes", "--subcodes", "--json");
        Assert.Equal(0, quotes.Code);
        Assert.Equal(1, JsonDocument.Parse(quotes.Out).RootElement.GetProperty("quotations").GetArrayLength());

        // The quotations as XLSX and HTML.
        Assert.Equal(0, Run("quotes", study, "Mechanisms/Learning", "--xlsx", F("q.xlsx"), "--html", F("q.html")).Code);
        var rows = MiniExcelLibs.MiniExcel.Query(F("q.xlsx"), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["taught us how to export", "That taught us"], rows.Select(r => (string)r["quotation"]).Order(StringComparer.Ordinal).Reverse());
        Assert.All(rows, r => Assert.Equal("RS-01", r["case"]));
        var page = File.ReadAllText(F("q.html"));
        Assert.Contains("“taught us how to export”", page);
        Assert.Contains("Ana, round 1, t", page);

        var matrix = JsonDocument.Parse(Run("matrix", study, "--json").Out).RootElement;
        Assert.Equal("RS-01", matrix.GetProperty("cases")[0].GetString());
        var learning = matrix.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code_path").GetString() == "Mechanisms/Learning");
        Assert.Equal(2, learning.GetProperty("total").GetInt32());

        var agreement = JsonDocument.Parse(Run("agreement", study, "alice", "bob", "--json").Out).RootElement;
        var learningAgreement = agreement.GetProperty("by_code").EnumerateArray().Single(r => r.GetProperty("code_path").GetString() == "Mechanisms/Learning").GetProperty("measures");
        // "taught us how to export" (23) vs "That taught us" (14): overlap "taught us" (9), N = 101.
        Assert.Equal(AgreementMeasures.From(101, 23, 14, 9).Kappa, learningAgreement.GetProperty("kappa").GetDouble(), 12);

        Assert.Equal(0, Run("qdpx", "export", study, F("out.qdpx")).Code);
        var exported = RefiImport.ReadQdpx(F("out.qdpx"));
        Assert.Equal(3, exported.Project.Codings.Count);
        RefiFixtureTests.ValidateProject(RefiExport.ProjectXml(exported.Project));
        Assert.Equal(0, Run("qdc", "export", study, F("out.qdc")).Code);
        RefiFixtureTests.ValidateCodebook(File.ReadAllText(F("out.qdc")));

        // Into a second study: the workbench comes back whole.
        var other = F("t.twoway");
        Run("init", other);
        Run("import", other, F("firms.csv"), "--kind", "firms");
        var imp = Run("qdpx", "import", other, F("out.qdpx"), "--json");
        Assert.True(imp.Code == 0, imp.Err);
        Assert.Equal(0, JsonDocument.Parse(imp.Out).RootElement.GetProperty("repairs").GetArrayLength());
        Assert.Equal(Run("matrix", study, "--json").Out, Run("matrix", other, "--json").Out);
    }

    [Fact]
    public void Bad_spans_unknown_codes_and_hostile_files_exit_1_and_store_nothing()
    {
        var study = Study();
        var before = Run("matrix", study, "--json").Out;
        var r = Run("code", study, "t", "Mechanisms/Learning", "--span", "10-5000", "--coder", "alice");
        Assert.Equal(1, r.Code);
        Assert.Contains("out of range", r.Err);
        Assert.Equal(1, Run("code", study, "t", "Mechanisms/Learning", "--span", "10-10", "--coder", "alice").Code);
        Assert.Contains("no code", Run("code", study, "t", "Nope/Nothing", "--span", "1-3", "--coder", "alice").Err);
        File.WriteAllBytes(F("cut.qdpx"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        var cut = Run("qdpx", "import", study, F("cut.qdpx"), "--replace");
        Assert.Equal(1, cut.Code);
        Assert.Equal(before, Run("matrix", study, "--json").Out);
        Assert.Equal(1, Run("qdpx", "import", study, TestData.Fixture("qc_demo.qdpx")).Code); // workbench not empty, no --replace
        Assert.Equal(2, Run("code", study, "t", "Mechanisms/Learning", "--coder", "alice").Code); // neither --span nor --phrase

        // Transcripts: an unknown firm, an unreadable file, a bad date: exit 1, no transcript added.
        Assert.Contains("not in the study", Run("sources", "add", study, F("t.txt"), "--case", "XX-99").Err);
        File.WriteAllBytes(F("bad.txt"), [0x41, 0xC3, 0x28, 0x42]);
        Assert.Contains("not valid UTF-8", Run("sources", "add", study, F("bad.txt")).Err);
        File.WriteAllText(F("fake.docx"), "not a zip");
        Assert.Equal(1, Run("sources", "add", study, F("fake.docx")).Code);
        Assert.Equal(1, Run("sources", "add", study, F("t.txt"), "--date", "14.05.2024").Code);
        Assert.Equal(1, JsonDocument.Parse(Run("sources", "list", study, "--json").Out).RootElement.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public void Codebook_edits_and_evidence_links_persist()
    {
        var study = Study();
        var coded = JsonDocument.Parse(Run("code", study, "t", "Inward modes/Licensing-in", "--phrase", "licensed the design", "--coder", "alice", "--json").Out).RootElement;
        var codingId = coded.GetProperty("coding_id").GetString()!;
        Assert.Equal(0, Run("codes", "rename", study, "Inward modes/Licensing-in", "Licensing in").Code);
        Assert.Equal(0, Run("codes", "move", study, "Inward modes/Licensing in", "--to", "Mechanisms").Code);
        Assert.Equal(0, Run("codes", "merge", study, "Mechanisms/Licensing in", "Mechanisms/Learning").Code);
        var quotes = JsonDocument.Parse(Run("quotes", study, "Mechanisms/Learning", "--json").Out).RootElement.GetProperty("quotations");
        Assert.Equal("licensed the design", quotes[0].GetProperty("text").GetString());

        Assert.Equal(1, Run("evidence", study, codingId, "--operation", "RS-01/op-9").Code); // no such operation
        Assert.Contains("opposite directions", Run("evidence", study, codingId, "--connection", "RS-01/1>RS-01/3").Err); // both inward
        Assert.Contains("FROM>TO", Run("evidence", study, codingId, "--connection", "RS-01/1").Err);
        Assert.Equal(0, Run("evidence", study, codingId, "--connection", "RS-01/1>RS-01/2").Code);
        Assert.Equal(0, Run("evidence", study, codingId, "--operation", "RS-01/1").Code);
        var links = JsonDocument.Parse(Run("evidence", study, "--json").Out).RootElement.GetProperty("links");
        Assert.Equal(2, links.GetArrayLength());
        Assert.Equal(["operation", "connection"], links.EnumerateArray().Select(l => l.GetProperty("target").GetString()));
        Assert.Equal("RS-01/1>RS-01/2", links[1].GetProperty("target_id").GetString());
        Assert.Equal("licensed the design", links[1].GetProperty("quotation").GetProperty("text").GetString());

        // The case report shows the quotation behind each claim.
        var report = Run("report", study, "-o", F("r.html"));
        Assert.True(report.Code == 0, report.Err);
        var html = File.ReadAllText(F("r.html"));
        Assert.Contains("“licensed the design”", html);
        Assert.Contains("Operation RS-01/1 inward", html);
        Assert.Contains("Connection RS-01/1 inward", html);

        // A replacing import would lose the linked coding: refused, nothing printed but the error, nothing changed.
        Assert.Equal(0, Run("qdpx", "export", study, F("before.qdpx")).Code);
        var refused = Run("qdpx", "import", study, TestData.Fixture("qc_demo.qdpx"), "--replace");
        Assert.Equal(1, refused.Code);
        Assert.Contains("unlink it first", refused.Err);
        Assert.DoesNotContain("Imported", refused.Out);
        Assert.Equal(2, JsonDocument.Parse(Run("evidence", study, "--json").Out).RootElement.GetProperty("links").GetArrayLength());
        Assert.Equal(0, Run("evidence", study, codingId, "--operation", "RS-01/1", "--remove").Code);
        Assert.Equal(1, JsonDocument.Parse(Run("evidence", study, "--json").Out).RootElement.GetProperty("links").GetArrayLength());
    }

    [Fact]
    public void Removing_a_coded_transcript_needs_force_and_takes_its_codings_memos_and_links_with_it()
    {
        var study = Study();
        File.WriteAllText(F("u.txt"), "Our Italian supplier later bought our valves.");
        Assert.Equal(0, Run("sources", "add", study, F("u.txt"), "--case", "RS-01", "--round", "2").Code);
        var coded = JsonDocument.Parse(Run("code", study, "t", "Mechanisms/Learning", "--phrase", "taught us", "--coder", "alice", "--json").Out).RootElement;
        Assert.Equal(0, Run("code", study, "u", "Mechanisms/Trust", "--phrase", "Italian supplier", "--coder", "alice").Code);
        Assert.Equal(0, Run("evidence", study, coded.GetProperty("coding_id").GetString()!, "--operation", "RS-01/1").Code);
        Assert.Equal(0, Run("memos", "add", study, "Consent to be checked.", "--source", "t").Code);

        var refused = Run("sources", "remove", study, "t");
        Assert.Equal(1, refused.Code);
        Assert.Contains("1 codings and 1 memos; pass --force", refused.Err);
        Assert.Equal(2, JsonDocument.Parse(Run("sources", "list", study, "--json").Out).RootElement.GetProperty("sources").GetArrayLength());

        var removed = Run("sources", "remove", study, "t", "--force", "--json");
        Assert.True(removed.Code == 0, removed.Err);
        var r = JsonDocument.Parse(removed.Out).RootElement;
        Assert.Equal((1, 1, 1), (r.GetProperty("codings").GetInt32(), r.GetProperty("memos").GetInt32(), r.GetProperty("evidence_links").GetInt32()));
        var sources = JsonDocument.Parse(Run("sources", "list", study, "--json").Out).RootElement.GetProperty("sources");
        Assert.Equal(["u"], sources.EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        Assert.Equal(1, sources[0].GetProperty("codings").GetInt32()); // the other transcript's coding stays
        Assert.Equal(0, JsonDocument.Parse(Run("evidence", study, "--json").Out).RootElement.GetProperty("links").GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(Run("memos", "list", study, "--json").Out).RootElement.GetProperty("memos").GetArrayLength());
        Assert.Contains("no transcript named 't'", Run("sources", "remove", study, "t").Err);

        // An uncoded transcript goes without --force.
        File.WriteAllText(F("v.txt"), "Nothing coded here.");
        Assert.Equal(0, Run("sources", "add", study, F("v.txt")).Code);
        Assert.Equal(0, Run("sources", "remove", study, "v").Code);
    }

    [Fact]
    public void Memos_on_codes_sources_cases_and_json_of_codebook_edits()
    {
        var study = Study();
        var renamed = JsonDocument.Parse(Run("codes", "rename", study, "Mechanisms/Learning", "Learning by importing", "--json").Out).RootElement;
        Assert.Equal("Mechanisms/Learning by importing", renamed.GetProperty("path").GetString());
        Assert.Equal(0, Run("memos", "add", study, "Learning seems to come from the licensor.", "--code", "Mechanisms/Learning by importing", "--author", "alice").Code);
        Assert.Equal(0, Run("memos", "add", study, "Respondent hesitant on prices.", "--source", "t").Code);
        Assert.Equal(0, Run("memos", "add", study, "Compare with PL-01.", "--case", "RS-01").Code);
        Assert.Equal(1, Run("memos", "add", study, "Nobody.", "--case", "XX-99").Code);
        var memos = JsonDocument.Parse(Run("memos", "list", study, "--json").Out).RootElement.GetProperty("memos");
        Assert.Equal(3, memos.GetArrayLength());
        Assert.Equal("code", memos[0].GetProperty("target").GetString());
        Assert.Equal("Mechanisms/Learning by importing", memos[0].GetProperty("about").GetString());
        Assert.Equal("t", memos[1].GetProperty("about").GetString());
        Assert.Equal("RS-01", memos[2].GetProperty("target_id").GetString());

        var sources = JsonDocument.Parse(Run("sources", "list", study, "--json").Out).RootElement.GetProperty("sources");
        Assert.Equal("2024-05-14", sources[0].GetProperty("date").GetString());
        Assert.Equal("en", sources[0].GetProperty("language").GetString());
    }

    [Fact]
    public void The_demo_imports_the_fictional_interviews_codings_of_both_coders_and_links_evidence()
    {
        var demo = Run("demo", "--out", F("demo"), "--json");
        Assert.True(demo.Code == 0, demo.Err);
        var interviews = JsonDocument.Parse(demo.Out).RootElement.GetProperty("interviews");
        // Counts from samples/demo-study/interviews/README.md (verified there by check.py).
        Assert.Equal(22, interviews.GetProperty("sources").GetInt32());
        Assert.Equal(534, interviews.GetProperty("codings").GetInt32());
        Assert.Equal(["Mira", "Tomas"], interviews.GetProperty("coders").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(44, interviews.GetProperty("evidence_links").GetInt32());
        // Connection-kind quotations naming an operation are linked to the rule-found connection of that kind.
        Assert.Equal(6, interviews.GetProperty("connection_links").GetInt32());

        var study = F("demo/demo.twoway");
        var agreement = JsonDocument.Parse(Run("agreement", study, "Mira", "Tomas", "--json").Out).RootElement;
        Assert.Equal(22, agreement.GetProperty("by_source").GetArrayLength());
        Assert.Equal(interviews.GetProperty("agreement").GetProperty("kappa").GetDouble(), agreement.GetProperty("overall").GetProperty("kappa").GetDouble(), 12);
        var html = File.ReadAllText(F("demo/report.html"));
        Assert.Equal(50, html.Split("<blockquote class=\"coded\">").Length - 1);
        Assert.Contains("(2009), same country, network — ", html); // GE-02's alliance at home before exports, coded Network
        Assert.Contains("coded by Mira", html);

        // Rerunnable: the same outputs again.
        Assert.Equal(0, Run("demo", "--out", F("demo")).Code);
    }
}
