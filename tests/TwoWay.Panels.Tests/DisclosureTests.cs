using DuckDB.NET.Data;
using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// The threshold rule with secondary suppression (docs/panel-data.md): by hand on small tables, the
/// SQL that leaves a data holder's engine equal to the rule in C#, and no held-back figure recoverable
/// from a released total in a whole analysis.
/// </summary>
public sealed class DisclosureTests
{
    private static List<long> Kept(long[] firms, int n) =>
        Disclosure.Control(firms.Select((f, i) => (f, i)), _ => 0, x => Disclosure.Small(x.f, n), l => l.OrderBy(x => x.f).ThenBy(x => x.i), x => x.f, n)
            .Kept.Select(x => x.f).Order().ToList();

    [Fact]
    public void Hand_worked_rows()
    {
        // Nothing small: everything released.
        Assert.Equal([10, 40, 50], Kept([40, 10, 50], 10));
        // One small entry (3): the next smallest (20) goes with it; together 23 ≥ 10 firms.
        Assert.Equal([40, 50], Kept([3, 50, 40, 20], 10));
        // Two small entries resting on 10 firms together: no secondary needed.
        Assert.Equal([40, 50], Kept([3, 50, 40, 7], 10));
        // Two small entries on 5 firms together: the smallest other (50) goes too.
        Assert.Equal([60], Kept([2, 3, 50, 60], 10));
        // Zero is not small (nobody to identify).
        Assert.Equal([0, 40, 50], Kept([0, 40, 50], 10));
        // All small: all held back.
        Assert.Empty(Kept([1, 2], 10));
    }

    [Fact]
    public void Cells_rule_counts_firms_entries_and_non_entries()
    {
        SpellCell[] cells =
        [
            new(1, false, ["A"], 100, 50), // fine
            new(1, true, ["A"], 100, 95),  // 5 non-entries: small
            new(1, false, ["B"], 30, 10),  // fine, the smallest other: held back beside it
            new(1, true, ["B"], 200, 100), // fine
            new(2, false, ["A"], 40, 0),   // no entries: fine
        ];
        SpellOutcome[] outcomes = [new(false, 1, true, 50), new(false, 1, false, 50), new(true, 1, true, 3), new(true, 1, false, 300)];
        var (kept, keptOutcomes, report) = Disclosure.ControlCells(Direction.Outward, cells, outcomes, 10);
        Assert.Equal([(1, false, "A"), (1, true, "B"), (2, false, "A")], kept.Select(c => (c.Interval, c.Lag, c.Levels[0])));
        Assert.Equal(new SuppressedEntries("export entry cells", 1, 1), report.Suppressed[0]);
        // Outcome rows at time 1: (lag 1: 303 firms, 3 entries) is small; the only other row goes with it.
        Assert.Empty(keptOutcomes);
        Assert.Equal(new SuppressedEntries("export entry outcomes", 1, 1), report.Suppressed[1]);
    }

