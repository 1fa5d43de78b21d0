using TwoWay.Application.Tests.Cases;
using TwoWay.Storage;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Reports;

/// <summary>The report and demo commands through the CLI: the output rules of <see cref="Files.OutputFile"/> where users meet them.</summary>
public class ReportCommandTests : IDisposable
{
    private readonly TwoFirmStudy _study = new();

    public void Dispose() => _study.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Report_over_the_study_file_is_refused_and_the_study_still_opens(bool force)
    {
        var before = File.ReadAllBytes(_study.Location);
        string[] args = force ? ["report", _study.Location, "--out", _study.Location, "--force"] : ["report", _study.Location, "--out", _study.Location];
        var r = CliRunner.Run(args);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--out would overwrite the study file", r.Error);
        Assert.Equal(before, File.ReadAllBytes(_study.Location));
        using var study = Study.Open(_study.Location);
        Assert.Equal(2, study.LoadCases().Count);
    }

    [Fact]
    public void Report_over_its_catalogue_is_refused()
    {
        var catalogue = _study.Dir.File("catalogue.csv");
        File.Copy(Path.Combine(TwoFirmStudy.RepoRoot, "samples", "policy", "catalogue.csv"), catalogue);
        var before = File.ReadAllText(catalogue);
        var r = CliRunner.Run("report", _study.Location, "--catalogue", catalogue, "--out", catalogue, "--force");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--out would overwrite the catalogue", r.Error);
        Assert.Equal(before, File.ReadAllText(catalogue));
    }

    [Fact]
    public void Report_replaces_an_existing_report_only_with_force()
    {
        var path = _study.Dir.File("r.html");
        File.WriteAllText(path, "old");
        var refused = CliRunner.Run("report", _study.Location, "--out", path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(0, CliRunner.Run("report", _study.Location, "--out", path, "--force").ExitCode);
        Assert.Contains("Alpha Valves", File.ReadAllText(path));
    }

    [Fact]
    public void Demo_refuses_a_non_empty_folder_that_holds_no_earlier_demo_unless_forced()
    {
        var dir = _study.Dir.File("mine");
        Directory.CreateDirectory(dir);
        var mine = Path.Combine(dir, "notes.txt");
        File.WriteAllText(mine, "my notes");

        var refused = CliRunner.Run("demo", "--out", dir);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));

        var forced = CliRunner.Run("demo", "--out", dir, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        Assert.Equal("my notes", File.ReadAllText(mine));
        // Now it holds a demo: a rerun needs no --force.
        Assert.Equal(0, CliRunner.Run("demo", "--out", dir).ExitCode);
    }
}
