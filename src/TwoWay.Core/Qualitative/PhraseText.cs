using System.Text;

namespace TwoWay.Qualitative;

/// <summary>
/// Matching a typed phrase against a transcript the way a reader means it. A transcript has line
/// breaks where the phrase has spaces, typographic quotes (’ “ ”) and dashes (– —) where a keyboard
/// types ' " and -; none of these differences is a different phrase. Both sides are folded to a
/// canonical form (whitespace runs → one space, every apostrophe or single quote → ', every
/// double quote → ", every dash or hyphen → -), the search runs on the folded text, and each hit
/// is mapped back to the original UTF-16 positions. Letters are never folded except, on request,
/// their case (invariant, so Cyrillic, Georgian or Greek capitals fold as Latin ones do).
/// </summary>
public static class PhraseText
{
    /// <summary>Every non-overlapping occurrence of <paramref name="phrase"/> in <paramref name="text"/>, as spans of the original text.</summary>
    public static IReadOnlyList<TextSpan> FindAll(string text, string phrase, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(text);
        var needle = Fold(phrase.Trim(), null).ToString();
        if (needle.Length == 0) return [];
        var map = new List<int>(text.Length + 1);
        var hay = Fold(text, map).ToString();
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var spans = new List<TextSpan>();
        for (var at = 0; at <= hay.Length - needle.Length;)
        {
            var i = hay.IndexOf(needle, at, comparison);
            if (i < 0) break;
            // The hit's first folded character starts at map[i]; its last ends one past map[last].
            var end = map[i + needle.Length - 1] + 1;
            if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
            spans.Add(new TextSpan(map[i], end));
            at = i + needle.Length;
        }
        return spans;
    }

    /// <summary>The canonical form of <paramref name="text"/>; when <paramref name="map"/> is given, the original index of each folded character.</summary>
    public static StringBuilder Fold(string text, List<int>? map)
    {
        var b = new StringBuilder(text.Length);
        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                if (inSpace) continue;
                inSpace = true;
                b.Append(' ');
                map?.Add(i);
                continue;
            }
            inSpace = false;
            b.Append(Canonical(c));
            map?.Add(i);
        }
        return b;
    }

    private static char Canonical(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u02BC' or '\u2032' or '\u00B4' or '`' or '\u2039' or '\u203A' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        _ => c,
    };
}
