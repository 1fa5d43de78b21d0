using TwoWay.Domain;

namespace TwoWay.Reports.Charts;

/// <summary>
/// THE colours of TwoWay's charts, one meaning each everywhere (report, workbench, panel and
/// policy reports): inward is blue, outward is red, both purple, neither grey. Within a direction a
/// darker shade is a deeper commitment (tier 1 trade … 4 equity), so a timeline shows direction and
/// commitment at once. Hues from Tableau 10 (distinguishable with common colour-vision deficiencies);
/// bar labels sit on a white box, so every shade keeps its text readable.
/// </summary>
public static class Palette
{
    public static readonly ChartColor Inward = ChartColor.FromHex("#4e79a7");
    public static readonly ChartColor Outward = ChartColor.FromHex("#e15759");
    public static readonly ChartColor Both = ChartColor.FromHex("#8e6ab8");
    public static readonly ChartColor Neither = ChartColor.FromHex("#9d9d9d");

    /// <summary>The direction's colour.</summary>
    public static ChartColor Of(Direction direction) => direction == Direction.Inward ? Inward : Outward;

    /// <summary>The direction's hue, lighter for trade and darker for equity.</summary>
    public static ChartColor Of(Direction direction, CommitmentTier tier) => (direction, tier) switch
    {
        (Direction.Inward, CommitmentTier.Trade) => ChartColor.FromHex("#a0cbe8"),
        (Direction.Inward, CommitmentTier.Contractual) => ChartColor.FromHex("#79a6d2"),
        (Direction.Inward, CommitmentTier.Cooperative) => Inward,
        (Direction.Inward, _) => ChartColor.FromHex("#2b4f77"),
        (_, CommitmentTier.Trade) => ChartColor.FromHex("#ffb1a8"),
        (_, CommitmentTier.Contractual) => ChartColor.FromHex("#f3857c"),
        (_, CommitmentTier.Cooperative) => Outward,
        _ => ChartColor.FromHex("#a32f2c"),
    };
}
