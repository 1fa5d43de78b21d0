using System.Globalization;

namespace TwoWay.Qualitative;

/// <summary>A code colour as REFI-QDA writes it: "#RRGGBB" (upper case).</summary>
public readonly record struct CodeColour
{
    private readonly string? _hex;

    public CodeColour(string hex)
    {
        if (!TryParse(hex, out var c))
            throw new ArgumentException($"'{hex}' is not a colour: write #RRGGBB or #RGB.", nameof(hex));
        _hex = c._hex;
    }

    public string Hex => _hex ?? "#000000";

    /// <summary>Accepts "#RRGGBB" and "#RGB" (expanded), as REFI-QDA's RGBType allows.</summary>
    public static bool TryParse(string? value, out CodeColour colour)
    {
        colour = default;
        if (value is null) return false;
        var v = value.Trim();
        if (v.Length == 4 && v[0] == '#' && v.Skip(1).All(char.IsAsciiHexDigit))
            v = "#" + string.Concat(v.Skip(1).Select(c => new string(c, 2)));
        if (v.Length != 7 || v[0] != '#' || !v.Skip(1).All(char.IsAsciiHexDigit)) return false;
        colour = new CodeColour(v.ToUpperInvariant(), trusted: true);
        return true;
    }

    public static CodeColour FromRgb(byte r, byte g, byte b) =>
        new(string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}"), trusted: true);

    private CodeColour(string hex, bool trusted) => _hex = trusted ? hex : throw new InvalidOperationException();

    public override string ToString() => Hex;
}

/// <summary>
/// A code of the codebook. Identity is the GUID (REFI-QDA's), never the name: names repeat under
/// different parents. A code that is not codable only groups others.
/// </summary>
public sealed record Code
{
    public Code(Guid id, string name, string? description = null, CodeColour? colour = null, bool isCodable = true, Guid? parentId = null)
    {
        if (id == Guid.Empty) throw new ArgumentException("A code needs a non-empty GUID.", nameof(id));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A code needs a name.", nameof(name));
        if (parentId == id) throw new ArgumentException("A code cannot be its own parent.", nameof(parentId));
        Id = id;
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Colour = colour;
        IsCodable = isCodable;
        ParentId = parentId;
    }

    public Guid Id { get; }
    public string Name { get; }
    public string? Description { get; }
    public CodeColour? Colour { get; }
    public bool IsCodable { get; }
    public Guid? ParentId { get; }
}
