using System.Xml.Linq;
using TwoWay.Domain;
using TwoWay.Reports.Charts;
using TwoWay.Reports.Html;

namespace TwoWay.Reports.Tests;

public class ChartRendererTests
{
    private static XElement Render(ChartSpec spec) => XElement.Parse(ChartRenderer.ToSvg(spec));

    [Fact]
    public void Timeline_puts_outward_bars_above_the_axis_and_inward_below()
    {
        var chart = CaseTimeline.Build(Fixture.TwoWayFirm(), 2024, [], Naming.AsIs());
        Assert.Equal(["XX-01/3", "XX-01/4"], chart.Bars.Where(b => b.Above).Select(b => b.Id));
        Assert.Equal(["XX-01/1", "XX-01/2"], chart.Bars.Where(b => !b.Above).Select(b => b.Id));
    }

    [Fact]
    public void Timeline_bars_run_from_start_to_end_and_ongoing_ones_to_the_end_of_the_as_of_year()
    {
        var chart = CaseTimeline.Build(Fixture.TwoWayFirm(), 2024, [], Naming.AsIs());
        var licence = chart.Bars.Single(b => b.Id == "XX-01/2");
        Assert.Equal((1999.0, 2011.0, false), (licence.Start, licence.End, licence.Open));
        var imports = chart.Bars.Single(b => b.Id == "XX-01/1");
        Assert.Equal((1996.0, 2025.0, true), (imports.Start, imports.End, imports.Open));
    }

    [Fact]
    public void Timeline_ends_after_the_as_of_year_are_cut_and_later_starts_left_out()
    {
        var chart = CaseTimeline.Build(Fixture.TwoWayFirm(), 2005, [], Naming.AsIs());
        Assert.DoesNotContain(chart.Bars, b => b.Id == "XX-01/4"); // starts 2012
        var licence = chart.Bars.Single(b => b.Id == "XX-01/2"); // ends 2010, after 2005
        Assert.Equal((2006.0, true), (licence.End, licence.Open));
    }

    [Fact]
    public void Month_precision_ends_at_the_end_of_the_month()
    {
        Assert.Equal(2006 + 3 / 12.0, CaseTimeline.EndOf(new YearMonth(2006, 3)), 9);
        Assert.Equal(2006 + 2 / 12.0, CaseTimeline.StartOf(new YearMonth(2006, 3)), 9);
    }

    [Fact]
    public void Bars_are_blue_inward_and_red_outward_darker_by_tier_and_the_legend_names_every_pair()
    {
        var chart = CaseTimeline.Build(Fixture.TwoWayFirm(), 2024, [], Naming.AsIs());
        var firm = Fixture.TwoWayFirm();
        foreach (var bar in chart.Bars)
        {
            var op = firm.Operations.Single(o => o.Id.Value == bar.Id);
            Assert.Equal(Palette.Of(op.Direction, op.Tier), bar.Color);
        }
        Assert.Equal(8, chart.Legend.Select(l => l.Color).Distinct().Count());
        // Inward shades are blue (blue channel highest), outward red (red channel highest).
        static (int R, int B) Rgb(ChartColor c) => (Convert.ToInt32(c.Hex[1..3], 16), Convert.ToInt32(c.Hex[5..7], 16));
        Assert.All(Enum.GetValues<CommitmentTier>(), t => { var (r, b) = Rgb(Palette.Of(Direction.Inward, t)); Assert.True(b > r); });
        Assert.All(Enum.GetValues<CommitmentTier>(), t => { var (r, b) = Rgb(Palette.Of(Direction.Outward, t)); Assert.True(r > b); });
        var svg = ChartRenderer.ToSvg(chart);
        foreach (var tier in Enum.GetValues<CommitmentTier>())
            Assert.Contains(CaseTimeline.TierName(tier), svg);
    }

    [Fact]
    public void Connections_become_arrows_only_between_bars_on_the_chart()
    {
        var link = new ReportConnection(new OperationId("XX-01/1"), new OperationId("XX-01/4"), "network", 16, "r");
        Assert.Single(CaseTimeline.Build(Fixture.TwoWayFirm(), 2024, [link], Naming.AsIs()).Arrows);
        Assert.Empty(CaseTimeline.Build(Fixture.TwoWayFirm(), 2005, [link], Naming.AsIs()).Arrows);
    }

    [Fact]
    public void An_arrow_to_a_missing_bar_is_refused()
    {
        var chart = CaseTimeline.Build(Fixture.TwoWayFirm(), 2024, [], Naming.AsIs()) with { Arrows = [new TimelineArrow("XX-01/1", "nope")] };
        Assert.Throws<ArgumentException>(() => ChartRenderer.ToSvg(chart));
    }

    [Fact]
    public void Svg_has_title_desc_role_and_viewbox()
    {
        var svg = Render(new BarChart("T <1>", "D & more", "n", [new("s", ChartColor.FromHex("#123456"))], [new("g", [1])]));
        XNamespace ns = svg.Name.Namespace;
        Assert.Equal("T <1>", svg.Element(ns + "title")!.Value);
        Assert.Equal("D & more", svg.Element(ns + "desc")!.Value);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.NotNull(svg.Attribute("viewBox"));
    }

    [Fact]
    public void Bar_chart_refuses_groups_with_the_wrong_number_of_values()
    {
        var spec = new BarChart("T", "D", "n", [new("a", ChartColor.FromHex("#000000")), new("b", ChartColor.FromHex("#ffffff"))], [new("g", [1])]);
        Assert.Throws<ArgumentException>(() => ChartRenderer.ToSvg(spec));
    }

    [Fact]
    public void Colours_must_be_hex()
    {
        Assert.Throws<ArgumentException>(() => ChartColor.FromHex("red"));
        Assert.Equal("#abcdef", ChartColor.FromHex("#ABCDEF").Hex);
    }
}
