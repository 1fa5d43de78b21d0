using System.Globalization;
using System.Text.RegularExpressions;
using TwoWay.Domain;

namespace TwoWay.Qualitative.Suggestions;

/// <summary>
/// A wording that says an operation happened: a regular expression (matched without regard to
/// letter case, on word boundaries) and the direction and mode it signals, e.g. "licen[cs]e from" →
/// inward licensing. Cues are data (a file the researcher can extend, e.g. with another language).
/// </summary>
public sealed record SuggestionCue(Direction Direction, Mode Mode, string Pattern);

/// <summary>
/// What the suggester reads text with: the cues, and the words that name a country (names,
/// adjectives, demonyms; a word ending in '*' matches any ending, for languages that inflect).
/// </summary>
public sealed record SuggestionLexicon(IReadOnlyList<SuggestionCue> Cues, IReadOnlyList<(string Word, CountryCode Country)> CountryWords);

/// <summary>
/// A candidate operation read from a transcript: the sentence that says it (<see cref="Sentence"/>,
/// its quotation), the cue found in it, the direction and mode the cue signals, the country named
/// nearest the cue, and the year and partner the sentence names (null when it names none).
/// </summary>
public sealed record OperationSuggestion(
    Guid SourceId, TextSpan Sentence, TextSpan Cue, Direction Direction, Mode Mode, CountryCode Country, int? Year, string? Partner);

