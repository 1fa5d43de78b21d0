using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>
/// A group of firms sharing a trader state and, where known, a stage in each direction; the
/// population a catalogue is compared with is a list of these. <paramref name="Firms"/> is a count
/// or a survey-weighted count. Populations built from a case study also know each firm's
/// trajectory and its establishment-chain stage per direction (the case analyses'); panels and
/// survey groups leave them null.
/// </summary>
public sealed record PopulationGroup(TraderState State, ExperienceStage? OutwardStage, ExperienceStage? InwardStage, double Firms,
    Trajectory? Trajectory = null, StageLevel? OutwardLevel = null, StageLevel? InwardLevel = null)
{
    public ExperienceStage? StageIn(Direction direction) => direction == Direction.Outward ? OutwardStage : InwardStage;

    public StageLevel? LevelIn(Direction direction) => direction == Direction.Outward ? OutwardLevel : InwardLevel;
}

/// <summary>A firm population: where it came from (shown in output) and its groups.</summary>
public sealed record Population
{
    public Population(string description, IEnumerable<PopulationGroup> groups)
    {
        Groups = [.. groups];
        if (Groups.Any(g => g.Firms < 0 || double.IsNaN(g.Firms)))
            throw new ArgumentException("A group cannot have a negative or missing number of firms.", nameof(groups));
        Description = description;
    }

    public string Description { get; }
    public IReadOnlyList<PopulationGroup> Groups { get; }
    public double TotalFirms => Groups.Sum(g => g.Firms);
}

/// <summary>Need and supply for one trader state.</summary>
/// <para>ProgrammeShare: Programmes open to the state / all programmes (the "supply" bar beside the "need" bar).</para>
/// <para>Gap: Firms are in this state but no programme is open to it.</para>
public sealed record StateCoverage(TraderState State, double Firms, double? Share, int ProgrammeCount, double? ProgrammeShare,
    IReadOnlyList<string> Programmes, bool Gap);

/// <summary>Need and supply for one stage in one direction; firms is null when the population has no stages.</summary>
public sealed record StageCoverage(Direction Direction, ExperienceStage Stage, double? Firms, double? Share, int ProgrammeCount,
    double? ProgrammeShare, IReadOnlyList<string> Programmes, bool Gap);

/// <summary>Need and supply for one trajectory (populations from a case study only).</summary>
/// <para>UnservedFirms: Firms of this trajectory that no programme is open to (see <see cref="Programme.IsOpenTo(PopulationGroup)"/>).</para>
/// <para>Programmes: Programmes open to at least one firm of this trajectory.</para>
public sealed record TrajectoryCoverage(Trajectory Trajectory, double Firms, double? Share, double UnservedFirms, int ProgrammeCount,
    IReadOnlyList<string> Programmes, bool Gap);

/// <summary>Need and supply for one establishment-chain stage (0–3) in one direction (populations from a case study only).</summary>
/// <para>Programmes: Programmes supporting the direction and open to at least one firm at this stage.</para>
public sealed record LevelCoverage(Direction Direction, StageLevel Level, int Number, string Label, double Firms, double? Share,
    double UnservedFirms, int ProgrammeCount, IReadOnlyList<string> Programmes, bool Gap);

/// <para>ImportOnlyShare: Share of firms that import but do not export: the firms a bridge is for.</para>
/// <para>UnservedFirms: Firms that no programme of the catalogue is open to, given their state and stages.</para>
public sealed record CoverageResult(
    string Population,
    double TotalFirms,
    int Programmes,
    IReadOnlyList<StateCoverage> States,
    IReadOnlyList<StageCoverage> Stages,
    IReadOnlyList<TrajectoryCoverage> Trajectories,
    IReadOnlyList<LevelCoverage> Levels,
    double UnservedFirms,
    double? UnservedShare,
    int BridgingCount,
    IReadOnlyList<string> BridgingProgrammes,
    double? ImportOnlyShare,
    IReadOnlyList<string> Gaps);

