using System.Text.RegularExpressions;

namespace TwoWay.Domain;

/// <summary>
/// "Did you mean GE-01?" for an id typed slightly wrong: another letter case, a missing leading
/// zero (GE-1 for GE-01), or one or two letters off. Ids are compared case-insensitively with
/// numbers read as numbers; otherwise by edit distance (at most 2, and less than half the id).
/// </summary>
public static partial class DidYouMean
{
    /// <summary>The closest candidate, or null when none is close enough to suggest.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var key = Normal(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c == typed) return null; // it is there: nothing to suggest
            var d = Normal(c) == key ? 0 : Distance(typed.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Min(2, (typed.Length - 1) / 2) ? best : null;
    }

    /// <summary>" (did you mean GE-01?)", or "" when nothing is close: to append to a message.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } c ? $" (did you mean {c}?)" : "";

    /// <summary>Upper case, numbers without leading zeros: GE-1, ge-01 and GE-001 are one key.</summary>
    private static string Normal(string id) => Number().Replace(id.Trim().ToUpperInvariant(), m => m.Value.TrimStart('0') is { Length: > 0 } n ? n : "0");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Number();

    /// <summary>Levenshtein distance (insert, delete, substitute).</summary>
    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
