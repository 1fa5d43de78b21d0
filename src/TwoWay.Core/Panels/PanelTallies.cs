using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// The counts and sums a panel analysis needs from the firm-years, whoever computes them: a SQL
/// engine where the data lives (GROUP BY over the window pass, <c>PanelSql</c>) or one pass over
/// firm-ordered rows here (<see cref="PanelPass"/>). <see cref="PanelTallyResults"/> turns them
/// into results, so both give the same figures by construction of the same counts.
/// </summary>
public interface IPanelTallies
{
    /// <summary>Firms, firm-years, first and last year.</summary>
    (long Firms, long FirmYears, int First, int Last) Extent();

    /// <summary>Firms per year and trader state (zero counts may be left out).</summary>
    IReadOnlyList<(int Year, TraderState State, long Firms)> StateCounts();

    /// <summary>Firms per (year, state that year, state the next year), consecutive observed years only.</summary>
    IReadOnlyList<(int Year, TraderState From, TraderState To, long Firms)> TransitionCounts();

    /// <summary>One direction's entry-spell cells and Kaplan–Meier outcomes.</summary>
    PanelCells Cells(Direction entering);

    /// <summary>
    /// The score pass: Σ_f U_f U_fᵀ within each block, U_f the sum of the firm's spell rows' scores
    /// looked up by cell (rows whose cell has no score, e.g. held back by disclosure control, add
    /// nothing), and the number of firms with at least one scored row.
    /// </summary>
    (double[,] Meat, long Clusters) ClusterMeat(Direction entering, IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks);

    /// <summary>For k = 1…5: firms whose first international activity was importing (n, exporting within k) and firms without any in their first year (n, exporting within k).</summary>
    IReadOnlyList<(int K, bool ImportersFirst, long Firms, long Exporting)> ConversionCounts();
}

/// <summary>The results built from tallies, one way for every engine.</summary>
public static class PanelTallyResults
{
    public static List<StateShare> States(IEnumerable<(int Year, TraderState State, long Firms)> counts)
    {
        var shares = new List<StateShare>();
        foreach (var year in counts.GroupBy(x => x.Year).OrderBy(g => g.Key))
        {
            var total = year.Sum(x => x.Firms);
            foreach (var s in TraderStates.All)
            {
                var n = year.Where(x => x.State == s).Sum(x => x.Firms);
                shares.Add(new StateShare(year.Key, s, n, (double)n / total));
            }
        }
        return shares;
    }

    public static (TransitionMatrix Pooled, List<TransitionMatrix> ByYear) Transitions(IReadOnlyList<(int Year, TraderState From, TraderState To, long Firms)> rows)
    {
        var pooled = TransitionMatrix.From(null, rows.Select(x => (x.From, x.To, x.Firms)));
        var byYear = rows.GroupBy(x => x.Year).OrderBy(g => g.Key)
            .Select(g => TransitionMatrix.From(g.Key, g.Select(x => (x.From, x.To, x.Firms)))).ToList();
        return (pooled, byYear);
    }

    public static List<ConversionRow> Conversion(IEnumerable<(int K, bool ImportersFirst, long Firms, long Exporting)> rows)
    {
        var counts = rows.ToDictionary(r => (r.K, r.ImportersFirst), r => (r.Firms, r.Exporting));
        return Enumerable.Range(1, 5).Select(k =>
        {
            var a = counts.GetValueOrDefault((k, true)); var b = counts.GetValueOrDefault((k, false));
            return new ConversionRow(k, Wilson.Interval(a.Exporting, a.Firms), Wilson.Interval(b.Exporting, b.Firms));
        }).ToList();
    }

    /// <summary>The sums m_j_l (j ≥ l) of a score pass as a symmetric matrix; entries not summed are NaN.</summary>
    public static (double[,] Meat, long Clusters) Meat(int p, long clusters, IEnumerable<(int J, int L, double Value)> entries)
    {
        var meat = new double[p, p];
        for (var j = 0; j < p; j++)
            for (var l = 0; l < p; l++) meat[j, l] = double.NaN;
        foreach (var (j, l, v) in entries) meat[j, l] = meat[l, j] = v;
        return (meat, clusters);
    }

    /// <summary>The (j, l), j ≥ l, whose products a score pass sums: within each block, or all.</summary>
    public static IEnumerable<(int J, int L)> Products(int p, IReadOnlyList<ScoreBlock>? blocks)
    {
        foreach (var b in blocks ?? [new ScoreBlock(0, p)])
            for (var j = b.From; j < b.From + b.Size; j++)
                for (var l = b.From; l <= j; l++) yield return (j, l);
    }
}

/// <summary>
/// One direction's entry spells reduced to cells and Kaplan–Meier outcomes: all the entry models
/// need (<see cref="EntryModels"/>), whether computed here or read from a cells file made elsewhere.
/// </summary>
public sealed record PanelCells(Direction Entering, IReadOnlyList<SpellCell> Cells, IReadOnlyList<SpellOutcome> Outcomes)
{
    /// <summary>In a fixed order, so every engine gives the same fit (sums in the same order).</summary>
    public static PanelCells Ordered(Direction entering, IEnumerable<SpellCell> cells, IEnumerable<SpellOutcome> outcomes) =>
        new(entering,
            cells.OrderBy(x => x.Interval).ThenBy(x => x.Lag).ThenBy(x => string.Join("\u0001", x.Levels), StringComparer.Ordinal).ToList(),
            outcomes.OrderBy(o => o.LagAtStart).ThenBy(o => o.Time).ThenBy(o => o.Entered).ToList());
}
