using System.Xml.Linq;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Tests;

/// <summary>The chart kinds the panel report needs: lines and steps with bands, heat map, forest plot.</summary>
public class PanelChartTests
{
    private static readonly ChartColor Blue = ChartColor.FromHex("#4e79a7");
    private static readonly ChartColor Orange = ChartColor.FromHex("#f28e2b");

    private static XElement Render(ChartSpec spec) => XElement.Parse(ChartRenderer.ToSvg(spec));

    private static IEnumerable<string> Texts(XElement svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim());

    private static string Desc(XElement svg) => svg.Elements().Single(e => e.Name.LocalName == "desc").Value;

    [Fact]
    public void Step_lines_with_bands_render_with_legend_axis_labels_and_text_alternative()
    {
        var km = new LineChart("KM", "two curves with bands", "years", "share not yet exporting",
        [
            new LineSeries("imp_lag=0", Blue, [0, 1, 2, 3], [1, 0.9, 0.8, 0.75], [1, 0.88, 0.77, 0.71], [1, 0.92, 0.83, 0.79]),
            new LineSeries("imp_lag=1", Orange, [0, 1, 2], [1, 0.8, 0.0], [1, 0.75, double.NaN], [1, 0.85, double.NaN]),
        ], Steps: true, IntegerX: true, YMin: 0, YMax: 1);
        var svg = Render(km);
        Assert.Equal("two curves with bands", Desc(svg));
        var texts = Texts(svg).ToList();
        Assert.Contains("imp_lag=0", texts);
        Assert.Contains("imp_lag=1", texts);
        Assert.Contains("share not yet exporting", texts);
        Assert.Contains("years", texts);
    }

    [Fact]
    public void Step_path_holds_each_value_until_the_next_time()
    {
        // Two series drawn as steps vs straight lines differ; the step chart has the extra corner points.
        var steps = ChartRenderer.ToSvg(new LineChart("s", "d", "x", "y", [new LineSeries("a", Blue, [0, 1, 2], [1, 0.5, 0.25])], Steps: true));
        var lines = ChartRenderer.ToSvg(new LineChart("s", "d", "x", "y", [new LineSeries("a", Blue, [0, 1, 2], [1, 0.5, 0.25])]));
        Assert.NotEqual(steps, lines);
    }

    [Fact]
    public void Line_series_of_different_lengths_are_rejected()
    {
        var bad = new LineChart("t", "d", "x", "y", [new LineSeries("a", Blue, [0, 1, 2], [1, 0.5])]);
        Assert.Throws<ArgumentException>(() => ChartRenderer.ToSvg(bad));
    }

    [Fact]
    public void Heat_map_writes_every_cell_text_and_both_axes_labels()
    {
        string[] states = ["none", "import only", "export only", "two way"];
        var shades = states.Select((_, r) => (IReadOnlyList<double>)states.Select((_, c) => r == c ? 0.8 : 0.05).ToArray()).ToArray();
        var text = states.Select((_, r) => (IReadOnlyList<string>)states.Select((_, c) => $"{r}{c}").ToArray()).ToArray();
        var svg = Render(new HeatMapChart("T", "d", "state in t", "state in t + 1", states, states, shades, text, Blue));
        var texts = Texts(svg).ToList();
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
                Assert.Contains($"{r}{c}", texts);
        foreach (var s in states) Assert.Equal(2, texts.Count(t => t == s)); // row and column label
        Assert.Contains("state in t + 1", texts);
    }

    [Fact]
    public void Heat_map_with_a_missing_cell_is_rejected()
    {
        var bad = new HeatMapChart("T", "d", "r", "c", ["a", "b"], ["a", "b"], [[0.1, 0.2], [0.3]], [["1", "2"], ["3", "4"]], Blue);
        Assert.Throws<ArgumentException>(() => ChartRenderer.ToSvg(bad));
    }

    [Fact]
    public void Forest_plot_labels_rows_with_their_annotation_and_ticks_in_ratio_units()
    {
        var svg = Render(new ForestPlot("HR", "d", "hazard ratio",
            [new ForestRow("imp_lag", 1.84, 1.76, 1.93, "1.84 [1.76, 1.93]"), new ForestRow("size_class=micro", 0.54, 0.5, 0.58)], Blue));
        var texts = Texts(svg).ToList();
        Assert.Contains("imp_lag: 1.84 [1.76, 1.93]", texts);
        Assert.Contains("size_class=micro", texts);
        Assert.Contains("1", texts); // the reference value as a tick, in ratio units
        Assert.Contains("hazard ratio (log scale)", texts);
    }

    [Fact]
    public void Forest_plot_on_a_log_axis_rejects_non_positive_values()
    {
        var bad = new ForestPlot("HR", "d", "hazard ratio", [new ForestRow("x", 0, 0, 1)], Blue);
        Assert.Throws<ArgumentException>(() => ChartRenderer.ToSvg(bad));
    }
}
