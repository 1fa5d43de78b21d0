namespace TwoWay.Qualitative;

/// <summary>
/// A stretch of a transcript, [Start, End) in UTF-16 code units — exactly C# string indices, so
/// <c>text[Start..End]</c> is the quotation. A span is never empty and never reversed; whether it
/// fits a given text is checked by <see cref="FitsIn"/> when a coding is added to a project.
/// </summary>
public readonly record struct TextSpan : IComparable<TextSpan>
{
    public TextSpan(int start, int end)
    {
        if (start < 0)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A span cannot start before the text: start {start} is negative.");
        if (end < start)
            throw new ArgumentException($"The span is reversed: end {end} comes before start {start}.", nameof(end));
        if (end == start)
            throw new ArgumentException($"The span is empty: start and end are both {start}; code at least one character.", nameof(end));
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Length => End - Start;

    public bool FitsIn(int textLength) => End <= textLength;

    /// <summary>
    /// True when a boundary falls between the two halves of a surrogate pair (e.g. inside an emoji):
    /// such a span cannot be shown, exported to REFI-QDA or quoted faithfully.
    /// </summary>
    public bool SplitsSurrogatePair(string text) => SplitsPair(text, Start) || SplitsPair(text, End);

    private static bool SplitsPair(string text, int at) =>
        at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) && char.IsLowSurrogate(text[at]);

    /// <summary>True when the two spans share at least one character (touching ends do not count).</summary>
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;

    public string Of(string text) => text.Substring(Start, Length);

    public int CompareTo(TextSpan other) => Start != other.Start ? Start.CompareTo(other.Start) : End.CompareTo(other.End);

    public override string ToString() => $"{Start}–{End}";
}
