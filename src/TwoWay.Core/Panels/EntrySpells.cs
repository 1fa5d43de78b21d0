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
        var ys = years.Select(y => y.Year).ToArray();
        var states = years.Select(y => y.State).ToArray();
        for (var i = 1; i < ys.Length; i++)
            if (ys[i] <= ys[i - 1]) throw new ArgumentException("years must be ascending without duplicates");
        var (length, entered) = Extent(ys, states, entering);
        var other = entering.Mirror();
        var rows = new List<SpellRow>(length);
        for (var i = 1; i <= length; i++)
            rows.Add(new SpellRow(i, ys[i], states[i - 1].Active(other), entered && i == length));
        return rows;
    }

    /// <summary>
    /// The same rules without building rows (for a pass over millions of firms): the spell is rows
    /// 1…<c>Rows</c> of the firm's years (row i is interval i, its lag the other direction in year i − 1),
    /// and whether it ends in entry. Rows = 0 when the firm has no spell.
    /// </summary>
    /// <param name="years">The firm's observed years, ascending, no duplicates (not checked here).</param>
    /// <param name="states">The firm's state in each of those years.</param>
    /// <param name="entering">Outward for export entry, inward for import entry.</param>
    public static (int Rows, bool Entered) Extent(ReadOnlySpan<int> years, ReadOnlySpan<TraderState> states, Direction entering)
    {
        if (years.Length == 0 || states[0].Active(entering)) return (0, false);
        var y0 = years[0];
        var i = 1;
        for (; i < years.Length && years[i] == y0 + i; i++) // a gap: censored at the year before it
            if (states[i].Active(entering)) return (i, true);
        return (i - 1, false);
    }
}
