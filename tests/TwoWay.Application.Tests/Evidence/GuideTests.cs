using System.Text.Json;
using TwoWay.Application.Guide;
using TwoWay.Cases;
using TwoWay.Input;
using TwoWay.Interchange.Tables;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Evidence;

/// <summary><c>twoway guide</c> (issue 13): every question kind from the case it comes from; templates are data.</summary>
public sealed class GuideTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return r;
    }

    /// <summary>
    /// LT-01: 1 inward goods from DE 2005 (no month, no volume, documented), 2 outward goods to DE 2008-03
    /// (same country as 1: a rule connection; a value; no partner), 3 outward subsidiary in SE 2006 straight
    /// from no outward activity (a stage jump); only 1 has ended; 4 inward services
    /// from PL 2009-05 (volume, partner, but no source at all).
    /// </summary>
    private string Study()
    {
        var study = _dir.File("lt.twoway");
        Ok("init", study);
        _dir.Write("firms.csv", "firm_id,name,home_country\nLT-01,Baltų Staklės UAB,LT\n");
        _dir.Write("ops.csv", "operation_id,firm_id,direction,mode,partner_country,partner,start,end,end_reason,annual_value,currency,evidence_kind,evidence_reference\n"
            + "LT-01/1,LT-01,inward,goods_trade,DE,Maschinenbau Süd GmbH,2005,2011-06,market_conditions,,,customs_record,LT customs 2005\n"
            + "LT-01/2,LT-01,outward,goods_trade,DE,,2008-03,,,120000,EUR,annual_report,AR 2008\n"
            + "LT-01/3,LT-01,outward,sales_subsidiary,SE,Baltų Staklės Sverige AB,2006-09,,,50000,EUR,document,Bolagsverket\n"
            + "LT-01/4,LT-01,inward,services_trade,PL,Serwis Sp. z o.o.,2009-05,,,8000,EUR,,\n");
        Ok("import", study, _dir.File("firms.csv"), _dir.File("ops.csv"));
        return study;
    }

    [Fact]
    public void Each_kind_of_question_comes_from_what_the_case_does_not_know()
    {
        var study = Study();
        var g = JsonDocument.Parse(Ok("guide", study, "--json").Out).RootElement;
        Assert.Equal(1, g.GetProperty("round").GetInt32()); // no transcript yet: round 1
        var qs = g.GetProperty("firms")[0].GetProperty("questions").EnumerateArray()
            .Select(q => (Kind: q.GetProperty("kind").GetString()!, About: q.GetProperty("about").GetString()!, Text: q.GetProperty("question").GetString()!)).ToList();
        Assert.Contains(("rule_connection_unmentioned", "LT-01/1>LT-01/2"), qs.Select(q => (q.Kind, q.About)));
        Assert.Equal(["LT-01/4"], qs.Where(q => q.Kind == "unsupported_operation").Select(q => q.About));
        Assert.Equal(["LT-01/1"], qs.Where(q => q.Kind == "missing_month").Select(q => q.About));
        Assert.Equal(["LT-01/2", "LT-01/3", "LT-01/4"], qs.Where(q => q.Kind == "missing_end").Select(q => q.About).Order());
        Assert.Equal(["LT-01/2"], qs.Where(q => q.Kind == "missing_partner").Select(q => q.About));
        Assert.Equal(["LT-01/1"], qs.Where(q => q.Kind == "missing_volume").Select(q => q.About));
        Assert.Equal(["LT-01/3"], qs.Where(q => q.Kind == "stage_jump").Select(q => q.About));
        var jump = qs.Single(q => q.Kind == "stage_jump").Text;
        Assert.StartsWith("In 2006 you went from", jump);
        Assert.Contains("import of goods from Germany (Maschinenbau Süd GmbH)", qs.Single(q => q.Kind == "rule_connection_unmentioned").Text);
        Assert.DoesNotContain(qs, q => q.Text.Contains('{')); // every placeholder filled
    }

    [Fact]
    public void Interview_evidence_turns_questions_into_confirmations_and_disputes()
    {
        var study = Study();
        _dir.Write("t.txt", "A: Selling in Germany only worked because we had bought from Maschinenbau Süd. The Polish service had nothing to do with it.\n");
        Ok("sources", "add", study, _dir.File("t.txt"), "--case", "LT-01", "--round", "1");
        Ok("codes", "add", study, "Connections/Inward to outward");
        string Code(string phrase) => JsonDocument.Parse(Ok("code", study, "t", "Connections/Inward to outward", "--phrase", phrase, "--coder", "ieva", "--json").Out)
            .RootElement.GetProperty("coding_id").GetString()!;
        Ok("evidence", study, Code("Selling in Germany only worked"), "--connection", "LT-01/1>LT-01/2");
        Ok("evidence", study, Code("The Polish service had nothing to do with it"), "--operation", "LT-01/4");
        var g = JsonDocument.Parse(Ok("guide", study, "--json").Out).RootElement;
        Assert.Equal(2, g.GetProperty("round").GetInt32());
        var kinds = g.GetProperty("firms")[0].GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("kind").GetString()).ToList();
        Assert.DoesNotContain("rule_connection_unmentioned", kinds); // triangulated now
        Assert.DoesNotContain("unsupported_operation", kinds);      // a quotation speaks of LT-01/4
    }

    [Fact]
    public void The_guide_is_written_as_markdown_and_templates_are_an_editable_file()
    {
        var study = Study();
        var templates = _dir.Write("mine.csv", "kind,question,why\nmissing_partner,\"Wer war der Partner bei {what}?\",Partner fehlt ({operation}).\n");
        var r = Ok("guide", study, "--templates", templates, "--out", _dir.File("g.md"));
        var md = File.ReadAllText(_dir.File("g.md"));
        Assert.Contains("# Interview guide, round 1", md);
        Assert.Contains("## LT-01 Baltų Staklės UAB", md);
        Assert.Contains("1. Wer war der Partner bei export of goods to Germany?", md);
        Assert.Contains("*Why:* Partner fehlt (LT-01/2).", md);
        Assert.DoesNotContain("In which month", md); // only the kinds the file has
        Assert.Contains("mine.csv", md);
        Assert.Equal(1, CliRunner.Run("guide", study, "--out", _dir.File("g.md")).ExitCode); // exists: --force
        Assert.Equal(1, CliRunner.Run("guide", study, "--out", study, "--force").ExitCode); // never the study

        var bad = _dir.Write("bad.csv", "kind,question,why\nmissing_partner,Who?,x\nmissing_colour,Which colour?,x\nmissing_partner,Again?,x\n");
        var e = Assert.Throws<InputException>(() => GuideService.Read(TableReader.Read(bad)));
        Assert.Contains(e.Errors, x => x.Row == 3 && x.Field == "kind" && x.Message.Contains("not a kind"));
        Assert.Contains(e.Errors, x => x.Row == 4 && x.Message.Contains("second template"));
    }

    [Fact]
    public void The_guide_is_written_as_a_valid_word_file_with_heading_styles_and_the_same_questions()
    {
        var study = Study();
        var json = JsonDocument.Parse(Ok("guide", study, "--json").Out).RootElement;
        var questions = json.GetProperty("firms")[0].GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("question").GetString()!).ToList();
        Ok("guide", study, "--out", _dir.File("g.docx"));

        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(_dir.File("g.docx"), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word));
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, Text: p.InnerText)).ToList();
        Assert.Equal(("Title", "Interview guide, round 1"), paragraphs[0]);
        Assert.Contains(("Heading1", "LT-01 Baltų Staklės UAB"), paragraphs);
        Assert.Contains(("Heading1", "Sources"), paragraphs);
        Assert.NotEmpty(questions);
        for (var i = 0; i < questions.Count; i++) Assert.Contains(paragraphs, p => p.Text == $"{i + 1}.{questions[i]}"); // the tab is not text
        Assert.Contains(paragraphs, p => p.Text.StartsWith("Why: ", StringComparison.Ordinal) && p.Text.Contains("(LT-01/4)", StringComparison.Ordinal));

        var e = CliRunner.Run("guide", study, "--out", _dir.File("g.pdf"));
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("FILE.docx", e.Error);
    }

    [Fact]
    public void The_built_in_templates_have_one_question_for_every_kind()
    {
        var builtIn = GuideService.Read(TableReader.Read(Path.Combine(Contract.Repo.Root, "samples", "guide", "question-templates.csv")));
        Assert.Equal(InterviewGuide.Kinds.Order(), builtIn.Keys.Order());
    }
}
