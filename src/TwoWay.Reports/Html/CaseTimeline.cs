using System.Globalization;
using TwoWay.Domain;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>
/// The timeline of one case as a <see cref="TimelineChart"/>: outward operations above the time
/// axis, inward below, each a bar from start to end (ongoing ones cut at the end of the as-of year
/// and marked open), inward blue and outward red, darker for a deeper commitment tier, connections as arrows.
/// </summary>
public static class CaseTimeline
{
    public static string TierName(CommitmentTier tier) => tier switch
    {
        CommitmentTier.Trade => "1 trade",
        CommitmentTier.Contractual => "2 contractual",
        CommitmentTier.Cooperative => "3 cooperative",
        _ => "4 equity",
    };

    /// <summary>Every direction and tier, inward first: the direction's hue, darker for a deeper commitment (<see cref="Palette"/>).</summary>
    public static IReadOnlyList<LegendEntry> Legend { get; } =
        Enum.GetValues<Direction>().SelectMany(d => Enum.GetValues<CommitmentTier>().Select(t => new LegendEntry($"{d.Code()} {TierName(t)}", Palette.Of(d, t)))).ToArray();

    /// <summary>Start of the period in fractional years.</summary>
    public static double StartOf(YearMonth start) => start.AsFractionalYear;

    /// <summary>End of the last period: the end of the month, or of the year when only the year is known.</summary>
    public static double EndOf(YearMonth end) => end.HasMonth ? end.AsFractionalYear + 1 / 12.0 : end.Year + 1;

    public static TimelineChart Build(FirmCase firmCase, int asOfYear, IReadOnlyList<ReportConnection> connections, Naming naming)
    {
        var ops = firmCase.Operations.Where(o => o.Start.Year <= asOfYear).ToArray();
        var bars = ops.Select(o => new TimelineBar(
            o.Id.Value,
            Above: o.Direction == Direction.Outward,
            Start: StartOf(o.Start),
            End: o.End is { } e && e.Year <= asOfYear ? EndOf(e) : asOfYear + 1,
            Open: o.End is not { } e2 || e2.Year > asOfYear,
            Label: Label(o, naming),
            Color: Palette.Of(o.Direction, o.Tier))).ToArray();
        var onChart = bars.Select(b => b.Id).ToHashSet();
        var arrows = connections
            .Where(c => onChart.Contains(c.From.Value) && onChart.Contains(c.To.Value))
            .Select(c => new TimelineArrow(c.From.Value, c.To.Value, c.Kind)).ToArray();
        var founded = firmCase.Firm.FoundingYear;
        var from = ops.Length == 0 ? (founded ?? asOfYear - 10) : Math.Min(ops.Min(o => o.Start.Year), founded ?? int.MaxValue);
        var name = naming.Firm(firmCase.Firm);
        var lanes = Math.Max(1, bars.Count(b => b.Above)) + Math.Max(1, bars.Count(b => !b.Above));
        return new TimelineChart(
            Title: $"{firmCase.Firm.Id} {name}: operations over time",
            Description: Describe(firmCase, ops, connections, asOfYear, naming),
            AboveLabel: "outward", BelowLabel: "inward",
            Bars: bars, Arrows: arrows, Legend: Legend,
            From: from, To: asOfYear + 1)
        { Width = 1000, Height = 160 + 44 * lanes };
    }

    internal static string Label(Operation o, Naming naming) =>
        o.Mode.Name(o.Direction) + " · " + o.PartnerCountry + (o.Partner is null ? "" : " · " + naming.Partner(o.Partner));

    private static string Describe(FirmCase c, IReadOnlyList<Operation> ops, IReadOnlyList<ReportConnection> connections, int asOfYear, Naming naming)
    {
        if (ops.Count == 0) return $"No international operations up to {asOfYear}.";
        string Span(Operation o) => o.End is { } e ? $"{o.Start}–{e}" : $"{o.Start}–ongoing";
        var lines = ops.Select(o => $"{o.Direction.Code()} {Label(o, naming)} ({Span(o)}, tier {(int)o.Tier})");
        var links = connections.Select(l => $"{l.From} → {l.To} ({l.Kind}, lag {l.LagYears.ToString("0.#", CultureInfo.InvariantCulture)} years)");
        return $"Timeline of {ops.Count} operations up to {asOfYear}: " + string.Join("; ", lines) +
               (connections.Count > 0 ? ". Connections: " + string.Join("; ", links) : "") + ".";
    }
}
