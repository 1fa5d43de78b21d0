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
internal sealed class PanelAggregation(DbConnection db, SqlDialect dialect)
{
    public List<StateShare> States()
    {
        var rows = new List<(int Year, TraderState State, long N)>();
        using (var r = Reader(PanelSql.States))
            while (r.Read()) rows.Add((Int(r, 0), TraderStates.Of(Int(r, 1) == 1, Int(r, 2) == 1), Long(r, 3)));
        var shares = new List<StateShare>();
        foreach (var year in rows.GroupBy(x => x.Year))
        {
            var total = year.Sum(x => x.N);
            foreach (var s in TraderStates.All)
            {
                var n = year.Where(x => x.State == s).Sum(x => x.N);
                shares.Add(new StateShare(year.Key, s, n, (double)n / total));
            }
        }
        return shares;
    }

    public (TransitionMatrix Pooled, List<TransitionMatrix> ByYear) Transitions()
    {
        var rows = new List<(int Year, TraderState From, TraderState To, long N)>();
        using (var r = Reader(PanelSql.Transitions))
            while (r.Read())
                rows.Add((Int(r, 0), TraderStates.Of(Int(r, 1) == 1, Int(r, 2) == 1), TraderStates.Of(Int(r, 3) == 1, Int(r, 4) == 1), Long(r, 5)));
        var pooled = TransitionMatrix.From(null, rows.Select(x => (x.From, x.To, x.N)));
        var byYear = rows.GroupBy(x => x.Year).OrderBy(g => g.Key)
            .Select(g => TransitionMatrix.From(g.Key, g.Select(x => (x.From, x.To, x.N)))).ToList();
        return (pooled, byYear);
    }

    /// <summary>The cells and Kaplan–Meier outcomes of one direction, read through the cells query.</summary>
    public PanelCells Cells(Direction entering, IReadOnlyList<string> covariates)
    {
        using var r = Reader(PanelSql.Cells(dialect, entering, covariates, $"({PanelSql.Spells(entering, covariates.Count)})"));
        return PanelCells.Read(r, covariates, entering);
    }

