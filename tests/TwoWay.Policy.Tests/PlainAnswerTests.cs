using TwoWay.Assessment;
using TwoWay.Domain;
using static TwoWay.Policy.Tests.Fixtures;

namespace TwoWay.Policy.Tests;

/// <summary>Answers typed as a firm owner types them (issue 16): shares as percentages, modes by number or name.</summary>
public class PlainAnswerTests
{
    private static readonly Questionnaire Q = SampleQuestionnaire();

    private static Item First(ScaleKind scale, Direction? direction = null) =>
        Q.Items.First(i => i.Scale == scale && (direction is null || i.Direction == direction));

    [Theory]
    [InlineData("40", 0.40)]
    [InlineData("40%", 0.40)]
    [InlineData("40 %", 0.40)]
    [InlineData("0.4", 0.40)]
    [InlineData("100", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("0", 0.0)]
    [InlineData("12.5", 0.125)]
    public void A_share_is_a_percentage_and_a_fraction_up_to_one_is_read_as_one(string typed, double expected)
    {
        var a = Assert.IsType<ShareAnswer>(First(ScaleKind.Share).Parse(typed, out var error));
        Assert.Null(error);
        Assert.Equal(expected, a.Value, 12);
    }

    [Theory]
    [InlineData("140")]
    [InlineData("-5")]
    [InlineData("forty")]
    public void A_share_outside_0_to_100_percent_is_refused_saying_how_to_write_it(string typed)
    {
        Assert.Null(First(ScaleKind.Share).Parse(typed, out var error));
        Assert.Contains("from 0% to 100%", error);
    }

    [Fact]
    public void Modes_are_picked_by_number_or_name_or_code_separated_by_commas_or_and()
    {
        var item = First(ScaleKind.Modes, Direction.Outward);
        Assert.Equal($"1 = {Mode.GoodsTrade.Name(Direction.Outward)}", item.ModeChoices[0]);
        var goodsAndLicensing = ImmutableArrayOf(Mode.GoodsTrade, Mode.Licensing);
        var licensing = Modes.All.ToList().IndexOf(Mode.Licensing) + 1;
        foreach (var typed in new[] { $"1, {licensing}", $"1 and {licensing}", "export of goods; licensing_out", $"EXPORT OF GOODS,{licensing}" })
        {
            var a = Assert.IsType<ModesAnswer>(item.Parse(typed, out var error));
            Assert.True(error is null, typed + ": " + error);
            Assert.Equal(goodsAndLicensing, a.Modes.Order());
        }
        Assert.Null(item.Parse("goods_import", out var wrongWay)); // an inward code on an outward question
        Assert.Contains("give their numbers from the list", wrongWay);
        Assert.Null(item.Parse("99", out _));
    }

    private static Mode[] ImmutableArrayOf(params Mode[] modes) => modes.Order().ToArray();
}

/// <summary>Cronbach's alpha is never shown without what a reader must know (issue 16).</summary>
public class AlphaCautionTests
{
    [Fact]
    public void Few_cases_and_a_negative_alpha_are_explained_and_a_sound_alpha_is_not()
    {
        Assert.Null(new AlphaResult(0.82, 6, 120).Caution);
        Assert.Null(new AlphaResult(null, 6, 2).Caution); // nothing shown, nothing to explain
        Assert.Contains("fewer than 30", new AlphaResult(0.7, 6, 12).Caution);
        var negative = new AlphaResult(-1.1, 6, 6).Caution!;
        Assert.Contains("alpha is negative (-1.10)", negative);
        Assert.Contains("do not measure one thing", negative);
        Assert.Contains("with fewer than 30 firms this is common", negative);
        Assert.DoesNotContain("fewer than 30 firms", new AlphaResult(-0.2, 6, 300).Caution!);
    }
}

/// <summary>Programme matching weighs what the firm already does and its sector (issue 16).</summary>
public class MatchingWeighsTheFirmTests
{
    [Fact]
    public void A_goods_exporter_is_offered_the_goods_programme_before_a_services_one()
    {
        var services = new Programme("ICT", "ICT services accelerator", "A", ProgrammeLevel.National, SupportDirection.Outward,
            [Out(Mode.ServicesTrade)], [Instrument.TradeFairs], [Mechanism.Experiential]);
        var goods = new Programme("GDS", "Goods export fairs", "A", ProgrammeLevel.National, SupportDirection.Outward,
            [Out(Mode.GoodsTrade)], [Instrument.TradeFairs], [Mechanism.Experiential], eligibleSectors: ["C"]);
        var catalogue = new Catalogue([services, goods]);
        var outward = new DirectionProfile(Direction.Outward, true, ExperienceStage.Occasional, null, null, [Mode.GoodsTrade], 50, Bands.Of(50), [], null);
        var profile = new Profile("T", "q", "1", TraderState.ExportOnly, outward, Dir(Direction.Inward, ExperienceStage.New, 50), [], null);
        var rec = new Recommendation("r", Direction.Outward, "x", [Instrument.TradeFairs], Mechanism.Experiential, "why");
        var m = ProgrammeMatching.Match(catalogue, profile, rec, new FirmFacts(Sector: "C25"));
        Assert.Equal(["GDS", "ICT"], m.Select(x => x.Programme));
        Assert.Equal(3 + 2 + 2 + 1, m[0].Points); // fairs, mechanism, the firm's own mode, its sector
        Assert.Contains("supports export of goods, which the firm already does", m[0].Reasons);
        Assert.Contains("aimed at the firm's sector (C25)", m[0].Reasons);
        Assert.Equal(3 + 2, m[1].Points);
    }
}
