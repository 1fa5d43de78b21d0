using System.Globalization;
using System.Xml.Linq;
using ScottPlot;

namespace TwoWay.Reports.Charts;

/// <summary>
/// THE chart renderer of TwoWay: turns a <see cref="ChartSpec"/> into a standalone SVG document with
/// ScottPlot. The HTML report, the web app and later reports all draw through here, so every chart
/// looks alike and carries its text alternative.
/// </summary>
public static class ChartRenderer
{
    private const string SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>Renders <paramref name="spec"/> as SVG XML (no XML declaration, safe to inline in HTML).</summary>
    public static string ToSvg(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        switch (spec)
        {
            case TimelineChart t: Timeline(plot, t); break;
            case BarChart b: Bars(plot, b); break;
            default: throw new ArgumentException($"No renderer for {spec.GetType().Name}.", nameof(spec));
        }
        var svg = plot.GetSvgXml(spec.Width, spec.Height);
        return WithTextAlternative(svg, spec.Title, spec.Description);
    }

    // ScottPlot's SVG has no accessible name; add <title>/<desc>, role and a viewBox so the chart
    // scales with the page instead of overflowing it.
    internal static string WithTextAlternative(string svg, string title, string description)
    {
        var doc = XDocument.Parse(svg);
        var root = doc.Root ?? throw new InvalidOperationException("ScottPlot returned an empty SVG.");
        XNamespace ns = root.Name.Namespace == XNamespace.None ? XNamespace.None : root.Name.Namespace;
        var id = "c" + Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(title + description)))[..10].ToLowerInvariant();
        root.AddFirst(new XElement(ns + "title", new XAttribute("id", id + "-t"), title),
                      new XElement(ns + "desc", new XAttribute("id", id + "-d"), description));
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-labelledby", id + "-t " + id + "-d");
        var w = (string?)root.Attribute("width");
        var h = (string?)root.Attribute("height");
        if (root.Attribute("viewBox") is null && w is not null && h is not null)
            root.SetAttributeValue("viewBox", $"0 0 {w} {h}");
        root.SetAttributeValue("preserveAspectRatio", "xMidYMid meet");
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static Color C(ChartColor c) => Color.FromHex(c.Hex);

    private static void Timeline(Plot plot, TimelineChart spec)
    {
        const double laneHeight = 1.0, barHeight = 0.62;
        var positions = new Dictionary<string, (double X, double Y)>();
        int above = 0, below = 0;
        foreach (var bar in spec.Bars)
        {
            var lane = bar.Above ? ++above : ++below;
            var yMid = (bar.Above ? 1 : -1) * (lane - 0.5) * laneHeight;
            var end = Math.Max(bar.End, bar.Start + 0.25); // a same-month span stays visible
            var rect = plot.Add.Rectangle(bar.Start, end, yMid - barHeight / 2, yMid + barHeight / 2);
            rect.FillStyle.Color = C(bar.Color);
            rect.LineStyle.Color = C(bar.Color).Darken(0.35);
            rect.LineStyle.Width = 1;
            if (bar.Open)
            {
                // Ongoing: a dashed tail past the cut-off says "continues".
                var tail = plot.Add.Line(end, yMid, end + 0.6, yMid);
                tail.LineStyle.Color = C(bar.Color).Darken(0.35);
                tail.LineStyle.Width = 2;
                tail.LineStyle.Pattern = LinePattern.Dotted;
                tail.MarkerStyle.IsVisible = false;
            }
            // Late bars carry their label leftwards from their end, so it stays inside the plot.
            var late = bar.Start > spec.From + 0.6 * (spec.To - spec.From);
            var label = plot.Add.Text(bar.Label, late ? end - 0.1 : bar.Start + 0.1, yMid);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.Black;
            label.LabelAlignment = late ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
            positions[bar.Id] = (bar.Start, yMid);
        }

        var axis = plot.Add.HorizontalLine(0);
        axis.LineStyle.Color = Colors.Black;
        axis.LineStyle.Width = 1.5f;

        foreach (var a in spec.Arrows)
        {
            if (!positions.TryGetValue(a.FromBarId, out var from) || !positions.TryGetValue(a.ToBarId, out var to))
                throw new ArgumentException($"Arrow {a.FromBarId}→{a.ToBarId} refers to a bar that is not on the chart.", nameof(spec));
            // From the edge of the source bar nearest the target to the target's edge, so the
            // arrowhead touches the bar it points at instead of hiding inside it.
            var dir = Math.Sign(to.Y - from.Y);
            if (dir == 0) dir = 1;
            var arrow = plot.Add.Arrow(new Coordinates(from.X + 0.15, from.Y + dir * barHeight / 2),
                                       new Coordinates(to.X + 0.15, to.Y - dir * barHeight / 2));
            arrow.ArrowLineColor = Color.FromHex("#333333");
            arrow.ArrowFillColor = Color.FromHex("#333333");
            arrow.ArrowWidth = 1.5f;
            arrow.ArrowheadWidth = 9;
            arrow.ArrowheadLength = 11;
        }

        var top = Math.Max(above, 1) * laneHeight + 0.3;
        var bottom = -Math.Max(below, 1) * laneHeight - 0.3;
        plot.Axes.SetLimits(spec.From - 0.5, spec.To + 1.2, bottom, top);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [top - 0.15, bottom + 0.15], [spec.AboveLabel + " ▲", spec.BelowLabel + " ▼"]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.Axes.Bottom.Label.Text = "Year";
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Title(spec.Title, size: 14);

        foreach (var entry in spec.Legend)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = entry.Label, FillColor = C(entry.Color), LineWidth = 0 });
        if (spec.Legend.Count > 0)
        {
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void Bars(Plot plot, BarChart spec)
    {
        var bars = new List<Bar>();
        var n = spec.Series.Count;
        var width = 0.8 / Math.Max(n, 1);
        for (var g = 0; g < spec.Groups.Count; g++)
        {
            var group = spec.Groups[g];
            if (group.Values.Count != n)
                throw new ArgumentException($"Group '{group.Label}' has {group.Values.Count} values for {n} series.", nameof(spec));
            for (var s = 0; s < n; s++)
                bars.Add(new Bar
                {
                    Position = g - 0.4 + width * (s + 0.5),
                    Value = group.Values[s],
                    Size = width * 0.9,
                    FillColor = C(spec.Series[s].Color),
                    LineWidth = 0,
                });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, spec.Groups.Count).Select(i => (double)i).ToArray(),
            spec.Groups.Select(g => g.Label).ToArray());
        var rotate = spec.Groups.Count > 8;
        plot.Axes.Bottom.TickLabelStyle.Rotation = rotate ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = rotate ? Alignment.MiddleRight : Alignment.UpperCenter;
        // ScottPlot sizes the axis for unrotated labels, so long rotated ones ran into the legend:
        // reserve their diagonal extent (≈ 7 px per character at the default size, × sin 45°).
        if (rotate)
            plot.Axes.Bottom.MinimumSize = (float)Math.Min(0.35 * spec.Height, 24 + 0.71 * 7 * spec.Groups.Max(g => g.Label.Length));
        plot.Axes.Left.Label.Text = spec.ValueAxisLabel;
        plot.Axes.Margins(bottom: 0);
        plot.Title(spec.Title, size: 14);
        foreach (var entry in spec.Series)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = entry.Label, FillColor = C(entry.Color), LineWidth = 0 });
        if (spec.Series.Count > 1)
        {
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
    }
}
