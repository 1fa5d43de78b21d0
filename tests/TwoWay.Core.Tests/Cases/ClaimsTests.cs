using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

/// <summary>Connection claims by hand (issue 13): each status from its sources, and the answer that uses them.</summary>
public class ClaimsTests
{
    private static readonly Firm F = new(new FirmId("LT-01"), "Baltų Staklės", CountryCode.Parse("LT"));

    private static Operation Op(string id, Direction d, Mode m, string country, int start, string? partner = null) =>
        new(new OperationId(id), F.Id, d, m, CountryCode.Parse(country), new YearMonth(start), null, partner: partner);

    /// <summary>1: inward goods from DE (2005); 2: outward goods to DE (2008, same country: a rule finds 1→2); 3: outward goods to SE (2010, no rule).</summary>
    private static FirmCase Case() => new(F, [
        Op("LT-01/1", Direction.Inward, Mode.GoodsTrade, "DE", 2005, "Maschinenbau Süd"),
        Op("LT-01/2", Direction.Outward, Mode.GoodsTrade, "DE", 2008, "Handel Nord"),
        Op("LT-01/3", Direction.Outward, Mode.GoodsTrade, "SE", 2010, "Nordisk Trä"),
    ]);

    private static AssertedConnection Said(string from, string to, bool against = false) =>
        new(new ConnectionId(new OperationId(from), new OperationId(to)), Guid.NewGuid(), against);

    private static (CaseProfile Profile, IReadOnlyList<ConnectionClaim> Claims) Analyse(params AssertedConnection[] said)
    {
        var c = Case();
        var p = CaseAnalysis.Analyze(c, 2012);
        return (p, Claims.Of(c, p.Connections, said, 2012));
    }

    [Fact]
    public void Each_status_follows_from_the_sources_of_the_claim()
    {
        var (p, none) = Analyse();
        Assert.Contains(p.Connections, k => k.From.Id == "LT-01/1" && k.To.Id == "LT-01/2" && k.Kind == ConnectionKind.SameCountry);
        var ruleOnly = Assert.Single(none);
        Assert.Equal((ClaimStatus.RulesOnly, ClaimSource.Rules), (ruleOnly.Status, ruleOnly.Source));

        var (_, claims) = Analyse(Said("LT-01/1", "LT-01/2"), Said("LT-01/1", "LT-01/3"));
        Assert.Equal([ClaimStatus.Triangulated, ClaimStatus.InterviewOnly], claims.Select(c => c.Status));
        Assert.Equal([ClaimSource.RulesAndInterview, ClaimSource.Interview], claims.Select(c => c.Source!.Value));
        Assert.Equal([ConnectionKind.SameCountry], claims[0].Rules);
        Assert.Empty(claims[1].Rules);
        Assert.All(claims, c => Assert.Equal(ConnectionDirection.InwardToOutward, c.Direction));

        var (_, contested) = Analyse(Said("LT-01/1", "LT-01/2", against: true), Said("LT-01/1", "LT-01/3", against: true));
        Assert.Equal([ClaimStatus.Contested, ClaimStatus.Refuted], contested.Select(c => c.Status));
        Assert.Null(contested[1].Source); // nothing supports it
        Assert.All(contested, c => Assert.False(c.Counts));
    }

    [Fact]
    public void Assertions_about_other_firms_same_direction_pairs_and_later_operations_are_left_out()
    {
        var c = Case();
        var p = CaseAnalysis.Analyze(c, 2009); // LT-01/3 starts in 2010: not yet there
        var claims = Claims.Of(c, p.Connections, [Said("LT-01/1", "LT-01/3"), Said("XX-01/1", "XX-01/2"), Said("LT-01/2", "LT-01/3")], 2009);
        var only = Assert.Single(claims);
        Assert.Equal(("LT-01/1", "LT-01/2", ClaimStatus.RulesOnly), (only.From, only.To, only.Status));
    }

    [Fact]
    public void The_answer_counts_interview_only_connections_lists_contested_ones_and_gives_the_sensitivity()
    {
        // Inward-led firm whose only rule connection is contradicted, and which an interview links 1→3.
        var (p, claims) = Analyse(Said("LT-01/1", "LT-01/2", against: true), Said("LT-01/1", "LT-01/3"));
        var summary = CrossCase.Summarize([p], new Dictionary<string, IReadOnlyList<ConnectionClaim>> { ["LT-01"] = claims });
        var row = Assert.Single(summary.Rows);
        Assert.Equal(CasePattern.Complementarity, row.Pattern);
        Assert.Equal(ClaimSource.Interview, row.Basis);        // the contested rule connection does not count
        Assert.Equal(1, row.ContestedInwardToOutward);
        Assert.Equal(1, row.InwardToOutward);
        Assert.Equal(new ComplementaritySensitivity(RulesOnly: 1, InterviewOnly: 1), summary.Sensitivity);
        Assert.Equal(["LT-01"], summary.Contested);
        Assert.Contains("Basis: LT-01 interview.", summary.Answer);

        // Without claims the rules alone decide, as before.
        var rulesAlone = CrossCase.Summarize([p]);
        Assert.Equal(ClaimSource.Rules, Assert.Single(rulesAlone.Rows).Basis);
        Assert.Null(rulesAlone.Sensitivity);
    }
}
