using System.Data.Common;
using System.Globalization;
using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// The analysis over a window table fw that exists in a database connection (DuckDB in-process, or
/// PostgreSQL where the data lives): the <see cref="PanelSql"/> queries run there and only counts and
/// sums come back; the statistics run on them in the core. One path for every engine.
/// </summary>
internal sealed class PanelAggregation(DbConnection db, SqlDialect dialect, IReadOnlyList<string> covariates) : IPanelTallies
{
    public IReadOnlyList<(int Year, TraderState State, long Firms)> StateCounts()
    {
        var rows = new List<(int, TraderState, long)>();
        using var r = Reader(PanelSql.States);
        while (r.Read()) rows.Add((Int(r, 0), TraderStates.Of(Int(r, 1) == 1, Int(r, 2) == 1), Long(r, 3)));
        return rows;
    }

    public IReadOnlyList<(int Year, TraderState From, TraderState To, long Firms)> TransitionCounts()
    {
        var rows = new List<(int, TraderState, TraderState, long)>();
        using var r = Reader(PanelSql.Transitions);
        while (r.Read())
            rows.Add((Int(r, 0), TraderStates.Of(Int(r, 1) == 1, Int(r, 2) == 1), TraderStates.Of(Int(r, 3) == 1, Int(r, 4) == 1), Long(r, 5)));
        return rows;
    }

    /// <summary>The cells and Kaplan–Meier outcomes of one direction, read through the cells query.</summary>
    public PanelCells Cells(Direction entering)
    {
        using var r = Reader(PanelSql.Cells(dialect, entering, covariates, $"({PanelSql.Spells(entering, covariates.Count)})"));
        return PanelCellsReader.Read(r, covariates, entering);
    }

    /// <summary>Σ_f U_f U_fᵀ and the number of firms, by the score pass.</summary>
    public (double[,] Meat, long Clusters) ClusterMeat(Direction entering, IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks)
    {
        foreach (var statement in PanelSql.ScoreTable(dialect, covariates.Count, scores))
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = statement;
            cmd.CommandTimeout = 0;
            cmd.ExecuteNonQuery();
        }
        var p = scores[0].Score.Length;
        using var r = Reader(PanelSql.ScoreProducts(dialect, covariates.Count, p, $"({PanelSql.Spells(entering, covariates.Count)})", "cell_scores c", blocks));
        r.Read();
        return PanelTallyResults.Meat(p, Long(r, 0), PanelTallyResults.Products(p, blocks).Select((x, i) =>
            (x.J, x.L, r.IsDBNull(1 + i) ? 0 : Convert.ToDouble(r.GetValue(1 + i), CultureInfo.InvariantCulture))));
    }

    /// <summary>Country linkage over a flows relation (firm, year_d, country, flow, value), as <see cref="PanelSql.CountryLinkage"/> counts it.</summary>
    public CountryLinkage Linkage(string flows)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = PanelSql.CountryLinkage(flows);
        cmd.CommandTimeout = 0;
        using var r = cmd.ExecuteReader();
        r.Read();
        long L(int i) => r.IsDBNull(i) ? 0 : ToLong(r.GetValue(i));
        var with = Wilson.Interval(L(2), L(1));
        var without = Wilson.Interval(L(4), L(3));
        return new CountryLinkage(L(0), with, without, with.Estimate / without.Estimate);
    }

    /// <summary>Firms, firm-years, first and last year of the window table.</summary>
    public (long Firms, long FirmYears, int First, int Last) Extent()
    {
        using var r = Reader("SELECT COUNT(DISTINCT firm), COUNT(*), MIN(year), MAX(year) FROM fw");
        r.Read();
        return (Long(r, 0), Long(r, 1), Int(r, 2), Int(r, 3));
    }

    public IReadOnlyList<(int K, bool ImportersFirst, long Firms, long Exporting)> ConversionCounts()
    {
        var rows = new List<(int, bool, long, long)>();
        using var r = Reader(PanelSql.Conversion);
        while (r.Read()) rows.Add((Int(r, 0), Int(r, 1) == 1, Long(r, 2), r.IsDBNull(3) ? 0 : Long(r, 3)));
        return rows;
    }

    public DbDataReader Reader(string sql)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return cmd.ExecuteReader();
    }

    internal static long Long(DbDataReader r, int i) => ToLong(r.GetValue(i));

    /// <summary>Engines return counts as int64, numeric or HUGEINT; they always fit a long.</summary>
    internal static long ToLong(object value) => value switch
    {
        System.Numerics.BigInteger b => (long)b,
        var v => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    internal static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
}

/// <summary>Applies <see cref="Disclosure.ControlCells"/> to each direction's cells and keeps the reports.</summary>
public sealed class DisclosureCollector(int minCell)
{
    public int MinCell { get; } = minCell;
    public DisclosureReport Report { get; private set; } = new(minCell, []);

    public PanelCells Apply(PanelCells cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var (kept, outcomes, report) = Disclosure.ControlCells(cells.Entering, cells.Cells, cells.Outcomes, MinCell);
        Report = Report.Merge(report);
        return cells with { Cells = kept, Outcomes = outcomes };
    }

    /// <summary>The whole analysis with its tables controlled and every report joined.</summary>
    public PanelAnalysis Finish(PanelAnalysis analysis) => AnalysisDisclosure.Control(analysis, MinCell, Report);
}

/// <summary>Reads cells-layout rows (from the cells query or a cells file) into <see cref="PanelCells"/>.</summary>
internal static class PanelCellsReader
{
    /// <summary>
    /// Reads rows of the cells layout (part, direction, interval, lag, covariates…, firms, entries),
    /// keeping those of <paramref name="entering"/>, in a fixed order so every engine gives the same fit.
    /// </summary>
    internal static PanelCells Read(DbDataReader r, IReadOnlyList<string> covariates, Direction entering)
    {
        var name = PanelSql.DirectionName(entering);
        var cells = new List<SpellCell>();
        var outcomes = new List<SpellOutcome>();
        var c = covariates.Count;
        while (r.Read())
        {
            if (r.GetString(1) != name) continue;
            var k = PanelAggregation.Int(r, 2);
            var lag = PanelAggregation.Int(r, 3) == 1;
            var firms = PanelAggregation.Long(r, 4 + c);
            var entries = r.IsDBNull(5 + c) ? 0 : PanelAggregation.Long(r, 5 + c);
            if (r.GetString(0) == "cell")
                cells.Add(new SpellCell(k, lag, Enumerable.Range(0, c).Select(i => r.GetString(4 + i)).ToArray(), firms, entries));
            else
            {
                if (entries > 0) outcomes.Add(new SpellOutcome(lag, k, true, entries));
                if (firms - entries > 0) outcomes.Add(new SpellOutcome(lag, k, false, firms - entries));
            }
        }
        return PanelCells.Ordered(entering, cells, outcomes);
    }
}
