using System.Globalization;
using TwoWay.Input;

namespace TwoWay.Interchange.Tables;

/// <summary>
/// Reads typed fields out of one <see cref="TableRow"/>, reporting every problem (file, row,
/// column, what was expected) to an <see cref="InputErrorCollector"/> instead of stopping at the
/// first. A field that failed returns null; callers build domain values only when
/// <see cref="Ok"/> is still true.
/// </summary>
public sealed class RowParser(Table table, TableRow row, InputErrorCollector errors)
{
    private bool _ok = true;

    /// <summary>False once any field of this row was reported.</summary>
    public bool Ok => _ok;

    public int RowNumber => row.Number;

    public void Fail(string? column, string message)
    {
        _ok = false;
        errors.Add(table.Source, row.Number, column, message);
    }

    /// <summary>The cell's trimmed text; reports a missing required value and, with <paramref name="maxLength"/>, a too long one.</summary>
    public string? Text(string column, bool required = false, int? maxLength = null)
    {
        var v = row[column];
        if (v is null && required) Fail(column, "a value is required here");
        if (v is not null && v.Length > maxLength)
        {
            Fail(column, $"the text is {v.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return v;
    }

    /// <summary>Parses with <paramref name="tryParse"/>; <paramref name="expected"/> says what would be valid.</summary>
    public T? Parse<T>(string column, TryParser<T> tryParse, string expected, bool required = false) where T : struct
    {
        var v = Text(column, required);
        if (v is null) return null;
        if (tryParse(v, out var value)) return value;
        Fail(column, $"'{v}' is not {expected}");
        return null;
    }

    public delegate bool TryParser<T>(string text, out T value);

    public int? Int(string column, int min = int.MinValue, int max = int.MaxValue, bool required = false)
    {
        var v = Text(column, required);
        if (v is null) return null;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            Fail(column, $"'{v}' is not a whole number");
            return null;
        }
        if (i < min || i > max)
        {
            Fail(column, $"{i} is outside the allowed range {min}–{max}");
            return null;
        }
        return i;
    }

    public decimal? Decimal(string column, bool allowNegative = false, bool required = false)
    {
        var v = Text(column, required);
        if (v is null) return null;
        // NumberStyles.Float, not Number: Number allows thousands separators, so a European
        // "12,5" would silently read as 125.
        if (!decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            Fail(column, $"'{v}' is not a number (use '.' as the decimal point, no thousands separators)");
            return null;
        }
        if (!allowNegative && d < 0)
        {
            Fail(column, $"{v} is negative; expected zero or more");
            return null;
        }
        return d;
    }

    /// <summary>A share written as a fraction (0.25) or a percentage (25%); returns a fraction 0–1.</summary>
    public double? Share(string column, bool required = false)
    {
        var v = Text(column, required);
        if (v is null) return null;
        var percent = v.EndsWith('%');
        var number = percent ? v[..^1].Trim() : v;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d))
        {
            Fail(column, $"'{v}' is not a share (write 0.25 or 25%)");
            return null;
        }
        if (percent) d /= 100;
        if (d is < 0 or > 1)
        {
            Fail(column, $"'{v}' is not a share between 0 and 1 (0% and 100%)");
            return null;
        }
        return d;
    }

    public bool? Bool(string column, bool required = false)
    {
        var v = Text(column, required);
        if (v is null) return null;
        switch (v.ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "y": return true;
            case "0" or "false" or "no" or "n": return false;
            default:
                Fail(column, $"'{v}' is not yes/no (use true/false, yes/no or 1/0)");
                return null;
        }
    }

    /// <summary>A cell holding several values separated by ';' (or '|'), e.g. "training; trade_fairs".</summary>
    public IReadOnlyList<string> List(string column, bool required = false)
    {
        var v = Text(column, required);
        if (v is null) return [];
        return v.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Runs a domain constructor; its ArgumentException becomes an input error on <paramref name="column"/>.</summary>
    public T? Build<T>(string? column, Func<T> make) where T : class
    {
        if (!_ok) return null;
        try
        {
            return make();
        }
        catch (ArgumentException ex)
        {
            Fail(column ?? (ex.ParamName is { } p ? ToSnake(p) : null), FirstSentence(ex.Message));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        // ArgumentException appends " (Parameter 'x')"; the column already says where.
        var i = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return i >= 0 ? message[..i] : message;
    }

    private static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>Checks a table's header against a format's documented columns.</summary>
public static class TableSchema
{
    /// <summary>Reports missing required columns and unknown columns (a typo would otherwise be silently ignored).</summary>
    public static void Check(Table table, IReadOnlyList<ColumnSpec> columns, InputErrorCollector errors, Func<string, bool>? allowExtra = null)
    {
        var known = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in columns.Where(c => c.Required && !table.HasColumn(c.Name)))
            errors.Add(table.Source, 1, c.Name, "this required column is missing from the header");
        foreach (var c in table.Columns.Where(c => !known.Contains(c) && !(allowExtra?.Invoke(c) ?? false)))
            errors.Add(table.Source, 1, c, $"unknown column; expected only: {string.Join(", ", columns.Select(x => x.Name))}");
    }
}
