namespace TwoWay.Domain;

/// <summary>
/// Which way an international operation points, seen from the focal firm
/// (Luostarinen &amp; Welch 1990; Welch &amp; Luostarinen 1993). Inward operations bring
/// goods, services, technology, capital or partners into the firm; outward ones take them abroad.
/// </summary>
public enum Direction
{
    Inward,
    Outward,
}

public static class DirectionExtensions
{
    /// <summary>The mirror image: inward becomes outward and vice versa.</summary>
    public static Direction Mirror(this Direction direction) =>
        direction == Direction.Inward ? Direction.Outward : Direction.Inward;

    /// <summary>Stable lower-case name used in files and JSON ("inward", "outward").</summary>
    public static string Code(this Direction direction) =>
        direction == Direction.Inward ? "inward" : "outward";

    public static bool TryParse(string? text, out Direction direction)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "inward" or "in" or "i":
                direction = Direction.Inward;
                return true;
            case "outward" or "out" or "o":
                direction = Direction.Outward;
                return true;
            default:
                direction = default;
                return false;
        }
    }
}
