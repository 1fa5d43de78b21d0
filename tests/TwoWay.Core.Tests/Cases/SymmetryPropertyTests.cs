using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

/// <summary>
/// Property tests on seeded random firms: mirroring a firm's directions (FirmCase.Mirrored) mirrors
/// every result, and stage histories agree with the stage at each year. Deterministic: a failure
/// names the seed that reproduces it.
/// </summary>
public class SymmetryPropertyTests
{
    private const int Cases = 400;
    private static readonly string[] Countries = ["DE", "AT", "RU", "CN", "GE", "US", "PL"];
    private static readonly string?[] Partners = [null, null, "Alpha", "Beta", "beta ", "Gamma"];

    internal static (FirmCase Case, int AsOf) RandomCase(int seed)
    {
        var rng = new Random(seed);
        var firmId = new FirmId($"R{seed}");
        var n = rng.Next(0, 15);
        var ops = new List<Operation>();
        for (var i = 0; i < n; i++)
        {
            var startYear = rng.Next(1990, 2021);
            int? startMonth = rng.NextDouble() < 0.4 ? rng.Next(1, 13) : null;
            YearMonth? end = null;
            EndReason? reason = null;
            if (rng.NextDouble() < 0.35)
            {
                var endYear = startYear + rng.Next(0, 9);
                int? endMonth = startMonth is { } sm
                    ? (endYear == startYear ? rng.Next(sm, 13) : rng.Next(1, 13))
                    : (rng.NextDouble() < 0.3 && endYear > startYear ? rng.Next(1, 13) : null);
                end = new YearMonth(endYear, endMonth);
                if (rng.NextDouble() < 0.6) reason = new EndReason((EndReasonKind)rng.Next(0, 7));
            }
            var mode = Modes.All[rng.Next(Modes.All.Count)];
            ops.Add(new Operation(new OperationId($"op{i:D2}"), firmId, rng.Next(2) == 0 ? Direction.Inward : Direction.Outward,
                mode, CountryCode.Parse(Countries[rng.Next(Countries.Length)]), new YearMonth(startYear, startMonth), end,
                Partners[rng.Next(Partners.Length)],
                volume: rng.NextDouble() < 0.5 ? new Volume(shareOfTotal: Math.Round(rng.NextDouble() * 0.5, 2)) : null,
                endReason: reason));
        }
        int? founded = rng.NextDouble() < 0.7 ? rng.Next(1985, 2001) : null;
        var firm = new Firm(firmId, $"Random {seed}", CountryCode.Parse("RS"), foundingYear: founded);
        return (new FirmCase(firm, ops), rng.Next(1995, 2026));
    }

