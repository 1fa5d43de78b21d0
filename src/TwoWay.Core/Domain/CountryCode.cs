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
        TryParse(text, out var code) ? code : throw new ArgumentException(Explain(text), nameof(text));

    /// <summary>Why <paramref name="text"/> is not a country code, with the likely intended code when there is one.</summary>
    public static string Explain(string? text)
    {
        var hint = Suggest(text) is { } s ? $"; did you mean {s.Value} ({s.Name})?" : " (e.g. RS, PL, GE)";
        return $"'{text}' is not an ISO 3166-1 alpha-2 country code{hint}";
    }

    /// <summary>
    /// The assigned code for a common non-ISO spelling: Eurostat's EL and UK, and alpha-3 codes.
    /// </summary>
    public static CountryCode? Suggest(string? text)
    {
        var key = text?.Trim().ToUpperInvariant();
        var target = key switch
        {
            "UK" => "GB",
            "EL" => "GR",
            { Length: 3 } => Alpha3ToAlpha2(key),
            _ => null,
        };
        return target is not null && TryParse(target, out var c) ? c : null;
    }

    // Alpha-3 codes users write for the economies this tool is most used on; a full alpha-3
    // table is not needed to read files, only to help a user fix one.
    private static string? Alpha3ToAlpha2(string a3) => a3 switch
    {
        "SRB" => "RS", "POL" => "PL", "GEO" => "GE", "KAZ" => "KZ", "UKR" => "UA", "ARM" => "AM", "BLR" => "BY",
        "RUS" => "RU", "DEU" => "DE", "AUT" => "AT", "ITA" => "IT", "FRA" => "FR", "CHN" => "CN", "USA" => "US",
        "GBR" => "GB", "TUR" => "TR", "HUN" => "HU", "CZE" => "CZ", "SVK" => "SK", "ROU" => "RO", "BGR" => "BG",
        "HRV" => "HR", "SVN" => "SI", "BIH" => "BA", "MNE" => "ME", "MKD" => "MK", "ALB" => "AL", "MDA" => "MD",
        "LTU" => "LT", "LVA" => "LV", "EST" => "EE", "AZE" => "AZ", "UZB" => "UZ", "KGZ" => "KG", "GRC" => "GR",
        "NLD" => "NL", "ESP" => "ES", "SWE" => "SE", "FIN" => "FI", "JPN" => "JP", "KOR" => "KR", "IND" => "IN",
        _ => null,
    };

    public int CompareTo(CountryCode other) => string.CompareOrdinal(_value, other._value);

    public override string ToString() => _value ?? "";
}
