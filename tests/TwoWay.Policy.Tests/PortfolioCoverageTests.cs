using TwoWay.Domain;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

public class PortfolioCoverageTests
{
    [Fact]
    public void Export_only_share_by_count_and_budget_is_hand_counted()
    {
        var r = PortfolioAnalysis.Analyse(SmallCatalogue());
        Assert.Equal(5, r.Programmes);
        Assert.Equal(3, r.ExportOnly); // P1, P2, P5
        Assert.Equal(3.0 / 5, r.ExportOnlyShareByCount!.Value, 15);
        // Budget known for P1..P4 = 1000; export-only among them P1 + P2 = 400. P5 has none.
        Assert.Equal(4, r.ProgrammesWithBudget);
        Assert.Equal(1000m, r.TotalBudget);
        Assert.Equal(400m, r.ExportOnlyBudget);
        Assert.Equal(0.4, r.ExportOnlyShareByBudget!.Value, 15);
        Assert.Equal("EUR", r.BudgetCurrency);
        Assert.Contains("outward", r.ExportOnlyDefinition);
        Assert.Equal((4, 1, 0), (r.Outward, r.Inward, r.Both));
    }

    [Fact]
    public void Matrices_count_each_programme_in_every_category_it_lists()
    {
        var r = PortfolioAnalysis.Analyse(SmallCatalogue());
        var matchmaking = r.DirectionByInstrument.Single(x => x.Category == Instrument.Matchmaking);
        Assert.Equal((1, 1, 0, 2), (matchmaking.Outward, matchmaking.Inward, matchmaking.Both, matchmaking.Total)); // P5 out, P4 in
        var experiential = r.DirectionByMechanism.Single(x => x.Category == Mechanism.Experiential);
        Assert.Equal((2, 1, 3), (experiential.Outward, experiential.Inward, experiential.Total)); // P2, P5; P4
        var marketing = r.BarrierCoverage.Single(x => x.Category == BarrierGroup.Marketing);
        Assert.Equal(2, marketing.Total);
        Assert.Equal([BarrierGroup.Procedural, BarrierGroup.Governmental, BarrierGroup.Task, BarrierGroup.Environmental], r.UncoveredBarriers);
        // Open to import-only firms and supporting an outward mode at outward:new: P1, P3 (open to all) and P5.
        Assert.Equal(3, r.Bridging);
    }

    [Fact]
    public void Empty_catalogue_has_no_shares_rather_than_zero()
    {
        var r = PortfolioAnalysis.Analyse(new Catalogue([]));
        Assert.Null(r.ExportOnlyShareByCount);
        Assert.Null(r.ExportOnlyShareByBudget);
    }

    [Fact]
    public void Outward_programme_supporting_licensing_out_is_not_export_only()
    {
        var c = SmallCatalogue();
        Assert.False(c.Programmes.Single(p => p.Id == "P3").IsExportOnly);
        Assert.False(c.Programmes.Single(p => p.Id == "P4").IsExportOnly);
    }

    [Fact]
    public void Coverage_counts_shares_open_programmes_gaps_and_bridges()
    {
        // 100 firms: 40 non-traders (outward new, inward new), 30 import-only (outward new, inward regular),
        // 20 export-only (outward occasional, inward new), 10 two-way (regular, regular).
        var population = new Population("hand", [
            new PopulationGroup(TraderState.NonTrader, ExperienceStage.New, ExperienceStage.New, 40),
            new PopulationGroup(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, 30),
            new PopulationGroup(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, 20),
            new PopulationGroup(TraderState.TwoWay, ExperienceStage.Regular, ExperienceStage.Regular, 10),
        ]);
        var r = CoverageAnalysis.Analyse(SmallCatalogue(), population);
        Assert.Equal(100, r.TotalFirms);
        var s = r.States.ToDictionary(x => x.State);
        Assert.Equal(0.4, s[TraderState.NonTrader].Share!.Value, 15);
        // Open to non-traders: P1, P3 (no target states), P4. Import-only: P1, P3, P4, P5.
        // Export-only: P1, P2, P3. Two-way: P1, P2, P3.
        Assert.Equal(["P1", "P3", "P4"], s[TraderState.NonTrader].Programmes);
        Assert.Equal(["P1", "P3", "P4", "P5"], s[TraderState.ImportOnly].Programmes);
        Assert.Equal(["P1", "P2", "P3"], s[TraderState.ExportOnly].Programmes);
        Assert.Equal(0.6, s[TraderState.ExportOnly].ProgrammeShare!.Value, 15);
        Assert.DoesNotContain(r.States, x => x.Gap);
        var st = r.Stages.ToDictionary(x => (x.Direction, x.Stage));
        // Outward new: P1, P3 (no stage restriction), P5 (names outward:new). P2 names occasional only.
        Assert.Equal(["P1", "P3", "P5"], st[(Direction.Outward, ExperienceStage.New)].Programmes);
        Assert.Equal(0.7, st[(Direction.Outward, ExperienceStage.New)].Share!.Value, 15);
        Assert.Equal(["P1", "P2", "P3"], st[(Direction.Outward, ExperienceStage.Occasional)].Programmes);
        // Outward regular: P1, P3 only; two-way firms are there (10) so no gap.
        Assert.Equal(["P1", "P3"], st[(Direction.Outward, ExperienceStage.Regular)].Programmes);
        // Inward: only P4, open to non-traders and import-only; at inward:regular a firm imports, so
        // P4 is open there only through import-only. Inward occasional holds no firms.
        Assert.Equal(["P4"], st[(Direction.Inward, ExperienceStage.New)].Programmes);
        Assert.Equal(["P4"], st[(Direction.Inward, ExperienceStage.Regular)].Programmes);
        Assert.Equal(0.0, st[(Direction.Inward, ExperienceStage.Occasional)].Firms);
        Assert.False(st[(Direction.Inward, ExperienceStage.Occasional)].Gap);
        Assert.Equal(3, r.BridgingCount);
        Assert.Equal(["P1", "P3", "P5"], r.BridgingProgrammes);
        Assert.Equal(0.3, r.ImportOnlyShare!.Value, 15);
        Assert.Empty(r.Gaps);
    }

    [Fact]
    public void A_state_holding_firms_that_no_programme_is_open_to_is_a_gap()
    {
        var onlyExporters = new Catalogue([SmallCatalogue().Programmes.Single(p => p.Id == "P2")]);
        var population = new Population("hand", [
            new PopulationGroup(TraderState.ImportOnly, null, null, 3),
            new PopulationGroup(TraderState.TwoWay, null, null, 1),
        ]);
        var r = CoverageAnalysis.Analyse(onlyExporters, population);
        Assert.True(r.States.Single(s => s.State == TraderState.ImportOnly).Gap);
        Assert.False(r.States.Single(s => s.State == TraderState.TwoWay).Gap);
        Assert.False(r.States.Single(s => s.State == TraderState.NonTrader).Gap); // no firms there
        Assert.All(r.Stages, s => Assert.Null(s.Firms)); // the population has no stages
        Assert.Equal(0, r.BridgingCount);
        Assert.Equal(2, r.Gaps.Count); // import-only state, and no bridge for import-only firms
        Assert.Contains(r.Gaps, g => g.Contains("import_only") && g.Contains("75%"));
    }

    [Fact]
    public void Programme_refuses_modes_that_contradict_its_direction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Programme("X", "x", "a", ProgrammeLevel.National, SupportDirection.Outward,
            [In(Mode.GoodsTrade)], [Instrument.Information], [Mechanism.Informational]));
        Assert.Contains("goods_import", ex.Message);
    }
}
