using System.Collections.Immutable;

namespace TwoWay.Domain;

/// <summary>Size class of an SME by headcount (EU Recommendation 2003/361/EC).</summary>
public enum SizeClass
{
    /// <summary>Fewer than 10 employees.</summary>
    Micro,
    /// <summary>10–49 employees.</summary>
    Small,
    /// <summary>50–249 employees.</summary>
    Medium,
    /// <summary>250 or more employees.</summary>
    Large,
}

/// <summary>
/// A firm studied as a case: who it is, where it is at home, what it does. Its operations are held
/// separately (<see cref="FirmCase"/>), so a firm can be described before anything is known of them.
/// </summary>
public sealed record Firm
{
    public Firm(FirmId id, string name, CountryCode homeCountry, string? sector = null, SizeClass? size = null,
        int? foundingYear = null, ImmutableSortedDictionary<string, string>? attributes = null)
    {
        if (id == default) throw new ArgumentException("A firm needs an id.", nameof(id));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A firm needs a name.", nameof(name));
        if (homeCountry == default) throw new ArgumentException("A firm needs a home country.", nameof(homeCountry));
        if (foundingYear is < YearMonth.MinYear or > YearMonth.MaxYear)
            throw new ArgumentOutOfRangeException(nameof(foundingYear), foundingYear, $"Founding year must be between {YearMonth.MinYear} and {YearMonth.MaxYear}.");
        if (sector is not null && !IsSectorCode(sector))
            throw new ArgumentException($"'{sector}' is not a NACE Rev.2 / ISIC Rev.4 code (a section letter A–U, optionally followed by digits such as C25 or C25.1).", nameof(sector));
        // Keys are case-insensitive ("Economy" and "economy" are one attribute), as column names are in files.
        if (attributes?.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Attribute keys differ only in case: {string.Join(", ", twice.Select(k => "'" + k + "'"))}.", nameof(attributes));
        Id = id;
        Name = name.Trim();
        HomeCountry = homeCountry;
        Sector = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim().ToUpperInvariant();
        Size = size;
        FoundingYear = foundingYear;
        Attributes = attributes ?? ImmutableSortedDictionary<string, string>.Empty;
    }

    public FirmId Id { get; }
    public string Name { get; }
    public CountryCode HomeCountry { get; }

    /// <summary>NACE Rev.2 (or ISIC Rev.4) code: section letter with optional division/group, e.g. "C25.1".</summary>
    public string? Sector { get; }

    public SizeClass? Size { get; }
    public int? FoundingYear { get; }

    /// <summary>Free key/value descriptors, e.g. "economy" = "post-transition". Keys are unique ignoring case.</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; }

    /// <summary>A section letter A–U, then optionally 2 digits, then optionally ".d" or ".dd".</summary>
    public static bool IsSectorCode(string? code)
    {
        var c = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(c) || c[0] is < 'A' or > 'U') return false;
        var rest = c[1..];
        if (rest.Length == 0) return true;
        if (rest.Length < 2 || !char.IsAsciiDigit(rest[0]) || !char.IsAsciiDigit(rest[1])) return false;
        rest = rest[2..];
        if (rest.Length == 0) return true;
        return rest[0] == '.' && rest.Length is 2 or 3 && rest[1..].All(char.IsAsciiDigit);
    }

    public bool Equals(Firm? other) =>
        other is not null && Id == other.Id && Name == other.Name && HomeCountry == other.HomeCountry &&
        Sector == other.Sector && Size == other.Size && FoundingYear == other.FoundingYear &&
        Attributes.Count == other.Attributes.Count && Attributes.All(kv => other.Attributes.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Name, HomeCountry, Sector, Size, FoundingYear, Attributes.Count);
}
