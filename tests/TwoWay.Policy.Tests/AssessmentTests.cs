using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy.Files;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

public class StageRuleTests
{
    [Theory]
    [InlineData(false, false, ExperienceStage.New)]
    [InlineData(true, false, ExperienceStage.Occasional)]
    [InlineData(true, true, ExperienceStage.Regular)]
    public void Stage_rule(bool before, bool regularly, ExperienceStage expected) =>
        Assert.Equal(expected, ExperienceStages.Stage(before, regularly));

    [Theory]
    [InlineData(false, false, false, false, TraderState.None, ExperienceStage.New, ExperienceStage.New)]
    [InlineData(true, false, false, false, TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New)]
    [InlineData(true, true, false, false, TraderState.ExportOnly, ExperienceStage.Regular, ExperienceStage.New)]
    // The inward mirror: the same rule on the import facts.
    [InlineData(false, false, true, false, TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Occasional)]
    [InlineData(false, false, true, true, TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular)]
    [InlineData(true, false, true, true, TraderState.TwoWay, ExperienceStage.Occasional, ExperienceStage.Regular)]
    public void State_and_stages_from_the_activity_profile(bool exported, bool exportsRegularly, bool imported, bool importsRegularly,
        TraderState state, ExperienceStage outward, ExperienceStage inward)
    {
        var q = SampleQuestionnaire();
        var p = new Scorer(q).Score(Sheet(q, exported, exportsRegularly, imported, importsRegularly));
        Assert.Equal(state, p.State);
        Assert.Equal(outward, p.Outward.Stage);
        Assert.Equal(inward, p.Inward.Stage);
        Assert.Equal(exported, p.Outward.Active);
        Assert.Equal(imported, p.Inward.Active);
    }

    [Fact]
    public void Regularly_without_ever_is_refused_naming_the_item()
    {
        var q = SampleQuestionnaire();
        var answers = Sheet(q, false, false, false, false).Answers.ToArray();
        answers[q.IndexOf("imports_regularly")] = new YesNoAnswer(true);
        AnswerSheet.Create(q, null, answers, out var problems);
        var p = Assert.Single(problems);
        Assert.Equal("imports_regularly", p.ItemId);
        Assert.Contains("imported_before", p.Message);
    }
}

