namespace TwoWay.Qualitative;

/// <summary>
/// A stretch of a transcript over which the same codings apply: the text between two consecutive
/// coding boundaries. Uncoded stretches have no codings. [Start, End) in UTF-16 units.
/// </summary>
public sealed record CodedSegment(int Start, int End, IReadOnlyList<Guid> Codings);

public static class CodedSegments
{
    /// <summary>
    /// Cuts a text of <paramref name="length"/> characters at every boundary of <paramref name="codings"/>
    /// into consecutive segments that cover it exactly, each listing the codings over it (outermost,
    /// i.e. longest, first), so overlapping codings can be drawn one over another.
    /// </summary>
    public static IReadOnlyList<CodedSegment> Of(int length, IEnumerable<(Guid Id, TextSpan Span)> codings)
    {
        var list = codings.Where(c => c.Span.End <= length).ToList();
        var cuts = new SortedSet<int> { 0, length };
        foreach (var c in list) { cuts.Add(c.Span.Start); cuts.Add(c.Span.End); }
        var points = cuts.ToArray();
        var ordered = list.OrderBy(c => c.Span.Start).ThenByDescending(c => c.Span.Length).ThenBy(c => c.Id).ToList();
        var segments = new List<CodedSegment>(points.Length);
        var open = new List<(Guid Id, TextSpan Span)>();
        var next = 0;
        for (var i = 0; i + 1 < points.Length; i++)
        {
            int a = points[i], b = points[i + 1];
            open.RemoveAll(c => c.Span.End <= a);
            while (next < ordered.Count && ordered[next].Span.Start <= a) { if (ordered[next].Span.End > a) open.Add(ordered[next]); next++; }
            var here = open.OrderByDescending(c => c.Span.Length).ThenBy(c => c.Span.Start).ThenBy(c => c.Id).Select(c => c.Id).ToList();
            segments.Add(new CodedSegment(a, b, here));
        }
        return segments;
    }
}
