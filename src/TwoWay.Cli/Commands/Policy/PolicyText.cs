using Spectre.Console;
using TwoWay.Application;
using TwoWay.Policy;

namespace TwoWay.Cli.Commands;

/// <summary>How the policy and assessment tables write codes, free text and firm counts (numbers and shares go through <see cref="Display"/>).</summary>
internal static class PolicyText
{
    /// <summary>An enumeration's documented code (docs/policy.md).</summary>
    public static string Code<T>(T value) where T : struct, Enum => Vocabulary<T>.Code(value);

    /// <summary>Free text made safe for a table cell; nothing becomes the unknown marker.</summary>
    public static string Esc(string? text) => Markup.Escape(Display.Text(text));

    /// <summary>A number of firms: whole as a count, weighted to two decimals.</summary>
    public static string Firms(double? firms) =>
        firms is { } f && double.IsFinite(f) && f == Math.Floor(f) && Math.Abs(f) < long.MaxValue ? Display.Count((long)f) : Display.Number(firms, 2);

    /// <summary>A budget amount, rounded to whole units.</summary>
    public static string Budget(decimal? amount) => Display.Count(amount is { } a ? (long)Math.Round(a) : null);
}
