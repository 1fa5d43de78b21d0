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
            new PopulationGroup(TraderState.None, ExperienceStage.New, ExperienceStage.New, 40),
            new PopulationGroup(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, 30),
            new PopulationGroup(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, 20),
            new PopulationGroup(TraderState.TwoWay, ExperienceStage.Regular, ExperienceStage.Regular, 10),
        ]);
        var r = CoverageAnalysis.Analyse(SmallCatalogue(), population);
        Assert.Equal(100, r.TotalFirms);
        var s = r.States.ToDictionary(x => x.State);
        Assert.Equal(0.4, s[TraderState.None].Share!.Value, 15);
        // Open to non-traders: P1, P3 (no target states), P4. Import-only: P1, P3, P4, P5.
        // Export-only: P1, P2, P3. Two-way: P1, P2, P3.
        Assert.Equal(["P1", "P3", "P4"], s[TraderState.None].Programmes);
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
        Assert.False(r.States.Single(s => s.State == TraderState.None).Gap); // no firms there
        Assert.All(r.Stages, s => Assert.Null(s.Firms)); // the population has no stages
        Assert.Equal(0, r.BridgingCount);
        Assert.Equal(3.0, r.UnservedFirms); // the import-only firms
        Assert.Equal(0.75, r.UnservedShare!.Value, 15);
        Assert.Empty(r.Trajectories); // a population without trajectories gets no trajectory view
        Assert.Equal(3, r.Gaps.Count); // import-only state, its firms unserved, and no bridge for import-only firms
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

public class StudyCoverageTests
{
    private static FirmCase Case(string id, params (Direction D, Mode M, int Start, int? End)[] ops) =>
        new(new Firm(new FirmId(id), id, CountryCode.Parse("RS")),
            ops.Select((o, i) => new Operation(new OperationId($"{id}-{i}"), new FirmId(id), o.D, o.M, CountryCode.Parse("DE"),
                new YearMonth(o.Start), o.End is { } e ? new YearMonth(e) : null)));

    /// <summary>
    /// Four firms as of 2023 (stage window 2021–2023). A imports since 2015, exported 2018–2019 and
    /// again since 2022: two-way, inward-led, outward occasional (2 of the 3 years, after earlier
    /// exports), inward regular, stages out 1 / in 1. B imports since 2020: import-only, inward-only,
    /// no outward stage (never exported), inward regular. C takes a licence since 2019 and a foreign
    /// joint-venture partner since 2021: import-only (every inward mode counts), inward-only, no
    /// outward stage, inward stage 3. D exported 2010–2018: non-trader, outward-only, outward
    /// occasional (lapsed), no inward stage, stages 0 / 0.
    /// </summary>
    private static (List<FirmCase> Cases, Population Population) Study()
    {
        var cases = new List<FirmCase>
        {
            Case("A", (Direction.Inward, Mode.GoodsTrade, 2015, null), (Direction.Outward, Mode.GoodsTrade, 2018, 2019), (Direction.Outward, Mode.GoodsTrade, 2022, null)),
            Case("B", (Direction.Inward, Mode.GoodsTrade, 2020, null)),
            Case("C", (Direction.Inward, Mode.Licensing, 2019, null), (Direction.Inward, Mode.JointVenture, 2021, null)),
            Case("D", (Direction.Outward, Mode.GoodsTrade, 2010, 2018)),
        };
        var profiles = cases.Select(c => Cases.CaseAnalysis.Analyze(c, 2023)).ToList();
        return (cases, YearlyActivity.FromCases(cases, profiles, "hand"));
    }

    [Fact]
    public void Study_firms_get_state_stages_trajectory_and_chain_stage_from_the_case_analyses()
    {
        var (_, population) = Study();
        Assert.Equal("hand (study, 2023)", population.Description);
        Assert.Equal(4, population.TotalFirms);
        Assert.Contains(new PopulationGroup(TraderState.TwoWay, ExperienceStage.Occasional, ExperienceStage.Regular, 1,
            Cases.Trajectory.InwardLed, Cases.StageLevel.Trade, Cases.StageLevel.Trade), population.Groups);
        Assert.Contains(new PopulationGroup(TraderState.ImportOnly, null, ExperienceStage.Regular, 1,
            Cases.Trajectory.InwardOnly, Cases.StageLevel.None, Cases.StageLevel.Trade), population.Groups);
        Assert.Contains(new PopulationGroup(TraderState.ImportOnly, null, ExperienceStage.Regular, 1,
            Cases.Trajectory.InwardOnly, Cases.StageLevel.None, Cases.StageLevel.ProductionOrEquity), population.Groups);
        Assert.Contains(new PopulationGroup(TraderState.None, ExperienceStage.Occasional, null, 1,
            Cases.Trajectory.OutwardOnly, Cases.StageLevel.None, Cases.StageLevel.None), population.Groups);
    }

    [Fact]
    public void Coverage_of_a_study_by_trajectory_and_chain_stage_is_hand_counted()
    {
        // P2: outward, export-only/two-way firms at outward:occasional → A. P5: outward, import-only at outward:new → B, C
        // (they have no outward stage, and an unknown stage does not exclude).
        // Nothing is open to D (non-trader), and no programme supports inward operations.
        var all = SmallCatalogue().Programmes;
        var catalogue = new Catalogue(all.Where(p => p.Id is "P2" or "P5"));
        var r = CoverageAnalysis.Analyse(catalogue, Study().Population);
        Assert.Equal(1.0, r.UnservedFirms);
        Assert.Equal(0.25, r.UnservedShare!.Value, 15);
        var t = r.Trajectories.ToDictionary(x => x.Trajectory);
        Assert.Equal(6, t.Count);
        Assert.Equal((1.0, 0.0), (t[Cases.Trajectory.InwardLed].Firms, t[Cases.Trajectory.InwardLed].UnservedFirms));
        Assert.Equal(["P2"], t[Cases.Trajectory.InwardLed].Programmes);
        Assert.Equal((2.0, 0.5), (t[Cases.Trajectory.InwardOnly].Firms, t[Cases.Trajectory.InwardOnly].Share!.Value));
        Assert.Equal(["P5"], t[Cases.Trajectory.InwardOnly].Programmes);
        Assert.True(t[Cases.Trajectory.OutwardOnly].Gap);
        Assert.Equal(1.0, t[Cases.Trajectory.OutwardOnly].UnservedFirms);
        Assert.False(t[Cases.Trajectory.Domestic].Gap); // no firms there
        var l = r.Levels.ToDictionary(x => (x.Direction, x.Number));
        Assert.Equal(8, l.Count);
        Assert.Equal((3.0, 1.0), (l[(Direction.Outward, 0)].Firms, l[(Direction.Outward, 0)].UnservedFirms));
        Assert.Equal(["P5"], l[(Direction.Outward, 0)].Programmes);
        Assert.Equal(["P2"], l[(Direction.Outward, 1)].Programmes);
        // Inward: no programme supports the direction, so every inward stage holding firms is a gap.
        Assert.Equal((2.0, true), (l[(Direction.Inward, 1)].Firms, l[(Direction.Inward, 1)].Gap));
        Assert.True(l[(Direction.Inward, 3)].Gap);
        Assert.False(l[(Direction.Inward, 2)].Gap);
        Assert.Contains(r.Gaps, g => g.Contains("outward_only trajectory"));
        Assert.Contains(r.Gaps, g => g.StartsWith("25% of firms (1)"));
    }
}
