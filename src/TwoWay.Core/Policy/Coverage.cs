using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>
/// A group of firms sharing a trader state and, where known, a stage in each direction; the
/// population a catalogue is compared with is a list of these. <paramref name="Firms"/> is a count
/// or a survey-weighted count.
/// </summary>
public sealed record PopulationGroup(TraderState State, ExperienceStage? OutwardStage, ExperienceStage? InwardStage, double Firms)
{
    public ExperienceStage? StageIn(Direction direction) => direction == Direction.Outward ? OutwardStage : InwardStage;
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

/// <para>ImportOnlyShare: Share of firms that import but do not export: the firms a bridge is for.</para>
public sealed record CoverageResult(
    string Population,
    double TotalFirms,
    int Programmes,
    IReadOnlyList<StateCoverage> States,
    IReadOnlyList<StageCoverage> Stages,
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
    /// show importers tend to become exporters; a bridge supports that step).
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

        var bridging = programmes.Where(p => p.IsBridging).Select(p => p.Id).ToList();
        var importOnly = states.Single(s => s.State == TraderState.ImportOnly);
        if (importOnly.Firms > 0 && bridging.Count == 0)
            gaps.Add($"no bridging programme (open to import-only firms and supporting a first outward mode) for the {Percent(importOnly.Share)} of firms that import only");
        return new CoverageResult(population.Description, total, programmes.Length, states, stages, bridging.Count, bridging, importOnly.Share, gaps);
    }

    private static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}

/// <summary>
/// Trader state and stages of one firm from its activity by year: the rule shared by firm-year
/// panels and case studies (docs/policy.md). State in year t from activity in t; stage per
/// direction over the window t−2..t: new with no activity in the window, regular with activity in
/// all three years of a fully observed window, occasional otherwise.
/// </summary>
public static class YearlyActivity
{
    public const int Window = 3;

    /// <param name="years">Observed years with (exported, imported) activity.</param>
    /// <param name="year">The year to classify; null when the firm is not observed in it.</param>
    public static PopulationGroup? Classify(IReadOnlyDictionary<int, (bool Exported, bool Imported)> years, int year)
    {
        if (!years.TryGetValue(year, out var now)) return null;
        var observed = 0;
        int exported = 0, imported = 0;
        for (var y = year - Window + 1; y <= year; y++)
        {
            if (!years.TryGetValue(y, out var a)) continue;
            observed++;
            if (a.Exported) exported++;
            if (a.Imported) imported++;
        }
        ExperienceStage Stage(int active) =>
            active == 0 ? ExperienceStage.New : observed == Window && active == Window ? ExperienceStage.Regular : ExperienceStage.Occasional;
        return new PopulationGroup(TraderStates.From(now.Imported, now.Exported), Stage(exported), Stage(imported), 1);
    }

    /// <summary>Adds up one-firm groups into one group per (state, outward stage, inward stage).</summary>
    public static IEnumerable<PopulationGroup> Merge(IEnumerable<PopulationGroup> groups) =>
        groups.GroupBy(g => (g.State, g.OutwardStage, g.InwardStage))
            .Select(g => new PopulationGroup(g.Key.State, g.Key.OutwardStage, g.Key.InwardStage, g.Sum(x => x.Firms)));

    /// <summary>
    /// A case study's firms in <paramref name="year"/> (default: the latest year in which any
    /// operation starts or ends, capped at <paramref name="currentYear"/>). A firm is active in a
    /// direction in a year when any of its operations in that direction is — every mode counts,
    /// as the holistic view counts licensing-in or foreign capital as inward operations.
    /// </summary>
    public static Population FromCases(IEnumerable<FirmCase> cases, int? year, int currentYear, string description)
    {
        var list = cases.ToList();
        var target = year ?? Math.Min(currentYear, list.SelectMany(c => c.Operations)
            .Select(o => Math.Max(o.Start.Year, o.End?.Year ?? o.Start.Year)).DefaultIfEmpty(currentYear).Max());
        var groups = new List<PopulationGroup>();
        foreach (var c in list)
        {
            var years = new Dictionary<int, (bool, bool)>();
            for (var y = target - Window + 1; y <= target; y++)
                years[y] = (c.In(Direction.Outward).Any(o => o.IsActiveIn(y)), c.In(Direction.Inward).Any(o => o.IsActiveIn(y)));
            groups.Add(Classify(years, target)!);
        }
        return new Population($"{description} ({target})", Merge(groups));
    }
}
