using System.Text.RegularExpressions;
using TwoWay.Application.Cases;
using TwoWay.Application.Reports;
using TwoWay.Application.Tests.Cases;
using TwoWay.Domain;
using TwoWay.Policy.Files;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Reports;

/// <summary>
/// A study with every part the report reads: cases, a transcript with a coding linked as evidence,
/// and a self-assessment attached to a firm.
/// </summary>
public sealed class FullStudy : IDisposable
{
    private readonly TwoFirmStudy _small = new();

    public string Location => _small.Location;
    public string Catalogue { get; } = Path.Combine(TwoFirmStudy.RepoRoot, "samples", "policy", "catalogue.csv");

    public FullStudy()
    {
        var q = BuiltIn.Questionnaire();
        var answers = Path.Combine(TwoFirmStudy.RepoRoot, "samples", "policy", "assessments", "AM-01.json");
        using (var study = Study.Open(Location))
            study.AttachAssessment(new FirmId("AA-1"), q.Id, q.Version, "AM-01.json", File.ReadAllText(answers));

        var transcript = _small.Dir.File("alpha-r1.txt");
        File.WriteAllText(transcript, "Interviewer: how did it start?\nAna: Kessler taught us how to export, first as their supplier.\n");
        Run("codes", "starter", Location);
        Run("sources", "add", Location, transcript, "--case", "AA-1", "--round", "1");
        var coded = Run("code", Location, "alpha-r1", "Mechanisms/Learning", "--phrase", "Kessler taught us how to export", "--coder", "alice", "--json");
        var coding = System.Text.Json.JsonDocument.Parse(coded).RootElement.GetProperty("coding_id").GetString()!;
        Run("evidence", Location, coding, "--operation", "AA-1/1");
    }

    private static string Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"twoway {string.Join(' ', args)}: {r.Error}");
        return r.Out;
    }

    public void Dispose() => _small.Dispose();
}

public class ReportServiceTests(FullStudy full) : IClassFixture<FullStudy>
{
    [Fact]
    public async Task The_whole_report_is_read_in_one_opening_of_the_study()
    {
        var opened = new List<string>();
        StudyAccess.Opened.Value = opened.Add;
        StudyReportResult report;
        try
        {
            report = await new ReportService(full.Location).BuildAsync(new ReportRequest(Catalogue: full.Catalogue));
        }
        finally
        {
            StudyAccess.Opened.Value = null;
        }

        Assert.Equal([full.Location], opened);
        // …and that one opening gave every part: cases, evidence, interviews, policy, attached assessments.
        Assert.Contains("Alpha Valves", report.Html);
        Assert.Contains("Beta Bakery", report.Html);
        Assert.Matches(new Regex("<blockquote class=\"coded\">[^<]*(<[^/][^>]*>[^<]*)*Kessler taught us how to export"), report.Html);
        foreach (var section in new[] { "interviews", "policy-portfolio", "policy-coverage", "self-assessments" })
            Assert.Contains($"id=\"{section}\"", report.Html);
        Assert.Contains("AA-1 #1", report.Html);
        Assert.Equal((2010, 2), (report.AsOfYear, report.Firms));
    }

    [Fact]
    public async Task The_report_uses_the_same_analysis_as_analyze()
    {
        var analysis = await new CaseAnalysisService(full.Location).AnalyzeAsync(new AnalyzeRequest(Year: 2005));
        var report = await new ReportService(full.Location).BuildAsync(new ReportRequest(Year: 2005));
        Assert.Equal(PublicJson.Serialize(analysis), PublicJson.Serialize(report.Analysis));
        Assert.DoesNotContain("id=\"policy-coverage\"", report.Html); // no catalogue, no policy sections
        Assert.Contains("id=\"self-assessments\"", report.Html);      // attached ones, with the built-in catalogue
    }

    [Fact]
    public void Every_study_the_case_and_report_services_open_goes_through_the_counted_seam()
    {
        // The count above is honest only if no service opens a study another way.
        var root = Path.Combine(TwoFirmStudy.RepoRoot, "src", "TwoWay.Application");
        var offenders = new[] { "Cases", "Reports" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.cs"))
            .Where(f => Path.GetFileName(f) != "StudyAccess.cs" && Regex.IsMatch(File.ReadAllText(f), @"Study\.Open(Async)?\s*\("))
            .ToList();
        Assert.Empty(offenders);
    }
}