public class ScoringTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 25.0)]
    [InlineData(3, 50.0)]
    [InlineData(4, 75.0)]
    [InlineData(5, 100.0)]
    public void Items_rescale_from_1_5_to_0_100(int likert, double score) => Assert.Equal(score, Scorer.Rescale(likert));

    [Theory]
    [InlineData(0, Band.Low)]
    [InlineData(39.9, Band.Low)]
    [InlineData(40, Band.Developing)]
    [InlineData(59.9, Band.Developing)]
    [InlineData(60, Band.Ready)]
    [InlineData(79.9, Band.Ready)]
    [InlineData(80, Band.Strong)]
    [InlineData(100, Band.Strong)]
    public void Band_edges(double score, Band band) => Assert.Equal(band, Bands.Of(score));

    [Fact]
    public void Dimension_is_the_mean_of_answered_items_and_direction_the_unweighted_mean_of_dimensions()
    {
        var q = SampleQuestionnaire();
        // commitment has three items: 5, 4, 2 → 100, 75, 25 → mean 66.67. Others all 3 (50).
        var sheet = Sheet(q, true, true, true, true, 3, new() { ["or_commitment_1"] = 5, ["or_commitment_2"] = 4, ["or_commitment_3"] = 2, ["or_finance_1"] = 1, ["or_finance_2"] = 2 });
        var p = new Scorer(q).Score(sheet);
        var dims = p.Outward.Dimensions.ToDictionary(d => d.Dimension);
        Assert.Equal(200.0 / 3, dims["commitment"].Score!.Value, 12);
        Assert.Equal(Band.Ready, dims["commitment"].Band);
        Assert.Equal(12.5, dims["finance"].Score!.Value, 12); // (0 + 25) / 2
        // Unweighted over five dimensions: capacity 50, commitment 66.67, finance 12.5, know-how 50, experience 50.
        Assert.Equal((50 + 200.0 / 3 + 12.5 + 50 + 50) / 5, p.Outward.Score!.Value, 12);
        Assert.Equal("finance", p.Outward.WeakestDimension);
        Assert.Equal(50, p.Inward.Score!.Value, 12);
        // Ties: the first dimension in the definition's order is the weakest.
        Assert.Equal("sourcing", p.Inward.WeakestDimension);
    }

    [Fact]
    public void Skipped_items_are_left_out_and_a_dimension_with_none_answered_has_no_score()
    {
        var q = SampleQuestionnaire();
        var answers = Sheet(q, false, false, false, false, 4).Answers.ToArray();
        answers[q.IndexOf("or_capacity_1")] = null;
        answers[q.IndexOf("or_capacity_2")] = new LikertAnswer(1);
        answers[q.IndexOf("ic_sourcing_1")] = null;
        answers[q.IndexOf("ic_sourcing_2")] = null;
        var sheet = AnswerSheet.Create(q, null, answers, out var problems);
        Assert.Empty(problems);
        var p = new Scorer(q).Score(sheet);
        var capacity = p.Outward.Dimensions.Single(d => d.Dimension == "capacity");
        Assert.Equal((0.0, 1, 2), (capacity.Score!.Value, capacity.Answered, capacity.Items));
        var sourcing = p.Inward.Dimensions.Single(d => d.Dimension == "sourcing");
        Assert.Null(sourcing.Score);
        Assert.Null(sourcing.Band);
        Assert.Equal(75, p.Inward.Score!.Value, 12); // mean over the four scored dimensions
    }

    [Fact]
    public void Top_barrier_is_the_highest_rated_from_3_first_on_ties()
    {
        var q = SampleQuestionnaire();
        var scorer = new Scorer(q);
        var low = Sheet(q, false, false, false, false, 2); // every barrier rated 2
        Assert.Null(scorer.Score(low).TopBarrier);
        var tied = Sheet(q, false, false, false, false, 2, new() { ["b_prices"] = 4, ["b_transaction_costs"] = 4, ["b_geopolitics"] = 3 });
        Assert.Equal(BarrierGroup.Marketing, scorer.Score(tied).TopBarrier); // b_prices comes first
        var one = Sheet(q, false, false, false, false, 2, new() { ["b_geopolitics"] = 5, ["b_prices"] = 4 });
        Assert.Equal(BarrierGroup.Environmental, scorer.Score(one).TopBarrier);
    }
}

public class DecisionTableTests
{
    private static readonly Questionnaire Q = SampleQuestionnaire();
    private static readonly DecisionTable Table = DecisionTableFile.Read(Samples("decision-table.csv"), Q);

    /// <summary>For every rule of the shipped table, a profile that must fire it (and no earlier rule).</summary>
    public static TheoryData<string, Profile> EveryRule() => new()
    {
        { "R01", Profile(TraderState.None, ExperienceStage.New, ExperienceStage.New, outScore: 39.9) },
        { "R02", Profile(TraderState.None, ExperienceStage.New, ExperienceStage.New, outScore: 40) },
        { "R03", Profile(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, outScore: 60) },
        { "R04", Profile(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Occasional, outScore: 59.9, weakestOut: "finance") },
        { "R05", Profile(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Occasional, outScore: 45, weakestOut: "capacity") },
        { "R06", Profile(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, weakestOut: "finance") },
        { "R07", Profile(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, weakestOut: "experience") },
        { "R08", Profile(TraderState.ExportOnly, ExperienceStage.Regular, ExperienceStage.New, inScore: 59.9, weakestIn: "trade_procedures") },
        { "R09", Profile(TraderState.ExportOnly, ExperienceStage.Regular, ExperienceStage.New, inScore: 30, weakestIn: "technology") },
        { "R10", Profile(TraderState.ExportOnly, ExperienceStage.Regular, ExperienceStage.New, inScore: 60, weakestIn: "sourcing") },
        { "R11", Profile(TraderState.TwoWay, ExperienceStage.Regular, ExperienceStage.Regular, topBarrier: BarrierGroup.Procedural) },
        { "R12", Profile(TraderState.TwoWay, ExperienceStage.Occasional, ExperienceStage.Regular, topBarrier: BarrierGroup.Environmental) },
        { "R13", Profile(TraderState.TwoWay, ExperienceStage.Occasional, ExperienceStage.Regular, topBarrier: BarrierGroup.Marketing) },
        { "R14", Profile(TraderState.TwoWay, ExperienceStage.Regular, ExperienceStage.Occasional, topBarrier: null) },
    };

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void Every_rule_fires_for_its_profile(string rule, Profile profile)
    {
        var r = Table.Evaluate(profile);
        Assert.Equal(rule, r.Rule);
        var row = Table.Rules.Single(x => x.Id == rule);
        Assert.Equal(row.NextStep, r.NextStep);
        Assert.Equal(row.Mechanism, r.Mechanism);
        Assert.Equal(row.Instruments, r.Instruments);
    }

