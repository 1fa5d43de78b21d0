using System.Collections.Immutable;
using TwoWay.Domain;

namespace TwoWay.Tests.Domain;

public class DomainTypeTests
{
    [Theory]
    [InlineData("RS", "Serbia")]
    [InlineData("pl", "Poland")]
    [InlineData(" GE ", "Georgia")]
    [InlineData("KZ", "Kazakhstan")]
    public void Country_codes_parse_case_insensitively_and_know_their_names(string text, string name)
    {
        var code = CountryCode.Parse(text);
        Assert.Equal(name, code.Name);
        Assert.Equal(text.Trim().ToUpperInvariant(), code.Value);
    }

    [Theory]
    [InlineData("XX")]   // user-assigned, not an ISO country
    [InlineData("UK")]   // exceptionally reserved, not assigned: the ISO code is GB
    [InlineData("SRB")]  // alpha-3
    [InlineData("")]
    [InlineData(null)]
    public void Unassigned_or_malformed_country_codes_are_refused(string? text)
    {
        Assert.False(CountryCode.TryParse(text, out _));
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("el", "GR")]
    [InlineData("SRB", "RS")]
    public void Common_non_iso_spellings_get_a_suggestion(string text, string suggested)
    {
        Assert.Equal(suggested, CountryCode.Suggest(text)?.Value);
        var ex = Assert.Throws<ArgumentException>(() => CountryCode.Parse(text));
        Assert.Contains($"did you mean {suggested}", ex.Message);
    }

    [Fact]
    public void The_iso_list_has_all_249_assigned_codes() => Assert.Equal(249, CountryCode.All.Count());

    [Theory]
    [InlineData("2007", 2007, null)]
    [InlineData("2007-03", 2007, 3)]
    [InlineData("2007-3", 2007, 3)]
    public void Year_months_parse(string text, int year, int? month)
    {
        var ym = YearMonth.Parse(text);
        Assert.Equal(year, ym.Year);
        Assert.Equal(month, ym.Month);
    }

    [Theory]
    [InlineData("07")]
    [InlineData("2007-13")]
    [InlineData("2007-00")]
    [InlineData("2007/03")]
    [InlineData("1700")]
    [InlineData("2007-03-01")]
    public void Malformed_year_months_are_refused(string text) => Assert.False(YearMonth.TryParse(text, out _));

    [Fact]
    public void A_year_sorts_before_its_months() =>
        Assert.True(new YearMonth(2007) < new YearMonth(2007, 1));

    [Fact]
    public void Every_mode_has_a_tier_and_direction_specific_codes_that_round_trip()
    {
        foreach (var mode in Modes.All)
        {
            Assert.InRange((int)mode.Tier(), 1, 4);
            foreach (var d in new[] { Direction.Inward, Direction.Outward })
            {
                Assert.True(Modes.TryParse(mode.Code(d), out var parsed, out var implied));
                Assert.Equal(mode, parsed);
                Assert.Equal(d, implied);
            }
            Assert.True(Modes.TryParse(mode.Code(), out var neutral, out var none));
            Assert.Equal(mode, neutral);
            Assert.Null(none);
        }
    }

    [Fact]
    public void Mode_codes_accept_hyphens_and_spaces() =>
        Assert.True(Modes.TryParse("licensing-in", out var m, out var d) && m == Mode.Licensing && d == Direction.Inward);

    private static readonly FirmId F = new("RS-01");

    [Fact]
    public void An_operation_cannot_end_before_it_starts()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Operation(new OperationId("o1"), F, Direction.Inward, Mode.GoodsTrade,
            CountryCode.Parse("DE"), new YearMonth(2010), new YearMonth(2009)));
        Assert.Contains("before the start", ex.Message);
    }

    [Fact]
    public void A_channel_only_applies_to_goods_trade() =>
        Assert.Throws<ArgumentException>(() => new Operation(new OperationId("o1"), F, Direction.Outward, Mode.Licensing,
            CountryCode.Parse("DE"), new YearMonth(2010), channel: TradeChannel.Direct));

    [Fact]
    public void An_end_reason_needs_an_end() =>
        Assert.Throws<ArgumentException>(() => new Operation(new OperationId("o1"), F, Direction.Outward, Mode.GoodsTrade,
            CountryCode.Parse("RU"), new YearMonth(2010), endReason: new EndReason(EndReasonKind.Sanctions)));

    [Fact]
    public void Mirroring_twice_gives_the_same_operation()
    {
        var op = new Operation(new OperationId("o1"), F, Direction.Inward, Mode.Licensing, CountryCode.Parse("DE"),
            new YearMonth(2004, 5), new YearMonth(2012), "Acme GmbH", evidence: [new Evidence(EvidenceKind.Interview, "CEO", 1, "We licensed...")]);
        Assert.Equal(Direction.Outward, op.Mirrored().Direction);
        Assert.Equal(op, op.Mirrored().Mirrored());
    }

    [Theory]
    [InlineData("C", true)]
    [InlineData("C25", true)]
    [InlineData("c25.1", true)]
    [InlineData("C25.12", true)]
    [InlineData("Z10", false)]
    [InlineData("C2", false)]
    [InlineData("25", false)]
    public void Sector_codes_follow_nace_shape(string code, bool valid) => Assert.Equal(valid, Firm.IsSectorCode(code));

    [Fact]
    public void Volumes_need_a_value_with_currency_or_a_share()
    {
        Assert.Throws<ArgumentException>(() => new Volume());
        Assert.Throws<ArgumentException>(() => new Volume(annualValue: 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Volume(shareOfTotal: 1.5));
        var v = new Volume(100m, CurrencyCode.Parse("eur"), 0.25);
        Assert.Equal("EUR", v.Currency!.Value.Value);
    }

    [Fact]
    public void A_case_refuses_operations_of_another_firm()
    {
        var firm = new Firm(F, "Alpha", CountryCode.Parse("RS"), attributes: ImmutableSortedDictionary<string, string>.Empty);
        var other = new Operation(new OperationId("o1"), new FirmId("PL-02"), Direction.Inward, Mode.GoodsTrade, CountryCode.Parse("DE"), new YearMonth(2010));
        Assert.Throws<ArgumentException>(() => new FirmCase(firm, [other]));
    }
}
