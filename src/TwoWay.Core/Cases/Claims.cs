using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>Where a connection claim comes from.</summary>
public enum ClaimSource
{
    /// <summary>Found by the connection rules on the operations table only.</summary>
    Rules,

    /// <summary>Asserted in an interview only (a coded quotation linked to the connection).</summary>
    Interview,

    /// <summary>Found by the rules and asserted in an interview.</summary>
    RulesAndInterview,
}

/// <summary>How well a connection claim stands (triangulation of sources: Denzin 1978; Yin 2018, ch. 4).</summary>
public enum ClaimStatus
{
    /// <summary>Rules and interview agree, and no quotation contradicts it.</summary>
    Triangulated,

    /// <summary>Only the rules find it; no interview speaks to it.</summary>
    RulesOnly,

    /// <summary>Only an interview asserts it (the rules see no connection), and no quotation contradicts it.</summary>
    InterviewOnly,

    /// <summary>Something supports it (rules or a quotation) and a quotation contradicts it.</summary>
    Contested,

    /// <summary>Only contradicting quotations speak to it: the interviews deny a connection nothing else finds.</summary>
    Refuted,
}

/// <summary>A quotation linked to a connection: what an interview says about it.</summary>
/// <param name="Connection">The two operations, earlier first.</param>
/// <param name="CodingId">The coded quotation.</param>
/// <param name="Contradicts">True when the quotation speaks against the connection.</param>
public sealed record AssertedConnection(ConnectionId Connection, Guid CodingId, bool Contradicts);

/// <summary>One connection of a case with its basis: the rules that find it and the quotations for and against it.</summary>
/// <param name="From">The earlier operation's id.</param>
/// <param name="To">The later operation's id, in the other direction.</param>
/// <param name="Direction">Inward→outward or outward→inward.</param>
/// <param name="Rules">The rules that find it (empty when only an interview speaks to it).</param>
/// <param name="Supporting">Quotations that support it.</param>
/// <param name="Contradicting">Quotations that contradict it.</param>
/// <param name="Source">Rules, interview, or both (of the supporting sources; null when only contradicted).</param>
/// <param name="Status">Triangulated, rules only, interview only, contested or refuted.</param>
public sealed record ConnectionClaim(
    string From,
    string To,
    ConnectionDirection Direction,
    IReadOnlyList<ConnectionKind> Rules,
    IReadOnlyList<Guid> Supporting,
    IReadOnlyList<Guid> Contradicting,
    ClaimSource? Source,
    ClaimStatus Status)
{
    /// <summary>Whether the claim counts as a connection in the answer: supported and not contradicted.</summary>
    public bool Counts => Status is ClaimStatus.Triangulated or ClaimStatus.RulesOnly or ClaimStatus.InterviewOnly;
}

/// <summary>
/// The connections of a case as claims with their basis (issue 13): the rule-found connections of
/// <see cref="Connections.Find"/> joined with what the interviews assert or deny. A multi-case study
/// weighs interview evidence as a source of its own (Yin 2018; Eisenhardt 1989), so a connection the
/// managing director describes counts even where the operations table shows none, and one the
/// interviews contradict is contested rather than counted.
/// </summary>
public static class Claims
{
    /// <summary>
    /// The claims of one case. Rule-found connections are merged per pair of operations (several
    /// rules may find one pair); asserted connections between operations of other firms, or
    /// between two operations of one direction, are ignored here (storage refuses them).
    /// </summary>
    /// <param name="firmCase">The case.</param>
    /// <param name="ruleConnections">The connections the rules find as of <paramref name="asOfYear"/>.</param>
    /// <param name="asserted">What quotations say about connections (any firm's; others are skipped).</param>
    /// <param name="asOfYear">Assertions about an operation that starts after this year are left out, as the rules leave it out.</param>
    public static IReadOnlyList<ConnectionClaim> Of(FirmCase firmCase, IReadOnlyList<Connection> ruleConnections, IEnumerable<AssertedConnection> asserted,
        int? asOfYear = null)
    {
        ArgumentNullException.ThrowIfNull(firmCase);
        var ops = firmCase.Operations.Where(o => asOfYear is null || o.Start.Year <= asOfYear).ToDictionary(o => o.Id.Value, StringComparer.Ordinal);
        var pairs = new Dictionary<(string From, string To), (ConnectionDirection Direction, List<ConnectionKind> Rules, List<Guid> For, List<Guid> Against)>();
        foreach (var c in ruleConnections)
        {
            var key = (c.From.Id, c.To.Id);
            if (!pairs.TryGetValue(key, out var entry)) pairs[key] = entry = (c.Direction, [], [], []);
            if (!entry.Rules.Contains(c.Kind)) entry.Rules.Add(c.Kind);
        }
        foreach (var a in asserted)
        {
            var (from, to) = (a.Connection.From.Value, a.Connection.To.Value);
            if (!ops.TryGetValue(from, out var f) || !ops.TryGetValue(to, out var t) || f.Direction == t.Direction) continue;
            var key = (from, to);
            if (!pairs.TryGetValue(key, out var entry))
                pairs[key] = entry = (f.Direction == Direction.Inward ? ConnectionDirection.InwardToOutward : ConnectionDirection.OutwardToInward, [], [], []);
            (a.Contradicts ? entry.Against : entry.For).Add(a.CodingId);
        }
        return pairs
            .Select(kv => Claim(kv.Key.From, kv.Key.To, kv.Value.Direction, kv.Value.Rules, kv.Value.For, kv.Value.Against))
            .OrderBy(c => c.From, StringComparer.Ordinal).ThenBy(c => c.To, StringComparer.Ordinal).ToList();
    }

    private static ConnectionClaim Claim(string from, string to, ConnectionDirection direction, List<ConnectionKind> rules, List<Guid> @for, List<Guid> against)
    {
        var byRules = rules.Count > 0;
        var byInterview = @for.Count > 0;
        ClaimSource? source = byRules && byInterview ? ClaimSource.RulesAndInterview : byRules ? ClaimSource.Rules : byInterview ? ClaimSource.Interview : null;
        var status = against.Count > 0
            ? (byRules || byInterview ? ClaimStatus.Contested : ClaimStatus.Refuted)
            : byRules && byInterview ? ClaimStatus.Triangulated : byRules ? ClaimStatus.RulesOnly : ClaimStatus.InterviewOnly;
        return new ConnectionClaim(from, to, direction, rules.Order().ToList(), @for.Distinct().ToList(), against.Distinct().ToList(), source, status);
    }

    /// <summary>
    /// The basis of a case's inward→outward connections that count: rules, interview, or both
    /// (across its claims); null when none counts.
    /// </summary>
    public static ClaimSource? BasisOfComplementarity(IEnumerable<ConnectionClaim> claims)
    {
        var counted = claims.Where(c => c.Direction == ConnectionDirection.InwardToOutward && c.Counts).ToList();
        if (counted.Count == 0) return null;
        var rules = counted.Any(c => c.Rules.Count > 0);
        var interview = counted.Any(c => c.Supporting.Count > 0);
        return rules && interview ? ClaimSource.RulesAndInterview : rules ? ClaimSource.Rules : ClaimSource.Interview;
    }
}
