using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// Spell rows aggregated to one cell per (interval, lag, covariate levels): how many firms were at
/// risk and how many entered. With categorical covariates every estimator here depends on the data
/// only through these counts, so a panel of millions of firm-years reduces to a few thousand cells.
/// </summary>
public sealed record SpellCell(int Interval, bool Lag, IReadOnlyList<string> Levels, long AtRisk, long Entries);

/// <summary>A firm's spell summarised for Kaplan–Meier: lag status at the start, last interval, entered or censored; Firms = how many firms share it.</summary>
public sealed record SpellOutcome(bool LagAtStart, int Time, bool Entered, long Firms);

/// <summary>The score contribution of one firm-row of a cell (entered or not) at the fitted coefficients.</summary>
public sealed record CellScore(int Interval, bool Lag, IReadOnlyList<string> Levels, bool Entered, double[] Score);

/// <summary>
/// Sums, over firms, the outer products of each firm's total score: Σ_f (Σ_{rows of f} s)(Σ s)ᵀ,
/// with the row scores looked up by cell. The adapter does this as a SQL GROUP BY firm.
/// Null when the sums are not available (yet): the fits then carry model-based standard errors only.
/// </summary>
/// Only the products within each of <paramref name="blocks"/> are needed (each model's own block);
/// the others may be left as NaN.
public delegate (double[,] Meat, long Clusters)? ClusterMeat(IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks);

/// <summary>A run of a score vector belonging to one model: its products with itself form that model's meat.</summary>
public readonly record struct ScoreBlock(int From, int Size);

