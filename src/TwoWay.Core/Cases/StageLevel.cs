using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>
/// Position on the establishment chain (Johanson &amp; Wiedersheim-Paul 1975; Johanson &amp; Vahlne 1977)
/// and on its inward mirror (Welch &amp; Luostarinen 1993). One scale serves both directions; the
/// numeric values are the stage numbers 0–3.
/// </summary>
public enum StageLevel
{
    /// <summary>Outward: no regular export. Inward: no inward operation.</summary>
    None = 0,

    /// <summary>Outward: export via independent representatives. Inward: imports.</summary>
    Trade = 1,

    /// <summary>Outward: sales subsidiary (or a contractual presence abroad). Inward: contractual inflows.</summary>
    ContractualOrSales = 2,

    /// <summary>Outward: production abroad. Inward: equity ties (joint venture at home, foreign ownership).</summary>
    ProductionOrEquity = 3,
}

/// <summary>
/// The one rule table that places each <see cref="Mode"/> on the stage scale, the same for both
/// directions so that the inward chain is the exact mirror of the outward one.
/// </summary>
public static class StageRules
{
    /// <summary>
    /// Stage reached by an active operation of <paramref name="mode"/>, in either direction:
    /// goods and services trade → 1; licensing, franchising, management contract, technical
    /// agreement, subcontracting, turnkey project, personnel, non-equity alliance and sales
    /// subsidiary / foreign-owned sales unit → 2; joint venture, production subsidiary /
    /// foreign-owned production and finance (capital) → 3. See docs/methods.md for the reasons.
    /// </summary>
    public static StageLevel LevelOf(Mode mode) => mode switch
    {
        Mode.GoodsTrade or Mode.ServicesTrade => StageLevel.Trade,
        Mode.Licensing or Mode.Franchising or Mode.ManagementContract or Mode.TechnicalAgreement or
            Mode.Subcontracting or Mode.TurnkeyProject or Mode.Personnel or Mode.Alliance or
            Mode.SalesSubsidiary => StageLevel.ContractualOrSales,
        Mode.JointVenture or Mode.ProductionSubsidiary or Mode.Finance => StageLevel.ProductionOrEquity,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
    };

    /// <summary>Human name of a stage in a direction, e.g. outward 2 "sales subsidiary or contractual presence abroad".</summary>
    public static string Label(StageLevel level, Direction direction) => (level, direction) switch
    {
        (StageLevel.None, Direction.Outward) => "no regular export",
        (StageLevel.Trade, Direction.Outward) => "export via independent representatives",
        (StageLevel.ContractualOrSales, Direction.Outward) => "sales subsidiary or contractual presence abroad",
        (StageLevel.ProductionOrEquity, Direction.Outward) => "production or equity investment abroad",
        (StageLevel.None, Direction.Inward) => "no inward operations",
        (StageLevel.Trade, Direction.Inward) => "imports",
        (StageLevel.ContractualOrSales, Direction.Inward) => "contractual inflows (licensing-in, technology agreements, franchising-in)",
        (StageLevel.ProductionOrEquity, Direction.Inward) => "equity ties (joint venture at home, foreign ownership)",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown stage."),
    };
}
