using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Assessment;

/// <summary>Score bands, cut at 40, 60 and 80 on the 0–100 scale (lower edge included).</summary>
public enum Band
{
    /// <summary>Below 40.</summary>
    Low,
    /// <summary>40 to below 60.</summary>
    Developing,
    /// <summary>60 to below 80.</summary>
    Ready,
    /// <summary>80 and above.</summary>
    Strong,
}

public static class Bands
{
    /// <summary>The band of a 0–100 score: [0,40) low, [40,60) developing, [60,80) ready, [80,100] strong.</summary>
    public static Band Of(double score) => score switch
    {
        < 40 => Band.Low,
        < 60 => Band.Developing,
        < 80 => Band.Ready,
        _ => Band.Strong,
    };
}

/// <summary>A dimension's score: the mean of its answered items on 0–100; null when none was answered.</summary>
public sealed record DimensionScore(string Dimension, string Name, double? Score, Band? Band, int Answered, int Items);

/// <summary>
/// The firm in one direction: its stage, its direction score (the unweighted mean of its dimension
/// scores) and each dimension. There is deliberately no score combining the two directions.
/// </summary>
public sealed record DirectionProfile(
    Direction Direction,
    bool Active,
    ExperienceStage Stage,
    double? Share,
    int? Countries,
    IReadOnlyList<Mode> Modes,
    double? Score,
    Band? Band,
    IReadOnlyList<DimensionScore> Dimensions,
    string? WeakestDimension);

/// <summary>A barrier the firm rated, with its significance 1–5.</summary>
public sealed record BarrierRating(string Item, BarrierGroup Group, int Significance);

/// <summary>The profile of one firm from one answer sheet.</summary>
public sealed record Profile(
    string? Firm,
    string Questionnaire,
    string Version,
    TraderState State,
    DirectionProfile Outward,
    DirectionProfile Inward,
    IReadOnlyList<BarrierRating> Barriers,
    BarrierGroup? TopBarrier)
{
    public DirectionProfile In(Direction direction) => direction == Direction.Outward ? Outward : Inward;
}

/// <summary>
/// Scores answer sheets of one questionnaire. Built once per questionnaire (it precomputes which
/// items feed which dimension) so scoring a large batch does no lookups by name.
/// </summary>
public sealed class Scorer
{
    /// <summary>A barrier counts as the top barrier only from this significance up ("moderately significant").</summary>
    public const int TopBarrierThreshold = 3;

    private readonly Questionnaire _q;
    private readonly (Dimension Dimension, int[] Items)[] _outward;
    private readonly (Dimension Dimension, int[] Items)[] _inward;
    private readonly int[] _barriers;
    private readonly Dictionary<ActivityFact, int> _facts;

    public Scorer(Questionnaire questionnaire)
    {
        _q = questionnaire;
        (Dimension, int[])[] Dims(Direction d) => questionnaire.DimensionsOf(d)
            .Select(dim => (dim, Enumerable.Range(0, questionnaire.Items.Length).Where(i => questionnaire.Items[i].DimensionId == dim.Id).ToArray()))
            .ToArray();
        _outward = Dims(Direction.Outward);
        _inward = Dims(Direction.Inward);
        _barriers = Enumerable.Range(0, questionnaire.Items.Length).Where(i => questionnaire.Items[i].Section == Section.Barriers).ToArray();
        _facts = Enumerable.Range(0, questionnaire.Items.Length).Where(i => questionnaire.Items[i].Fact is not null)
            .ToDictionary(i => questionnaire.Items[i].Fact!.Value, i => i);
    }

    public Questionnaire Questionnaire => _q;

    /// <summary>Rescales a 1–5 answer to 0–100: (x − 1) / 4 × 100, so 1 → 0, 3 → 50, 5 → 100.</summary>
    public static double Rescale(int likert) => (likert - 1) * 25.0;