public static class CoverageAnalysis
{
    /// <summary>
    /// Coverage of a population by a catalogue. For each trader state s: share(s) = firms in s /
    /// all firms, and the programmes open to s (no target states named, or s among them). For each
    /// direction d and stage g: share of firms whose stage in d is g (among firms with a known
    /// stage) and the programmes open to it (supporting d and naming no stage of d, or g). A gap is
    /// a state or stage holding firms that no programme is open to. Bridging programmes: open to
    /// import-only firms and supporting a first outward mode (Korhonen, Luostarinen &amp; Welch 1996
    /// show importers tend to become exporters; a bridge supports that step). Firm level: a firm is
    /// unserved when no programme is open to it (<see cref="Programme.IsOpenTo(PopulationGroup)"/>);
    /// where the population knows trajectories and establishment-chain stages (a case study), the
    /// same need/supply/unserved figures are given per trajectory and per direction × stage 0–3.
    /// </summary>
    public static CoverageResult Analyse(Catalogue catalogue, Population population)
    {
        var programmes = catalogue.Programmes;
        var total = population.TotalFirms;
        double? Share(double firms, double of) => of > 0 ? firms / of : null;
        double? ProgrammeShare(int n) => programmes.Length > 0 ? (double)n / programmes.Length : null;
        var gaps = new List<string>();

        var states = Vocabulary<TraderState>.All.Select(s =>
        {
            var firms = population.Groups.Where(g => g.State == s).Sum(g => g.Firms);
            var open = programmes.Where(p => p.IsOpenTo(s)).Select(p => p.Id).ToList();
            var gap = firms > 0 && open.Count == 0;
            if (gap) gaps.Add($"no programme is open to {Vocabulary<TraderState>.Code(s)} firms ({Percent(Share(firms, total))} of firms)");
            return new StateCoverage(s, firms, Share(firms, total), open.Count, ProgrammeShare(open.Count), open, gap);
        }).ToList();

        var stages = new List<StageCoverage>();
        foreach (var d in new[] { Direction.Outward, Direction.Inward })
        {
            var known = population.Groups.Where(g => g.StageIn(d) is not null).ToList();
            var knownTotal = known.Sum(g => g.Firms);
            foreach (var stage in Vocabulary<ExperienceStage>.All)
            {
                var at = new DirectedStage(d, stage);
                double? firms = known.Count > 0 ? known.Where(g => g.StageIn(d) == stage).Sum(g => g.Firms) : null;
                var open = programmes.Where(p => p.IsOpenTo(at)).Select(p => p.Id).ToList();
                var gap = firms > 0 && open.Count == 0;
                if (gap) gaps.Add($"no programme is open to firms at {at.Code} ({Percent(Share(firms!.Value, knownTotal))} of firms with a known {d.Code()} stage)");
                stages.Add(new StageCoverage(d, stage, firms, firms is { } f ? Share(f, knownTotal) : null, open.Count, ProgrammeShare(open.Count), open, gap));
            }
        }

        // Which programmes are open to each group, once: the per-trajectory and per-level views reuse it.
        var openTo = population.Groups.Select(g => programmes.Where(p => p.IsOpenTo(g)).ToList()).ToList();
        double Unserved(Func<PopulationGroup, bool> where) =>
            population.Groups.Select((g, i) => (g, i)).Where(x => where(x.g) && openTo[x.i].Count == 0).Sum(x => x.g.Firms);
        List<string> OpenToAny(Func<PopulationGroup, bool> where, Func<Programme, bool>? also = null) =>
            programmes.Where(p => (also is null || also(p)) && population.Groups.Select((g, i) => (g, i))
                .Any(x => where(x.g) && x.g.Firms > 0 && openTo[x.i].Contains(p))).Select(p => p.Id).ToList();

        var trajectories = new List<TrajectoryCoverage>();
        if (population.Groups.Any(g => g.Trajectory is not null))
            foreach (var t in Enum.GetValues<Trajectory>())
            {
                bool In(PopulationGroup g) => g.Trajectory == t;
                var firms = population.Groups.Where(In).Sum(g => g.Firms);
                var open = OpenToAny(In);
                var gap = firms > 0 && open.Count == 0;
                if (gap) gaps.Add($"no programme is open to the {Percent(Share(firms, total))} of firms with a {Vocabulary<Trajectory>.Code(t)} trajectory");
                trajectories.Add(new TrajectoryCoverage(t, firms, Share(firms, total), Unserved(In), open.Count, open, gap));
            }

        var levels = new List<LevelCoverage>();
        if (population.Groups.Any(g => g.OutwardLevel is not null || g.InwardLevel is not null))
            foreach (var d in new[] { Direction.Outward, Direction.Inward })
                foreach (var level in Enum.GetValues<StageLevel>())
                {
                    bool At(PopulationGroup g) => g.LevelIn(d) == level;
                    var firms = population.Groups.Where(At).Sum(g => g.Firms);
                    var open = OpenToAny(At, p => p.Supports(d));
                    var gap = firms > 0 && open.Count == 0;
                    if (gap) gaps.Add($"no {d.Code()} programme is open to the {Percent(Share(firms, total))} of firms at {d.Code()} stage {(int)level} ({StageRules.Label(level, d)})");
                    levels.Add(new LevelCoverage(d, level, (int)level, StageRules.Label(level, d), firms, Share(firms, total), Unserved(At), open.Count, open, gap));
                }

        var unserved = Unserved(_ => true);
        if (unserved > 0)
            gaps.Add($"{Percent(Share(unserved, total))} of firms ({unserved.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}) have no programme open to their trader state and stages");

        var bridging = programmes.Where(p => p.IsBridging).Select(p => p.Id).ToList();
        var importOnly = states.Single(s => s.State == TraderState.ImportOnly);
        if (importOnly.Firms > 0 && bridging.Count == 0)
            gaps.Add($"no bridging programme (open to import-only firms and supporting a first outward mode) for the {Percent(importOnly.Share)} of firms that import only");
        return new CoverageResult(population.Description, total, programmes.Length, states, stages, trajectories, levels,
            unserved, Share(unserved, total), bridging.Count, bridging, importOnly.Share, gaps);
    }

