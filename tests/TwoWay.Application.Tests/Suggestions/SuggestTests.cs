using System.Text.Json;
using TwoWay.Application.Suggestions;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Suggestions;

/// <summary><c>twoway suggest</c> (issue 13): suggestions from transcripts, accepted through the import's checks, rejections remembered.</summary>
public sealed class SuggestTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return r;
    }

    private static JsonElement Json(params string[] args) => JsonDocument.Parse(Ok([.. args, "--json"]).Out).RootElement;

    /// <summary>LT-01 (Lithuania) imports from Germany (LT-01/1, stored); the transcript also tells of Swedish exports from 2008 and a Polish agent without a year.</summary>
    private string Study()
    {
        var study = _dir.File("lt.twoway");
        Ok("init", study);
        _dir.Write("firms.csv", "firm_id,name,home_country\nLT-01,Baltų Staklės UAB,LT\n");
        _dir.Write("ops.csv", "operation_id,firm_id,direction,mode,partner_country,partner,start\nLT-01/1,LT-01,inward,goods_trade,DE,Maschinenbau Süd GmbH,2005\n");
        Ok("import", study, _dir.File("firms.csv"), _dir.File("ops.csv"));
        _dir.Write("lt.txt", "I: How did it start?\nR: We started by importing lathes from Maschinenbau Süd GmbH in Germany. "
            + "In 2008 we exported our first machines to Sweden, to Nordic Tools AB. Later we sold through an agent in Poland. "
            + "We never exported to Russia. We always wanted to export to Finland.\n");
        Ok("sources", "add", study, _dir.File("lt.txt"), "--case", "LT-01", "--round", "1", "--role", "CEO", "--pseudonym", "Rūta");
        return study;
    }

    [Fact]
    public void Suggestions_are_compared_with_the_stored_operations_and_negations_and_wishes_are_left_out()
    {
        var r = Json("suggest", Study());
        var s = r.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(["DE", "SE", "PL"], s.Select(x => x.GetProperty("country").GetString()));
        Assert.Equal("recorded", s[0].GetProperty("status").GetString());
        Assert.Equal("LT-01/1", s[0].GetProperty("operation").GetString());
        Assert.Equal(("outward", "goods_trade", "export of goods", 2008, "Nordic Tools AB"),
            (s[1].GetProperty("direction").GetString(), s[1].GetProperty("mode").GetString(), s[1].GetProperty("mode_label").GetString(),
             s[1].GetProperty("year").GetInt32(), s[1].GetProperty("partner").GetString()));
        Assert.Equal("In 2008 we exported our first machines to Sweden, to Nordic Tools AB.", s[1].GetProperty("quotation").GetString());
        Assert.Equal(JsonValueKind.Null, s[2].GetProperty("year").ValueKind);
        Assert.Equal((2, 1), (r.GetProperty("new").GetInt32(), r.GetProperty("recorded").GetInt32()));
        Assert.Equal(s[1].GetProperty("id").GetString(), Json("suggest", Study2()).GetProperty("suggestions")[1].GetProperty("id").GetString()); // stable ids
    }

    // The same study built again in another folder: ids depend on the text, not on the run.
    private string Study2()
    {
        using var other = new TempDir();
        var copy = _dir.File("lt-copy.twoway");
        File.Copy(_dir.File("lt.twoway"), copy);
        return copy;
    }

    [Fact]
    public void Accepting_stores_an_operation_checked_as_an_import_row_with_the_quotation_as_interview_evidence()
    {
        var study = Study();
        var s = Json("suggest", study).GetProperty("suggestions").EnumerateArray().ToList();
        var sweden = s[1].GetProperty("id").GetString()!;
        var accepted = Json("suggest", "accept", study, sweden[..6]);
        Assert.Equal("LT-01/2", accepted.GetProperty("operation").GetString());
        Ok("export", study, _dir.File("out.csv"));
        var rows = File.ReadAllLines(_dir.File("out-operations.csv")).Where(l => l.StartsWith("LT-01/2,", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        Assert.Contains("outward,goods_export,SE,Nordic Tools AB", row);
        Assert.Contains(",interview,CEO,1,\"In 2008 we exported our first machines to Sweden, to Nordic Tools AB.\"", row);
        Assert.Equal("accepted", Json("suggest", study).GetProperty("suggestions")[1].GetProperty("status").GetString());
        Assert.Equal(1, CliRunner.Run("suggest", "accept", study, sweden).ExitCode); // not twice

        // The Polish agent names no year: --start is asked for, and checked as the import checks it.
        var poland = s[2].GetProperty("id").GetString()!;
        var noYear = CliRunner.Run("suggest", "accept", study, poland);
        Assert.Equal(1, noYear.ExitCode);
        Assert.Contains("--start", noYear.Error);
        var badStart = CliRunner.Run("suggest", "accept", study, poland, "--start", "2010-13");
        Assert.Equal(1, badStart.ExitCode);
        Assert.Contains("start", badStart.Error);
        Ok("codes", "add", study, "Outward/Exporting");
        Assert.Equal(1, CliRunner.Run("suggest", "accept", study, poland, "--start", "2011-04", "--code", "Outward/Exporting").ExitCode); // no coder
        var withCoding = Json("suggest", "accept", study, poland, "--start", "2011-04", "--operation-id", "LT-01/9", "--code", "Outward/Exporting", "--coder", "rūta");
        Assert.Equal("LT-01/9", withCoding.GetProperty("operation").GetString());
        var link = Assert.Single(Json("evidence", study).GetProperty("links").EnumerateArray());
        Assert.Equal("LT-01/9", link.GetProperty("target_id").GetString());
        Assert.Equal("Later we sold through an agent in Poland.", link.GetProperty("quotation").GetProperty("text").GetString());
        Assert.Equal(withCoding.GetProperty("coding").GetString(), link.GetProperty("quotation").GetProperty("coding_id").GetString());
        var firm = Json("firms", study).GetProperty("firms")[0];
        Assert.Equal((1, 2), (firm.GetProperty("inward_operations").GetInt32(), firm.GetProperty("outward_operations").GetInt32()));
    }

    [Fact]
    public void A_rejection_is_remembered_and_shown_only_with_all()
    {
        var study = Study();
        var poland = Json("suggest", study).GetProperty("suggestions")[2].GetProperty("id").GetString()!;
        Assert.Contains("Rejected", Ok("suggest", "reject", study, poland).Out);
        var after = Json("suggest", study);
        Assert.Equal(2, after.GetProperty("suggestions").GetArrayLength());
        Assert.Equal(1, after.GetProperty("rejected").GetInt32());
        Assert.Equal("rejected", Json("suggest", study, "--all").GetProperty("suggestions")[2].GetProperty("status").GetString());
        Assert.Equal(1, CliRunner.Run("suggest", "accept", study, "ffffffffff").ExitCode); // unknown id
    }

    [Fact]
    public void Cues_are_an_editable_file_checked_row_by_row()
    {
        var study = Study();
        var mine = _dir.Write("cues.csv", "direction,mode,pattern,note\noutward,sales_subsidiary,agent in,an agent counted as an office\n");
        var s = Assert.Single(Json("suggest", study, "--cues", mine).GetProperty("suggestions").EnumerateArray());
        Assert.Equal(("sales_subsidiary", "PL"), (s.GetProperty("mode").GetString(), s.GetProperty("country").GetString()));

        // A pattern that backtracks without end is refused as bad input naming it, after a bounded wait, not a hang or a crash.
        var slow = _dir.Write("slow.csv", "direction,mode,pattern\noutward,goods_trade,(a+)+b\n");
        _dir.Write("slow.txt", "R: Germany " + new string('a', 40) + "!\n");
        Ok("sources", "add", study, _dir.File("slow.txt"), "--case", "LT-01");
        var hang = CliRunner.Run("suggest", study, "--cues", slow);
        Assert.Equal(1, hang.ExitCode);
        Assert.Contains("(a+)+b", hang.Error);
        Assert.Contains("took more than", hang.Error);

        var bad = _dir.Write("bad.csv", "direction,mode,pattern\nsideways,goods_trade,x\noutward,teleport,x\noutward,goods_trade,(unclosed\n");
        var e = Assert.Throws<InputException>(() => SuggestionService.ReadCues(TableReader.Read(bad)));
        Assert.Contains(e.Errors, x => x.Row == 2 && x.Field == "direction");
        Assert.Contains(e.Errors, x => x.Row == 3 && x.Field == "mode");
        Assert.Contains(e.Errors, x => x.Row == 4 && x.Field == "pattern");
    }

    [Fact]
    public void A_study_without_transcripts_says_so_rather_than_that_nothing_was_found()
    {
        var study = _dir.File("empty.twoway");
        Ok("init", study);
        Assert.Contains("No transcripts to read", Ok("suggest", study).Out);
        Assert.Equal(0, Json("suggest", study).GetProperty("transcripts").GetInt32());
        Assert.Equal(1, Json("suggest", Study()).GetProperty("transcripts").GetInt32());
        Assert.DoesNotContain("nothing was stored", CliRunner.Run("suggest", _dir.File("missing.twoway")).Error);
    }

    [Fact]
    public void The_built_in_cues_and_country_words_read_without_error()
    {
        var (lexicon, name) = SuggestionService.Lexicon(null);
        Assert.Equal(SuggestionService.BuiltInCuesName, name);
        Assert.True(lexicon.Cues.Count >= 10);
        Assert.Contains(lexicon.CountryWords, w => w.Word == "Германи*" && w.Country.Value == "DE");
        Assert.Contains(lexicon.CountryWords, w => w.Word == "Germany"); // the ISO short names are always in
    }
}

/// <summary>Precision of the built-in suggestions on the demo study's fictional interviews against its operations (BENCHMARKS.md records the figures).</summary>
public sealed class SuggestPrecisionTests(Help.DemoFolder demo) : IClassFixture<Help.DemoFolder>
{
    [Fact]
    public void At_least_eight_in_ten_suggestions_on_the_demo_name_an_operation_the_case_has()
    {
        var r = JsonDocument.Parse(CliRunner.Run("suggest", demo.Dir.File("demo.twoway"), "--json").Out).RootElement;
        var recorded = r.GetProperty("recorded").GetInt32();
        var all = r.GetProperty("suggestions").GetArrayLength();
        Assert.True(all >= 15, $"only {all} suggestions");
        Assert.True(recorded >= 0.8 * all, $"precision {recorded}/{all}");
    }
}
