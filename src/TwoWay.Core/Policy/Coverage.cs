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
