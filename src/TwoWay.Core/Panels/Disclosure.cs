using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>How many entries of one table were held back, and why.</summary>
/// <param name="Table">e.g. "export entry cells", "trader states".</param>
/// <param name="Primary">Entries resting on 1 to N − 1 firms.</param>
/// <param name="Secondary">Entries held back so that a primary one cannot be recovered by subtraction from a total.</param>
public sealed record SuppressedEntries(string Table, int Primary, int Secondary);

/// <summary>What the disclosure rule held back (<c>--min-cell N</c>); docs/panel-data.md gives the rule and its source.</summary>
public sealed record DisclosureReport(int MinCell, IReadOnlyList<SuppressedEntries> Suppressed)
{
    public DisclosureReport Merge(DisclosureReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Suppressed = [.. Suppressed, .. other.Suppressed] };
    }
}

/// <summary>
/// The threshold rule of statistical disclosure control with secondary suppression: an entry of a
/// frequency table resting on 1 to N − 1 firms — a count of firms, of entries or of non-entries —
/// is not released (primary); where a row of the table has a released total and exactly one entry
/// was held back, the smallest other entries of that row are held back too until at least two are
/// held back and they rest on N firms together (secondary), so none can be found by subtraction. The same rule is written in SQL by the panel adapter (PanelSql), so a
/// data holder applies it before anything leaves the engine.
/// </summary>
public static class Disclosure
{
    /// <summary>True for a count that may identify firms: 1 to N − 1.</summary>
    public static bool Small(long count, int minCell) => count > 0 && count < minCell;

    /// <summary>
    /// Entry cells and Kaplan–Meier outcome rows of one direction: groups are (cells, interval) and
    /// (outcomes, interval) — the firms at risk at an interval are the published total of both.
    /// Within a group, ties for the secondary choice go to fewer firms, fewer entries, lag 0, then levels.
    /// </summary>
    public static (IReadOnlyList<SpellCell> Cells, IReadOnlyList<SpellOutcome> Outcomes, DisclosureReport Report) ControlCells(
        Direction entering, IReadOnlyList<SpellCell> cells, IReadOnlyList<SpellOutcome> outcomes, int minCell)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(outcomes);
        bool Risky(long firms, long entries) => Small(firms, minCell) || Small(entries, minCell) || Small(firms - entries, minCell);
        var what = entering == Direction.Outward ? "export entry" : "import entry";

        var (keptCells, cp, cs) = Control(cells, c => c.Interval, c => Risky(c.AtRisk, c.Entries),
            list => list.OrderBy(c => c.AtRisk).ThenBy(c => c.Entries).ThenBy(c => c.Lag).ThenBy(c => string.Join("\u0001", c.Levels), StringComparer.Ordinal),
            c => c.AtRisk, minCell);

        // Outcomes come as entered/not-entered pairs per (lag at start, time): control them as rows of firms and entries.
        var rows = outcomes.GroupBy(o => (o.LagAtStart, o.Time))
            .Select(g => (g.Key.LagAtStart, g.Key.Time, Firms: g.Sum(o => o.Firms), Entries: g.Where(o => o.Entered).Sum(o => o.Firms))).ToList();
        var (keptRows, op, os) = Control(rows, r => r.Time, r => Risky(r.Firms, r.Entries),
            list => list.OrderBy(r => r.Firms).ThenBy(r => r.Entries).ThenBy(r => r.LagAtStart), r => r.Firms, minCell);
        var keptOutcomes = keptRows.SelectMany(r => new[]
        {
            new SpellOutcome(r.LagAtStart, r.Time, true, r.Entries), new SpellOutcome(r.LagAtStart, r.Time, false, r.Firms - r.Entries),
        }).Where(o => o.Firms > 0).OrderBy(o => o.LagAtStart).ThenBy(o => o.Time).ThenBy(o => o.Entered).ToList();
        if (keptCells.Count == 0 && cells.Count > 0)
            throw new Statistics.EstimationException($"with --min-cell {minCell} every {what} cell rests on 1 to {minCell - 1} firms, entries or non-entries (or was held back beside one): nothing is left to fit; a smaller threshold, fewer covariates or more firms leave larger cells");
        keptCells = [.. keptCells.OrderBy(c => c.Interval).ThenBy(c => c.Lag).ThenBy(c => string.Join("\u0001", c.Levels), StringComparer.Ordinal)];
        return (keptCells, keptOutcomes, new DisclosureReport(minCell, [new SuppressedEntries($"{what} cells", cp, cs), new SuppressedEntries($"{what} outcomes", op, os)]));
    }

    /// <summary>
    /// Primary suppression of risky entries, then secondary suppression within each group (row of the
    /// table): while fewer than two entries of a group are held back, or the held-back ones add up to
    /// fewer than N firms, the next smallest is held back too — so neither one entry nor a small sum
    /// of them can be found by subtracting the released ones from the group's total.
    /// </summary>
    public static (List<T> Kept, int Primary, int Secondary) Control<T, TKey>(IEnumerable<T> entries, Func<T, TKey> group, Func<T, bool> risky,
        Func<IEnumerable<T>, IEnumerable<T>> smallestFirst, Func<T, long> firms, int minCell) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(firms);
        var kept = new List<T>();
        int primary = 0, secondary = 0;
        foreach (var g in entries.GroupBy(group))
        {
            var small = g.Where(risky).ToList();
            var rest = smallestFirst(g.Where(e => !risky(e))).ToList();
            primary += small.Count;
            if (small.Count > 0)
            {
                var held = small.Count;
                var heldFirms = small.Sum(firms);
                // An empty entry protects nothing (its zero is known from the others): never chosen.
                var candidates = rest.Where(e => firms(e) > 0).ToList();
                while (candidates.Count > 0 && (held < 2 || heldFirms < minCell))
                {
                    held++;
                    heldFirms += firms(candidates[0]);
                    rest.Remove(candidates[0]);
                    candidates.RemoveAt(0);
                    secondary++;
                }
            }
            kept.AddRange(rest);
        }
        return (kept, primary, secondary);
    }
}

