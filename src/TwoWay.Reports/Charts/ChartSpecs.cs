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
