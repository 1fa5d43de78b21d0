using System.Text;

namespace TwoWay.Interchange.Cases;

/// <summary>
/// The snake_case codes under which enumerations are written in files ("customs_record",
/// "geopolitical_barrier"), matching the JSON convention of the CLI.
/// </summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => Table<T>.Code[value];

    public static IEnumerable<string> All<T>() where T : struct, Enum => Table<T>.Ordered;

    /// <summary>"a, b, c": every code of <typeparamref name="T"/>, for error messages.</summary>
    public static string List<T>() where T : struct, Enum => Table<T>.Joined;

    /// <summary>Accepts the snake_case code or the enum name, any case, with '-' or ' ' for '_'.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var key = text?.Trim().Replace('-', '_').Replace(' ', '_');
        if (key is not null && Table<T>.ByKey.TryGetValue(key, out value)) return true;
        value = default;
        return false;
    }

    // Built once per enum type: imports parse these codes on every row.
    private static class Table<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Code = Enum.GetValues<T>().ToDictionary(v => v, v => Snake(v.ToString()));
        public static readonly string[] Ordered = Enum.GetValues<T>().Select(v => Code[v]).ToArray();
        public static readonly string Joined = string.Join(", ", Ordered);
        public static readonly Dictionary<string, T> ByKey = BuildKeys();

        private static Dictionary<string, T> BuildKeys()
        {
            var keys = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var v in Enum.GetValues<T>())
            {
                keys.TryAdd(Code[v], v);
                keys.TryAdd(v.ToString(), v);
            }
            return keys;
        }
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
