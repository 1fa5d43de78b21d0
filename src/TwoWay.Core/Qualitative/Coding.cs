namespace TwoWay.Qualitative;

/// <summary>One application of a code to a span of a source, by a named coder, with an optional memo.</summary>
public sealed record Coding
{
    public Coding(Guid id, Guid sourceId, Guid codeId, TextSpan span, string coder, string? memo = null)
    {
        if (id == Guid.Empty) throw new ArgumentException("A coding needs a non-empty id.", nameof(id));
        if (sourceId == Guid.Empty) throw new ArgumentException("A coding needs a source.", nameof(sourceId));
        if (codeId == Guid.Empty) throw new ArgumentException("A coding needs a code.", nameof(codeId));
        if (span == default) throw new ArgumentException("A coding needs a span.", nameof(span));
        if (string.IsNullOrWhiteSpace(coder)) throw new ArgumentException("A coding needs the coder's name.", nameof(coder));
        Id = id;
        SourceId = sourceId;
        CodeId = codeId;
        Span = span;
        Coder = coder.Trim();
        Memo = string.IsNullOrWhiteSpace(memo) ? null : memo.Trim();
    }

    public Guid Id { get; }
    public Guid SourceId { get; }
    public Guid CodeId { get; init; }
    public TextSpan Span { get; }
    public string Coder { get; }
    public string? Memo { get; }
}

/// <summary>What a memo is written about.</summary>
public enum MemoTarget
{
    Project,
    Code,
    Source,
    Case,
}

/// <summary>
/// A researcher's note on a code, a source, a case or the project. <see cref="TargetId"/> is the
/// code or source GUID, the firm id, or empty for the project.
/// </summary>
public sealed record Memo
{
    public Memo(Guid id, MemoTarget target, string targetId, string text, string? author = null)
    {
        if (id == Guid.Empty) throw new ArgumentException("A memo needs a non-empty id.", nameof(id));
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("A memo needs text.", nameof(text));
        if (target != MemoTarget.Project && string.IsNullOrWhiteSpace(targetId))
            throw new ArgumentException($"A memo on a {target.ToString().ToLowerInvariant()} needs the id of what it is about.", nameof(targetId));
        Id = id;
        Target = target;
        TargetId = targetId?.Trim() ?? "";
        Text = text.Trim();
        Author = string.IsNullOrWhiteSpace(author) ? null : author.Trim();
    }

    public Guid Id { get; }
    public MemoTarget Target { get; }
    public string TargetId { get; }
    public string Text { get; }
    public string? Author { get; }
}
