using TwoWay.Application.Assessment;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;
using TwoWay.TestKit;
using static TwoWay.Application.Tests.Policy.PolicySamples;

namespace TwoWay.Application.Tests.Assessment;

/// <summary>Scoring, attaching and batch scoring give what `twoway assess …` printed, and attaching stores and numbers the answers.</summary>
public class AssessmentServiceTests
{
    private static readonly AssessorOptions BuiltIns = new();

    [Fact]
    public async Task Assess_is_the_json_document_of_the_command()
    {
        var answers = SampleFile("assessments", "firm-1.json");
        var report = await new AssessmentService().AssessAsync(new AssessRequest(BuiltIns, answers));
        Assert.Equal("R03", report.Result.Recommendation.Rule);
        Assert.True(report.FictionalCatalogue);
        Assert.Null(report.Attached);
        var cli = CliRunner.Run("assess", "--answers", answers, "--json");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.Out, Json(report.Result));
        SameAsBefore("assess-firm-1.json", report.Result);

        var own = await new AssessmentService().AssessAsync(new AssessRequest(BuiltIns with { Catalogue = SampleFile("catalogue.csv"), Top = 2 }, answers, Html: true));
        Assert.False(own.FictionalCatalogue);
        Assert.Equal(2, own.Result.Programmes.Count);
        Assert.Contains("programmes from catalogue.csv", own.Html);
    }

    [Fact]
    public async Task Attaching_stores_the_answers_file_and_numbers_per_firm()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir);
        var service = new AssessmentService(study);
        var first = await service.AssessAsync(new AssessRequest(BuiltIns, SampleFile("assessments", "firm-1.json"), AttachTo: "RS-01"));
        await Assert.ThrowsAsync<TwoWay.Input.InputException>(() => service.AssessAsync(new AssessRequest(BuiltIns, SampleFile("assessments", "firm-2.json"), AttachTo: "RS-01")));
        var second = await service.AssessAsync(new AssessRequest(BuiltIns, SampleFile("assessments", "firm-2.json"), AttachTo: "RS-01", Again: true));
        var other = await service.AttachAsync(new AttachRequest("PL-01", "web-form.json", File.ReadAllText(SampleFile("assessments", "firm-3.json"))));
        Assert.Equal(new Attachment(study, "RS-01", 1), first.Attached);
        Assert.Equal(new Attachment(study, "RS-01", 2), second.Attached);
        Assert.Equal(new Attachment(study, "PL-01", 1), other);
        using var s = Study.Open(study);
        var stored = s.LoadAssessments();
        Assert.Equal([("PL-01", 1, "web-form.json"), ("RS-01", 1, "firm-1.json"), ("RS-01", 2, "firm-2.json")],
            stored.Select(a => (a.Firm.Value, a.Number, a.Source)));
        Assert.Equal(File.ReadAllText(SampleFile("assessments", "firm-2.json")), stored[2].Answers);
        Assert.All(stored, a => Assert.Equal(("twoway_holistic", "1.0"), (a.Questionnaire, a.Version)));
    }

    [Fact]
    public async Task Nothing_is_stored_for_an_unknown_firm_or_answers_that_do_not_fit()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir);
        var service = new AssessmentService(study);
        var unknown = await Assert.ThrowsAsync<InputException>(() =>
            service.AssessAsync(new AssessRequest(BuiltIns, SampleFile("assessments", "firm-1.json"), AttachTo: "XX-99")));
        Assert.Contains("no firm 'XX-99'", unknown.Message + string.Join(" ", unknown.Errors.Select(e => e.Message)));
        var bad = await Assert.ThrowsAsync<InputException>(() =>
            service.AttachAsync(new AttachRequest("RS-01", "bad.json", """{ "questionnaire": "twoway_holistic", "version": "1.0", "answers": { "exported_before": 7 } }""")));
        Assert.Contains(bad.Errors, e => e.Source == "bad.json" && e.Field == "answers.exported_before");
        using var s = Study.Open(study);
        Assert.Empty(s.LoadAssessments());
        Assert.Empty(s.LoadAssessments(new FirmId("RS-01")));
    }

    [Fact]
    public async Task Attaching_needs_a_study()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new AssessmentService().AssessAsync(new AssessRequest(BuiltIns, SampleFile("assessments", "firm-1.json"), AttachTo: "RS-01")));
    }

    [Fact]
    public async Task Batch_matches_the_command_and_writes_its_profiles_file()
    {
        using var dir = new TempDir();
        var batch = SampleFile("assessments", "batch.csv");
        var report = await new AssessmentService().BatchAsync(new BatchRequest(BuiltIns, batch, Out: dir.File("profiles.csv"), Show: 3, Html: true));
        Assert.Equal(40, report.Result.Population.Firms);
        Assert.Equal(dir.File("profiles.csv"), report.Written);
        var lines = File.ReadAllLines(dir.File("profiles.csv")).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(41, lines.Count);
        Assert.StartsWith("firm_id,trader_state,outward_stage,inward_stage,outward_score", lines[0]);
        Assert.Contains("the first 3 of 40 in batch.csv", report.Html);
        var cli = CliRunner.Run("assess", "batch", batch, "--out", dir.File("cli.csv"), "--json");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.Out, Json(report.Result));
        Assert.Equal(File.ReadAllLines(dir.File("cli.csv")), File.ReadAllLines(dir.File("profiles.csv")));
    }

    [Fact]
    public async Task A_bad_batch_writes_nothing()
    {
        using var dir = new TempDir();
        var bad = dir.File("b.csv");
        File.WriteAllText(bad, "firm_id,exported_before,exports_regularly,imported_before,imports_regularly,or_capacity_1\nF1,yes,no,no,no,9\n");
        var ex = await Assert.ThrowsAsync<InputException>(() => new AssessmentService().BatchAsync(new BatchRequest(BuiltIns, bad, Out: dir.File("out.csv"))));
        Assert.Contains(ex.Errors, e => e.Row == 2 && e.Field == "or_capacity_1");
        Assert.False(File.Exists(dir.File("out.csv")));
    }

    [Fact]
    public async Task Top_out_of_range_is_bad_input()
    {
        var ex = await Assert.ThrowsAsync<InputException>(() =>
            new AssessmentService().AssessAsync(new AssessRequest(BuiltIns with { Top = 101 }, SampleFile("assessments", "firm-1.json"))));
        Assert.Equal("--top", Assert.Single(ex.Errors).Field);
    }
}
