namespace TwoWay.Domain;

/// <summary>
/// How much a mode of operation commits the firm's resources, lowest to highest
/// (Welch, Benito &amp; Petersen 2007, ch. 1; the ordering behind the Uppsala establishment chain).
/// The numeric values are the tiers' published ranks and are used in analyses.
/// </summary>
public enum CommitmentTier
{
    Trade = 1,
    Contractual = 2,
    Cooperative = 3,
    Equity = 4,
}