    [Fact]
    public void The_SQL_releases_exactly_the_rows_the_rule_releases()
    {
        using var tmp = new TempDir();
        PanelWriter.Write(PanelSimulation.Generate(3000, 7, 11, 1.8), tmp.File("p.parquet"));
        var input = new PanelInput(tmp.File("p.parquet")) { Covariates = ["sector", "size_class"] };
        using var engine = new PanelEngine();
        engine.Load(input);
        engine.WriteCells(tmp.File("all.csv"));
        engine.WriteCells(tmp.File("released.csv"), minCell: 10);
        var all = CellsFile.Read(tmp.File("all.csv"));
        var released = CellsFile.Read(tmp.File("released.csv"));
        var heldBack = 0;
        foreach (var (full, sql) in new[] { (all.Export, released.Export), (all.Import, released.Import) })
        {
            var (cells, outcomes, report) = Disclosure.ControlCells(full.Entering, full.Cells, full.Outcomes, 10);
            Assert.Equal(cells.Select(Key), sql.Cells.Select(Key));
            Assert.Equal(outcomes, sql.Outcomes);
            heldBack += report.Suppressed.Sum(s => s.Primary + s.Secondary);
            // Nothing released rests on 1–9 firms, entries or non-entries.
            Assert.DoesNotContain(sql.Cells, c => Disclosure.Small(c.AtRisk, 10) || Disclosure.Small(c.Entries, 10) || Disclosure.Small(c.AtRisk - c.Entries, 10));
        }
        Assert.True(heldBack > 0, "the test panel should have small cells");

        // Step 3 counts the same rows.
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"CREATE VIEW panel_rows AS SELECT * FROM read_parquet('{tmp.File("p.parquet")}'); " +
                          PanelSql.SuppressionQuery(SqlDialect.DuckDb, input with { Path = "panel_rows" }, 10);
        using var r = cmd.ExecuteReader();
        long sum = 0;
        static long L(object v) => v is System.Numerics.BigInteger b ? (long)b : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        while (r.Read()) sum += L(r.GetValue(2)) + L(r.GetValue(3));
        Assert.Equal(heldBack, sum);
    }

    private static string Key(SpellCell c) => $"{c.Interval}|{c.Lag}|{string.Join("|", c.Levels)}|{c.AtRisk}|{c.Entries}";

    [Fact]
    public void An_analysis_with_min_cell_releases_no_small_count_and_none_recoverable_from_a_total()
    {
        // 200 firms, 2001–2003: 40 start importing in 2002; 5 of the others export in 2003 (a count below 30).
        using var tmp = new TempDir();
        var csv = new System.Text.StringBuilder("firm_id,year,import_value,export_value\n");
        for (var f = 0; f < 200; f++)
            for (var y = 2001; y <= 2003; y++)
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"f{f},{y},{(f >= 160 && y >= 2002 ? 10 : 0)},{(f < 5 && y == 2003 ? 10 : 0)}\n");
        File.WriteAllText(tmp.File("p.csv"), csv.ToString());
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(tmp.File("p.csv")));
        var open = engine.Analyze(Ties.Efron);
        using var again = new PanelEngine();
        again.Load(new PanelInput(tmp.File("p.csv")));
        const int n = 30;
        var controlled = again.Analyze(Ties.Efron, minCell: n);
        Assert.NotNull(controlled.Disclosure);
        Assert.DoesNotContain(controlled.States, s => Disclosure.Small(s.Firms, n));
        foreach (var year in open.States.GroupBy(s => s.Year))
        {
            var held = year.Where(s => !controlled.States.Any(c => c.Year == s.Year && c.State == s.State)).ToList();
            Assert.True(held.Count == 0 || (held.Count >= 2 && held.Sum(h => h.Firms) >= n), $"year {year.Key}: {held.Count} held back");
            Assert.Equal(year.Sum(s => s.Firms), controlled.FirmsByYear![year.Key]);
        }
        // 2003: export only (5) is held back, and import only (40) beside it; none (155) is released.
        Assert.Equal([TraderState.None], controlled.States.Where(s => s.Year == 2003 && s.Firms > 0).Select(s => s.State));
        Assert.DoesNotContain(controlled.Transitions.Cells, c => Disclosure.Small(c.Firms, n));
        Assert.Contains(controlled.Disclosure!.Suppressed, s => s.Table == "trader states" && s.Primary == 1 && s.Secondary == 1);
        // The five exporters' entry cell goes, with the other cell of its interval.
        Assert.Contains(controlled.Disclosure.Suppressed, s => s.Table == "export entry cells" && s.Primary == 1 && s.Secondary == 1);
        Assert.Equal(0, controlled.ExportEntry.Entries);
        foreach (var curve in controlled.ExportEntry.KaplanMeier.Concat(controlled.ImportEntry.KaplanMeier))
            Assert.DoesNotContain(curve.Steps, s => Disclosure.Small((long)s.Events, n) || Disclosure.Small((long)s.AtRisk, n));
    }
}