    private static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}

/// <summary>
/// Trader state and stages of one firm from its activity by year: the rule shared by firm-year
/// panels and case studies (docs/policy.md, docs/methods.md "Panel stages"). State in year t from
/// activity in t; stage per direction from the window t−2..t and the firm's observed years before it:
/// no stage (null) when the firm has never traded in that direction in any observed year up to t
/// (a non-exporter is not a "new" exporter); regular with trade in all three years of a fully
/// observed window; new when its first observed trade in that direction lies in the window
/// (none in any observed earlier year); occasional otherwise (trade in the window after earlier
/// trade, or earlier trade and none in the window).
/// </summary>
public static class YearlyActivity
{
    public const int Window = 3;

    /// <param name="years">Observed years with (exported, imported) activity; years after <paramref name="year"/> are ignored.</param>
    /// <param name="year">The year to classify; null when the firm is not observed in it.</param>
    public static PopulationGroup? Classify(IReadOnlyDictionary<int, (bool Exported, bool Imported)> years, int year)
    {
        if (!years.TryGetValue(year, out var now)) return null;
        var observed = 0;
        int exported = 0, imported = 0;
        bool exportedBefore = false, importedBefore = false;
        foreach (var (y, a) in years)
        {
            if (y > year) continue;
            if (y <= year - Window)
            {
                exportedBefore |= a.Exported; importedBefore |= a.Imported;
                continue;
            }
            observed++;
            if (a.Exported) exported++;
            if (a.Imported) imported++;
        }
        return Classify(now.Imported, now.Exported, observed, exported, imported, 1, exportedBefore, importedBefore);
    }

