namespace TwoWay.Qualitative;

/// <summary>One place a phrase occurs, with a little context either side.</summary>
public sealed record SearchHit(Guid SourceId, string SourceName, string? Case, int? Round, int Start, int End, string Context);

public sealed record SearchResult(string Phrase, int TotalHits, IReadOnlyList<SearchHit> Hits);

public static class TextSearch
{
    /// <summary>
    /// Finds a phrase in every transcript, case-insensitively (ordinal, culture-free, so results do
    /// not depend on the machine). Returns at most <paramref name="limit"/> hits but counts them all.
    /// </summary>
    public static SearchResult Find(QualitativeProject project, string phrase, QuotationFilter? filter = null, int limit = 100, int context = 40)
    {
        if (string.IsNullOrWhiteSpace(phrase)) throw new ArgumentException("Search for a non-empty phrase.", nameof(phrase));
        filter ??= QuotationFilter.All;
        var hits = new List<SearchHit>();
        var total = 0;
        foreach (var s in project.Sources)
        {
            if ((filter.Case is not null && s.Case != filter.Case) || (filter.Round is not null && s.Round != filter.Round)) continue;
            var text = s.Text.AsSpan();
            var offset = 0;
            while (offset < text.Length)
            {
                var i = text[offset..].IndexOf(phrase.AsSpan(), StringComparison.OrdinalIgnoreCase);
                if (i < 0) break;
                var start = offset + i;
                total++;
                if (hits.Count < limit)
                {
                    var from = Math.Max(0, start - context);
                    var to = Math.Min(text.Length, start + phrase.Length + context);
                    hits.Add(new SearchHit(s.Id, s.Name, s.Case?.Value, s.Round, start, start + phrase.Length, s.Text[from..to]));
                }
                offset = start + phrase.Length;
            }
        }
        return new SearchResult(phrase, total, hits);
    }

    /// <summary>The span of the only occurrence of <paramref name="phrase"/> in <paramref name="text"/> (exact, ordinal); an error if absent or ambiguous.</summary>
    public static TextSpan LocateUnique(string text, string phrase, string sourceName)
    {
        var first = text.IndexOf(phrase, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(phrase) || first < 0)
            throw new Input.InputException(sourceName, null, "phrase", $"the phrase \"{phrase}\" does not occur in the transcript");
        var second = text.IndexOf(phrase, first + 1, StringComparison.Ordinal);
        if (second >= 0)
            throw new Input.InputException(sourceName, null, "phrase", $"the phrase \"{phrase}\" occurs more than once (at {first} and {second}); quote more words or give the span");
        return new TextSpan(first, first + phrase.Length);
    }
}
