namespace TwoWay.Reports.Charts;

/// <summary>An sRGB colour as "#rrggbb"; charts name colours, the renderer turns them into pixels.</summary>
public readonly record struct ChartColor(string Hex)
{
    public static ChartColor FromHex(string hex) =>
        hex is { Length: 7 } && hex[0] == '#' && hex[1..].All(char.IsAsciiHexDigit)
            ? new ChartColor(hex.ToLowerInvariant())
            : throw new ArgumentException($"'{hex}' is not a #rrggbb colour.", nameof(hex));
}

/// <summary>One entry of a chart's legend.</summary>
public sealed record LegendEntry(string Label, ChartColor Color);

/// <summary>
/// What every chart carries besides its data: a title, and a description that is the chart's text
/// alternative (written into the SVG as &lt;title&gt; and &lt;desc&gt;, so screen readers and text
/// exports get it).
/// </summary>
public abstract record ChartSpec(string Title, string Description)
{
    /// <summary>Pixel size the chart is laid out for; SVG scales, but font sizes are relative to it.</summary>
    public int Width { get; init; } = 900;
    public int Height { get; init; } = 420;
}

/// <summary>A bar on a <see cref="TimelineChart"/>: from <see cref="Start"/> to <see cref="End"/> (fractional years).</summary>
/// <param name="Id">Key used by <see cref="TimelineArrow"/>s.</param>
/// <param name="Above">True above the axis (outward in TwoWay), false below it (inward).</param>
/// <param name="Start">Start in fractional years.</param>
/// <param name="End">End in fractional years (the chart's end for an ongoing span).</param>
/// <param name="Open">True when the span is ongoing and was cut at the chart's end: drawn with an open end marker.</param>
/// <param name="Label">Text written on the bar.</param>
/// <param name="Color">Fill colour (e.g. by commitment tier).</param>
public sealed record TimelineBar(string Id, bool Above, double Start, double End, bool Open, string Label, ChartColor Color);

/// <summary>An arrow from the start of one bar to the start of another (e.g. an inward→outward connection).</summary>
public sealed record TimelineArrow(string FromBarId, string ToBarId, string? Label = null);

/// <summary>
/// Spans on a time axis, some above it and some below, with arrows between them. Bars are stacked
/// in lanes away from the axis in the order given, so callers control the order (e.g. by start).
/// </summary>
public sealed record TimelineChart(
    string Title, string Description, string AboveLabel, string BelowLabel,
    IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineArrow> Arrows, IReadOnlyList<LegendEntry> Legend,
    double From, double To) : ChartSpec(Title, Description);

/// <summary>One group of bars (e.g. one firm) with one value per series.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double> Values);

/// <summary>Grouped vertical bars: each group has one bar per series, coloured by series.</summary>
public sealed record BarChart(
    string Title, string Description, string ValueAxisLabel,
    IReadOnlyList<LegendEntry> Series, IReadOnlyList<BarGroup> Groups) : ChartSpec(Title, Description);

/// <summary>
/// One line of a <see cref="LineChart"/>: points (X[i], Y[i]) in order, and optionally a shaded band
/// from Lower[i] to Upper[i] (e.g. a 95% confidence interval; NaN bounds draw no band there).
/// </summary>
public sealed record LineSeries(string Label, ChartColor Color, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null);

/// <summary>
/// Lines on numeric axes (e.g. shares over years), or right-continuous step functions when
/// <see cref="Steps"/> is set (e.g. Kaplan–Meier curves: Y[i] holds from X[i] until X[i+1]).
/// </summary>
public sealed record LineChart(
    string Title, string Description, string XAxisLabel, string YAxisLabel, IReadOnlyList<LineSeries> Series,
    bool Steps = false, bool IntegerX = false, double? YMin = null, double? YMax = null) : ChartSpec(Title, Description);

/// <summary>
/// A matrix of cells shaded from white (0) to <see cref="High"/> (1), each with its text (e.g. a
/// transition matrix: rows = state in year t, columns = state in t + 1, shade = P(column | row)).
/// <c>Shades[r][c]</c> is a value in [0, 1] for row r and column c; <c>CellText[r][c]</c> the text written on that cell.
/// </summary>
public sealed record HeatMapChart(
    string Title, string Description, string RowAxisLabel, string ColumnAxisLabel,
    IReadOnlyList<string> Rows, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<double>> Shades, IReadOnlyList<IReadOnlyList<string>> CellText, ChartColor High) : ChartSpec(Title, Description);

/// <summary>One row of a <see cref="ForestPlot"/>: an estimate with its interval, and the text shown beside the row's name.</summary>
public sealed record ForestRow(string Label, double Estimate, double Lower, double Upper, string? Annotation = null);

/// <summary>
/// Estimates with intervals, one row each, against a reference line (e.g. hazard ratios with 95%
/// intervals against 1, on a log axis so that 0.5 and 2 lie equally far from 1). A NaN reference draws no line.
/// </summary>
public sealed record ForestPlot(
    string Title, string Description, string AxisLabel, IReadOnlyList<ForestRow> Rows, ChartColor Color,
    double Reference = 1, bool LogScale = true) : ChartSpec(Title, Description);
