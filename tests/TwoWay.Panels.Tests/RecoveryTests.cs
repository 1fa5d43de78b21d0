using TwoWay.Domain;
using TwoWay.Statistics;
using Xunit.Abstractions;

namespace TwoWay.Panels.Tests;

/// <summary>
/// Recovery: on panels simulated with a known import→export hazard ratio, the Cox 95% interval
/// covers the truth in about 95% of 200 replications. Runs on the pure path (simulation → spell
/// rules → cells → Cox), which the differential tests tie to the SQL path and to R.
/// </summary>
public class RecoveryTests(ITestOutputHelper output)
{
    public const double TrueHazardRatio = 1.8;

    public static (double Coverage, double MeanEstimate) Replicate(int replications, int firms, int years, double hr)
    {
        var covered = 0; var sum = 0.0;
        for (var rep = 0; rep < replications; rep++)
        {
            var cells = new Dictionary<(int, bool, string, string), (long N, long D)>();
            var outcomes = new Dictionary<(bool, int, bool), long>();
            foreach (var firm in PanelSimulation.Generate(firms, years, 1000 + rep, hr).GroupBy(r => r.FirmId))
            {
                var list = firm.ToList();
                var spell = EntrySpells.For(list.Select(r => new ObservedYear(r.Year, TraderStates.Of(r.ImportValue, r.ExportValue))).ToList(), Direction.Outward);
                foreach (var row in spell)
                {
                    var key = (row.Interval, row.OtherDirectionLag, list[0].Sector, list[0].SizeClass);
                    var c = cells.GetValueOrDefault(key);
                    cells[key] = (c.N + 1, c.D + (row.Entered ? 1 : 0));
                }
                if (spell.Count > 0)
                {
                    var o = (spell[0].OtherDirectionLag, spell[^1].Interval, spell[^1].Entered);
                    outcomes[o] = outcomes.GetValueOrDefault(o) + 1;
                }
            }
            var spellCells = cells.Select(c => new SpellCell(c.Key.Item1, c.Key.Item2, [c.Key.Item3, c.Key.Item4], c.Value.N, c.Value.D)).ToList();
            var so = outcomes.Select(o => new SpellOutcome(o.Key.Item1, o.Key.Item2, o.Key.Item3, o.Value)).ToList();
            var a = EntryModels.Analyze(Direction.Outward, ["sector", "size_class"], spellCells, so, Ties.Efron, null);
            var lag = a.Cox!.Coefficients[0];
            sum += lag.Ratio;
            if (lag.RatioLower95 <= hr && hr <= lag.RatioUpper95) covered++;
        }
        return ((double)covered / replications, sum / replications);
    }

    [Fact]
    public void The_hazard_ratio_interval_covers_the_truth_in_most_of_200_replications()
    {
        var (coverage, mean) = Replicate(200, 1500, 8, TrueHazardRatio);
        output.WriteLine($"coverage of HR = {TrueHazardRatio}: {coverage:P1} over 200 replications; mean estimate {mean:F3}");
        // 200 Bernoulli(0.95) draws fall below 0.90 with probability < 0.2%.
        Assert.InRange(coverage, 0.90, 1.0);
        Assert.InRange(mean, TrueHazardRatio * 0.9, TrueHazardRatio * 1.1);
    }
}
