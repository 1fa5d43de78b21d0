using System.Text;

namespace TwoWay.Interchange.Cases;

/// <summary>
/// The snake_case codes under which enumerations are written in files ("customs_record",
/// "geopolitical_barrier"), matching the JSON convention of the CLI.
/// </summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => Snake(value.ToString());

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of);

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var key = text?.Trim().Replace('-', '_').Replace(' ', '_');
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(Of(v), key, StringComparison.OrdinalIgnoreCase) || string.Equals(v.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        value = default;
        return false;
    }

    private static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
