using System.Collections.Immutable;
using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Assessment;

/// <summary>A closed-open score range [Min, Max) on 0–100; either end may be open.</summary>
public readonly record struct ScoreRange(double? Min, double? Max)
{
    public bool IsAny => Min is null && Max is null;

    /// <summary>An unknown score (no item answered) satisfies only an unrestricted range.</summary>
    public bool Contains(double? score) =>
        IsAny || (score is { } s && (Min is not { } lo || s >= lo) && (Max is not { } hi || s < hi));
}

/// <summary>
/// One row of the decision table: conditions on the profile (an empty set or open range means
/// "any") and the recommended next step. Rows are data (samples/policy/decision-table.csv).
/// </summary>
public sealed record DecisionRule
{
    public DecisionRule(string id, IEnumerable<TraderState>? states, IEnumerable<ExperienceStage>? outwardStages,
        IEnumerable<ExperienceStage>? inwardStages, ScoreRange outwardScore, ScoreRange inwardScore,
        IEnumerable<string>? weakestOutward, IEnumerable<string>? weakestInward, IEnumerable<BarrierGroup>? topBarriers,
        Direction direction, string nextStep, IEnumerable<Instrument> instruments, Mechanism mechanism, string reason)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A rule needs an id.", nameof(id));
        if (string.IsNullOrWhiteSpace(nextStep)) throw new ArgumentException("A rule states the next step.", nameof(nextStep));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A rule states its reason.", nameof(reason));
        Instruments = [.. instruments];
        if (Instruments.IsEmpty) throw new ArgumentException("A rule recommends at least one instrument.", nameof(instruments));
        foreach (var r in new[] { outwardScore, inwardScore })
            if (r.Min is { } lo && r.Max is { } hi && lo >= hi)
                throw new ArgumentException($"the score range [{lo}, {hi}) is empty.", r == outwardScore ? nameof(outwardScore) : nameof(inwardScore));
        Id = id.Trim();
        States = [.. states ?? []];
        OutwardStages = [.. outwardStages ?? []];
        InwardStages = [.. inwardStages ?? []];
        OutwardScore = outwardScore;
        InwardScore = inwardScore;
        WeakestOutward = [.. weakestOutward ?? []];
        WeakestInward = [.. weakestInward ?? []];
        TopBarriers = [.. topBarriers ?? []];
        Direction = direction;
        NextStep = nextStep.Trim();
        Mechanism = mechanism;
        Reason = reason.Trim();
    }

    public string Id { get; }
    public ImmutableHashSet<TraderState> States { get; }
    public ImmutableHashSet<ExperienceStage> OutwardStages { get; }
    public ImmutableHashSet<ExperienceStage> InwardStages { get; }
    public ScoreRange OutwardScore { get; }
    public ScoreRange InwardScore { get; }
    public ImmutableHashSet<string> WeakestOutward { get; }
    public ImmutableHashSet<string> WeakestInward { get; }
    public ImmutableHashSet<BarrierGroup> TopBarriers { get; }
    /// <summary>The direction the next step develops; programmes are matched in it.</summary>
    public Direction Direction { get; }
    public string NextStep { get; }
    public ImmutableArray<Instrument> Instruments { get; }
    public Mechanism Mechanism { get; }
    public string Reason { get; }

    /// <summary>True when the rule has no condition at all: it catches every profile.</summary>
    public bool IsCatchAll => States.IsEmpty && OutwardStages.IsEmpty && InwardStages.IsEmpty && OutwardScore.IsAny
        && InwardScore.IsAny && WeakestOutward.IsEmpty && WeakestInward.IsEmpty && TopBarriers.IsEmpty;

    public bool Matches(Profile p) =>
        (States.IsEmpty || States.Contains(p.State))
        && (OutwardStages.IsEmpty || OutwardStages.Contains(p.Outward.Stage))
        && (InwardStages.IsEmpty || InwardStages.Contains(p.Inward.Stage))
        && OutwardScore.Contains(p.Outward.Score)
        && InwardScore.Contains(p.Inward.Score)
        && (WeakestOutward.IsEmpty || (p.Outward.WeakestDimension is { } wo && WeakestOutward.Contains(wo)))
        && (WeakestInward.IsEmpty || (p.Inward.WeakestDimension is { } wi && WeakestInward.Contains(wi)))
        && (TopBarriers.IsEmpty || (p.TopBarrier is { } tb && TopBarriers.Contains(tb)));
}

/// <summary>The recommended next step for one firm: which rule fired and what it says.</summary>
public sealed record Recommendation(string Rule, Direction Direction, string NextStep, IReadOnlyList<Instrument> Instruments,
    Mechanism Mechanism, string Reason);

/// <summary>
/// An ordered decision table: the first rule whose conditions the profile meets fires. The last
/// rule must be a catch-all, so every firm gets a next step (checked on construction).
/// </summary>
public sealed record DecisionTable
{
    public DecisionTable(IEnumerable<DecisionRule> rules)
    {
        Rules = [.. rules];
        if (Rules.IsEmpty) throw new ArgumentException("A decision table needs at least one rule.", nameof(rules));
        var dup = Rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"rule id '{dup.Key}' appears more than once.", nameof(rules));
        if (!Rules[^1].IsCatchAll)
            throw new ArgumentException($"the last rule ('{Rules[^1].Id}') must have no conditions, so that every firm gets a next step.", nameof(rules));
    }

    public ImmutableArray<DecisionRule> Rules { get; }

    /// <summary>Checks the dimension ids the rules name against a questionnaire; returns (rule id, problem) pairs.</summary>
    public IEnumerable<(string Rule, string Column, string Message)> CheckAgainst(Questionnaire questionnaire)
    {
        foreach (var r in Rules)
        {
            foreach (var (names, direction, column) in new[] { (r.WeakestOutward, Direction.Outward, "weakest_outward"), (r.WeakestInward, Direction.Inward, "weakest_inward") })
                foreach (var n in names.Where(n => !questionnaire.DimensionsOf(direction).Any(d => d.Id == n)))
                    yield return (r.Id, column, $"'{n}' is not a {direction.Code()} dimension of questionnaire '{questionnaire.Id}' (dimensions: {string.Join(", ", questionnaire.DimensionsOf(direction).Select(d => d.Id))})");
        }
    }

    /// <summary>The first matching rule's recommendation.</summary>
    public Recommendation Evaluate(Profile profile)
    {
        foreach (var r in Rules)
            if (r.Matches(profile))
                return new Recommendation(r.Id, r.Direction, r.NextStep, r.Instruments, r.Mechanism, r.Reason);
        throw new InvalidOperationException("Unreachable: the last rule is a catch-all.");
    }
}