    /// <summary>
    /// The same rule from counts (e.g. aggregated by a database over a whole panel): the firms'
    /// trade in the year itself, how many of the <see cref="Window"/> years up to it are observed,
    /// in how many of those they exported and imported, and whether they exported or imported in
    /// any observed year before the window.
    /// </summary>
    public static PopulationGroup Classify(bool importedNow, bool exportedNow, int observedYears, int exportedYears, int importedYears, double firms,
        bool exportedBefore, bool importedBefore)
    {
        if (observedYears is < 1 or > Window || exportedYears < 0 || importedYears < 0 || exportedYears > observedYears || importedYears > observedYears)
            throw new ArgumentException($"Inconsistent window counts: observed {observedYears}, exported {exportedYears}, imported {importedYears}.");
        return new PopulationGroup(TraderStates.Of(importedNow, exportedNow),
            Stage(observedYears, exportedYears, exportedBefore), Stage(observedYears, importedYears, importedBefore), firms);
    }

    /// <summary>One direction's stage: null (never traded in it), regular, new or occasional (see the class summary).</summary>
    public static ExperienceStage? Stage(int observedYears, int activeYears, bool activeBefore) =>
        activeYears == 0 && !activeBefore ? null
        : observedYears == Window && activeYears == Window ? ExperienceStage.Regular
        : activeYears > 0 && !activeBefore ? ExperienceStage.New
        : ExperienceStage.Occasional;

    /// <summary>A window-count row of a panel (<see cref="Panels.WindowActivityRow"/>) as a population group.</summary>
    public static PopulationGroup Classify(Panels.WindowActivityRow r) =>
        Classify(r.ImportedNow, r.ExportedNow, r.ObservedYears, r.ExportedYears, r.ImportedYears, r.Firms, r.ExportedBefore, r.ImportedBefore);

    /// <summary>Adds up one-firm groups into one group per distinct description (state, stages, trajectory, levels).</summary>
    public static IEnumerable<PopulationGroup> Merge(IEnumerable<PopulationGroup> groups) =>
        groups.GroupBy(g => g with { Firms = 0 }).Select(g => g.Key with { Firms = g.Sum(x => x.Firms) });

    /// <summary>
    /// A case study's firms as of the year their case analyses were made for (<paramref name="profiles"/>,
    /// one per case, all of one as-of year): trader state and new/occasional/regular stage per
    /// direction by <see cref="Classify(IReadOnlyDictionary{int, ValueTuple{bool, bool}}, int)"/> over the operations (every mode counts: licensing-in or
    /// foreign capital is inward activity, as in the holistic view), and the case analyses'
    /// trajectory and establishment-chain stage per direction.
    /// </summary>
    public static Population FromCases(IReadOnlyList<FirmCase> cases, IReadOnlyList<CaseProfile> profiles, string description)
    {
        if (cases.Count != profiles.Count) throw new ArgumentException("One case profile per case is needed.", nameof(profiles));
        var year = profiles.Count == 0 ? 0 : profiles[0].AsOfYear;
        if (profiles.Any(p => p.AsOfYear != year)) throw new ArgumentException("The case profiles must share one as-of year.", nameof(profiles));
        var byId = profiles.ToDictionary(p => p.FirmId, StringComparer.Ordinal);
        var groups = new List<PopulationGroup>(cases.Count);
        foreach (var c in cases)
        {
            var profile = byId[c.Firm.Id.Value];
            var years = new Dictionary<int, (bool, bool)>();
            var first = c.In(Direction.Outward).Concat(c.In(Direction.Inward)).Select(o => o.Start.Year).DefaultIfEmpty(year).Min();
            for (var y = Math.Min(first, year - Window + 1); y <= year; y++)
                years[y] = (c.In(Direction.Outward).Any(o => o.IsActiveIn(y)), c.In(Direction.Inward).Any(o => o.IsActiveIn(y)));
            var g = Classify(years, year)!;
            groups.Add(g with { Trajectory = profile.Trajectory.Kind, OutwardLevel = profile.OutwardStage.Level, InwardLevel = profile.InwardStage.Level });
        }
        return new Population($"{description} (study, {year})", Merge(groups));
    }
}
