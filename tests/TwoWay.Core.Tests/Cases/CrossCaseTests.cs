using System.Text.Json;
using System.Text.Json.Serialization;
using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class CrossCaseTests
{
    // A: inward-led with a connection (licensing-in DE 2000 → export DE 2004) → complementarity.
    // B: inward-only → independent. C: inward-led, no connection (import CN 2000, export FR 2005) → independent.
    // D: outward-led → other. E: domestic → other. F: simultaneous with a connection → other.
    private static IEnumerable<CaseProfile> Profiles() =>
    [
        CaseAnalysis.Analyze(new CaseBuilder("A").In(Mode.Licensing, "DE", "2000").Out(Mode.GoodsTrade, "DE", "2004").Build(), 2020),
        CaseAnalysis.Analyze(new CaseBuilder("B").In(Mode.GoodsTrade, "RU", "2000", end: "2014", endReason: EndReasonKind.Sanctions).Build(), 2020),
        CaseAnalysis.Analyze(new CaseBuilder("C").In(Mode.GoodsTrade, "CN", "2000").Out(Mode.GoodsTrade, "FR", "2005").Build(), 2020),
        CaseAnalysis.Analyze(new CaseBuilder("D").Out(Mode.GoodsTrade, "DE", "2000").In(Mode.GoodsTrade, "DE", "2006").Build(), 2020),
        CaseAnalysis.Analyze(new CaseBuilder("E").Build(), 2020),
        CaseAnalysis.Analyze(new CaseBuilder("F").In(Mode.GoodsTrade, "DE", "2000").Out(Mode.GoodsTrade, "DE", "2001").Build(), 2020),
    ];

    [Fact]
    public void Each_case_is_classified_by_trajectory_and_inward_to_outward_connections()
    {
        var p = Profiles().ToDictionary(x => x.FirmId);
        Assert.Equal(CasePattern.Complementarity, CrossCase.Classify(p["A"]));
        Assert.Equal(CasePattern.IndependentInward, CrossCase.Classify(p["B"]));
        Assert.Equal(CasePattern.IndependentInward, CrossCase.Classify(p["C"]));
        Assert.Equal(CasePattern.Other, CrossCase.Classify(p["D"]));
        Assert.Equal(CasePattern.Other, CrossCase.Classify(p["E"]));
        Assert.Equal(CasePattern.Other, CrossCase.Classify(p["F"]));
        Assert.Equal(1, p["F"].ConnectionCounts.InwardToOutward);   // a connection alone does not make complementarity
    }

    [Fact]
    public void Summary_counts_and_names_the_cases_behind_each_answer()
    {
        var s = CrossCase.Summarize(Profiles().Reverse());
        Assert.Equal(6, s.Cases);
        Assert.Equal((1, "A"), (s.Complementarity.Count, string.Join(",", s.Complementarity.FirmIds)));
        Assert.Equal((2, "B,C"), (s.IndependentInward.Count, string.Join(",", s.IndependentInward.FirmIds)));
        Assert.Equal((3, "D,E,F"), (s.Other.Count, string.Join(",", s.Other.FirmIds)));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], s.Rows.Select(r => r.FirmId).ToArray());
        Assert.Equal(
            "Of 6 case(s), 1 show inward as a basis for outward (complementarity) (A); 2 follow an independent inward path (B, C); 3 other (D, E, F). Independence prevails.",
            s.Answer);
        var byTrajectory = s.Trajectories.ToDictionary(t => t.Trajectory, t => string.Join(",", t.FirmIds));
        Assert.Equal("A,C", byTrajectory[Trajectory.InwardLed]);
        Assert.Equal("B", byTrajectory[Trajectory.InwardOnly]);
        Assert.Equal("D", byTrajectory[Trajectory.OutwardLed]);
        Assert.Equal("", byTrajectory[Trajectory.OutwardOnly]);
        Assert.Equal(6, s.Trajectories.Count);
    }

    [Fact]
    public void Rows_carry_stages_degrees_flags_and_connection_counts()
    {
        var rows = CrossCase.Summarize(Profiles()).Rows.ToDictionary(r => r.FirmId);
        var a = rows["A"];
        Assert.Equal((2, 1, Trajectory.InwardLed, 4.0), (a.InwardStage, a.OutwardStage, a.Trajectory, a.LeadYears!.Value));
        Assert.Equal((2, 0), (a.InwardToOutward, a.OutwardToInward));   // same country (DE) and technology
        var b = rows["B"];
        Assert.True(b.Deinternationalized);
        Assert.True(b.GeopoliticalEnding);
        Assert.Equal(0, b.InwardStage);
        Assert.Equal(FlagState.No, b.BornGlobal);
    }

    [Fact]
    public void An_empty_study_and_duplicate_firms()
    {
        var empty = CrossCase.Summarize([]);
        Assert.Equal((0, "No cases."), (empty.Cases, empty.Answer));
        var p = Profiles().First();
        Assert.Throws<ArgumentException>(() => CrossCase.Summarize([p, p]));
    }

    [Fact]
    public void Profiles_and_summaries_serialise_to_json_with_enums_as_strings()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        var profile = Profiles().First();
        var json = JsonSerializer.Serialize(profile, options);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("A", root.GetProperty("firm_id").GetString());
        Assert.Equal("inward_led", root.GetProperty("trajectory").GetProperty("kind").GetString());
        Assert.Equal("contractual_or_sales", root.GetProperty("inward_stage").GetProperty("level").GetString());
        Assert.Equal("licensing_in", root.GetProperty("connections")[0].GetProperty("from").GetProperty("mode_code").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("degree").GetProperty("outward").GetProperty("composite").ValueKind);
        var summary = JsonSerializer.Serialize(CrossCase.Summarize(Profiles()), options);
        Assert.Contains("\"independent_inward\"", summary);
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Json_keys_match_docs_json_md()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        using var p = JsonDocument.Parse(JsonSerializer.Serialize(Profiles().First(), options));
        var r = p.RootElement;
        Assert.Equal(["firm_id", "firm_name", "home_country", "sector", "founding_year", "as_of_year", "inward_stage", "outward_stage",
            "degree", "trajectory", "connections", "connection_counts"], Keys(r));
        Assert.Equal(["direction", "as_of_year", "level", "number", "label", "history"], Keys(r.GetProperty("inward_stage")));
        Assert.Equal(["year", "from", "to", "to_number", "to_label", "cause", "reason"], Keys(r.GetProperty("inward_stage").GetProperty("history")[0]));
        Assert.Equal(["inward", "outward", "balance", "intensity_balance", "countries", "composite"], Keys(r.GetProperty("degree")));
        Assert.Equal(["direction", "as_of_year", "active_operations", "intensity", "operations_with_known_share", "countries", "countries_ever",
            "regions", "sub_regions", "dispersion", "highest_tier", "first_year", "experience_years", "composite", "composite_components", "intensity_lower_bound"],
            Keys(r.GetProperty("degree").GetProperty("inward")));
        Assert.Equal(["kind", "first_inward_year", "first_outward_year", "first_inward", "first_outward", "lead_years", "first_inward_operation",
            "first_outward_operation", "reason", "born_global", "deinternationalization"], Keys(r.GetProperty("trajectory")));
        Assert.Equal(["id", "direction", "mode", "mode_code", "mode_name", "country", "partner", "start", "end"],
            Keys(r.GetProperty("trajectory").GetProperty("first_inward_operation")));
        Assert.Equal(["kind", "direction", "from", "to", "lag_years", "month_precision", "explanation"], Keys(r.GetProperty("connections")[0]));
        using var s = JsonDocument.Parse(JsonSerializer.Serialize(CrossCase.Summarize(Profiles()), options));
        Assert.Equal(["cases", "complementarity", "independent_inward", "other", "trajectories", "answer", "rows", "sensitivity", "contested"], Keys(s.RootElement));
        Assert.Equal(["firm_id", "firm_name", "home_country", "inward_stage", "outward_stage", "inward_intensity", "outward_intensity",
            "inward_countries", "outward_countries", "inward_composite", "outward_composite", "balance", "trajectory", "lead_years",
            "born_global", "deinternationalized", "geopolitical_ending", "inward_to_outward", "outward_to_inward", "pattern",
            "basis", "contested_inward_to_outward"],
            Keys(s.RootElement.GetProperty("rows")[0]));
    }
}
