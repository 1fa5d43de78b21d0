using System.Globalization;

namespace TwoWay.Domain;

/// <summary>
/// A point in time known to the year, or to the month: interview data often says "since 2007",
/// customs data "March 2011". Ordering compares years first; a year-only value sorts before any
/// month of that year, so a range with a year-only start and a same-year month end stays valid.
/// </summary>
public readonly record struct YearMonth : IComparable<YearMonth>
{
    public const int MinYear = 1800;
    public const int MaxYear = 2200;

    public int Year { get; }

    /// <summary>1–12, or null when only the year is known.</summary>
    public int? Month { get; }

    public YearMonth(int year, int? month = null)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Year must be between {MinYear} and {MaxYear}.");
        if (month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be between 1 and 12.");
        Year = year;
        Month = month;
    }

    public bool HasMonth => Month.HasValue;

    /// <summary>
    /// The time in fractional years, for lags: a year-only value is the start of its year,
    /// month m is year + (m−1)/12.
    /// </summary>
    public double AsFractionalYear => Year + ((Month ?? 1) - 1) / 12.0;

    /// <summary>Parses "2007" or "2007-03" (also "2007-3").</summary>
    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return false;
        var parts = t.Split('-');
        if (parts.Length > 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || parts[0].Length != 4)
            return false;
        if (year is < MinYear or > MaxYear) return false;
        if (parts.Length == 1)
        {
            value = new YearMonth(year);
            return true;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return false;
        value = new YearMonth(year, month);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var v) ? v : throw new ArgumentException($"'{text}' is not a year (YYYY) or year-month (YYYY-MM) between {MinYear} and {MaxYear}.", nameof(text));

    public int CompareTo(YearMonth other)
    {
        var c = Year.CompareTo(other.Year);
        return c != 0 ? c : (Month ?? 0).CompareTo(other.Month ?? 0);
    }

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;
    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;
    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;
    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        Month is { } m ? $"{Year:D4}-{m:D2}" : Year.ToString("D4", CultureInfo.InvariantCulture);
}
