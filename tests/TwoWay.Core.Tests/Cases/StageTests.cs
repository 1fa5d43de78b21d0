using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class StageTests
{
    [Theory]
    [InlineData(Mode.GoodsTrade, StageLevel.Trade)]
    [InlineData(Mode.ServicesTrade, StageLevel.Trade)]
    [InlineData(Mode.Licensing, StageLevel.ContractualOrSales)]
    [InlineData(Mode.Franchising, StageLevel.ContractualOrSales)]
    [InlineData(Mode.ManagementContract, StageLevel.ContractualOrSales)]
    [InlineData(Mode.TechnicalAgreement, StageLevel.ContractualOrSales)]
    [InlineData(Mode.Subcontracting, StageLevel.ContractualOrSales)]
    [InlineData(Mode.TurnkeyProject, StageLevel.ContractualOrSales)]
    [InlineData(Mode.Personnel, StageLevel.ContractualOrSales)]
    [InlineData(Mode.Alliance, StageLevel.ContractualOrSales)]
    [InlineData(Mode.SalesSubsidiary, StageLevel.ContractualOrSales)]
    [InlineData(Mode.JointVenture, StageLevel.ProductionOrEquity)]
    [InlineData(Mode.ProductionSubsidiary, StageLevel.ProductionOrEquity)]
    [InlineData(Mode.Finance, StageLevel.ProductionOrEquity)]
    public void Every_mode_has_one_stage_for_both_directions(Mode mode, StageLevel expected)
    {
        Assert.Equal(expected, StageRules.LevelOf(mode));
        var inward = new CaseBuilder().In(mode, "DE", "2000").Build();
        Assert.Equal(expected, Stages.At(inward, Direction.Inward, 2000));
        Assert.Equal(expected, Stages.At(inward.Mirrored(), Direction.Outward, 2000));
        Assert.Equal(StageLevel.None, Stages.At(inward, Direction.Outward, 2000));
    }

    [Fact]
    public void All_fourteen_modes_are_covered_by_the_rule_table() =>
        Assert.All(Modes.All, m => Assert.InRange((int)StageRules.LevelOf(m), 1, 3));

    [Fact]
    public void Labels_follow_the_establishment_chain_and_its_inward_mirror()
    {
        Assert.Equal("no regular export", StageRules.Label(StageLevel.None, Direction.Outward));
        Assert.Equal("export via independent representatives", StageRules.Label(StageLevel.Trade, Direction.Outward));
        Assert.Equal("imports", StageRules.Label(StageLevel.Trade, Direction.Inward));
        Assert.StartsWith("equity ties", StageRules.Label(StageLevel.ProductionOrEquity, Direction.Inward));
    }

    // Outward: export 2000 (open), sales subsidiary 2005–2009, production 2012 (open).
    // By hand: 1999 → 0, 2000–2004 → 1, 2005–2009 → 2, 2010–2011 → 1, 2012 → 3.
    private static FirmCase Uppsala() => new CaseBuilder()
        .Out(Mode.GoodsTrade, "DE", "2000", id: "exp")
        .Out(Mode.SalesSubsidiary, "DE", "2005", end: "2009", endReason: EndReasonKind.MarketConditions, id: "sub")
        .Out(Mode.ProductionSubsidiary, "AT", "2012", id: "prod")
        .Build();

    [Theory]
    [InlineData(1999, StageLevel.None)]
    [InlineData(2000, StageLevel.Trade)]
    [InlineData(2004, StageLevel.Trade)]
    [InlineData(2005, StageLevel.ContractualOrSales)]
    [InlineData(2009, StageLevel.ContractualOrSales)]
    [InlineData(2010, StageLevel.Trade)]
    [InlineData(2011, StageLevel.Trade)]
    [InlineData(2012, StageLevel.ProductionOrEquity)]
    [InlineData(2030, StageLevel.ProductionOrEquity)]
    public void Stage_at_a_year_is_the_highest_level_active_that_year(int year, StageLevel expected)
    {
        Assert.Equal(expected, Stages.At(Uppsala(), Direction.Outward, year));
        Assert.Equal(expected, Stages.Of(Uppsala(), Direction.Outward, year).Level);
    }

    [Fact]
    public void History_records_each_change_with_its_year_and_cause()
    {
        var s = Stages.Of(Uppsala(), Direction.Outward, 2015);
        Assert.Equal(3, s.Number);
        Assert.Equal("production or equity investment abroad", s.Label);
        Assert.Equal(
            [(2000, 0, 1, "exp"), (2005, 1, 2, "sub"), (2010, 2, 1, "sub"), (2012, 1, 3, "prod")],
            s.History.Select(h => (h.Year, (int)h.From, (int)h.To, h.Cause.Id)).ToArray());
        Assert.Contains("ended in 2009 (market conditions)", s.History[2].Reason);
        Assert.Empty(Stages.Of(Uppsala(), Direction.Inward, 2015).History);
    }

    [Fact]
    public void Same_year_starts_give_one_change_caused_by_the_highest_operation()
    {
        var c = new CaseBuilder()
            .In(Mode.GoodsTrade, "DE", "2003", id: "a")
            .In(Mode.Licensing, "DE", "2003", id: "b")
            .Build();
        var s = Stages.Of(c, Direction.Inward, 2010);
        var only = Assert.Single(s.History);
        Assert.Equal((2003, StageLevel.None, StageLevel.ContractualOrSales, "b"), (only.Year, only.From, only.To, only.Cause.Id));
    }

    [Fact]
    public void A_gap_between_operations_drops_the_stage_to_zero_and_back()
    {
        var c = new CaseBuilder()
            .In(Mode.GoodsTrade, "DE", "2000", end: "2002", id: "a")
            .In(Mode.GoodsTrade, "IT", "2006", id: "b")
            .Build();
        var s = Stages.Of(c, Direction.Inward, 2010);
        Assert.Equal([(2000, 0, 1, "a"), (2003, 1, 0, "a"), (2006, 0, 1, "b")],
            s.History.Select(h => (h.Year, (int)h.From, (int)h.To, h.Cause.Id)).ToArray());
        Assert.Equal(StageLevel.None, Stages.At(c, Direction.Inward, 2004));
    }

    [Fact]
    public void An_operation_that_starts_and_ends_in_one_year_counts_for_that_year_only()
    {
        var c = new CaseBuilder().Out(Mode.JointVenture, "PL", "2007-03", end: "2007-11").Build();
        Assert.Equal(StageLevel.ProductionOrEquity, Stages.At(c, Direction.Outward, 2007));
        Assert.Equal(StageLevel.None, Stages.At(c, Direction.Outward, 2008));
        Assert.Equal([2007, 2008], Stages.Of(c, Direction.Outward, 2010).History.Select(h => h.Year).ToArray());
    }

    [Fact]
    public void Operations_after_the_as_of_year_are_ignored_and_later_ends_do_not_count()
    {
        var c = new CaseBuilder()
            .In(Mode.GoodsTrade, "DE", "2000", end: "2012")
            .In(Mode.JointVenture, "DE", "2011")
            .Build();
        var s = Stages.Of(c, Direction.Inward, 2010);
        Assert.Equal(StageLevel.Trade, s.Level);
        Assert.Single(s.History);
    }

    [Fact]
    public void Overlapping_operations_of_the_same_level_keep_the_stage_until_the_last_ends()
    {
        var c = new CaseBuilder()
            .In(Mode.Licensing, "DE", "2000", end: "2004", id: "a")
            .In(Mode.TechnicalAgreement, "FR", "2002", end: "2006", id: "b")
            .Build();
        var s = Stages.Of(c, Direction.Inward, 2010);
        Assert.Equal([(2000, 0, 2, "a"), (2007, 2, 0, "b")],
            s.History.Select(h => (h.Year, (int)h.From, (int)h.To, h.Cause.Id)).ToArray());
    }
}
