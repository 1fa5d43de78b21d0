using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Assessment;

/// <summary>One firm's assessment: profile, next step and matching programmes.</summary>
public sealed record AssessmentResult(Profile Profile, Recommendation Recommendation, IReadOnlyList<ProgrammeMatch> Programmes);

/// <summary>Assesses answer sheets: score, decide the next step, match programmes.</summary>
public sealed class Assessor
{
    private readonly Scorer _scorer;
    private readonly DecisionTable _table;
    private readonly Catalogue _catalogue;
    private readonly int _top;

    /// <param name="questionnaire">The questionnaire the answers answer.</param>
    /// <param name="table">The decision table for the next step.</param>
    /// <param name="catalogue">Programmes to match; an empty catalogue gives profiles and next steps only.</param>
    /// <param name="top">How many programmes to list per firm.</param>
    public Assessor(Questionnaire questionnaire, DecisionTable table, Catalogue catalogue, int top = 5)
    {
        var problems = table.CheckAgainst(questionnaire).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"rule '{problems[0].Rule}', column '{problems[0].Column}': {problems[0].Message}", nameof(table));
        _scorer = new Scorer(questionnaire);
        _table = table;
        _catalogue = catalogue;
        _top = top;
    }

    public Questionnaire Questionnaire => _scorer.Questionnaire;

    public AssessmentResult Assess(AnswerSheet sheet, FirmFacts? firm = null)
    {
        var profile = _scorer.Score(sheet);
        var next = _table.Evaluate(profile);
        return new AssessmentResult(profile, next, ProgrammeMatching.Match(_catalogue, profile, next, firm, _top));
    }

    /// <summary>
    /// Assesses sheets on all cores. Each firm's result depends only on its own answers, so the
    /// output is the same, in the same order, however the work is split.
    /// </summary>
    public AssessmentResult[] AssessMany(IReadOnlyList<AnswerSheet> sheets, IReadOnlyList<FirmFacts>? firms)
    {
        var results = new AssessmentResult[sheets.Count];
        Parallel.For(0, sheets.Count, i => results[i] = Assess(sheets[i], firms?[i]));
        return results;
    }

    /// <summary>Assesses every sheet and summarises the population (<see cref="PopulationSummary.Of"/>).</summary>
    public BatchResult AssessAll(IReadOnlyList<AnswerSheet> sheets)
    {
        var results = AssessMany(sheets, null);
        return new BatchResult(Questionnaire.Id, Questionnaire.Version, PopulationSummary.Of(Questionnaire, sheets, results), results);
    }
}

public sealed record BatchResult(string Questionnaire, string Version, PopulationSummary Population, IReadOnlyList<AssessmentResult> Firms);

/// <summary>Summary statistics of scores; quantiles are R's default (type 7) definition.</summary>
public sealed record Distribution(int N, double? Mean, double? Sd, double? Min, double? Q1, double? Median, double? Q3, double? Max,
    IReadOnlyList<BandCount> Bands)
{
    /// <summary>
    /// Mean, sample standard deviation (n − 1), and type-7 quantiles: for sorted x₁..xₙ and
    /// probability p, h = (n − 1)p, Q(p) = x⌊h⌋+1 + (h − ⌊h⌋)(x⌊h⌋+2 − x⌊h⌋+1) (Hyndman &amp; Fan 1996;
    /// R's quantile() default).
    /// </summary>
    public static Distribution Of(IEnumerable<double?> values)
    {
        var x = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        Array.Sort(x);
        var bands = Enum.GetValues<Band>().Select(b => new BandCount(b, x.Count(v => Assessment.Bands.Of(v) == b))).ToList();
        if (x.Length == 0) return new Distribution(0, null, null, null, null, null, null, null, bands);
        var mean = x.Average();
        double? sd = x.Length > 1 ? Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)) : null;
        return new Distribution(x.Length, mean, sd, x[0], Quantile(x, 0.25), Quantile(x, 0.5), Quantile(x, 0.75), x[^1], bands);
    }

    public static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

public sealed record BandCount(Band Band, int Firms);

public sealed record StateShare(TraderState State, int Firms, double Share);

public sealed record StageShare(Direction Direction, ExperienceStage Stage, int Firms, double Share);

/// <summary>A dimension across the population: its score distribution and its internal consistency.</summary>
public sealed record DimensionSummary(Direction Direction, string Dimension, string Name, Distribution Scores, AlphaResult Reliability);

/// <summary>A direction score across the population, with alpha over all its items.</summary>
public sealed record DirectionSummary(Direction Direction, Distribution Scores, AlphaResult Reliability);

