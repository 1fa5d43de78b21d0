using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>
/// Stage per direction on the Uppsala establishment chain (Johanson &amp; Wiedersheim-Paul 1975;
/// Johanson &amp; Vahlne 1977) and its inward mirror (Welch &amp; Luostarinen 1993).
/// </summary>
public static class Stages
{
    /// <summary>
    /// Stage of <paramref name="direction"/> in <paramref name="year"/>:
    /// stage(y) = max { <see cref="StageRules.LevelOf"/>(mode(o)) : o in that direction, active in y }, or 0 when none is active.
    /// An operation is active in every calendar year from its start year to its end year (open end: to the present).
    /// </summary>
    public static StageLevel At(FirmCase firmCase, Direction direction, int year)
    {
        var level = StageLevel.None;
        foreach (var op in firmCase.Operations)
        {
            if (op.Direction != direction || !op.IsActiveIn(year)) continue;
            var l = StageRules.LevelOf(op.Mode);
            if (l > level) level = l;
        }
        return level;
    }

    /// <summary>
    /// The stage of <paramref name="direction"/> as of <paramref name="asOfYear"/> and every change
    /// up to it: a rise is caused by the first operation (case order) of the new level that started
    /// that year; a fall by the last operation of the old level to end, in the year before.
    /// Runs as a sweep over start and end events: O(n log n) in the firm's operations.
    /// </summary>
    public static DirectionStage Of(FirmCase firmCase, Direction direction, int asOfYear)
    {
        // Events: +1 at the start year, −1 in the year after the end. Ends after the as-of year never matter.
        // Seq keeps case order within a year (List.Sort is not stable).
        var indexed = new List<(int Year, int Seq, int Delta, StageLevel Level, Operation Op)>();
        foreach (var op in firmCase.Operations)
        {
            if (op.Direction != direction || op.Start.Year > asOfYear) continue;
            var level = StageRules.LevelOf(op.Mode);
            indexed.Add((op.Start.Year, indexed.Count, +1, level, op));
            if (op.End is { } end && end.Year + 1 <= asOfYear)
                indexed.Add((end.Year + 1, indexed.Count, -1, level, op));
        }
        indexed.Sort(static (a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Seq.CompareTo(b.Seq));

        var active = new int[4];
        var current = StageLevel.None;
        var history = new List<StageChange>();
        for (var i = 0; i < indexed.Count;)
        {
            var year = indexed[i].Year;
            var j = i;
            for (; j < indexed.Count && indexed[j].Year == year; j++)
                active[(int)indexed[j].Level] += indexed[j].Delta;

            var next = StageLevel.None;
            for (var l = 3; l >= 1; l--)
                if (active[l] > 0) { next = (StageLevel)l; break; }

            if (next != current)
            {
                Operation cause;
                string reason;
                var label = StageRules.Label(next, direction);
                if (next > current)
                {
                    Operation? firstStart = null;
                    for (var k = i; k < j && firstStart is null; k++)
                        if (indexed[k].Delta > 0 && indexed[k].Level == next) firstStart = indexed[k].Op;
                    cause = firstStart!;
                    reason = $"{year}: {Describe(cause)} starts; {direction.Code()} stage rises from {(int)current} to {(int)next}: {label}.";
                }
                else
                {
                    Operation? lastEnd = null;
                    for (var k = i; k < j; k++)
                        if (indexed[k].Delta < 0 && indexed[k].Level == current) lastEnd = indexed[k].Op;
                    cause = lastEnd!;
                    var why = cause.EndReason is { } r ? $" ({Words.Of(r.Kind)})" : "";
                    reason = $"{year}: {Describe(cause)} ended in {cause.End}{why}; {direction.Code()} stage falls from {(int)current} to {(int)next}: {label}.";
                }
                history.Add(new StageChange(year, current, next, (int)next, label, OperationRef.Of(cause), reason));
                current = next;
            }
            i = j;
        }

        return new DirectionStage(direction, asOfYear, current, (int)current, StageRules.Label(current, direction), history);
    }

    /// <summary>E.g. "import of goods (Germany, Bosch; op 1)".</summary>
    internal static string Describe(Operation op) =>
        $"{op.Mode.Name(op.Direction)} ({op.PartnerCountry.Name}{(op.Partner is null ? "" : ", " + op.Partner)}; op {op.Id})";
}

internal static class Words
{
    public static string Of(EndReasonKind kind) => kind switch
    {
        EndReasonKind.Sanctions => "sanctions",
        EndReasonKind.GeopoliticalBarrier => "geopolitical barrier",
        EndReasonKind.PartnerExit => "partner exit",
        EndReasonKind.ResourceConstraint => "resource constraint",
        EndReasonKind.MarketConditions => "market conditions",
        EndReasonKind.StrategicRefocus => "strategic refocus",
        _ => "other reason",
    };
}