    private static void ForAllSeeds(Action<FirmCase, int> property)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (c, asOf) = RandomCase(seed);
            try { property(c, asOf); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"Property failed for seed {seed} (as of {asOf}): {e.Message}"); }
        }
    }

    [Fact]
    public void Mirroring_swaps_the_stages()
    {
        ForAllSeeds((c, asOf) =>
        {
            var m = c.Mirrored();
            foreach (var d in new[] { Direction.Inward, Direction.Outward })
            {
                var original = Stages.Of(c, d, asOf);
                var mirrored = Stages.Of(m, d.Mirror(), asOf);
                Assert.Equal(original.Level, mirrored.Level);
                Assert.Equal(
                    original.History.Select(h => (h.Year, h.From, h.To, h.Cause.Id)),
                    mirrored.History.Select(h => (h.Year, h.From, h.To, h.Cause.Id)));
            }
        });
    }

    [Fact]
    public void Stage_history_agrees_with_the_stage_at_each_year()
    {
        ForAllSeeds((c, asOf) =>
        {
            foreach (var d in new[] { Direction.Inward, Direction.Outward })
            {
                var s = Stages.Of(c, d, asOf);
                Assert.Equal(Stages.At(c, d, asOf), s.Level);
                var previous = StageLevel.None;
                foreach (var h in s.History)
                {
                    Assert.Equal(previous, h.From);
                    Assert.NotEqual(h.From, h.To);
                    Assert.Equal(h.To, Stages.At(c, d, h.Year));
                    Assert.Equal(h.From, Stages.At(c, d, h.Year - 1));
                    Assert.Equal(d, h.Cause.Direction);
                    previous = h.To;
                }
                Assert.Equal(previous, s.Level);
            }
        });
    }

    private static object Key(DirectionDegree d) => (d.ActiveOperations, d.Intensity, d.OperationsWithKnownShare, d.Countries,
        d.CountriesEver, d.Regions, d.SubRegions, d.Dispersion, d.HighestTier, d.FirstYear, d.ExperienceYears, d.Composite,
        string.Join(",", d.CompositeComponents), d.IntensityLowerBound);

    [Fact]
    public void Mirroring_swaps_the_degrees_and_negates_the_balance()
    {
        ForAllSeeds((c, asOf) =>
        {
            var o = Degrees.Holistic(c, asOf);
            var m = Degrees.Holistic(c.Mirrored(), asOf);
            Assert.Equal(Key(o.Inward), Key(m.Outward));
            Assert.Equal(Key(o.Outward), Key(m.Inward));
            Assert.Equal(o.Balance is null, m.Balance is null);
            if (o.Balance is { } b) Assert.Equal(-b, m.Balance!.Value);
            Assert.Equal(o.IntensityBalance is null, m.IntensityBalance is null);
            if (o.IntensityBalance is { } ib) Assert.Equal(-ib, m.IntensityBalance!.Value);
            Assert.Equal(o.Composite, m.Composite);
            Assert.Equal(o.Countries, m.Countries);
            if (o.Balance is { } bb) Assert.InRange(bb, -1, 1);
        });
    }

    private static Trajectory Mirror(Trajectory t) => t switch
    {
        Trajectory.InwardLed => Trajectory.OutwardLed,
        Trajectory.OutwardLed => Trajectory.InwardLed,
        Trajectory.InwardOnly => Trajectory.OutwardOnly,
        Trajectory.OutwardOnly => Trajectory.InwardOnly,
        _ => t,
    };

    [Fact]
    public void Mirroring_mirrors_the_trajectory()
    {
        ForAllSeeds((c, asOf) =>
        {
            var o = Trajectories.Of(c, asOf);
            var m = Trajectories.Of(c.Mirrored(), asOf);
            Assert.Equal(Mirror(o.Kind), m.Kind);
            Assert.Equal((o.FirstInwardYear, o.FirstOutwardYear, o.FirstInward, o.FirstOutward),
                (m.FirstOutwardYear, m.FirstInwardYear, m.FirstOutward, m.FirstInward));
            Assert.Equal(o.LeadYears is null, m.LeadYears is null);
            if (o.LeadYears is { } lead) Assert.Equal(-lead, m.LeadYears!.Value);
            Assert.Equal(o.FirstInwardOperation?.Id, m.FirstOutwardOperation?.Id);
            var od = o.Deinternationalization;
            var md = m.Deinternationalization;
            Assert.Equal((od.Present, od.Geopolitical), (md.Present, md.Geopolitical));
            Assert.Equal(od.Ended.Select(e => e.Operation.Id), md.Ended.Select(e => e.Operation.Id));
            Assert.Equal(od.WithdrawnDirections.Select(d => d.Mirror()).OrderBy(d => d), md.WithdrawnDirections.OrderBy(d => d));
        });
    }

    [Fact]
    public void Mirroring_reverses_the_connections()
    {
        static ConnectionDirection Flip(ConnectionDirection d) =>
            d == ConnectionDirection.InwardToOutward ? ConnectionDirection.OutwardToInward : ConnectionDirection.InwardToOutward;
        var total = 0;
        ForAllSeeds((c, asOf) =>
        {
            var o = Connections.Find(c, asOf);
            var m = Connections.Find(c.Mirrored(), asOf);
            total += o.Count;
            var expected = o.Select(x => (x.Kind, Flip(x.Direction), x.From.Id, x.To.Id, x.LagYears, x.MonthPrecision)).OrderBy(x => x.ToString()).ToList();
            var actual = m.Select(x => (x.Kind, x.Direction, x.From.Id, x.To.Id, x.LagYears, x.MonthPrecision)).OrderBy(x => x.ToString()).ToList();
            Assert.Equal(expected, actual);
            foreach (var x in o)
            {
                Assert.True(x.LagYears > 0, "a connection runs forward in time");
                Assert.NotEqual(x.From.Direction, x.To.Direction);
            }
        });
        Assert.True(total > 200, $"the generator should produce connections to test ({total})");
    }

    [Fact]
    public void Mirroring_keeps_the_cross_case_pattern_of_symmetric_cases_mirrored()
    {
        // Complementarity of a case means its mirror is outward-led with an outward→inward connection.
        ForAllSeeds((c, asOf) =>
        {
            var o = CaseAnalysis.Analyze(c, asOf);
            var m = CaseAnalysis.Analyze(c.Mirrored(), asOf);
            Assert.Equal(o.ConnectionCounts.InwardToOutward, m.ConnectionCounts.OutwardToInward);
            Assert.Equal(o.ConnectionCounts.OutwardToInward, m.ConnectionCounts.InwardToOutward);
            if (CrossCase.Classify(o) == CasePattern.Complementarity)
            {
                Assert.Equal(Trajectory.OutwardLed, m.Trajectory.Kind);
                Assert.True(m.ConnectionCounts.OutwardToInward > 0);
            }
        });
    }

    [Fact]
    public void Degrees_stay_in_their_ranges()
    {
        ForAllSeeds((c, asOf) =>
        {
            foreach (var d in new[] { Direction.Inward, Direction.Outward })
            {
                var g = Degrees.Of(c, d, asOf);
                Assert.InRange(g.Composite, 0, 1);
                if (g.Intensity is { } i) Assert.Equal(i, g.IntensityLowerBound);
                Assert.InRange(g.IntensityLowerBound, 0, 1);
                Assert.InRange(g.Dispersion, 0, g.SubRegions == 0 ? 0 : 1 - 1.0 / g.SubRegions + 1e-12);
                Assert.True(g.Countries <= g.CountriesEver);
                Assert.True(g.Regions <= g.SubRegions && g.SubRegions <= g.Countries);
                Assert.True(g.OperationsWithKnownShare <= g.ActiveOperations);
                Assert.Equal(g.ActiveOperations == 0, g.HighestTier is null);
            }
        });
    }

    [Fact]
    public void Analyze_all_gives_the_same_profiles_in_the_same_order()
    {
        var cases = Enumerable.Range(0, 60).Select(s => RandomCase(s).Case).ToList();
        var all = CaseAnalysis.AnalyzeAll(cases, 2015);
        Assert.Equal(cases.Select(c => c.Firm.Id.Value), all.Select(p => p.FirmId));
        for (var i = 0; i < cases.Count; i++)
        {
            var one = CaseAnalysis.Analyze(cases[i], 2015);
            Assert.Equal(one.Trajectory.Reason, all[i].Trajectory.Reason);
            Assert.Equal(one.Degree.Balance, all[i].Degree.Balance);
            Assert.Equal(one.Connections.Select(x => x.Explanation), all[i].Connections.Select(x => x.Explanation));
        }
    }
}
