using System.Text.RegularExpressions;

namespace TwoWay.Interchange.Tables;

/// <summary>
/// The rules for cell text shared by the writer and the reader, so a file TwoWay writes reads back
/// exactly: formula neutralising (OWASP "CSV injection") and the control characters refused.
/// </summary>
internal static partial class CellRules
{
    /// <summary>
    /// A spreadsheet opening a CSV runs a cell starting with '=', '+', '-', '@', tab or CR as a
    /// formula. As OWASP recommends, such a cell is written with a leading single quote, which makes
    /// it text. A cell that already starts with quotes before such a character gets one more, so
    /// <see cref="Restore"/> (drop one leading quote before quotes and a trigger) is the exact inverse.
    /// A plain number ("-5", "+1.5e3") is no formula and is written as it is, so it stays a number.
    /// </summary>
    public static string Neutralise(string cell) =>
        NeedsQuote().IsMatch(cell) && !PlainNumber().IsMatch(cell) ? "'" + cell : cell;

    /// <summary>Undoes <see cref="Neutralise"/> on a CSV/TSV cell.</summary>
    public static string Restore(string cell) => Quoted().IsMatch(cell) ? cell[1..] : cell;

    [GeneratedRegex(@"^'*[=+\-@\t\r]")]
    private static partial Regex NeedsQuote();

    [GeneratedRegex(@"^'+[=+\-@\t\r]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex PlainNumber();

    /// <summary>
    /// The first C0 control character other than tab, CR and LF (NUL and the like: binary data or a
    /// damaged file, invisible on screen and refused by some databases), or null.
    /// </summary>
    public static char? ForbiddenControl(string? text)
    {
        if (text is null) return null;
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\r' or '\n')) return c;
        return null;
    }

    public static string DescribeControl(char c) =>
        $"the text contains the control character U+{(int)c:X4}{(c == '\0' ? " (NUL)" : "")}, which is not allowed in a cell; remove it";
}