    /// <summary>
    /// The profile: trader state from "exported?" and "imported?" in the last three years; stage per
    /// direction by <see cref="ExperienceStages.Stage"/>; dimension score = mean of the rescaled answered
    /// items; direction score = unweighted mean of its scored dimensions; weakest dimension = lowest
    /// score (first in definition order on ties); top barrier = the group of the highest-rated
    /// barrier item rated at least <see cref="TopBarrierThreshold"/> (first in order on ties).
    /// </summary>
    public Profile Score(AnswerSheet sheet)
    {
        if (!ReferenceEquals(sheet.Questionnaire, _q) && (sheet.Questionnaire.Id != _q.Id || sheet.Questionnaire.Version != _q.Version))
            throw new ArgumentException("The answers are for another questionnaire.", nameof(sheet));
        var a = sheet.Answers;
        bool Yes(ActivityFact f) => _facts.TryGetValue(f, out var i) && a[i] is YesNoAnswer { Value: true };
        var exported = Yes(ActivityFact.ExportedBefore);
        var imported = Yes(ActivityFact.ImportedBefore);
        var outward = Direction_(Direction.Outward, exported, Yes(ActivityFact.ExportsRegularly), ActivityFact.ExportShare, ActivityFact.ExportCountries, ActivityFact.OutwardModes, _outward, a);
        var inward = Direction_(Direction.Inward, imported, Yes(ActivityFact.ImportsRegularly), ActivityFact.ImportShare, ActivityFact.ImportCountries, ActivityFact.InwardModes, _inward, a);

        var barriers = new List<BarrierRating>(_barriers.Length);
        BarrierRating? top = null;
        foreach (var i in _barriers)
        {
            if (a[i] is not LikertAnswer l) continue;
            var rating = new BarrierRating(_q.Items[i].Id, _q.Items[i].Barrier!.Value, l.Value);
            barriers.Add(rating);
            if (l.Value >= TopBarrierThreshold && (top is null || l.Value > top.Significance)) top = rating;
        }
        return new Profile(sheet.Firm, _q.Id, _q.Version, TraderStates.Of(imported, exported), outward, inward, barriers, top?.Group);
    }

    private DirectionProfile Direction_(Direction direction, bool before, bool regularly, ActivityFact shareFact, ActivityFact countriesFact,
        ActivityFact modesFact, (Dimension Dimension, int[] Items)[] dims, System.Collections.Immutable.ImmutableArray<Answer?> a)
    {
        var scores = new DimensionScore[dims.Length];
        double sum = 0;
        var scored = 0;
        DimensionScore? weakest = null;
        for (var d = 0; d < dims.Length; d++)
        {
            double total = 0;
            var answered = 0;
            foreach (var i in dims[d].Items)
                if (a[i] is LikertAnswer l) { total += Rescale(l.Value); answered++; }
            double? score = answered > 0 ? total / answered : null;
            var ds = new DimensionScore(dims[d].Dimension.Id, dims[d].Dimension.Name, score, score is { } s ? Bands.Of(s) : null, answered, dims[d].Items.Length);
            scores[d] = ds;
            if (score is { } v)
            {
                sum += v;
                scored++;
                if (weakest is null || v < weakest.Score) weakest = ds;
            }
        }
        double? overall = scored > 0 ? sum / scored : null;
        double? share = _facts.TryGetValue(shareFact, out var si) && a[si] is ShareAnswer sh ? sh.Value : null;
        int? countries = _facts.TryGetValue(countriesFact, out var ci) && a[ci] is CountAnswer cn ? cn.Value : null;
        IReadOnlyList<Mode> modes = _facts.TryGetValue(modesFact, out var mi) && a[mi] is ModesAnswer ma ? ma.Modes : [];
        return new DirectionProfile(direction, before, ExperienceStages.Stage(before, regularly), share, countries, modes,
            overall, overall is { } o ? Bands.Of(o) : null, scores, weakest?.Dimension);
    }
}
