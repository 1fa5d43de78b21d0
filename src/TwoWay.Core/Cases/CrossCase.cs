namespace TwoWay.Cases;

/// <summary>
/// The study-level answer to "is inward internationalization a basis for outward (complementarity)
/// or an independent path?" across cases (Korhonen, Luostarinen &amp; Welch 1996; cross-case
/// synthesis after Eisenhardt 1989 and Yin 2018), with the cases behind each answer.
/// </summary>
public static class CrossCase
{
    public const string ComplementarityRule = "inward-led with at least one inward→outward connection found by the rules or asserted in an interview, and not contradicted";
    public const string IndependentRule = "inward-only, or inward-led with no inward→outward connection";
    public const string OtherRule = "outward-led, simultaneous, outward-only or domestic";

    /// <summary>
    /// Pattern of one case: complementarity when inward-led with ≥ 1 inward→outward connection;
    /// independent inward path when inward-only, or inward-led without such a connection; otherwise other.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="claims"/> the connections are the rules' alone; with them (see
    /// <see cref="Claims.Of"/>) an inward→outward connection counts when the rules find it or an
    /// interview asserts it, unless a quotation contradicts it (then it is contested and listed).
    /// </remarks>
    public static CasePattern Classify(CaseProfile profile, IReadOnlyList<ConnectionClaim>? claims = null) => profile.Trajectory.Kind switch
    {
        Trajectory.InwardLed when CountedInwardToOutward(profile, claims) > 0 => CasePattern.Complementarity,
        Trajectory.InwardLed or Trajectory.InwardOnly => CasePattern.IndependentInward,
        _ => CasePattern.Other,
    };

    private static int CountedInwardToOutward(CaseProfile p, IReadOnlyList<ConnectionClaim>? claims) =>
        claims is null ? p.ConnectionCounts.InwardToOutward : claims.Count(c => c.Direction == ConnectionDirection.InwardToOutward && c.Counts);

    /// <summary>The comparison row of one case (its claims, when given, decide the pattern and name its basis).</summary>
    public static CrossCaseRow Row(CaseProfile p, IReadOnlyList<ConnectionClaim>? claims = null) => new(
        p.FirmId, p.FirmName, p.HomeCountry, p.InwardStage.Number, p.OutwardStage.Number,
        p.Degree.Inward.Intensity, p.Degree.Outward.Intensity, p.Degree.Inward.Countries, p.Degree.Outward.Countries,
        p.Degree.Inward.Composite, p.Degree.Outward.Composite, p.Degree.Balance, p.Trajectory.Kind, p.Trajectory.LeadYears,
        p.Trajectory.BornGlobal.State, p.Trajectory.Deinternationalization.Present, p.Trajectory.Deinternationalization.Geopolitical,
        CountedInwardToOutward(p, claims),
        claims is null ? p.ConnectionCounts.OutwardToInward : claims.Count(c => c.Direction == ConnectionDirection.OutwardToInward && c.Counts),
        Classify(p, claims))
    {
        Basis = Classify(p, claims) == CasePattern.Complementarity
            ? (claims is null ? ClaimSource.Rules : Claims.BasisOfComplementarity(claims)) : null,
        ContestedInwardToOutward = claims?.Count(c => c.Direction == ConnectionDirection.InwardToOutward && c.Status == ClaimStatus.Contested) ?? 0,
    };

    /// <summary>Counts and lists the cases per pattern and per trajectory; rows ordered by firm id.</summary>
    /// <param name="profiles">The case analyses.</param>
    /// <param name="claims">Each firm's connection claims (rules and interviews); null: the rules alone decide.</param>
    public static CrossCaseSummary Summarize(IEnumerable<CaseProfile> profiles, IReadOnlyDictionary<string, IReadOnlyList<ConnectionClaim>>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        IReadOnlyList<ConnectionClaim>? ClaimsOf(CaseProfile p) => claims is null ? null : claims.TryGetValue(p.FirmId, out var c) ? c : [];
        var rows = list.Select(p => Row(p, ClaimsOf(p))).OrderBy(r => r.FirmId, StringComparer.Ordinal).ToList();
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

        // Sensitivity: the same rule with one source only (rules as if no interview existed; interviews
        // as if the operations table showed no connection, contradicted assertions not counted).
        var inwardLed = list.Where(p => p.Trajectory.Kind == Trajectory.InwardLed).ToList();
        var byRules = inwardLed.Count(p => p.ConnectionCounts.InwardToOutward > 0);
        var byInterview = inwardLed.Count(p => (ClaimsOf(p) ?? []).Any(c =>
            c.Direction == ConnectionDirection.InwardToOutward && c.Supporting.Count > 0 && c.Contradicting.Count == 0));
        var contested = rows.Where(r => r.ContestedInwardToOutward > 0).Select(r => r.FirmId).ToList();

        string List(PatternGroup g) => g.Count == 0 ? "" : $" ({string.Join(", ", g.FirmIds)})";
        string Basis(CrossCaseRow r) => r.Basis switch { ClaimSource.Interview => "interview", ClaimSource.RulesAndInterview => "rules and interview", _ => "rules" };
        var basis = claims is null || complementarity.Count == 0 ? ""
            : " Basis: " + string.Join(", ", rows.Where(r => r.Pattern == CasePattern.Complementarity).Select(r => $"{r.FirmId} {Basis(r)}")) + ".";
        var sensitivity = claims is null ? ""
            : $" Under the rules alone {byRules} case(s) would show complementarity, under the interviews alone {byInterview}."
              + (contested.Count > 0 ? $" Contested (a quotation contradicts the connection; not counted): {string.Join(", ", contested)}." : "");
        var answer = rows.Count == 0
            ? "No cases."
            : $"Of {rows.Count} case(s), {complementarity.Count} show inward as a basis for outward (complementarity){List(complementarity)}; "
              + $"{independent.Count} follow an independent inward path{List(independent)}; {other.Count} other{List(other)}. "
              + (complementarity.Count > independent.Count ? "Complementarity prevails."
                 : complementarity.Count < independent.Count ? "Independence prevails."
                 : "Neither prevails.")
              + basis + sensitivity;
        return new CrossCaseSummary(rows.Count, complementarity, independent, other, trajectories, answer, rows)
        {
            Sensitivity = claims is null ? null : new ComplementaritySensitivity(byRules, byInterview),
            Contested = contested,
        };
    }
}
