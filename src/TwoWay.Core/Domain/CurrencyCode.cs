namespace TwoWay.Domain;

/// <summary>An ISO 4217 alphabetic currency code, e.g. "EUR".</summary>
public readonly record struct CurrencyCode
{
    private readonly string? _value;

    private CurrencyCode(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("Default CurrencyCode has no value.");

    public static bool TryParse(string? text, out CurrencyCode code)
    {
        var key = text?.Trim().ToUpperInvariant();
        if (key is { Length: 3 } && IsoTables.CurrencyCodes.Contains(key))
        {
            code = new CurrencyCode(key);
            return true;
        }
        code = default;
        return false;
    }

    public static CurrencyCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new ArgumentException($"'{text}' is not an ISO 4217 currency code (e.g. EUR, USD, RSD).", nameof(text));

    public override string ToString() => _value ?? "";
}
