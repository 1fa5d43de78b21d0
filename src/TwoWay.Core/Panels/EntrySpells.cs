using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>One observed year of one firm: its trader state.</summary>
public readonly record struct ObservedYear(int Year, TraderState State);

/// <summary>
/// One row of an entry spell in counting-process form: the interval (k − 1, k] covering year
/// y0 + k, the firm's activity in the other direction in the year before (the lag), and whether
/// the firm entered in that year.
/// </summary>
public readonly record struct SpellRow(int Interval, int Year, bool OtherDirectionLag, bool Entered);

/// <summary>
/// The spell rules of docs/methods.md ("Panel statistics"), for one firm at a time. The DuckDB
/// adapter implements the same rules in SQL; its tests check both agree on random panels.
/// </summary>
public static class EntrySpells
{
    /// <summary>
    /// Entry spell of one firm into <paramref name="entering"/> (outward: export entry, lag =
    /// imports; inward: import entry, lag = exports). Rules: a firm active in that direction in its
    /// first observed year y0 is left out (empty result); interval k = (k−1, k] covers year y0+k;
    /// the lag is the other direction's status in y0+k−1; the event is the first year active in
    /// that direction, and the spell ends there (later exits and re-entries are ignored); a missing
    /// year censors the spell at the last year before the gap.
    /// </summary>
    /// <param name="years">The firm's observed years, ascending, no duplicates.</param>
    /// <param name="entering">Outward for export entry, inward for import entry.</param>
    public static IReadOnlyList<SpellRow> For(IReadOnlyList<ObservedYear> years, Direction entering)
    {
        var rows = new List<SpellRow>();
        if (years.Count == 0 || years[0].State.Active(entering)) return rows;
        var other = entering.Mirror();
        var y0 = years[0].Year;
        for (var i = 1; i < years.Count; i++)
        {
            if (years[i].Year != y0 + i) break; // a gap: censored at the year before it
            if (years[i].Year <= years[i - 1].Year) throw new ArgumentException("years must be ascending without duplicates");
            var entered = years[i].State.Active(entering);
            rows.Add(new SpellRow(i, years[i].Year, years[i - 1].State.Active(other), entered));
            if (entered) break;
        }
        return rows;
    }
}
