using TwoWay.Cases;
using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

public class DegreeTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Intensity_sums_the_shares_of_active_operations()
    {
        var c = new CaseBuilder()
            .Out(Mode.GoodsTrade, "DE", "2000", share: 0.20)
            .Out(Mode.GoodsTrade, "IT", "2001", share: 0.15)
            .Out(Mode.GoodsTrade, "FR", "2002", end: "2003", share: 0.40)
            .Build();
        Assert.Equal(0.35, Degrees.Intensity(c, Direction.Outward, 2005)!.Value, Tol);
        Assert.Equal(0.75, Degrees.Intensity(c, Direction.Outward, 2003)!.Value, Tol);
        Assert.Equal(0.20, Degrees.Intensity(c, Direction.Outward, 2000)!.Value, Tol);
        Assert.Equal(0.0, Degrees.Intensity(c, Direction.Outward, 1999));
        Assert.Equal(0.0, Degrees.Intensity(c, Direction.Inward, 2005));
    }

    [Fact]
    public void Intensity_is_unknown_when_any_active_share_is_unknown_never_a_partial_sum()
    {
        var c = new CaseBuilder()
            .In(Mode.GoodsTrade, "DE", "2000", share: 0.30)
            .In(Mode.Licensing, "DE", "2004")
            .Build();
        Assert.Equal(0.30, Degrees.Intensity(c, Direction.Inward, 2003)!.Value, Tol);
        Assert.Null(Degrees.Intensity(c, Direction.Inward, 2004));
        var d = Degrees.Of(c, Direction.Inward, 2004);
        Assert.Null(d.Intensity);
        Assert.Equal((2, 1), (d.ActiveOperations, d.OperationsWithKnownShare));
        Assert.Equal(0.30, d.IntensityLowerBound, Tol);
        Assert.DoesNotContain("intensity", d.CompositeComponents);
    }

    [Fact]
    public void Intensity_is_capped_at_one()
    {
        var c = new CaseBuilder().Out(Mode.GoodsTrade, "DE", "2000", share: 0.7).Out(Mode.GoodsTrade, "AT", "2000", share: 0.6).Build();
        Assert.Equal(1.0, Degrees.Intensity(c, Direction.Outward, 2000));
    }

    [Fact]
    public void Dispersion_is_blau_over_m49_sub_regions()
    {
        CountryCode[] Codes(params string[] c) => c.Select(CountryCode.Parse).ToArray();
        Assert.Equal(0.0, Degrees.Dispersion([]));
        Assert.Equal(0.0, Degrees.Dispersion(Codes("DE", "FR", "AT")), Tol);           // all Western Europe
        Assert.Equal(4.0 / 9.0, Degrees.Dispersion(Codes("DE", "FR", "IT")), Tol);      // 1 − (2/3)² − (1/3)²
        Assert.Equal(0.75, Degrees.Dispersion(Codes("DE", "IT", "RU", "CN")), Tol);     // four sub-regions, 1 − 4·(1/4)²
        Assert.Equal(0.5, Degrees.Dispersion(Codes("DE", "DE", "GE")), Tol);            // duplicates count once
    }

    // Outward as of 2010: export DE 2000 (30%), export RU 2004–2008 (ended), sales subsidiary AT 2006 (10%).
    // Active in 2010: DE and AT, both Western Europe. By hand: intensity 0.4, countries 2 (ever 3),
    // regions 1, sub-regions 1, dispersion 0, tier equity (4), first year 2000, experience 10,
    // composite = mean(0.4, 2/10, 0, 4/4, 10/20) = 2.1 / 5 = 0.42.
    private static FirmCase Exporter() => new CaseBuilder()
        .Out(Mode.GoodsTrade, "DE", "2000", share: 0.30)
        .Out(Mode.GoodsTrade, "RU", "2004", end: "2008", share: 0.20, endReason: EndReasonKind.Sanctions)
        .Out(Mode.SalesSubsidiary, "AT", "2006", share: 0.10)
        .In(Mode.GoodsTrade, "CN", "1998", share: 0.50)
        .In(Mode.GoodsTrade, "TR", "2001", end: "2002")
        .Build();

    [Fact]
    public void Outward_degree_worked_by_hand()
    {
        var d = Degrees.Of(Exporter(), Direction.Outward, 2010);
        Assert.Equal(2, d.ActiveOperations);
        Assert.Equal(0.4, d.Intensity!.Value, Tol);
        Assert.Equal(0.4, d.IntensityLowerBound, Tol);
        Assert.Equal((2, 3, 1, 1), (d.Countries, d.CountriesEver, d.Regions, d.SubRegions));
        Assert.Equal(0.0, d.Dispersion);
        Assert.Equal(CommitmentTier.Equity, d.HighestTier);
        Assert.Equal((2000, 10), (d.FirstYear, d.ExperienceYears));
        Assert.Equal(["intensity", "countries", "dispersion", "tier", "experience"], d.CompositeComponents);
        Assert.Equal(0.42, d.Composite, Tol);
    }

    // Inward as of 2010: import CN 1998 (50%) active; import TR 2001–2002 ended. By hand:
    // intensity 0.5, countries 1 (ever 2), dispersion 0, tier trade (1), experience 12,
    // composite = mean(0.5, 0.1, 0, 0.25, 12/20) = 1.45 / 5 = 0.29.
    // Balance = (0.42 − 0.29) / (0.42 + 0.29) = 0.13 / 0.71; intensity balance = (0.4 − 0.5) / 0.9 = −1/9.
    [Fact]
    public void Holistic_degree_and_balance_worked_by_hand()
    {
        var h = Degrees.Holistic(Exporter(), 2010);
        Assert.Equal(0.5, h.Inward.Intensity!.Value, Tol);
        Assert.Equal((1, 2, 12), (h.Inward.Countries, h.Inward.CountriesEver, h.Inward.ExperienceYears!.Value));
        Assert.Equal(CommitmentTier.Trade, h.Inward.HighestTier);
        Assert.Equal(0.29, h.Inward.Composite, Tol);
        Assert.Equal(0.13 / 0.71, h.Balance!.Value, 1e-9);
        Assert.Equal(-1.0 / 9.0, h.IntensityBalance!.Value, 1e-9);
        Assert.Equal(3, h.Countries);                      // DE, AT, CN active
        Assert.Equal((0.42 + 0.29) / 2, h.Composite, 1e-9);
    }

    [Fact]
    public void A_domestic_firm_has_zero_degrees_and_no_balance()
    {
        var h = Degrees.Holistic(new CaseBuilder().Build(), 2010);
        Assert.Equal(0.0, h.Inward.Composite);
        Assert.Equal(0.0, h.Outward.Composite);
        Assert.Null(h.Balance);
        Assert.Null(h.IntensityBalance);
        Assert.Null(h.Outward.HighestTier);
        Assert.Null(h.Outward.ExperienceYears);
        Assert.Equal(0.0, h.Outward.Intensity);
    }

    [Fact]
    public void A_firm_with_one_direction_has_balance_plus_or_minus_one()
    {
        var onlyOut = new CaseBuilder().Out(Mode.GoodsTrade, "DE", "2000").Build();
        Assert.Equal(1.0, Degrees.Holistic(onlyOut, 2005).Balance);
        Assert.Equal(-1.0, Degrees.Holistic(onlyOut.Mirrored(), 2005).Balance);
        // Intensity of the active outward operation is unknown, so no intensity balance.
        Assert.Null(Degrees.Holistic(onlyOut, 2005).IntensityBalance);
    }

    [Fact]
    public void Experience_counts_even_after_withdrawal_but_current_components_are_zero()
    {
        var c = new CaseBuilder().Out(Mode.GoodsTrade, "DE", "2000", end: "2004").Build();
        var d = Degrees.Of(c, Direction.Outward, 2010);
        Assert.Equal((0, 1, 10), (d.Countries, d.CountriesEver, d.ExperienceYears!.Value));
        Assert.Equal(0.0, d.Intensity);
        // mean(0 intensity, 0 countries, 0 dispersion, 0 tier, 10/20 experience) = 0.1
        Assert.Equal(0.1, d.Composite, Tol);
    }

    [Fact]
    public void Composite_components_cap_at_ten_countries_and_twenty_years()
    {
        var b = new CaseBuilder();
        foreach (var cc in new[] { "DE", "FR", "IT", "ES", "PL", "CZ", "SE", "NO", "FI", "DK", "NL", "BE" })
            b.Out(Mode.GoodsTrade, cc, "1980", share: 0.05);
        var d = Degrees.Of(b.Build(), Direction.Outward, 2010);
        Assert.Equal(12, d.Countries);
        Assert.Equal(30, d.ExperienceYears);
        // Sub-regions: Western (DE FR NL BE) 4, Southern (IT ES) 2, Eastern (PL CZ) 2, Northern (SE NO FI DK) 4 → 1 − (16+4+4+16)/144.
        var blau = 1 - 40.0 / 144.0;
        Assert.Equal(blau, d.Dispersion, Tol);
        Assert.Equal((0.6 + 1 + blau + 0.25 + 1) / 5, d.Composite, Tol);
    }
}
