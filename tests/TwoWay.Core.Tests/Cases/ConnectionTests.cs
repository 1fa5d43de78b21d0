using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class ConnectionTests
{
    private static IReadOnlyList<Connection> Find(CaseBuilder b, int asOf = 2020) => Connections.Find(b.Build(), asOf);

    private static (ConnectionKind, ConnectionDirection, string, string, double)[] Summary(IEnumerable<Connection> cs) =>
        cs.Select(c => (c.Kind, c.Direction, c.From.Id, c.To.Id, c.LagYears)).OrderBy(x => x.Kind).ThenBy(x => x.Item3).ToArray();

    [Fact]
    public void Same_partner_matches_names_ignoring_case_and_spacing()
    {
        var cs = Find(new CaseBuilder()
            .In(Mode.Licensing, "DE", "2002", partner: "Acme GmbH", id: "lic")
            .Out(Mode.GoodsTrade, "AT", "2005", partner: "ACME  gmbh", id: "exp"));
        Assert.Equal(
            [(ConnectionKind.SamePartner, ConnectionDirection.InwardToOutward, "lic", "exp", 3.0),
             (ConnectionKind.Technology, ConnectionDirection.InwardToOutward, "lic", "exp", 3.0)],
            Summary(cs));
        var partner = cs.Single(c => c.Kind == ConnectionKind.SamePartner);
        Assert.Contains("Partner 'Acme GmbH'", partner.Explanation);
        Assert.Contains("3 year(s) later", partner.Explanation);
        Assert.False(partner.MonthPrecision);
    }

    [Fact]
    public void Same_country_links_only_the_earliest_operation_to_the_earliest_later_one()
    {
        var cs = Find(new CaseBuilder()
            .In(Mode.GoodsTrade, "DE", "2000", id: "i1")
            .In(Mode.GoodsTrade, "DE", "2003", id: "i2")
            .Out(Mode.GoodsTrade, "DE", "2004", id: "o1")
            .Out(Mode.GoodsTrade, "DE", "2006", id: "o2"));
        Assert.Equal([(ConnectionKind.SameCountry, ConnectionDirection.InwardToOutward, "i1", "o1", 4.0)], Summary(cs));
        Assert.Contains("market knowledge of Germany", cs[0].Explanation);
    }

    [Fact]
    public void Year_only_starts_in_the_same_year_are_never_linked()
    {
        Assert.Empty(Find(new CaseBuilder().In(Mode.GoodsTrade, "DE", "2005").Out(Mode.GoodsTrade, "DE", "2005")));
    }

    [Fact]
    public void Month_precision_links_within_a_year_with_a_fractional_lag()
    {
        var c = Assert.Single(Find(new CaseBuilder().In(Mode.GoodsTrade, "DE", "2005-02", id: "i").Out(Mode.GoodsTrade, "DE", "2005-09", id: "o")));
        Assert.Equal((ConnectionKind.SameCountry, "i", "o"), (c.Kind, c.From.Id, c.To.Id));
        Assert.Equal(7.0 / 12, c.LagYears, 1e-12);
        Assert.True(c.MonthPrecision);
        Assert.Contains("7 months", c.Explanation);
    }

    [Fact]
    public void Mixed_precision_compares_calendar_years()
    {
        Assert.Empty(Find(new CaseBuilder().In(Mode.GoodsTrade, "DE", "2005").Out(Mode.GoodsTrade, "DE", "2005-09")));
        var c = Assert.Single(Find(new CaseBuilder().In(Mode.GoodsTrade, "DE", "2005").Out(Mode.GoodsTrade, "DE", "2006-03")));
        Assert.Equal((1.0, false), (c.LagYears, c.MonthPrecision));
    }

    [Fact]
    public void A_monthly_source_skips_same_year_year_only_targets_and_finds_the_next_later_one()
    {
        var cs = Find(new CaseBuilder()
            .In(Mode.TechnicalAgreement, "DE", "2005-03", id: "tech")
            .Out(Mode.GoodsTrade, "FR", "2005", id: "y")
            .Out(Mode.GoodsTrade, "IT", "2005-01", id: "jan")
            .Out(Mode.GoodsTrade, "ES", "2005-06", id: "jun"));
        var t = Assert.Single(cs, c => c.Kind == ConnectionKind.Technology);
        Assert.Equal(("jun", 0.25), (t.To.Id, t.LagYears));
    }

    [Fact]
    public void Technology_links_licensing_or_technical_agreements_to_the_first_later_trade()
    {
        var cs = Find(new CaseBuilder()
            .Out(Mode.GoodsTrade, "FR", "2002", id: "early")
            .In(Mode.TechnicalAgreement, "DE", "2003", id: "tech")
            .Out(Mode.SalesSubsidiary, "IT", "2004", id: "sub")
            .Out(Mode.ServicesTrade, "ES", "2006", id: "svc")
            .Out(Mode.GoodsTrade, "PL", "2008", id: "late"));
        var t = Assert.Single(cs, c => c.Kind == ConnectionKind.Technology);
        Assert.Equal(("tech", "svc", 3.0), (t.From.Id, t.To.Id, t.LagYears));
        // Licensing-out before imports is the outward→inward mirror: "early" export is not technology.
        Assert.DoesNotContain(cs, c => c.Kind == ConnectionKind.Technology && c.Direction == ConnectionDirection.OutwardToInward);
    }

    [Fact]
    public void Network_links_an_alliance_or_joint_venture_at_home_to_the_first_later_operation_abroad()
    {
        var cs = Find(new CaseBuilder()
            .In(Mode.JointVenture, "IT", "2001", id: "jv")
            .In(Mode.Alliance, "FI", "2003", id: "all")
            .Out(Mode.GoodsTrade, "FR", "2004", id: "o1")
            .Out(Mode.Licensing, "SE", "2007", id: "o2"));
        Assert.Equal(
            [(ConnectionKind.Network, ConnectionDirection.InwardToOutward, "all", "o1", 1.0),
             (ConnectionKind.Network, ConnectionDirection.InwardToOutward, "jv", "o1", 3.0)],
            Summary(cs));
    }

    [Fact]
    public void Reverse_connections_run_outward_to_inward()
    {
        var cs = Find(new CaseBuilder()
            .Out(Mode.GoodsTrade, "DE", "2000", partner: "Kunde AG", id: "exp")
            .In(Mode.GoodsTrade, "DE", "2004", partner: "Kunde AG", id: "imp"));
        Assert.Equal(
            [(ConnectionKind.SamePartner, ConnectionDirection.OutwardToInward, "exp", "imp", 4.0),
             (ConnectionKind.SameCountry, ConnectionDirection.OutwardToInward, "exp", "imp", 4.0)],
            Summary(cs));
    }

    [Fact]
    public void Operations_after_the_as_of_year_are_not_linked()
    {
        var b = new CaseBuilder().In(Mode.GoodsTrade, "DE", "2000").Out(Mode.GoodsTrade, "DE", "2012");
        Assert.Empty(Find(b, 2010));
        Assert.Single(Find(b, 2012));
    }

    [Fact]
    public void One_direction_only_has_no_connections()
    {
        Assert.Empty(Find(new CaseBuilder().In(Mode.Licensing, "DE", "2000", partner: "X").In(Mode.GoodsTrade, "DE", "2004", partner: "X")));
    }

    [Fact]
    public void Counts_by_direction_and_rule()
    {
        var cs = Find(new CaseBuilder()
            .In(Mode.Licensing, "DE", "2000", partner: "P", id: "lic")
            .Out(Mode.GoodsTrade, "DE", "2003", partner: "P", id: "exp")
            .In(Mode.GoodsTrade, "AT", "2005", id: "imp")
            .Out(Mode.GoodsTrade, "AT", "2001", id: "expAt"));
        var n = Connections.Count(cs);
        // lic→exp: same partner, same country, technology; expAt→imp: same country (AT). Outward→inward also: exp(DE 2003)→? none later in DE.
        Assert.Equal(new ConnectionCounts(3, 1, 1, 2, 1, 0), n);
    }
}
