using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class CaseAnalysisTests
{
    [Fact]
    public void Latest_year_is_the_latest_start_or_end_else_founding_else_the_fallback()
    {
        Assert.Equal(2016, CaseAnalysis.LatestYear(new CaseBuilder(founded: 1990)
            .In(Mode.GoodsTrade, "DE", "2010", end: "2016").Out(Mode.GoodsTrade, "DE", "2012").Build(), 2025));
        Assert.Equal(1990, CaseAnalysis.LatestYear(new CaseBuilder(founded: 1990).Build(), 2025));
        Assert.Equal(2025, CaseAnalysis.LatestYear(new CaseBuilder().Build(), 2025));
    }

    [Fact]
    public void Analyze_refuses_an_as_of_year_outside_the_calendar_range()
    {
        var c = new CaseBuilder().Build();
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseAnalysis.Analyze(c, 1700));
    }

    [Fact]
    public void A_profile_gathers_every_analysis_of_the_case()
    {
        var c = new CaseBuilder("RS-01", founded: 1998, name: "Metalac")
            .In(Mode.GoodsTrade, "DE", "1999", partner: "Bosch", share: 0.4, id: "1")
            .In(Mode.Licensing, "DE", "2002-05", partner: "Bosch", id: "2")
            .Out(Mode.GoodsTrade, "RU", "2004", end: "2014", share: 0.2, endReason: EndReasonKind.Sanctions, id: "3")
            .Out(Mode.GoodsTrade, "DE", "2006", partner: "Bosch", share: 0.15, id: "4")
            .Out(Mode.SalesSubsidiary, "AT", "2010", id: "5")
            .Build();
        var p = CaseAnalysis.Analyze(c, 2020);
        Assert.Equal(("RS-01", "Metalac", "RS", 1998, 2020), (p.FirmId, p.FirmName, p.HomeCountry, p.FoundingYear!.Value, p.AsOfYear));
        Assert.Equal((2, 2), (p.InwardStage.Number, p.OutwardStage.Number));
        Assert.Equal(Trajectory.InwardLed, p.Trajectory.Kind);
        Assert.Equal(FlagState.No, p.Trajectory.BornGlobal.State);
        Assert.True(p.Trajectory.Deinternationalization.Geopolitical);
        // Bosch import 1999 → Bosch export 2006 (same partner, same country DE); licensing-in 2002-05 → export RU 2004 (technology).
        Assert.Equal(new ConnectionCounts(3, 0, 1, 1, 1, 0), p.ConnectionCounts);
        Assert.Equal(CasePattern.Complementarity, CrossCase.Classify(p));
        // 2020: outward DE (15%) with AT (unknown), inward DE import (40%) with the licence (unknown) → both unknown;
        // before the licence the inward intensity was known.
        Assert.Null(p.Degree.Outward.Intensity);
        Assert.Null(p.Degree.Inward.Intensity);
        Assert.Null(p.Degree.IntensityBalance);
        Assert.Equal(0.4, Degrees.Intensity(c, Direction.Inward, 2001));
    }
}
