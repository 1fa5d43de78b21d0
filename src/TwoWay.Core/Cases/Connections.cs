using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>
/// Inward–outward connections found by rules over a firm's operations (Welch &amp; Luostarinen 1993;
/// Korhonen, Luostarinen &amp; Welch 1996), applied the same way inward→outward and outward→inward.
/// </summary>
public static class Connections
{
    /// <summary>
    /// All rule-based connections among the operations started by <paramref name="asOfYear"/>.
    /// "Later" means a strictly later start at the precision both starts share (months when both
    /// have one, else calendar years), so two year-only starts in the same year are never linked.
    /// Rules and limits, in each of the two directions:
    /// same partner — per named partner (case- and space-insensitive), the earliest operation with it
    /// linked to the earliest later operation of the other direction with it;
    /// same country — per partner country, the earliest operation there linked to the earliest later
    /// operation of the other direction there;
    /// technology — each licensing or technical agreement linked to the earliest later goods or
    /// services trade of the other direction;
    /// network — each alliance or joint venture linked to the earliest later operation of the other direction.
    /// Lag = start(to) − start(from) in years (months / 12 when both have a month).
    /// </summary>
    public static IReadOnlyList<Connection> Find(FirmCase firmCase, int asOfYear)
    {
        var started = Timing.StartedBy(firmCase, asOfYear);
        var result = new List<Connection>();
        foreach (var from in new[] { Direction.Inward, Direction.Outward })
        {
            var sources = started.Where(o => o.Direction == from).ToList();
            var targets = started.Where(o => o.Direction != from).ToList();
            if (sources.Count == 0 || targets.Count == 0) continue;

            // Same partner and same country: earliest source per key, earliest later target with that key.
            foreach (var (kind, key) in new (ConnectionKind, Func<Operation, string?>)[]
                     { (ConnectionKind.SamePartner, o => NormalisePartner(o.Partner)), (ConnectionKind.SameCountry, o => o.PartnerCountry.Value) })
            {
                // Partners compare case-insensitively (Ordinal is enough for country codes).
                var comparer = kind == ConnectionKind.SamePartner ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                var targetsByKey = new Dictionary<string, List<Operation>>(comparer);
                foreach (var t in targets)
                    if (key(t) is { } k)
                    {
                        if (!targetsByKey.TryGetValue(k, out var list)) targetsByKey[k] = list = [];
                        list.Add(t);
                    }
                var seen = new HashSet<string>(comparer);
                foreach (var s in sources)
                {
                    if (key(s) is not { } k || !seen.Add(k) || !targetsByKey.TryGetValue(k, out var candidates)) continue;
                    if (EarliestAfter(candidates, s) is { } t) result.Add(Make(kind, s, t));
                }
            }

            var trade = targets.Where(o => o.Mode is Mode.GoodsTrade or Mode.ServicesTrade).ToList();
            foreach (var s in sources)
            {
                if (s.Mode is Mode.Licensing or Mode.TechnicalAgreement && EarliestAfter(trade, s) is { } t)
                    result.Add(Make(ConnectionKind.Technology, s, t));
                if (s.Mode is Mode.Alliance or Mode.JointVenture && EarliestAfter(targets, s) is { } u)
                    result.Add(Make(ConnectionKind.Network, s, u));
            }
        }
        return result;
    }

    /// <summary>
    /// The first operation of <paramref name="sorted"/> (case order) that starts strictly after
    /// <paramref name="source"/>. Binary search to the source's year, then a scan over that year only,
    /// so a firm with many operations stays O(log n) per lookup.
    /// </summary>
    private static Operation? EarliestAfter(List<Operation> sorted, Operation source)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Start.Year < source.Start.Year) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < sorted.Count; i++)
        {
            var t = sorted[i];
            if (Timing.IsStrictlyAfter(t.Start, source.Start)) return t;
            // Past the source's year every start is strictly after it; the check above has then returned.
        }
        return null;
    }

    /// <summary>The partner name with inner runs of white space collapsed (Operation already trims); case is left to the comparer.</summary>
    private static string? NormalisePartner(string? partner)
    {
        if (partner is null) return null;
        var needsWork = false;
        for (var i = 1; i < partner.Length && !needsWork; i++)
            needsWork = char.IsWhiteSpace(partner[i]) && (partner[i] != ' ' || char.IsWhiteSpace(partner[i - 1]));
        return needsWork ? string.Join(' ', partner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : partner;
    }

    private static Connection Make(ConnectionKind kind, Operation from, Operation to)
    {
        var lag = Timing.LagYears(from.Start, to.Start);
        var monthly = Timing.BothMonthly(from.Start, to.Start);
        var lagText = monthly ? $"{lag * 12:0} months" : $"{lag:0} year(s)";
        var f = $"{from.Mode.Name(from.Direction)} ({from.PartnerCountry}, {from.Start}; op {from.Id})";
        var t = $"{to.Mode.Name(to.Direction)} ({to.PartnerCountry}, {to.Start}; op {to.Id})";
        var explanation = kind switch
        {
            ConnectionKind.SamePartner => $"Partner '{from.Partner}' of {f} reappears {lagText} later in {t}.",
            ConnectionKind.SameCountry => $"{Capital(f)} precedes {t} in the same country by {lagText}: market knowledge of {from.PartnerCountry.Name}.",
            ConnectionKind.Technology => $"Technology from {f} precedes trade in {t} by {lagText}.",
            _ => $"Network of {f} precedes {t} by {lagText}.",
        };
        var direction = from.Direction == Direction.Inward ? ConnectionDirection.InwardToOutward : ConnectionDirection.OutwardToInward;
        return new Connection(kind, direction, OperationRef.Of(from), OperationRef.Of(to), lag, monthly, explanation);
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Counts by direction and by rule.</summary>
    public static ConnectionCounts Count(IReadOnlyList<Connection> connections) => new(
        connections.Count(c => c.Direction == ConnectionDirection.InwardToOutward),
        connections.Count(c => c.Direction == ConnectionDirection.OutwardToInward),
        connections.Count(c => c.Kind == ConnectionKind.SamePartner),
        connections.Count(c => c.Kind == ConnectionKind.SameCountry),
        connections.Count(c => c.Kind == ConnectionKind.Technology),
        connections.Count(c => c.Kind == ConnectionKind.Network));
}
