namespace TwoWay.Domain;

/// <summary>
/// An officially assigned ISO 3166-1 alpha-2 country code, e.g. "RS". A value that is not on the
/// ISO list cannot be constructed, so analyses never meet an unknown country.
/// </summary>
public readonly record struct CountryCode : IComparable<CountryCode>
{
    private readonly string? _value;

    private CountryCode(string value) => _value = value;

    /// <summary>The two upper-case letters. The default value has none and is never valid input.</summary>
    public string Value => _value ?? throw new InvalidOperationException("Default CountryCode has no value.");

    /// <summary>Common English short name from ISO 3166-1, e.g. "Serbia".</summary>
    public string Name => IsoTables.CountryNames[Value];

    public static IEnumerable<CountryCode> All => IsoTables.CountryNames.Keys.Select(k => new CountryCode(k));

    public static bool TryParse(string? text, out CountryCode code)
    {
        var key = text?.Trim().ToUpperInvariant();
        if (key is { Length: 2 } && IsoTables.CountryNames.ContainsKey(key))
        {
            code = new CountryCode(key);
            return true;
        }
        code = default;
        return false;
    }

    /// <exception cref="ArgumentException">The text is not an assigned ISO 3166-1 alpha-2 code.</exception>
    public static CountryCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new ArgumentException($"'{text}' is not an ISO 3166-1 alpha-2 country code (e.g. RS, PL, GE).", nameof(text));

    public int CompareTo(CountryCode other) => string.CompareOrdinal(_value, other._value);

    public override string ToString() => _value ?? "";
}