public sealed record RuleCount(string Rule, string NextStep, int Firms, double Share);

public sealed record BarrierSummary(string Item, BarrierGroup Group, double? MeanSignificance, int Rated, int TopFor);

/// <summary>The population view of a batch: state and stage shares, score distributions, alpha, next steps.</summary>
public sealed record PopulationSummary(
    int Firms,
    IReadOnlyList<StateShare> States,
    IReadOnlyList<StageShare> Stages,
    IReadOnlyList<DirectionSummary> Directions,
    IReadOnlyList<DimensionSummary> Dimensions,
    IReadOnlyList<BarrierSummary> Barriers,
    IReadOnlyList<RuleCount> NextSteps)
{
    public static PopulationSummary Of(Questionnaire q, IReadOnlyList<AnswerSheet> sheets, IReadOnlyList<AssessmentResult> results)
    {
        var n = results.Count;
        double Share(int k) => n > 0 ? (double)k / n : 0;
        var states = Vocabulary<TraderState>.All.Select(s => results.Count(r => r.Profile.State == s)).ToList();
        var stateShares = Vocabulary<TraderState>.All.Select((s, i) => new StateShare(s, states[i], Share(states[i]))).ToList();
        var stages = new List<StageShare>();
        foreach (var d in new[] { Direction.Outward, Direction.Inward })
            foreach (var g in Vocabulary<ExperienceStage>.All)
            {
                var k = results.Count(r => r.Profile.In(d).Stage == g);
                stages.Add(new StageShare(d, g, k, Share(k)));
            }

        static double[] Row(AnswerSheet s, int[] items)
        {
            var row = new double[items.Length];
            for (var j = 0; j < items.Length; j++) row[j] = s.Answers[items[j]] is LikertAnswer l ? l.Value : double.NaN;
            return row;
        }
        int[] ItemsOf(Func<Item, bool> pick) => Enumerable.Range(0, q.Items.Length).Where(i => pick(q.Items[i])).ToArray();

        var directions = new[] { Direction.Outward, Direction.Inward }.Select(d =>
        {
            var items = ItemsOf(it => it.DimensionId is not null && it.Direction == d);
            return new DirectionSummary(d, Distribution.Of(results.Select(r => r.Profile.In(d).Score)),
                Reliability.CronbachAlpha(sheets.Select(s => Row(s, items)).ToList()));
        }).ToList();
        var dimensions = q.Dimensions.Select(dim =>
        {
            var items = ItemsOf(it => it.DimensionId == dim.Id);
            var pos = q.DimensionsOf(dim.Direction).ToList().FindIndex(x => x.Id == dim.Id);
            return new DimensionSummary(dim.Direction, dim.Id, dim.Name,
                Distribution.Of(results.Select(r => r.Profile.In(dim.Direction).Dimensions[pos].Score)),
                Reliability.CronbachAlpha(sheets.Select(s => Row(s, items)).ToList()));
        }).ToList();
        var topItems = results.Select(r => TopItem(r.Profile)).ToArray();
        var barriers = ItemsOf(it => it.Section == Section.Barriers).Select(i =>
        {
            var rated = sheets.Select(s => s.Answers[i]).OfType<LikertAnswer>().Select(l => (double)l.Value).ToList();
            var item = q.Items[i];
            var topFor = topItems.Count(t => t == item.Id);
            return new BarrierSummary(item.Id, item.Barrier!.Value, rated.Count > 0 ? rated.Average() : null, rated.Count, topFor);
        }).ToList();
        var steps = results.GroupBy(r => (r.Recommendation.Rule, r.Recommendation.NextStep))
            .Select(g => new RuleCount(g.Key.Rule, g.Key.NextStep, g.Count(), Share(g.Count())))
            .OrderByDescending(r => r.Firms).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
        return new PopulationSummary(n, stateShares, stages, directions, dimensions, barriers, steps);
    }

    private static string? TopItem(Profile p)
    {
        BarrierRating? top = null;
        foreach (var b in p.Barriers)
            if (b.Significance >= Scorer.TopBarrierThreshold && (top is null || b.Significance > top.Significance)) top = b;
        return top?.Item;
    }

    /// <summary>The assessed firms as a population for <see cref="CoverageAnalysis"/>: one group per state and stage pair.</summary>
    public static Population ToPopulation(string description, IEnumerable<Profile> profiles) =>
        new(description, profiles.GroupBy(p => (p.State, p.Outward.Stage, p.Inward.Stage))
            .Select(g => new PopulationGroup(g.Key.State, g.Key.Item2, g.Key.Item3, g.Count())));
}
