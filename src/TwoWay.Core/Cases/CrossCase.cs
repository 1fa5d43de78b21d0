namespace TwoWay.Cases;

/// <summary>
/// The study-level answer to "is inward internationalization a basis for outward (complementarity)
/// or an independent path?" across cases (Korhonen, Luostarinen &amp; Welch 1996; cross-case
/// synthesis after Eisenhardt 1989 and Yin 2018), with the cases behind each answer.
/// </summary>
public static class CrossCase
{
    public const string ComplementarityRule = "inward-led with at least one inward→outward connection";
    public const string IndependentRule = "inward-only, or inward-led with no inward→outward connection";
    public const string OtherRule = "outward-led, simultaneous, outward-only or domestic";

    /// <summary>
    /// Pattern of one case: complementarity when inward-led with ≥ 1 inward→outward connection;
    /// independent inward path when inward-only, or inward-led without such a connection; otherwise other.
    /// </summary>
    public static CasePattern Classify(CaseProfile profile) => profile.Trajectory.Kind switch
    {
        Trajectory.InwardLed when profile.ConnectionCounts.InwardToOutward > 0 => CasePattern.Complementarity,
        Trajectory.InwardLed or Trajectory.InwardOnly => CasePattern.IndependentInward,
        _ => CasePattern.Other,
    };

    /// <summary>The comparison row of one case.</summary>
    public static CrossCaseRow Row(CaseProfile p) => new(
        p.FirmId, p.FirmName, p.HomeCountry, p.InwardStage.Number, p.OutwardStage.Number,
        p.Degree.Inward.Intensity, p.Degree.Outward.Intensity, p.Degree.Inward.Countries, p.Degree.Outward.Countries,
        p.Degree.Inward.Composite, p.Degree.Outward.Composite, p.Degree.Balance, p.Trajectory.Kind, p.Trajectory.LeadYears,
        p.Trajectory.BornGlobal.State, p.Trajectory.Deinternationalization.Present, p.Trajectory.Deinternationalization.Geopolitical,
        p.ConnectionCounts.InwardToOutward, p.ConnectionCounts.OutwardToInward, Classify(p));

    /// <summary>Counts and lists the cases per pattern and per trajectory; rows ordered by firm id.</summary>
    public static CrossCaseSummary Summarize(IEnumerable<CaseProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var rows = profiles.Select(Row).OrderBy(r => r.FirmId, StringComparer.Ordinal).ToList();
        var dup = rows.GroupBy(r => r.FirmId).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Firm {dup.Key} appears twice.", nameof(profiles));

        PatternGroup Group(CasePattern pattern, string rule)
        {
            var ids = rows.Where(r => r.Pattern == pattern).Select(r => r.FirmId).ToList();
            return new PatternGroup(pattern, ids.Count, ids, rule);
        }
        var complementarity = Group(CasePattern.Complementarity, ComplementarityRule);
        var independent = Group(CasePattern.IndependentInward, IndependentRule);
        var other = Group(CasePattern.Other, OtherRule);
        var trajectories = Enum.GetValues<Trajectory>()
            .Select(t => rows.Where(r => r.Trajectory == t).Select(r => r.FirmId).ToList())
            .Zip(Enum.GetValues<Trajectory>(), (ids, t) => new TrajectoryCount(t, ids.Count, ids))
            .ToList();

        string List(PatternGroup g) => g.Count == 0 ? "" : $" ({string.Join(", ", g.FirmIds)})";
        var answer = rows.Count == 0
            ? "No cases."
            : $"Of {rows.Count} case(s), {complementarity.Count} show inward as a basis for outward (complementarity){List(complementarity)}; "
              + $"{independent.Count} follow an independent inward path{List(independent)}; {other.Count} other{List(other)}. "
              + (complementarity.Count > independent.Count ? "Complementarity prevails."
                 : complementarity.Count < independent.Count ? "Independence prevails."
                 : "Neither prevails.");
        return new CrossCaseSummary(rows.Count, complementarity, independent, other, trajectories, answer, rows);
    }
}
