using System.Diagnostics.CodeAnalysis;

namespace TwoWay.Domain;

/// <summary>
/// Names an inward–outward connection by its two operations: from the earlier one in one direction
/// to the later one in the other, written <c>FROM&gt;TO</c> (e.g. <c>RS-01/1&gt;RS-01/4</c>).
/// </summary>
public readonly record struct ConnectionId(OperationId From, OperationId To)
{
    /// <summary>Between the two operation ids in the written form.</summary>
    public const char Separator = '>';

    /// <summary>Reads <c>FROM&gt;TO</c>; false when the text is not two non-blank operation ids around one separator.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ConnectionId? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var ends = text.Split(Separator);
        if (ends.Length != 2 || string.IsNullOrWhiteSpace(ends[0]) || string.IsNullOrWhiteSpace(ends[1])
            || ends[0].Trim().Length > 128 || ends[1].Trim().Length > 128) return false;
        id = new ConnectionId(new OperationId(ends[0]), new OperationId(ends[1]));
        return true;
    }

    /// <summary>Reads <c>FROM&gt;TO</c>.</summary>
    /// <exception cref="FormatException">The text is not two operation ids around one separator.</exception>
    public static ConnectionId Parse(string text) => TryParse(text, out var id)
        ? id.Value
        : throw new FormatException($"'{text}' is not FROM{Separator}TO (two operation ids, e.g. RS-01/1{Separator}RS-01/4)");

    public override string ToString() => From.Value + Separator + To.Value;
}