/// <summary>
/// Kaplan–Meier, log-rank, Cox and discrete-time logit of entry, fitted on aggregated spell cells
/// (definitions in docs/methods.md, "Panel statistics").
/// </summary>
public static class EntryModels
{
    public static EntryAnalysis Analyze(Direction entering, IReadOnlyList<string> covariates, IReadOnlyList<SpellCell> cells,
        IReadOnlyList<SpellOutcome> outcomes, Ties ties, ClusterMeat? clusterMeat)
    {
        var lagName = entering == Direction.Outward ? "imp_lag" : "exp_lag";
        var what = entering == Direction.Outward ? "export entry" : "import entry";
        if (cells.Count == 0)
            throw new EstimationException($"no firm is at risk of {what} (every firm is active in that direction in its first year, or observed only one year)");
        var design = Design.Of(lagName, covariates, cells);

        // Kaplan–Meier and log-rank by lag status at the start (import status in y0 for export entry).
        string[] groups = [$"{lagName}=0", $"{lagName}=1"];
        var km = new List<KaplanMeierCurve>();
        foreach (var lag in new[] { false, true })
        {
            var rows = outcomes.Where(o => o.LagAtStart == lag).ToList();
            km.Add(KaplanMeier.Fit(groups[lag ? 1 : 0], rows.Select(o => (double)o.Time).ToList(), rows.Select(o => o.Entered).ToList(), rows.Select(o => (double)o.Firms).ToList()));
        }
        var problems = new List<string>();
        T? Try<T>(string model, Func<T> fit) where T : class
        {
            try { return fit(); }
            catch (EstimationException ex) { problems.Add($"{model}: {ex.Message}"); return null; }
        }
        var logRank = Try("log-rank", () => LogRank.Test(groups, outcomes.Select(o => o.LagAtStart ? 1 : 0).ToList(),
            outcomes.Select(o => (double)o.Time).ToList(), outcomes.Select(o => o.Entered).ToList(), outcomes.Select(o => (double)o.Firms).ToList()));

        // Cox on counting-process rows: each cell gives an entered row and a not-entered row.
        var n = cells.Count * 2;
        var start = new double[n]; var stop = new double[n]; var ev = new bool[n]; var counts = new double[n];
        var x = new double[n, design.Names.Count];
        for (var c = 0; c < cells.Count; c++)
        {
            var row = design.Row(cells[c]);
            for (var e = 0; e < 2; e++)
            {
                var i = 2 * c + e;
                start[i] = cells[c].Interval - 1; stop[i] = cells[c].Interval; ev[i] = e == 1;
                counts[i] = e == 1 ? cells[c].Entries : cells[c].AtRisk - cells[c].Entries;
                for (var j = 0; j < row.Length; j++) x[i, j] = row[j];
            }
        }
        var data = new SurvivalData(start, stop, ev, x, design.Names, counts);
        var coxFit = Try("Cox", () => Cox.FitModel(data, ties));

        // Discrete-time logit: interval dummies (the last pooling later intervals), lag, covariates.
        var lastInterval = LastEstimableInterval(cells);
        var names = new List<string> { "(Intercept)" };
        for (var k = 2; k <= lastInterval; k++) names.Add(k == lastInterval && cells.Any(c => c.Interval > k) ? $"interval={k}+" : $"interval={k}");
        names.AddRange(design.Names);
        var lx = new double[cells.Count, names.Count];
        for (var c = 0; c < cells.Count; c++) LogitRow(cells[c], design, lastInterval, lx, c);
        var events = cells.Select(c => (double)c.Entries).ToArray();
        var trials = cells.Select(c => (double)c.AtRisk).ToArray();
        var logit = Try("logit", () => Logistic.Fit(lx, names, events, trials));
        var cox = coxFit?.Result;

        if (clusterMeat is not null && (coxFit is not null || logit is not null))
        {
            // One pass over the firms for both models: the score vector is [Cox scores, logit scores],
            // and each model's meat is its diagonal block of the joint meat.
            var pc = coxFit is null ? 0 : design.Names.Count;
            var pl = logit is null ? 0 : names.Count;
            var beta = logit?.Coefficients.Select(c => c.Estimate).ToArray();
            // Each spell row's influence on Somers' d (one firm-year of the cell), for the concordance's clustered SE.
            var somers = coxFit is null ? null : Concordance.WithInfluence(data, coxFit.LinearPredictors(data)).Influence;
            var one = new double[1, names.Count];
            var scores = new List<CellScore>(n);
            for (var c = 0; c < cells.Count; c++)
            {
                var row = design.Row(cells[c]);
                LogitRow(cells[c], design, lastInterval, one, 0);
                for (var e = 0; e < 2; e++)
                {
                    // [Cox at β̂, logit, Cox at β = 0 (for the robust score test), concordance influence]
                    var score = new double[pc + pl + pc + (coxFit is null ? 0 : 1)];
                    if (coxFit is not null)
                    {
                        coxFit.ScoreResidual(start[2 * c + e], stop[2 * c + e], e == 1, row).CopyTo(score, 0);
                        coxFit.AtZero.ScoreResidual(start[2 * c + e], stop[2 * c + e], e == 1, row).CopyTo(score, pc + pl);
                        score[pc + pl + pc] = somers![2 * c + e];
                    }
                    if (beta is not null) Logistic.Score(beta, one, 0, e, 1).CopyTo(score, pc);
                    scores.Add(new CellScore(cells[c].Interval, cells[c].Lag, cells[c].Levels, e == 1, score));
                }
            }
            // Cox at β̂, logit, Cox at 0, concordance: cross-model products are never used, so never summed.
            var blocks = new List<ScoreBlock>();
            if (pc > 0) blocks.Add(new ScoreBlock(0, pc));
            if (pl > 0) blocks.Add(new ScoreBlock(pc, pl));
            if (pc > 0) { blocks.Add(new ScoreBlock(pc + pl, pc)); blocks.Add(new ScoreBlock(2 * pc + pl, 1)); }
            // No meat (the score pass runs elsewhere, later): model-based standard errors only.
            if (clusterMeat(scores, blocks) is var (meat, clusters))
            {
                if (meat.GetLength(0) != scores[0].Score.Length)
                    throw new EstimationException($"the score products have {meat.GetLength(0)} rows where the fit has {scores[0].Score.Length} scores: they come from another fit (other cells or covariates)");
                foreach (var b in blocks)
                    for (var j = b.From; j < b.From + b.Size; j++)
                        for (var l = b.From; l <= j; l++)
                            if (double.IsNaN(meat[j, l]))
                                throw new EstimationException($"the score products lack m_{j}_{l}: they are not a whole result of this fit's score pass");
                double[,] Block(int from, int size)
                {
                    var m = new double[size, size];
                    for (var j = 0; j < size; j++)
                        for (var l = 0; l < size; l++) m[j, l] = meat[from + j, from + l];
                    return m;
                }
                if (coxFit is not null) cox = coxFit.WithClusterMeat(Block(0, pc), Block(pc + pl, pc), meat[2 * pc + pl, 2 * pc + pl]);
                if (logit is not null) logit = Logistic.Fit(lx, names, events, trials, clusterMeat: Block(pc, pl), clusterCount: (int)clusters);
            }
        }

        if (cox is not null) cox = cox with { Coefficients = Coefficient.WithReferences(cox.Coefficients, design.Baselines) };
        if (logit is not null) logit = Logistic.OnBinaryRows(logit, events, trials) with { Coefficients = Coefficient.WithReferences(logit.Coefficients, design.Baselines) };
        return new EntryAnalysis(entering, lagName, outcomes.Sum(o => o.Firms), cells.Sum(c => c.AtRisk), cells.Sum(c => c.Entries),
            km, logRank, cox, logit, problems);
    }

