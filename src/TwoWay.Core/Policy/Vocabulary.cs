using System.Collections.Frozen;
using System.Text;

namespace TwoWay.Policy;

/// <summary>
/// File and JSON codes of the policy vocabularies: the enum member's name in snake_case
/// (<c>TradeFairs</c> → <c>trade_fairs</c>), the same rule the JSON convention applies, so a code
/// in a catalogue file, in <c>--json</c> output and in docs/policy.md is one and the same string.
/// </summary>
public static class Vocabulary<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToCode =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Snake(v.ToString()));

    private static readonly FrozenDictionary<string, T> FromCode =
        ToCode.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<T> All { get; } = Enum.GetValues<T>();

    public static IReadOnlyList<string> Codes { get; } = Enum.GetValues<T>().Select(v => ToCode[v]).ToList();

    public static string Code(T value) => ToCode[value];

    /// <summary>Accepts the code with '-' or ' ' in place of '_' and in any case.</summary>
    public static bool TryParse(string? text, out T value)
    {
        var key = text?.Trim().Replace('-', '_').Replace(' ', '_');
        if (key is not null && FromCode.TryGetValue(key, out value)) return true;
        value = default;
        return false;
    }

    private static string Snake(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
