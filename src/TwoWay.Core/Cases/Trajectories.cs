using System.Globalization;
using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>
/// Trajectory of a firm across the two directions (Welch &amp; Luostarinen 1993; Korhonen,
/// Luostarinen &amp; Welch 1996) with the born-global and de-internationalization flags.
/// </summary>
public static class Trajectories
{
    /// <summary>Years from founding within which a born global starts exporting (Knight &amp; Cavusgil 1996).</summary>
    public const int BornGlobalYears = 3;

    /// <summary>
    /// Classifies the order of the first inward and first outward operation started up to
    /// <paramref name="asOfYear"/>: none → domestic; one direction only → inward-only / outward-only;
    /// both within one year of each other (12 months when both starts have a month, else adjacent
    /// calendar years) → simultaneous; otherwise inward-led when inward came first, outward-led when
    /// outward did.
    /// </summary>
    public static TrajectoryResult Of(FirmCase firmCase, int asOfYear)
    {
        var started = Timing.StartedBy(firmCase, asOfYear);
        // Case order is by start, so the first of each direction is the earliest (ties: lowest id).
        var firstIn = started.FirstOrDefault(o => o.Direction == Direction.Inward);
        var firstOut = started.FirstOrDefault(o => o.Direction == Direction.Outward);

        Trajectory kind;
        double? lead = null;
        string reason;
        if (firstIn is null && firstOut is null)
        {
            kind = Trajectory.Domestic;
            reason = $"No international operation started by {asOfYear}.";
        }
        else if (firstOut is null)
        {
            kind = Trajectory.InwardOnly;
            reason = $"Inward operations since {firstIn!.Start}, first {Stages.Describe(firstIn)}; no outward operation by {asOfYear}.";
        }
        else if (firstIn is null)
        {
            kind = Trajectory.OutwardOnly;
            reason = $"Outward operations since {firstOut.Start}, first {Stages.Describe(firstOut)}; no inward operation by {asOfYear}.";
        }
        else
        {
            lead = Timing.LagYears(firstIn.Start, firstOut.Start);
            var unit = Timing.BothMonthly(firstIn.Start, firstOut.Start) ? "months" : "calendar years";
            var gap = Timing.BothMonthly(firstIn.Start, firstOut.Start)
                ? $"{Math.Abs(lead.Value * 12):0} months"
                : $"{Math.Abs(lead.Value):0} year(s)";
            var facts = $"first inward {firstIn.Start}, {Stages.Describe(firstIn)}; first outward {firstOut.Start}, {Stages.Describe(firstOut)}";
            if (Timing.WithinOneYear(firstIn.Start, firstOut.Start))
            {
                kind = Trajectory.Simultaneous;
                reason = $"Both directions began within one year ({gap} apart, compared in {unit}): {facts}.";
            }
            else if (lead > 0)
            {
                kind = Trajectory.InwardLed;
                reason = $"Inward came {gap} before outward: {facts}.";
            }
            else
            {
                kind = Trajectory.OutwardLed;
                reason = $"Outward came {gap} before inward: {facts}.";
            }
        }

        return new TrajectoryResult(kind, firstIn?.Start.Year, firstOut?.Start.Year, firstIn?.Start.ToString(),
            firstOut?.Start.ToString(), lead, firstIn is null ? null : OperationRef.Of(firstIn),
            firstOut is null ? null : OperationRef.Of(firstOut), reason, BornGlobal(firmCase, asOfYear),
            Deinternationalization(firmCase, asOfYear));
    }

