using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class TrajectoryTests
{
    private static TrajectoryResult Of(CaseBuilder b, int asOf = 2020) => Trajectories.Of(b.Build(), asOf);

    [Theory]
    // Year precision: within one calendar year of each other is simultaneous.
    [InlineData("2000", "2003", Trajectory.InwardLed, 3.0)]
    [InlineData("2000", "2002", Trajectory.InwardLed, 2.0)]
    [InlineData("2000", "2001", Trajectory.Simultaneous, 1.0)]
    [InlineData("2000", "2000", Trajectory.Simultaneous, 0.0)]
    [InlineData("2001", "2000", Trajectory.Simultaneous, -1.0)]
    [InlineData("2005", "1998", Trajectory.OutwardLed, -7.0)]
    // Month precision on both: within 12 months is simultaneous.
    [InlineData("2000-01", "2001-01", Trajectory.Simultaneous, 1.0)]
    [InlineData("2000-01", "2001-02", Trajectory.InwardLed, 13.0 / 12)]
    [InlineData("2001-02", "2000-01", Trajectory.OutwardLed, -13.0 / 12)]
    [InlineData("2000-12", "2001-11", Trajectory.Simultaneous, 11.0 / 12)]
    // Mixed precision falls back to calendar years.
    [InlineData("2000-01", "2001", Trajectory.Simultaneous, 1.0)]
    [InlineData("2000", "2002-12", Trajectory.InwardLed, 2.0)]
    public void Order_of_first_inward_and_first_outward(string firstIn, string firstOut, Trajectory expected, double lead)
    {
        var t = Of(new CaseBuilder().In(Mode.GoodsTrade, "DE", firstIn).Out(Mode.GoodsTrade, "DE", firstOut));
        Assert.Equal(expected, t.Kind);
        Assert.Equal(lead, t.LeadYears!.Value, 1e-12);
        Assert.Equal((YearMonth.Parse(firstIn).Year, YearMonth.Parse(firstOut).Year), (t.FirstInwardYear!.Value, t.FirstOutwardYear!.Value));
        Assert.Equal((firstIn, firstOut), (t.FirstInward, t.FirstOutward));
    }

    [Fact]
    public void The_reason_names_the_years_and_operations()
    {
        var t = Of(new CaseBuilder().In(Mode.Licensing, "DE", "2001", id: "lic").Out(Mode.GoodsTrade, "AT", "2005", id: "exp"));
        Assert.Equal(Trajectory.InwardLed, t.Kind);
        Assert.Contains("4 year(s) before outward", t.Reason);
        Assert.Contains("first inward 2001", t.Reason);
        Assert.Contains("licensing-in", t.Reason);
        Assert.Contains("op exp", t.Reason);
        Assert.Equal(("lic", "exp"), (t.FirstInwardOperation!.Id, t.FirstOutwardOperation!.Id));
    }

    [Fact]
    public void One_direction_only_and_domestic()
    {
        Assert.Equal(Trajectory.InwardOnly, Of(new CaseBuilder().In(Mode.GoodsTrade, "DE", "2000")).Kind);
        Assert.Equal(Trajectory.OutwardOnly, Of(new CaseBuilder().Out(Mode.GoodsTrade, "DE", "2000")).Kind);
        var d = Of(new CaseBuilder());
        Assert.Equal(Trajectory.Domestic, d.Kind);
        Assert.Null(d.LeadYears);
        Assert.Null(d.FirstInwardYear);
    }

    [Fact]
    public void Operations_after_the_as_of_year_do_not_count()
    {
        var b = new CaseBuilder().In(Mode.GoodsTrade, "DE", "2000").Out(Mode.GoodsTrade, "DE", "2015");
        Assert.Equal(Trajectory.InwardOnly, Of(b, 2010).Kind);
        Assert.Equal(Trajectory.InwardLed, Of(b, 2015).Kind);
        Assert.Equal(Trajectory.Domestic, Of(b, 1999).Kind);
    }

    [Fact]
    public void Ended_first_operations_still_date_the_start_of_a_direction()
    {
        var t = Of(new CaseBuilder().In(Mode.GoodsTrade, "DE", "1995", end: "1996").Out(Mode.GoodsTrade, "DE", "2004"));
        Assert.Equal((Trajectory.InwardLed, 9.0), (t.Kind, t.LeadYears!.Value));
    }

    // Born global (Knight & Cavusgil): outward within 3 years of founding with at least 25% foreign sales.
    [Fact]
    public void Born_global_yes_when_share_reaches_25_percent_within_three_years()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000).Out(Mode.GoodsTrade, "DE", "2002", share: 0.25).Build(), 2010);
        Assert.Equal((FlagState.Yes, 2000, 2002), (f.State, f.FoundingYear!.Value, f.FirstOutwardYear!.Value));
        Assert.Equal(0.25, f.HighestShareInWindow);
    }

    [Fact]
    public void Born_global_unknown_without_any_share_says_none_was_given_not_zero()
    {
        // Founded 2000, exporting from 2002 with no share: the years before 2002 (share 0 by
        // definition) must not make it read "highest known: 0%".
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000).Out(Mode.GoodsTrade, "DE", "2002").Build(), 2010);
        Assert.Equal(FlagState.Unknown, f.State);
        Assert.Null(f.HighestShareInWindow);
        Assert.Contains("highest known: none given", f.Reason);
    }

    [Fact]
    public void Born_global_no_when_outward_starts_too_late()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000).Out(Mode.GoodsTrade, "DE", "2004", share: 0.9).Build(), 2010);
        Assert.Equal(FlagState.No, f.State);
        Assert.Contains("more than 3 years", f.Reason);
    }

    [Fact]
    public void Born_global_no_when_every_share_in_a_closed_window_is_below_25_percent()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000).Out(Mode.GoodsTrade, "DE", "2001", share: 0.24).Build(), 2010);
        Assert.Equal(FlagState.No, f.State);
        Assert.Equal(0.24, f.HighestShareInWindow);
    }

    [Fact]
    public void Born_global_no_without_outward_operations()
    {
        Assert.Equal(FlagState.No, Trajectories.BornGlobal(new CaseBuilder(founded: 2000).In(Mode.GoodsTrade, "DE", "2001").Build(), 2010).State);
        Assert.Equal(FlagState.No, Trajectories.BornGlobal(new CaseBuilder().Build(), 2010).State);
    }

    [Fact]
    public void Born_global_unknown_without_founding_year()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder().Out(Mode.GoodsTrade, "DE", "2001", share: 0.9).Build(), 2010);
        Assert.Equal(FlagState.Unknown, f.State);
        Assert.Contains("Founding year unknown", f.Reason);
    }

    [Fact]
    public void Born_global_unknown_when_a_share_in_the_window_is_unknown()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000)
            .Out(Mode.GoodsTrade, "DE", "2001", share: 0.10)
            .Out(Mode.GoodsTrade, "AT", "2003").Build(), 2010);
        Assert.Equal(FlagState.Unknown, f.State);
        Assert.Equal(0.10, f.HighestShareInWindow);
    }

    [Fact]
    public void Born_global_unknown_while_the_window_is_still_open()
    {
        var b = new CaseBuilder(founded: 2009).Out(Mode.GoodsTrade, "DE", "2009", share: 0.10);
        Assert.Equal(FlagState.Unknown, Trajectories.BornGlobal(b.Build(), 2010).State);
        Assert.Equal(FlagState.No, Trajectories.BornGlobal(b.Build(), 2012).State);
    }

    [Fact]
    public void Born_global_yes_even_when_a_later_window_year_is_unknown()
    {
        var f = Trajectories.BornGlobal(new CaseBuilder(founded: 2000)
            .Out(Mode.GoodsTrade, "DE", "2000", share: 0.40)
            .Out(Mode.GoodsTrade, "AT", "2002").Build(), 2010);
        Assert.Equal(FlagState.Yes, f.State);
    }

    [Fact]
    public void Deinternationalization_lists_ended_operations_with_reasons_and_marks_geopolitical_causes()
    {
        var c = new CaseBuilder()
            .In(Mode.GoodsTrade, "RU", "2005", end: "2014-08", endReason: EndReasonKind.Sanctions, id: "imp")
            .Out(Mode.GoodsTrade, "UA", "2006", end: "2015", endReason: EndReasonKind.PartnerExit, id: "exp")
            .Out(Mode.GoodsTrade, "DE", "2010", end: "2030", id: "later")
            .In(Mode.Licensing, "DE", "2001", end: "2003", id: "lic")
            .Build();
        var f = Trajectories.Deinternationalization(c, 2020);
        Assert.True(f.Present);
        Assert.True(f.Geopolitical);
        Assert.Equal(["lic", "imp", "exp"], f.Ended.Select(e => e.Operation.Id).ToArray());
        Assert.Equal([null, EndReasonKind.Sanctions, EndReasonKind.PartnerExit], f.Ended.Select(e => e.ReasonKind).ToArray());
        Assert.Equal([false, true, false], f.Ended.Select(e => e.Geopolitical).ToArray());
        Assert.Equal("2014-08", f.Ended[1].End);
        Assert.Equal([Direction.Inward], f.WithdrawnDirections);
        Assert.Contains("1 sanctions", f.Reason);
        Assert.Contains("withdrawn entirely from inward", f.Reason);
    }

    [Fact]
    public void No_deinternationalization_while_everything_runs()
    {
        var f = Trajectories.Deinternationalization(new CaseBuilder()
            .Out(Mode.GoodsTrade, "DE", "2000", end: "2012", endReason: EndReasonKind.GeopoliticalBarrier).Build(), 2010);
        Assert.False(f.Present);
        Assert.False(f.Geopolitical);
        Assert.Empty(f.Ended);
        Assert.Empty(f.WithdrawnDirections);
    }

    [Fact]
    public void A_non_geopolitical_ending_is_not_marked_geopolitical()
    {
        var f = Trajectories.Deinternationalization(new CaseBuilder()
            .Out(Mode.GoodsTrade, "DE", "2000", end: "2005", endReason: EndReasonKind.ResourceConstraint)
            .Out(Mode.GoodsTrade, "AT", "2000").Build(), 2010);
        Assert.True(f.Present);
        Assert.False(f.Geopolitical);
        Assert.Empty(f.WithdrawnDirections);
    }
}
