namespace TwoWay.Domain;

/// <summary>
/// Why an operation ended. The kinds follow the de-internationalization literature
/// (Benito &amp; Welch 1997; Turcan 2003) and add the geopolitical causes the seed study reports.
/// </summary>
public enum EndReasonKind
{
    Sanctions,
    GeopoliticalBarrier,
    PartnerExit,
    ResourceConstraint,
    MarketConditions,
    StrategicRefocus,
    Other,
}

public sealed record EndReason(EndReasonKind Kind, string? Note = null)
{
    /// <summary>True for causes outside the firm and its partner: sanctions and geopolitical barriers.</summary>
    public bool IsGeopolitical => Kind is EndReasonKind.Sanctions or EndReasonKind.GeopoliticalBarrier;
}
