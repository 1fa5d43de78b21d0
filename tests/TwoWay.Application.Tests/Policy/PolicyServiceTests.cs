using TwoWay.Application.Policy;
using TwoWay.Input;
using TwoWay.TestKit;
using static TwoWay.Application.Tests.Policy.PolicySamples;

namespace TwoWay.Application.Tests.Policy;

/// <summary>The policy service gives what `twoway policy …` printed before it existed, for every kind of population.</summary>
public class PolicyServiceTests
{
    private static readonly string Catalogue = SampleFile("catalogue.csv");

    [Fact]
    public async Task Portfolio_is_the_json_document_of_the_command()
    {
        var report = await new PolicyService().PortfolioAsync(new PortfolioRequest(Catalogue));
        Assert.Equal(25, report.Result.ExportOnly);
        Assert.Null(report.Html);
        var cli = CliRunner.Run("policy", "portfolio", Catalogue, "--json");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.Out, Json(report.Result));
        SameAsBefore("portfolio.json", report.Result);
    }

    [Fact]
    public async Task Portfolio_html_is_returned_not_written()
    {
        using var dir = new TempDir();
        var report = await new PolicyService().PortfolioAsync(new PortfolioRequest(Catalogue, Html: true));
        Assert.StartsWith("<!DOCTYPE html>", report.Html!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Support programmes: catalogue.csv", report.Html);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Coverage_of_a_population_table_matches_the_command()
    {
        using var dir = new TempDir();
        var groups = dir.File("p.csv");
        File.WriteAllText(groups, "trader_state,firms\nimport_only,30\nexport_only,10\n");
        var report = await new PolicyService().CoverageAsync(new CoverageRequest(Catalogue, new CoveragePopulation.GroupsFile(groups)));
        Assert.Equal(40, report.Result.TotalFirms);
        Assert.Equal(Cli("--population", groups), Json(report.Result));
        SameAsBefore("coverage-groups.json", report.Result);
    }

    [Fact]
    public async Task Coverage_of_a_panel_year_matches_the_command_and_reports_progress()
    {
        using var dir = new TempDir();
        var panel = dir.File("panel.csv");
        File.WriteAllText(panel, "id,yr,imp,exp\nF1,2021,100,0\nF1,2022,50,0\nF1,2023,1,0\nF2,2022,0,0\nF2,2023,0,7.5\nF3,2021,0,3\nF3,2023,0,0\n");
        var population = new CoveragePopulation.PanelYear(panel, 2023) { FirmColumn = "id", YearColumn = "yr", ImportColumn = "imp", ExportColumn = "exp" };
        var messages = new List<string>();
        var report = await new PolicyService().CoverageAsync(new CoverageRequest(Catalogue, population) { Progress = new Collect(messages) });
        Assert.Equal("panel.csv (panel, 2023)", report.Result.Population);
        Assert.Equal(3, report.Result.TotalFirms);
        Assert.NotEmpty(messages);
        Assert.Equal(Cli("--panel", panel, "--year", "2023", "--firm-column", "id", "--year-column", "yr", "--import-column", "imp", "--export-column", "exp"),
            Json(report.Result));
        SameAsBefore("coverage-panel.json", report.Result);
    }

    [Fact]
    public async Task Coverage_of_assessed_firms_matches_the_command()
    {
        var batch = SampleFile("assessments", "batch.csv");
        var report = await new PolicyService().CoverageAsync(new CoverageRequest(Catalogue, new CoveragePopulation.AssessedFirms(batch)));
        Assert.Equal("batch.csv (self-assessments)", report.Result.Population);
        Assert.Equal(40, report.Result.TotalFirms);
        Assert.Equal(Cli("--assessments", batch), Json(report.Result));
        SameAsBefore("coverage-assessments.json", report.Result);
    }

    [Fact]
    public async Task Coverage_of_a_study_matches_the_command_with_and_without_a_year()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir);
        var service = new PolicyService();
        var latest = await service.CoverageAsync(new CoverageRequest(Catalogue, new CoveragePopulation.StudyFirms(study)));
        var y2015 = await service.CoverageAsync(new CoverageRequest(Catalogue, new CoveragePopulation.StudyFirms(study, 2015)));
        Assert.Equal("s.twoway (study, 2015)", y2015.Result.Population);
        Assert.NotEqual(latest.Result.Population, y2015.Result.Population);
        Assert.Equal(11, latest.Result.TotalFirms);
        Assert.NotEmpty(latest.Result.Trajectories);
        Assert.Equal(Cli("--study", study), Json(latest.Result));
        Assert.Equal(Cli("--study", study, "--year", "2015"), Json(y2015.Result));
        SameAsBefore("coverage-study.json", latest.Result);
        SameAsBefore("coverage-study-2015.json", y2015.Result);
    }

    [Fact]
    public async Task A_year_out_of_range_is_bad_input_naming_the_option()
    {
        var ex = await Assert.ThrowsAsync<InputException>(() =>
            new PolicyService().CoverageAsync(new CoverageRequest(Catalogue, new CoveragePopulation.StudyFirms("nowhere.twoway", 99999))));
        Assert.Equal("--year", Assert.Single(ex.Errors).Field);
    }

    private static string Cli(params string[] population)
    {
        var r = CliRunner.Run(["policy", "coverage", Catalogue, .. population, "--json"]);
        Assert.True(r.ExitCode == 0, r.Error);
        return r.Out;
    }

    private sealed class Collect(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