    /// <summary>
    /// Born global (Knight &amp; Cavusgil 1996; 2004): outward operations within 3 years of founding
    /// and at least 25% of sales from abroad in some year of the window founding … founding + 3.
    /// No: no outward operation by the as-of year, first outward later than founding + 3, or every
    /// year of a closed window has a known share below 25%. Unknown: founding year unknown, a share
    /// in the window unknown, or the window not yet closed at the as-of year. Never guessed as No.
    /// </summary>
    public static BornGlobalFlag BornGlobal(FirmCase firmCase, int asOfYear)
    {
        var founded = firmCase.Firm.FoundingYear;
        var firstOut = firmCase.Operations.FirstOrDefault(o => o.Direction == Direction.Outward && o.Start.Year <= asOfYear);
        int? firstOutYear = firstOut?.Start.Year;
        if (firstOut is null)
            return new(FlagState.No, founded, null, null, $"No outward operation by {asOfYear}.");
        if (founded is not { } f)
            return new(FlagState.Unknown, null, firstOutYear, null, $"Founding year unknown; first outward operation in {firstOutYear}.");
        var windowEnd = f + BornGlobalYears;
        if (firstOutYear > windowEnd)
            return new(FlagState.No, f, firstOutYear, null, $"First outward operation in {firstOutYear}, more than {BornGlobalYears} years after founding in {f}.");

        double? highest = null;
        var anyUnknown = false;
        // From the first outward year: before it the share is 0 by definition, which says nothing
        // about whether the shares of the outward years are known.
        for (var y = Math.Max(f, firstOutYear!.Value); y <= Math.Min(windowEnd, asOfYear); y++)
        {
            var share = Degrees.Intensity(firmCase, Direction.Outward, y);
            if (share is { } s) highest = highest is { } h ? Math.Max(h, s) : s;
            else anyUnknown = true;
        }
        var shown = highest is { } hs ? (hs * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "none given";
        if (highest >= Degrees.BornGlobalShare)
            return new(FlagState.Yes, f, firstOutYear, highest, $"Founded {f}, outward from {firstOutYear}; foreign sales reached {shown} within {BornGlobalYears} years (≥ 25%).");
        if (anyUnknown)
            return new(FlagState.Unknown, f, firstOutYear, highest, $"Founded {f}, outward from {firstOutYear}, but the foreign-sales share in {f}–{windowEnd} is not known for every year (highest known: {shown}).");
        if (windowEnd > asOfYear)
            return new(FlagState.Unknown, f, firstOutYear, highest, $"Founded {f}, outward from {firstOutYear}; the {BornGlobalYears}-year window runs to {windowEnd}, after the as-of year {asOfYear} (highest share so far: {shown}).");
        return new(FlagState.No, f, firstOutYear, highest, $"Founded {f}, outward from {firstOutYear}, but foreign sales stayed below 25% in {f}–{windowEnd} (highest: {shown}).");
    }

    /// <summary>
    /// De-internationalization (Benito &amp; Welch 1997; Turcan 2003): every operation that ended by
    /// the as-of year, with its reason; geopolitical when sanctions or a geopolitical barrier ended
    /// at least one; and the directions left entirely (operations before, none active in the as-of year).
    /// </summary>
    public static DeinternationalizationFlag Deinternationalization(FirmCase firmCase, int asOfYear)
    {
        var started = Timing.StartedBy(firmCase, asOfYear);
        var ended = started.Where(o => o.End is { } e && e.Year <= asOfYear)
            .Select(o => new EndedOperation(OperationRef.Of(o), o.End!.Value.ToString(), o.EndReason?.Kind, o.EndReason?.Note,
                o.EndReason?.IsGeopolitical ?? false))
            .ToList();
        var withdrawn = new List<Direction>();
        foreach (var d in new[] { Direction.Inward, Direction.Outward })
            if (started.Any(o => o.Direction == d) && !started.Any(o => o.Direction == d && o.IsActiveIn(asOfYear)))
                withdrawn.Add(d);
        var geopolitical = ended.Any(e => e.Geopolitical);

        string reason;
        if (ended.Count == 0)
            reason = $"No operation ended by {asOfYear}.";
        else
        {
            var causes = ended.GroupBy(e => e.ReasonKind is { } k ? Words.Of(k) : "reason not recorded")
                .Select(g => $"{g.Count()} {g.Key}");
            reason = $"{ended.Count} operation(s) ended by {asOfYear} ({string.Join(", ", causes)})"
                + (geopolitical ? "; geopolitical causes involved" : "")
                + (withdrawn.Count > 0 ? $"; withdrawn entirely from {string.Join(" and ", withdrawn.Select(d => d.Code()))}" : "")
                + ".";
        }
        return new DeinternationalizationFlag(ended.Count > 0, geopolitical, ended, withdrawn, reason);
    }
}
