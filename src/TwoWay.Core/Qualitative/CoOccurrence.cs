namespace TwoWay.Qualitative;

/// <summary>How often two codes were applied to overlapping passages: in total, in how many cases, and per case.</summary>
public sealed record CoOccurrencePair(Guid CodeA, string CodePathA, Guid CodeB, string CodePathB, int Overlaps, int Cases,
    IReadOnlyDictionary<string, int> ByCase);

/// <summary>Code co-occurrence over a project: pairs ordered by total overlaps, then by path.</summary>
public sealed record CoOccurrenceResult(int? Round, string? Coder, IReadOnlyList<CoOccurrencePair> Pairs);

public static class CoOccurrence
{
    /// <summary>
    /// Counts, for every pair of distinct codes, the pairs of codings that overlap by at least one
    /// character in the same transcript (the "overlap" operator of NVivo's coding query and
    /// ATLAS.ti's code co-occurrence table). Counted within each case and summed across cases.
    /// Optional filters keep one interview round or one coder's codings.
    /// </summary>
    public static CoOccurrenceResult Compute(QualitativeProject project, int? round = null, string? coder = null)
    {
        var counts = new Dictionary<(Guid, Guid), Dictionary<string, int>>();
        foreach (var source in project.Sources)
        {
            if (round is not null && source.Round != round) continue;
            var caseName = source.Case?.Value ?? CodeCaseMatrix.NoCase;
            var codings = project.CodingsOf(source.Id).Where(c => coder is null || c.Coder == coder).OrderBy(c => c.Span.Start).ToList();
            // Sweep: every coding is compared only with those that start before it ends.
            for (var i = 0; i < codings.Count; i++)
            {
                var a = codings[i];
                for (var j = i + 1; j < codings.Count && codings[j].Span.Start < a.Span.End; j++)
                {
                    var b = codings[j];
                    if (a.CodeId == b.CodeId) continue;
                    var key = a.CodeId.CompareTo(b.CodeId) < 0 ? (a.CodeId, b.CodeId) : (b.CodeId, a.CodeId);
                    if (!counts.TryGetValue(key, out var byCase)) counts[key] = byCase = [];
                    byCase[caseName] = byCase.GetValueOrDefault(caseName) + 1;
                }
            }
        }
        var book = project.Codebook;
        var pairs = counts.Select(kv =>
            {
                var (x, y) = kv.Key;
                var (pa, pb) = (book.PathText(x), book.PathText(y));
                if (string.CompareOrdinal(pa, pb) > 0) { (x, y) = (y, x); (pa, pb) = (pb, pa); }
                return new CoOccurrencePair(x, pa, y, pb, kv.Value.Values.Sum(), kv.Value.Count,
                    new SortedDictionary<string, int>(kv.Value, StringComparer.Ordinal));
            })
            .OrderByDescending(p => p.Overlaps).ThenBy(p => p.CodePathA, StringComparer.Ordinal).ThenBy(p => p.CodePathB, StringComparer.Ordinal)
            .ToList();
        return new CoOccurrenceResult(round, coder, pairs);
    }
}