    private static void LogitRow(SpellCell cell, Design design, int lastInterval, double[,] into, int r)
    {
        var j = 0;
        into[r, j++] = 1;
        for (var k = 2; k <= lastInterval; k++) into[r, j++] = Math.Min(cell.Interval, lastInterval) == k ? 1 : 0;
        foreach (var v in design.Row(cell)) into[r, j++] = v;
    }

    /// <summary>
    /// The largest K such that every interval below K, and the pool of intervals K and later, has
    /// both entries and non-entries: intervals beyond K are pooled into K, so no dummy is perfectly predicted.
    /// </summary>
    private static int LastEstimableInterval(IReadOnlyList<SpellCell> cells)
    {
        static bool BothOutcomes(IEnumerable<SpellCell> cs) => cs.Sum(c => c.Entries) > 0 && cs.Sum(c => c.AtRisk - c.Entries) > 0;
        var max = cells.Max(c => c.Interval);
        for (var last = max; last > 1; last--)
            if (BothOutcomes(cells.Where(c => c.Interval >= last))
                && Enumerable.Range(1, last - 1).All(k => BothOutcomes(cells.Where(c => c.Interval == k))))
                return last;
        return 1;
    }

    /// <summary>The covariate columns: the lag, then treatment contrasts of each categorical covariate (first level in sort order is the baseline).</summary>
    private sealed class Design
    {
        public required List<string> Names { get; init; }
        public required List<string[]> NonBaselineLevels { get; init; }
        /// <summary>Each covariate's baseline level (the first in ordinal order, as R's factor).</summary>
        public required Dictionary<string, string> Baselines { get; init; }

        public static Design Of(string lagName, IReadOnlyList<string> covariates, IReadOnlyList<SpellCell> cells)
        {
            var names = new List<string> { lagName };
            var levels = new List<string[]>();
            var baselines = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var v = 0; v < covariates.Count; v++)
            {
                var all = cells.Where(c => c.AtRisk > 0).Select(c => c.Levels[v]).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
                if (all.Length < 2)
                    throw new EstimationException($"covariate '{covariates[v]}' has no variation (every firm at risk has the value '{all.FirstOrDefault()}'), so its effect cannot be estimated; drop it from --covariates");
                levels.Add(all[1..]);
                baselines[covariates[v]] = all[0];
                names.AddRange(all[1..].Select(l => $"{covariates[v]}={l}"));
            }
            return new Design { Names = names, NonBaselineLevels = levels, Baselines = baselines };
        }

        public double[] Row(SpellCell cell)
        {
            var row = new double[Names.Count];
            row[0] = cell.Lag ? 1 : 0;
            var j = 1;
            for (var v = 0; v < NonBaselineLevels.Count; v++)
                foreach (var level in NonBaselineLevels[v]) row[j++] = cell.Levels[v] == level ? 1 : 0;
            return row;
        }
    }
}
