namespace TwoWay.Domain;

/// <summary>
/// How large an operation is, as far as known: a money value per year, a share of the firm's
/// total (sales for outward operations, purchases for inward ones), or both. Never empty.
/// </summary>
public sealed record Volume
{
    public Volume(decimal? annualValue = null, CurrencyCode? currency = null, double? shareOfTotal = null)
    {
        if (annualValue is null && shareOfTotal is null)
            throw new ArgumentException("A volume needs a value or a share.");
        if (annualValue is < 0)
            throw new ArgumentOutOfRangeException(nameof(annualValue), annualValue, "A value cannot be negative.");
        if (annualValue is not null && currency is null)
            throw new ArgumentException("A value needs its ISO 4217 currency.", nameof(currency));
        if (annualValue is null && currency is not null)
            throw new ArgumentException("A currency was given without a value.", nameof(currency));
        if (shareOfTotal is { } s && (double.IsNaN(s) || s < 0 || s > 1))
            throw new ArgumentOutOfRangeException(nameof(shareOfTotal), shareOfTotal, "A share must be between 0 and 1 (0–100%).");
        AnnualValue = annualValue;
        Currency = currency;
        ShareOfTotal = shareOfTotal;
    }

    /// <summary>Value per year in <see cref="Currency"/>.</summary>
    public decimal? AnnualValue { get; }

    public CurrencyCode? Currency { get; }

    /// <summary>
    /// Fraction 0–1 of total sales (outward) or total purchases (inward) that this operation accounts for.
    /// </summary>
    public double? ShareOfTotal { get; }
}
