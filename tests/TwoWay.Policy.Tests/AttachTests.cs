using TwoWay.Domain;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

/// <summary>An assessment attached to a firm of a study is stored whole, numbered per firm, and shown by the report.</summary>
public class AttachTests
{
    [Fact]
    public void Assessment_attaches_to_a_study_firm_and_the_report_shows_it()
    {
        using var dir = new TempDir();
        var study = SmallStudy.Create(dir);
        var answers = Samples("assessments", "firm-1.json");

        var unknown = CliRunner.Run("assess", "--answers", answers, "--study", study, "--firm-id", "XX-99");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no firm 'XX-99'", unknown.Error);
        Assert.Equal(2, CliRunner.Run("assess", "--answers", answers, "--study", study).ExitCode); // --firm-id missing
        // Nothing stored by the refused attempts.
        using (var s = Study.Open(study)) Assert.Empty(s.LoadAssessments());

        Assert.Equal(0, CliRunner.Run("assess", "--answers", answers, "--study", study, "--firm-id", "RS-01").ExitCode);
        var twice = CliRunner.Run("assess", "--answers", Samples("assessments", "firm-2.json"), "--study", study, "--firm-id", "RS-01");
        Assert.Equal(1, twice.ExitCode); // a second assessment of one firm only when asked for
        Assert.Contains("pass --again", System.Text.RegularExpressions.Regex.Replace(twice.Error, @"\s+", " "));
        Assert.Equal(0, CliRunner.Run("assess", "--answers", Samples("assessments", "firm-2.json"), "--study", study, "--firm-id", "RS-01", "--again").ExitCode);
        using (var s = Study.Open(study))
        {
            var stored = s.LoadAssessments(new FirmId("RS-01"));
            Assert.Equal([1, 2], stored.Select(a => a.Number));
            Assert.Equal(File.ReadAllText(answers), stored[0].Answers);
            Assert.Equal(("twoway_holistic", "1.0", "firm-1.json"), (stored[0].Questionnaire, stored[0].Version, stored[0].Source));
            Assert.Empty(s.LoadAssessments(new FirmId("PL-01")));
        }

        var report = CliRunner.Run("report", study, "--out", dir.File("r.html"));
        Assert.Equal(0, report.ExitCode);
        var html = File.ReadAllText(dir.File("r.html"));
        Assert.Contains("id=\"self-assessments\"", html);
        Assert.Contains("RS-01 #1", html);
        Assert.Contains("RS-01 #2", html);
        Assert.Contains("Use your supplier network for first exports", html); // firm-1's next step
    }
}
