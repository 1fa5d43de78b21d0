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
            case LineChart l: Lines(plot, l); break;
            case HeatMapChart h: HeatMap(plot, h); break;
            case ForestPlot f: Forest(plot, f); break;
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
        // Rotate when there are many groups or when the longest label (≈ 7 px per character) is wider
        // than its group's slot, so neighbouring labels would run into each other.
        var slot = (spec.Width - 120.0) / Math.Max(1, spec.Groups.Count);
        var rotate = spec.Groups.Count > 8 || spec.Groups.Count > 1 && spec.Groups.Max(g => g.Label.Length) * 7.0 > slot;
        plot.Axes.Bottom.TickLabelStyle.Rotation = rotate ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = rotate ? Alignment.MiddleRight : Alignment.UpperCenter;
        // ScottPlot sizes the axis for unrotated labels, so long rotated ones ran into the legend:
        // reserve their diagonal extent (≈ 7 px per character at the default size, × sin 45°).
        if (rotate)
            plot.Axes.Bottom.MinimumSize = (float)Math.Min(0.35 * spec.Height, 24 + 0.71 * 7 * spec.Groups.Max(g => g.Label.Length));
        plot.Axes.Left.Label.Text = spec.ValueAxisLabel;
        plot.Axes.Margins(bottom: 0);
        plot.Title(spec.Title, size: 14);
        // One series needs no legend (the title and axis name it); ScottPlot would draw it over the bars.
        if (spec.Series.Count > 1)
        {
            foreach (var entry in spec.Series)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = entry.Label, FillColor = C(entry.Color), LineWidth = 0 });
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void Lines(Plot plot, LineChart spec)
    {
        foreach (var series in spec.Series)
        {
            if (series.Y.Count != series.X.Count || series.Lower?.Count is { } nl && nl != series.X.Count || series.Upper?.Count is { } nu && nu != series.X.Count)
                throw new ArgumentException($"Series '{series.Label}' has X, Y and band arrays of different lengths.", nameof(spec));
            if (series.X.Count == 0) continue;
            var color = C(series.Color);
            if (series.Lower is { } lower && series.Upper is { } upper)
                Band(plot, spec.Steps ? StepPath(series.X, lower) : Points(series.X, lower), spec.Steps ? StepPath(series.X, upper) : Points(series.X, upper), color);
            var line = spec.Steps ? StepPath(series.X, series.Y) : Points(series.X, series.Y);
            var scatter = plot.Add.ScatterLine(line.Select(p => p.X).ToArray(), line.Select(p => p.Y).ToArray(), color);
            scatter.LineWidth = 2;
            if (!spec.Steps && series.X.Count <= 40)
            {
                scatter.MarkerShape = MarkerShape.FilledCircle;
                scatter.MarkerSize = 5;
                scatter.MarkerColor = color;
            }
        }
        plot.Axes.Bottom.Label.Text = spec.XAxisLabel;
        plot.Axes.Left.Label.Text = spec.YAxisLabel;
        if (spec.IntegerX)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
            };
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(spec.YMin ?? limits.Bottom, spec.YMax ?? limits.Top);
        plot.Title(spec.Title, size: 14);
        Legend(plot, spec.Series.Select(s => new LegendEntry(s.Label, s.Color)), line: true);
    }

    private static List<Coordinates> Points(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Select((xi, i) => new Coordinates(xi, y[i])).ToList();

    // Right-continuous steps: y[i] holds on [x[i], x[i+1]), with the vertical jump at x[i+1].
    private static List<Coordinates> StepPath(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var path = new List<Coordinates>(2 * x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            if (i > 0) path.Add(new Coordinates(x[i], y[i - 1]));
            path.Add(new Coordinates(x[i], y[i]));
        }
        return path;
    }

    // A translucent polygon between two paths over the same x; stretches with a NaN bound are left unshaded.
    private static void Band(Plot plot, List<Coordinates> lower, List<Coordinates> upper, Color color)
    {
        var start = 0;
        for (var i = 0; i <= lower.Count; i++)
        {
            var gap = i == lower.Count || !double.IsFinite(lower[i].Y) || !double.IsFinite(upper[i].Y);
            if (!gap) continue;
            if (i - start >= 2)
            {
                var polygon = upper.GetRange(start, i - start).Concat(Enumerable.Reverse(lower.GetRange(start, i - start))).ToArray();
                var band = plot.Add.Polygon(polygon);
                band.FillStyle.Color = color.WithAlpha(0.18);
                band.LineStyle.Width = 0;
            }
            start = i + 1;
        }
    }

    private static void HeatMap(Plot plot, HeatMapChart spec)
    {
        int rows = spec.Rows.Count, cols = spec.Columns.Count;
        if (spec.Shades.Count != rows || spec.CellText.Count != rows || spec.Shades.Any(r => r.Count != cols) || spec.CellText.Any(r => r.Count != cols))
            throw new ArgumentException("Heat map shades and texts must have one value per row and column.", nameof(spec));
        var high = C(spec.High);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var v = Math.Clamp(double.IsFinite(spec.Shades[r][c]) ? spec.Shades[r][c] : 0, 0, 1);
                var y = rows - 1 - r; // first row on top, as in a printed matrix
                var cell = plot.Add.Rectangle(c, c + 1, y, y + 1);
                cell.FillStyle.Color = Mix(Colors.White, high, v);
                cell.LineStyle.Color = Colors.White;
                cell.LineStyle.Width = 2;
                var text = plot.Add.Text(spec.CellText[r][c], c + 0.5, y + 0.5);
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = v > 0.55 ? Colors.White : Colors.Black;
            }
        plot.Axes.SetLimits(0, cols, 0, rows);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, cols).Select(c => c + 0.5).ToArray(), spec.Columns.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(r => rows - 1 - r + 0.5).ToArray(), spec.Rows.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = spec.ColumnAxisLabel;
        plot.Axes.Left.Label.Text = spec.RowAxisLabel;
        plot.Grid.IsVisible = false;
        plot.Title(spec.Title, size: 14);
    }

    private static Color Mix(Color a, Color b, double t) => new(
        (byte)Math.Round(a.R + (b.R - a.R) * t), (byte)Math.Round(a.G + (b.G - a.G) * t), (byte)Math.Round(a.B + (b.B - a.B) * t));

    private static void Forest(Plot plot, ForestPlot spec)
    {
        double X(double v) => spec.LogScale ? Math.Log10(v) : v;
        var color = C(spec.Color);
        var n = spec.Rows.Count;
        var shown = new List<double> { double.IsFinite(spec.Reference) ? X(spec.Reference) : double.NaN };
        for (var i = 0; i < n; i++)
        {
            var row = spec.Rows[i];
            if (spec.LogScale && !(row.Estimate > 0 && row.Lower > 0 && row.Upper > 0))
                throw new ArgumentException($"Row '{row.Label}' has a non-positive value on a log axis.", nameof(spec));
            var y = n - 1 - i; // first row on top
            var ci = plot.Add.Line(X(row.Lower), y, X(row.Upper), y);
            ci.LineStyle.Color = color;
            ci.LineStyle.Width = 2;
            ci.MarkerStyle.IsVisible = false;
            var marker = plot.Add.Marker(X(row.Estimate), y);
            marker.MarkerShape = MarkerShape.FilledSquare;
            marker.MarkerSize = 10;
            marker.Color = color;
            shown.AddRange([X(row.Lower), X(row.Upper)]);
        }
        if (double.IsFinite(spec.Reference))
        {
            var reference = plot.Add.VerticalLine(X(spec.Reference));
            reference.LineStyle.Color = Colors.Black.WithAlpha(0.6);
            reference.LineStyle.Pattern = LinePattern.Dashed;
            reference.LineStyle.Width = 1;
        }

        var lo = shown.Where(double.IsFinite).Min();
        var hi = shown.Where(double.IsFinite).Max();
        var pad = Math.Max((hi - lo) * 0.08, spec.LogScale ? 0.02 : 0.05);
        plot.Axes.SetLimits(lo - pad, hi + pad, -0.7, n - 0.3);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(),
            spec.Rows.Select(r => r.Annotation is null ? r.Label : r.Label + ": " + r.Annotation).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        if (spec.LogScale)
        {
            // Ratio values at "nice" positions, written as ratios, on the log axis.
            var nice = new[] { 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4, 5, 10, 20, 50, 100 };
            var ticks = nice.Where(v => Math.Log10(v) >= lo - pad && Math.Log10(v) <= hi + pad).ToArray();
            if (ticks.Length > 9) ticks = ticks.Where(v => Array.IndexOf(nice, v) % 2 == 0 || v == 1).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                ticks.Select(Math.Log10).ToArray(), ticks.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)).ToArray());
        }
        plot.Axes.Bottom.Label.Text = spec.AxisLabel + (spec.LogScale ? " (log scale)" : "");
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Title(spec.Title, size: 14);
    }

    private static void Legend(Plot plot, IEnumerable<LegendEntry> entries, bool line)
    {
        var list = entries.ToList();
        foreach (var entry in list)
            plot.Legend.ManualItems.Add(line
                ? new LegendItem { LabelText = entry.Label, LineColor = C(entry.Color), LineWidth = 3 }
                : new LegendItem { LabelText = entry.Label, FillColor = C(entry.Color), LineWidth = 0 });
        if (list.Count > 1)
        {
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
    }
}
