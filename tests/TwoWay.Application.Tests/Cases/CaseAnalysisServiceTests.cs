using TwoWay.Application.Cases;
using TwoWay.Input;

namespace TwoWay.Application.Tests.Cases;

public class CaseAnalysisServiceTests : IDisposable
{
    private readonly TwoFirmStudy _study = new();

    public void Dispose() => _study.Dispose();

    [Fact]
    public async Task The_default_as_of_year_is_the_studys_for_one_firm_as_for_all()
    {
        var service = new CaseAnalysisService(_study.Location);
        var all = await service.AnalyzeAsync(new AnalyzeRequest());
        var alpha = await service.AnalyzeAsync(new AnalyzeRequest(Firm: "AA-1"));

        // Beta's data run to 2010; Alpha's own data end in 2003, but it is analysed as of the study's year.
        Assert.Equal(2010, all.AsOfYear);
        Assert.Equal(all.AsOfYear, alpha.AsOfYear);
        var profile = Assert.Single(alpha.Firms);
        Assert.Equal("AA-1", profile.FirmId);
        // The same profile as in the whole study's analysis: one firm alone is not a different analysis.
        Assert.Equal(PublicJson.Serialize(all.Firms.Single(f => f.FirmId == "AA-1")), PublicJson.Serialize(profile));
        Assert.Equal(AsOf.Default(_study.LoadAll()), alpha.AsOfYear);
    }

    [Fact]
    public async Task A_given_year_is_used_for_one_firm_and_for_all()
    {
        var service = new CaseAnalysisService(_study.Location);
        Assert.Equal(2000, (await service.AnalyzeAsync(new AnalyzeRequest(Year: 2000))).AsOfYear);
        Assert.Equal(2000, (await service.AnalyzeAsync(new AnalyzeRequest("AA-1", 2000))).AsOfYear);
    }

    [Theory]
    [InlineData("ZZ-9", "no firm 'ZZ-9'")]
    [InlineData("not an id!", "is not a valid firm id")]
    public async Task An_unknown_or_invalid_firm_is_bad_input_on_the_firm_option(string firm, string message)
    {
        var ex = await Assert.ThrowsAsync<InputException>(() => new CaseAnalysisService(_study.Location).AnalyzeAsync(new AnalyzeRequest(firm)));
        Assert.Equal("--firm", ex.Errors[0].Field);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void An_empty_study_defaults_to_the_first_year_there_is()
    {
        Assert.Equal(TwoWay.Domain.YearMonth.MinYear, AsOf.Default([]));
    }
}