    [Fact]
    public void The_theory_covers_every_rule_of_the_shipped_table() =>
        Assert.Equal(Table.Rules.Select(r => r.Id).Order(), EveryRule().Select(d => (string)d[0]).Order());

    [Fact]
    public void Issue_example_import_only_ready_firm_uses_its_supplier_network()
    {
        var r = Table.Evaluate(Profile(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, outScore: 72));
        Assert.Equal("Use your supplier network for first exports", r.NextStep);
        Assert.Equal([Instrument.Matchmaking, Instrument.TradeFairs], r.Instruments);
        Assert.Equal(Mechanism.Experiential, r.Mechanism);
    }

    [Fact]
    public void Early_stages_get_informational_and_later_stages_experiential_support()
    {
        Assert.Equal(Mechanism.Informational, Table.Evaluate(Profile(TraderState.None, ExperienceStage.New, ExperienceStage.New, outScore: 50)).Mechanism);
        Assert.Equal(Mechanism.Experiential, Table.Evaluate(Profile(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New, weakestOut: "capacity")).Mechanism);
    }

    [Fact]
    public void An_unknown_score_matches_only_an_unrestricted_range()
    {
        Assert.False(new ScoreRange(60, null).Contains(null));
        Assert.True(new ScoreRange(null, null).Contains(null));
        Assert.True(new ScoreRange(40, 60).Contains(40));
        Assert.False(new ScoreRange(40, 60).Contains(60));
    }

    [Fact]
    public void A_table_without_a_final_catch_all_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DecisionTable([Table.Rules[0]]));
}

public class MatchingTests
{
    private static Recommendation Rec(Direction d, Mechanism m, params Instrument[] instruments) => new("R", d, "step", instruments, m, "why");

    [Fact]
    public void Ranks_by_points_with_reasons_and_respects_eligibility()
    {
        var catalogue = SmallCatalogue();
        var importer = Profile(TraderState.ImportOnly, ExperienceStage.New, ExperienceStage.Regular, topBarrier: BarrierGroup.Marketing);
        var rec = Rec(Direction.Outward, Mechanism.Experiential, Instrument.Matchmaking, Instrument.TradeFairs);
        var m = ProgrammeMatching.Match(catalogue, importer, rec, new FirmFacts(SizeClass.Small));
        // P5: matchmaking 3 + experiential 2 + marketing barrier 1 = 6. P2 is closed to import-only
        // firms; P1 and P3 offer neither instrument nor mechanism; P4 is inward.
        var only = Assert.Single(m);
        Assert.Equal(("P5", 6, 1), (only.Programme, only.Points, only.Rank));
        Assert.Contains("offers matchmaking with partners, as recommended", only.Reasons);
        Assert.Contains("tackles reaching customers (products, prices, distribution), your biggest obstacle", only.Reasons); // the marketing barrier group
        Assert.Contains("open to firms like this one (imports but does not export; new to exporting)", only.Reasons);
        Assert.DoesNotContain(only.Reasons, r => r.Contains('_') || r.Contains(':')); // no codes read aloud
        // A micro firm is not eligible for P5 (small firms only).
        Assert.Empty(ProgrammeMatching.Match(catalogue, importer, rec, new FirmFacts(SizeClass.Micro)));
    }

    [Fact]
    public void Ties_are_broken_by_programme_id_and_top_limits_the_list()
    {
        var exporter = Profile(TraderState.ExportOnly, ExperienceStage.Occasional, ExperienceStage.New);
        var rec = Rec(Direction.Outward, Mechanism.Informational, Instrument.Information, Instrument.Advisory);
        var m = ProgrammeMatching.Match(SmallCatalogue(), exporter, rec);
        // P1: information 3 + informational 2 = 5; P3: advisory 3 + informational 2 = 5; P2 neither.
        Assert.Equal(["P1", "P3"], m.Select(x => x.Programme));
        Assert.Equal([1, 2], m.Select(x => x.Rank));
        Assert.Single(ProgrammeMatching.Match(SmallCatalogue(), exporter, rec, top: 1));
    }
}