/// <summary>
/// Finds candidate operations in a transcript, sentence by sentence: a cue for a direction and mode
/// and a country in the same sentence make a suggestion; a negation just before the cue ("we were
/// not exporters") does not. Aimed at precision: a sentence without a country suggests nothing.
/// Pure: no I/O, the same text and lexicon give the same suggestions in the same order.
/// </summary>
public static partial class OperationSuggester
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // Compiled once per lexicon, not once per transcript: a study's transcripts share one lexicon.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SuggestionLexicon, CompiledLexicon> Compiled = new();

    private sealed record CompiledLexicon(IReadOnlyList<(SuggestionCue Cue, Regex Regex)> Cues, Regex Countries);

    private static CompiledLexicon Compile(SuggestionLexicon lexicon) => new(
        lexicon.Cues.Select(c => (c, new Regex(@"(?<![\p{L}\p{N}])(?:" + c.Pattern + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Budget))).ToList(),
        CountryRegex(lexicon.CountryWords));

    /// <summary>
    /// The suggestions of <paramref name="source"/> in text order, one per sentence, direction, mode
    /// and country. <paramref name="home"/>: the case's home country, never a partner (a firm does not
    /// export to its own country), so "French-Armenian investors" of an Armenian firm are French.
    /// </summary>
    public static IReadOnlyList<OperationSuggestion> Find(Source source, SuggestionLexicon lexicon, CountryCode? home = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(lexicon);
        var (cues, countries) = Compiled.GetValue(lexicon, Compile);
        try { return Find(source, lexicon, home, cues, countries); }
        catch (RegexMatchTimeoutException e)
        {
            // A cue the researcher wrote may backtrack without end on some sentence: bad input, named, never a hang.
            throw new Input.InputException(source.Name, null, "pattern",
                $"the cue pattern '{e.Pattern}' took more than {Budget.TotalSeconds:0} s on one sentence of this transcript; write it more simply (no nested repetition such as (a+)+)");
        }
    }

    private static IReadOnlyList<OperationSuggestion> Find(Source source, SuggestionLexicon lexicon, CountryCode? home,
        IReadOnlyList<(SuggestionCue Cue, Regex Regex)> cues, Regex countries)
    {
        var text = source.Text;
        var found = new List<OperationSuggestion>();
        foreach (var sentence in Sentences(text))
        {
            var s = text[sentence.Start..sentence.End];
            var named = countries.Matches(s).Select(m => (Span: new TextSpan(sentence.Start + m.Index, sentence.Start + m.Index + m.Length),
                Country: lexicon.CountryWords.First(w => Matches(w.Word, m.Value)).Country)).Where(n => n.Country != home).ToList();
            if (named.Count == 0) continue;
            var years = YearRegex().Matches(s).Select(m => (At: sentence.Start + m.Index, Year: int.Parse(m.Value, CultureInfo.InvariantCulture))).ToList();
            var seen = new HashSet<(Direction, Mode, CountryCode)>();
            foreach (var (cue, regex) in cues)
            {
                foreach (Match m in regex.Matches(s))
                {
                    if (Negated(s, m.Index)) continue;
                    var at = new TextSpan(sentence.Start + m.Index, sentence.Start + m.Index + m.Length);
                    // A cue ending in a preposition ("export to", "agent in") says where: the country must follow it closely (or sit inside it).
                    // Otherwise it must be near and in the same clause (no ';' between): "imports …; the Russian transport" is no Russian import.
                    // "licence from Valvola Nord S.p.A. in the Italian north": after "from" or "with" comes a partner, then perhaps its country.
                    var candidates = EndsInPreposition(m.Value) switch
                    {
                        Preposition.Place => named.Where(n => n.Span.Start >= at.Start && n.Span.Start - at.End <= Following).ToList(),
                        Preposition.Partner => named.Where(n => n.Span.Start >= at.Start && n.Span.Start - at.End <= Near && !SameClauseBroken(text, n.Span, at)).ToList(),
                        _ => named.Where(n => Distance(n.Span, at) <= Near && !SameClauseBroken(text, n.Span, at)).ToList(),
                    };
                    if (candidates.Count == 0) continue;
                    var country = candidates.MinBy(n => Distance(n.Span, at)).Country;
                    if (!seen.Add((cue.Direction, cue.Mode, country))) continue;
                    int? year = years.Count == 0 ? null : years.MinBy(y => Math.Abs(y.At - at.Start)).Year;
                    found.Add(new OperationSuggestion(source.Id, sentence, at, cue.Direction, cue.Mode, country, year, Partner(s, named.Select(n => n.Span.Start - sentence.Start).ToHashSet())));
                }
            }
        }
        return found.OrderBy(f => f.Sentence.Start).ThenBy(f => f.Cue.Start).ToList();
    }

    /// <summary>The sentences of a text as spans: ended by . ! ? (before a space or the end) or a line break; speaker labels stay in.</summary>
    public static IEnumerable<TextSpan> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length || text[i] is '\n' or '\r'
                || (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !Abbreviation(text, i));
            if (!end) continue;
            var stop = i < text.Length && text[i] is '.' or '!' or '?' ? i + 1 : i;
            var a = start;
            while (a < stop && char.IsWhiteSpace(text[a])) a++;
            var b = stop;
            while (b > a && char.IsWhiteSpace(text[b - 1])) b--;
            if (b > a) yield return new TextSpan(a, b);
            start = stop;
        }
    }

    // "S.p.A.", "d.o.o.", "Kft." and initials end no sentence: a dot after a short lower-case or one-letter word.
    private static bool Abbreviation(string text, int dot)
    {
        var w = dot;
        while (w > 0 && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        var word = text[w..dot];
        return word.Contains('.') || word.Length == 1 || word is "Kft" or "Ltd" or "Inc" or "Co" or "Sp" or "Oy" or "St" or "Mr" or "Dr";
    }

    // "to the UK", "in Germany", "to Bosnia": a country at most this many UTF-16 units after the preposition.
    private const int Following = 12;

    // "importing board and fittings from Holzwerk Brandt in Germany": a country this near a cue without a preposition.
    private const int Near = 60;

    private static bool SameClauseBroken(string text, TextSpan a, TextSpan b)
    {
        var (from, to) = a.End <= b.Start ? (a.End, b.Start) : (b.End, a.Start);
        return from < to && text.AsSpan(from, to - from).IndexOf(';') >= 0;
    }

    private enum Preposition { None, Place, Partner }

    private static Preposition EndsInPreposition(string cue) =>
        WordRegex().Matches(cue).LastOrDefault()?.Value.ToLowerInvariant() switch
        {
            "to" or "in" or "into" or "в" or "во" or "u" or "a" or "verso" => Preposition.Place,
            "from" or "with" or "из" or "iz" or "od" or "da" or "у" => Preposition.Partner,
            _ => Preposition.None,
        };

    // A negation or a wish just before the cue: "we were not exporters", "we always wanted to export to Poland".
    private static bool Negated(string sentence, int cueAt)
    {
        var before = sentence[..cueAt].TrimEnd();
        var words = WordRegex().Matches(before).TakeLast(3).Select(m => m.Value.ToLowerInvariant());
        return words.Any(w => w is "not" or "never" or "no" or "nor" or "without" or "didn't" or "don't" or "не" or "ne" or "non" or "nije" or "ნუ" or "არ"
            or "want" or "wanted" or "wants" or "plan" or "planned" or "plans" or "hope" or "hoped" or "would" or "could" or "might" or "tried" or "try"
            or "considering" or "thinking" or "хотели" or "хотим" or "планируем" or "želimo" or "hteli" or "vorremmo");
    }

    private static int Distance(TextSpan a, TextSpan b) => a.End <= b.Start ? b.Start - a.End : b.End <= a.Start ? a.Start - b.End : 0;

    private static Regex CountryRegex(IReadOnlyList<(string Word, CountryCode Country)> words)
    {
        // Longest first, so "South Africa" wins over "Africa"; case-sensitive, so "turkey" and "chad" stay words.
        var alternatives = words.Select(w => w.Word).Distinct().OrderByDescending(w => w.Length)
            .Select(w => w.EndsWith('*') ? Regex.Escape(w[..^1]) + @"\p{L}*" : Regex.Escape(w));
        return new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, Budget);
    }

    private static bool Matches(string word, string text) =>
        word.EndsWith('*') ? text.StartsWith(word[..^1], StringComparison.Ordinal) : text == word;

    private static readonly HashSet<string> NotPartners = new(StringComparer.Ordinal)
    {
        "I", "We", "Our", "The", "They", "Their", "It", "In", "At", "On", "For", "From", "To", "With", "And", "But", "So", "Then",
        "That", "This", "When", "Why", "What", "How", "Today", "Later", "After", "Before", "Yes", "No", "R", "Q", "A", "EU", "CEO",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    };

    /// <summary>
    /// An organisation the sentence names: a run of capitalised words ending in a legal form
    /// (GmbH, d.o.o., S.p.A., Ltd …), else the first capitalised word that opens no sentence and is
    /// no country word; null when there is none.
    /// </summary>
    private static string? Partner(string sentence, IReadOnlySet<int> countryStarts)
    {
        if (LegalNameRegex().Match(sentence) is { Success: true } legal) return legal.Value.Trim();
        foreach (Match m in CapitalisedRegex().Matches(sentence))
        {
            if (m.Index == 0 || countryStarts.Contains(m.Index) || NotPartners.Contains(m.Value)) continue;
            if (m.Index >= 2 && sentence[m.Index - 2] is '.' or ':' or '!' or '?') continue;
            return m.Value;
        }
        return null;
    }

    [GeneratedRegex(@"(?<![\p{N}])(19[5-9]\d|20[0-3]\d)(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"[\p{L}'’]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<![\p{L}])\p{Lu}[\p{L}\-]+(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedRegex();

    [GeneratedRegex(@"(?:\p{Lu}[\p{L}\-&]*\s+){1,4}(?:GmbH|AG|Ltd\.?|LLC|Inc\.?|AB|Oy|A/S|AS|B\.V\.|BV|S\.p\.A\.|S\.r\.l\.|SRL|S\.A\.|SA|d\.o\.o\.|Kft\.|Sp\. z o\.o\.|LLP|OOO|ООО|SE|Plc|plc)(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex LegalNameRegex();
}