    /// <summary>Σ_f U_f U_fᵀ and the number of firms, by the score pass.</summary>
    public (double[,] Meat, long Clusters) ClusterMeat(Direction entering, int covariates, IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks)
    {
        foreach (var statement in PanelSql.ScoreTable(dialect, covariates, scores))
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = statement;
            cmd.CommandTimeout = 0;
            cmd.ExecuteNonQuery();
        }
        var p = scores[0].Score.Length;
        using var r = Reader(PanelSql.ScoreProducts(dialect, covariates, p, $"({PanelSql.Spells(entering, covariates)})", "cell_scores c", blocks));
        r.Read();
        return ScoreMatrix.From(p, Long(r, 0), PanelSql.Products(p, blocks).Select((x, i) =>
            (x.J, x.L, r.IsDBNull(1 + i) ? 0 : Convert.ToDouble(r.GetValue(1 + i), CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// One direction's entry models: the cells query, the fits on cells, and the score pass for
    /// firm-clustered standard errors; the time of the fits and of the pass go into <paramref name="seconds"/>.
    /// </summary>
    /// <param name="entering">Export entry (outward) or import entry (inward).</param>
    /// <param name="covs">The covariates.</param>
    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="seconds">Receives the stage timings.</param>
    /// <param name="stage">Reports progress.</param>
    /// <param name="control">Disclosure control of the cells before fitting (<c>--min-cell</c>); null for none.</param>
    public EntryAnalysis Entry(Direction entering, IReadOnlyList<string> covs, Ties ties, IDictionary<string, double> seconds, Action<string> stage,
        DisclosureCollector? control = null)
    {
        var what = PanelSql.DirectionName(entering);
        stage($"{what} entry: spells");
        var cells = Cells(entering, covs);
        if (control is not null) cells = control.Apply(cells);
        stage($"{what} entry: models");
        var pass = TimeSpan.Zero;
        var all = System.Diagnostics.Stopwatch.StartNew();
        var result = EntryModels.Analyze(entering, covs, cells.Cells, cells.Outcomes, ties, (scores, blocks) =>
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var meat = ClusterMeat(entering, covs.Count, scores, blocks);
            pass = sw.Elapsed;
            return meat;
        });
        seconds[$"{what}_entry_fits_on_cells"] = Math.Round((all.Elapsed - pass).TotalSeconds, 3);
        seconds[$"{what}_entry_firm_score_pass"] = Math.Round(pass.TotalSeconds, 3);
        return result;
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

    /// <summary>
    /// The whole analysis over fw, for every engine: states, transitions, both entry directions,
    /// conversion (and the country linkage when the engine has flows), each stage timed into
    /// <paramref name="seconds"/>; with <paramref name="minCell"/>, under disclosure control.
    /// A model the data cannot support is bad input named by <paramref name="source"/>.
    /// </summary>
    public PanelAnalysis Analyze(string source, IReadOnlyList<string> covs, Ties ties, IDictionary<string, double> seconds, Action<string> stage,
        int? minCell = null, Func<CountryLinkage>? linkage = null)
    {
        T Timed<T>(string name, Func<T> work)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = work();
            seconds[name] = Math.Round(sw.Elapsed.TotalSeconds, 3);
            return r;
        }
        var control = minCell is { } n ? new DisclosureCollector(n) : null;
        var (firms, firmYears, first, last) = Extent();
        var states = Timed("states", States);
        var (pooled, byYear) = Timed("transitions", Transitions);
        EntryAnalysis exportEntry, importEntry;
        try
        {
            exportEntry = Timed("export_entry", () => Entry(Direction.Outward, covs, ties, seconds, stage, control));
            importEntry = Timed("import_entry", () => Entry(Direction.Inward, covs, ties, seconds, stage, control));
        }
        catch (EstimationException ex)
        {
            throw new Input.InputException(source, null, null, ex.Message);
        }
        var conversion = Timed("conversion", () => { stage("conversion"); return Conversion(); });
        var link = linkage is null ? null : Timed("country_linkage", linkage);
        var analysis = new PanelAnalysis(source, firms, firmYears, first, last, covs, states, pooled, byYear,
            exportEntry, importEntry, conversion, link, new Dictionary<string, double>(seconds));
        return control is null ? analysis : control.Finish(analysis);
    }

    /// <summary>Firms, firm-years, first and last year of the window table.</summary>
    public (long Firms, long FirmYears, int First, int Last) Extent()
    {
        using var r = Reader("SELECT COUNT(DISTINCT firm), COUNT(*), MIN(year), MAX(year) FROM fw");
        r.Read();
        return (Long(r, 0), Long(r, 1), Int(r, 2), Int(r, 3));
    }

    public List<ConversionRow> Conversion()
    {
        var counts = new Dictionary<(int K, bool ImportersFirst), (long N, long S)>();
        using (var r = Reader(PanelSql.Conversion))
            while (r.Read())
                counts[(Int(r, 0), Int(r, 1) == 1)] = (Long(r, 2), r.IsDBNull(3) ? 0 : Long(r, 3));
        return Enumerable.Range(1, 5).Select(k =>
        {
            var a = counts.GetValueOrDefault((k, true)); var b = counts.GetValueOrDefault((k, false));
            return new ConversionRow(k, Wilson.Interval(a.S, a.N), Wilson.Interval(b.S, b.N));
        }).ToList();
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

/// <summary>The sums m_j_l (j ≥ l) of the score pass as a symmetric matrix; entries not summed are NaN.</summary>
internal static class ScoreMatrix
{
    public static (double[,] Meat, long Clusters) From(int p, long clusters, IEnumerable<(int J, int L, double Value)> entries)
    {
        var meat = new double[p, p];
        for (var j = 0; j < p; j++)
            for (var l = 0; l < p; l++) meat[j, l] = double.NaN;
        foreach (var (j, l, v) in entries) meat[j, l] = meat[l, j] = v;
        return (meat, clusters);
    }
}

/// <summary>
/// One direction's entry spells reduced to cells and Kaplan–Meier outcomes: all the entry models
/// need (<see cref="EntryModels"/>), whether computed here or read from a cells file made elsewhere.
/// </summary>
public sealed record PanelCells(Direction Entering, IReadOnlyList<SpellCell> Cells, IReadOnlyList<SpellOutcome> Outcomes)
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
        return Ordered(entering, cells, outcomes);
    }

    internal static PanelCells Ordered(Direction entering, IEnumerable<SpellCell> cells, IEnumerable<SpellOutcome> outcomes) =>
        new(entering,
            cells.OrderBy(x => x.Interval).ThenBy(x => x.Lag).ThenBy(x => string.Join("\u0001", x.Levels), StringComparer.Ordinal).ToList(),
            outcomes.OrderBy(o => o.LagAtStart).ThenBy(o => o.Time).ThenBy(o => o.Entered).ToList());
}
