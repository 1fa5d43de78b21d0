using System.Globalization;

namespace TwoWay.Application;

/// <summary>
/// How every human-facing view (terminal tables, HTML, the web app) writes numbers, shares and
/// missing values: invariant culture, one marker for "unknown", one way per kind of figure.
/// JSON never uses these: it carries the raw values.
/// </summary>
public static class Display
{
    /// <summary>The one marker for a value that is unknown or not applicable.</summary>
    public const string Unknown = "–";

    /// <summary>A count with thousands separators: 19,933.</summary>
    public static string Count(long? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : Unknown;

    /// <summary>A count held as a real number (weighted or aggregated counts), rounded, with thousands separators.</summary>
    public static string Count(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round(v).ToString("#,0", CultureInfo.InvariantCulture) : Unknown;

    /// <summary>A real number with a fixed number of decimals (3 unless told): 0.482.</summary>
    public static string Number(double? value, int decimals = 3) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : Unknown;

    /// <summary>A share in [0, 1] as a percentage with one decimal unless told: 0.4 → 40.0%.</summary>
    public static string Share(double? share, int decimals = 1) =>
        share is { } s && double.IsFinite(s) ? (s * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : Unknown;

    /// <summary>A p-value: four decimals, or "&lt; 0.0001" below that.</summary>
    public static string PValue(double? p) => p switch
    {
        null => Unknown,
        { } v when double.IsNaN(v) => Unknown,
        < 0.0001 => "< 0.0001",
        { } v => v.ToString("F4", CultureInfo.InvariantCulture),
    };

    /// <summary>An estimate with its confidence interval: 0.412 [0.380, 0.445].</summary>
    public static string Interval(double? estimate, double? lower, double? upper, int decimals = 3) =>
        $"{Number(estimate, decimals)} [{Number(lower, decimals)}, {Number(upper, decimals)}]";

    /// <summary>Text, or the unknown marker when there is none.</summary>
    public static string Text(string? text) => string.IsNullOrWhiteSpace(text) ? Unknown : text;

    /// <summary>"1 quotation", "2 quotations": a count with its noun in the right number.</summary>
    public static string Counted(long count, string singular, string? plural = null) =>
        $"{Count(count)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