/// <summary>The rule applied to the tables of a whole panel analysis (<c>panel analyze --min-cell</c>).</summary>
public static class AnalysisDisclosure
{
    /// <summary>
    /// Trader states: per year, a state's firm count is an entry and the year's firms the total.
    /// Transitions (pooled and per year): per starting state, each destination's count, the row's
    /// pairs the total. Conversion: a horizon whose firms, converters or non-converters in either
    /// group rest on 1 to N − 1 firms is held back whole. Country linkage likewise. Held-back entries
    /// are left out of the lists (the JSON and tables show them as held back). The entry models are
    /// controlled where they are computed, on their cells (<see cref="Disclosure.ControlCells"/>).
    /// </summary>
    public static PanelAnalysis Control(PanelAnalysis a, int minCell, DisclosureReport entryReport)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(entryReport);
        bool Small(long n) => Disclosure.Small(n, minCell);
        var (states, sp, ss) = Disclosure.Control(a.States, s => s.Year, s => Small(s.Firms), l => l.OrderBy(s => s.Firms).ThenBy(s => s.State), s => s.Firms, minCell);
        states = [.. states.OrderBy(s => s.Year).ThenBy(s => s.State)];
        int tp = 0, ts = 0;
        TransitionMatrix Matrix(TransitionMatrix m)
        {
            var (cells, p, s) = Disclosure.Control(m.Cells, c => c.From, c => Small(c.Firms), l => l.OrderBy(c => c.Firms).ThenBy(c => c.To), c => c.Firms, minCell);
            tp += p; ts += s;
            return m with { Cells = [.. cells.OrderBy(c => c.From).ThenBy(c => c.To)] };
        }
        var pooled = Matrix(a.Transitions);
        var byYear = a.TransitionsByYear.Select(Matrix).ToList();
        bool RiskyShare(Statistics.Proportion p) => Small((long)p.Trials) || Small((long)p.Successes) || Small((long)(p.Trials - p.Successes));
        var conversion = a.Conversion.Where(c => !RiskyShare(c.ImportersFirst) && !RiskyShare(c.NonTraders)).ToList();
        var linkage = a.CountryLinkage is { } l && (RiskyShare(l.WithPriorImports) || RiskyShare(l.WithoutPriorImports)) ? null : a.CountryLinkage;
        var report = new DisclosureReport(minCell,
        [
            new SuppressedEntries("trader states", sp, ss),
            new SuppressedEntries("transitions", tp, ts),
            new SuppressedEntries("conversion horizons", a.Conversion.Count - conversion.Count, 0),
            new SuppressedEntries("country linkage", a.CountryLinkage is not null && linkage is null ? 1 : 0, 0),
        ]);
        return a with
        {
            States = states, Transitions = pooled, TransitionsByYear = byYear, Conversion = conversion, CountryLinkage = linkage,
            Disclosure = entryReport.Merge(report),
            FirmsByYear = a.States.GroupBy(s => s.Year).ToDictionary(g => g.Key, g => g.Sum(s => s.Firms)),
        };
    }
}
