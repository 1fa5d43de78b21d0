using System.Text.Json;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Cases;

/// <summary>
/// The study's reference year (issue 13): stored by <c>init --as-of</c> or <c>study settings</c>, used
/// by every analysis that is given no year — analyze (all firms or one), report and guide agree.
/// </summary>
public sealed class StudySettingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static int AsOf(JsonElement e) => e.GetProperty("as_of_year").GetInt32();

    [Fact]
    public void Without_a_reference_year_analyses_follow_the_data_and_one_firm_gets_the_study_year()
    {
        var study = SmallStudy.Create(_dir);
        var settings = Json("study", "settings", study);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("as_of_year").ValueKind);
        Assert.Equal("data", settings.GetProperty("default_as_of_source").GetString());
        var dataYear = settings.GetProperty("latest_data_year").GetInt32();
        Assert.Equal(dataYear, settings.GetProperty("default_as_of_year").GetInt32());
        Assert.Equal(dataYear, AsOf(Json("analyze", study)));
        // RS-01's own operations end earlier than the study's data; alone it is still analysed as of the study's year.
        Assert.Equal(dataYear, AsOf(Json("analyze", study, "--firm", "RS-01")));
    }

    [Fact]
    public void A_reference_year_from_init_is_the_default_of_analyze_report_and_guide_and_a_given_year_still_wins()
    {
        var study = _dir.File("ref.twoway");
        var init = CliRunner.Run("init", study, "--as-of", "2012");
        Assert.True(init.ExitCode == 0, init.Error);
        Assert.Contains("as of 2012", init.Out);
        Assert.Equal(0, CliRunner.Run("import", study, SmallStudy.FirmsCsv, SmallStudy.OperationsCsv).ExitCode);

        var all = Json("analyze", study);
        Assert.Equal(2012, AsOf(all));
        Assert.Equal(2012, AsOf(Json("analyze", study, "--firm", "RS-01")));
        Assert.Equal(2012, AsOf(Json("report", study, "--out", _dir.File("r.html"))));
        Assert.Equal(2012, AsOf(Json("guide", study)));
        Assert.Equal(2016, AsOf(Json("analyze", study, "--year", "2016")));
        // The profile of a firm alone equals its row in the all-firm analysis.
        var alone = Json("analyze", study, "--firm", "RS-01").GetProperty("firms")[0];
        var inAll = all.GetProperty("firms").EnumerateArray().Single(f => f.GetProperty("firm_id").GetString() == "RS-01");
        Assert.Equal(inAll.GetRawText(), alone.GetRawText());

        var shown = Json("study", "settings", study);
        Assert.Equal(2012, shown.GetProperty("as_of_year").GetInt32());
        Assert.Equal("study", shown.GetProperty("default_as_of_source").GetString());
        Assert.Contains("reference year", CliRunner.Run("study", "settings", study).Out);
    }

    [Fact]
    public void The_reference_year_is_editable_and_removable()
    {
        var study = SmallStudy.Create(_dir);
        var dataYear = Json("study", "settings", study).GetProperty("latest_data_year").GetInt32();
        Assert.Equal(2010, Json("study", "settings", study, "--as-of", "2010").GetProperty("as_of_year").GetInt32());
        Assert.Equal(2010, AsOf(Json("analyze", study)));
        Assert.Equal(2014, Json("study", "settings", study, "--as-of", "2014").GetProperty("default_as_of_year").GetInt32());
        Assert.Equal(2014, AsOf(Json("analyze", study)));
        var cleared = Json("study", "settings", study, "--as-of", "none");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("as_of_year").ValueKind);
        Assert.Equal(dataYear, AsOf(Json("analyze", study)));
    }

    [Fact]
    public void A_year_out_of_range_is_refused_naming_the_option_and_init_then_creates_nothing()
    {
        var study = _dir.File("bad.twoway");
        var r = CliRunner.Run("init", study, "--as-of", "1700");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--as-of", r.Error);
        Assert.Contains("1700", r.Error);
        Assert.False(File.Exists(study));

        var small = SmallStudy.Create(_dir);
        Assert.Equal(1, CliRunner.Run("study", "settings", small, "--as-of", "3000").ExitCode);
        var word = CliRunner.Run("study", "settings", small, "--as-of", "soon");
        Assert.NotEqual(0, word.ExitCode);
        Assert.Contains("'none'", word.Error + word.Out);
        Assert.Equal(JsonValueKind.Null, Json("study", "settings", small).GetProperty("as_of_year").ValueKind); // nothing stored

        // Showing the settings stores nothing, so a refusal does not say it stored nothing; changing them does.
        Assert.DoesNotContain("nothing was stored", CliRunner.Run("study", "settings", _dir.File("none.twoway")).Error);
        Assert.Contains("nothing was stored", CliRunner.Run("study", "settings", _dir.File("none.twoway"), "--as-of", "2020").Error);
    }
}
