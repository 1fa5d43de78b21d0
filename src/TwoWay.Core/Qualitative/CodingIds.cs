using TwoWay.Input;

namespace TwoWay.Qualitative;

/// <summary>
/// Coding ids as people use them: tables show the first eight hexadecimal digits (like a short git
/// commit id), and every command that takes a coding accepts any unique prefix of four or more
/// digits as well as the whole id.
/// </summary>
public static class CodingIds
{
    public const int ShortLength = 8;

    /// <summary>The id's first eight hexadecimal digits, e.g. <c>236adb83</c>.</summary>
    public static string Short(Guid id) => id.ToString("N")[..ShortLength];

    /// <summary>The coding whose id is <paramref name="key"/> or starts with it (hyphens and letter case ignored).</summary>
    /// <exception cref="InputException">No coding, or more than one, has that prefix; or the key is not hexadecimal.</exception>
    public static Coding Find(IEnumerable<Coding> codings, string key, string where = "coding")
    {
        var hex = (key ?? "").Trim().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length < 4 || hex.Length > 32 || !hex.All(Uri.IsHexDigit))
            throw new InputException(where, null, "coding", $"'{key}' is not a coding id (give at least the first 4 of its hexadecimal digits, as tables show them)");
        var matches = codings.Where(c => c.Id.ToString("N").StartsWith(hex, StringComparison.Ordinal)).Take(3).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InputException(where, null, "coding", $"no coding has id {key}"),
            _ => throw new InputException(where, null, "coding",
                $"'{key}' starts more than one coding id ({string.Join(", ", matches.Select(m => Short(m.Id)))}…); give more digits"),
        };
    }
}
