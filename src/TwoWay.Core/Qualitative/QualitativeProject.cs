using System.Collections.Immutable;
using TwoWay.Input;

namespace TwoWay.Qualitative;

/// <summary>
/// Everything the qualitative workbench holds for a study: transcripts, codebook, codings and memos.
/// Immutable and always consistent: every coding points at an existing source and codable code, lies
/// inside its source's text, and does not overlap another coding of the same code by the same coder
/// in the same source (such spans are one passage and are stored once). Edits return a new project;
/// a rejected edit throws <see cref="InputException"/> naming what was wrong and changes nothing.
/// </summary>
public sealed class QualitativeProject
{
    private readonly ImmutableDictionary<Guid, Source> _sources;
    private readonly ImmutableList<Guid> _sourceOrder;
    private ILookup<Guid, Coding>? _codingsBySource;

    private QualitativeProject(string name, ImmutableDictionary<Guid, Source> sources, ImmutableList<Guid> sourceOrder,
        Codebook codebook, ImmutableList<Coding> codings, ImmutableList<Memo> memos)
    {
        Name = name;
        _sources = sources;
        _sourceOrder = sourceOrder;
        Codebook = codebook;
        Codings = codings;
        Memos = memos;
    }

    public static QualitativeProject Empty(string name) =>
        new(string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A project needs a name.", nameof(name)) : name.Trim(),
            ImmutableDictionary<Guid, Source>.Empty, ImmutableList<Guid>.Empty, Codebook.Empty, ImmutableList<Coding>.Empty, ImmutableList<Memo>.Empty);

    /// <summary>
    /// Builds a project in one step, checking every coding (used by importers: all problems are
    /// collected and thrown together, so nothing half-built escapes). <paramref name="origin"/> names
    /// the file in error messages.
    /// </summary>
    public static QualitativeProject Create(string name, IEnumerable<Source> sources, Codebook codebook,
        IEnumerable<Coding> codings, IEnumerable<Memo>? memos = null, string origin = "project")
    {
        var p = Empty(name);
        var errors = new InputErrorCollector();
        var byId = ImmutableDictionary.CreateBuilder<Guid, Source>();
        var order = ImmutableList.CreateBuilder<Guid>();
        foreach (var s in sources)
        {
            if (!byId.TryAdd(s.Id, s)) { errors.Add(origin, null, "source", $"two sources have the id {s.Id}"); continue; }
            order.Add(s.Id);
        }
        var list = codings.ToList();
        var seenIds = new HashSet<Guid>();
        foreach (var c in list)
        {
            if (!seenIds.Add(c.Id)) errors.Add(origin, null, "coding", $"two codings have the id {c.Id}");
            if (Problem(c, byId.GetValueOrDefault(c.SourceId), codebook) is { } e) errors.Add(new InputError(origin, null, e.Field, e.Message));
        }
        foreach (var g in list.GroupBy(c => (c.SourceId, c.CodeId, c.Coder)))
        {
            Coding? prev = null;
            foreach (var c in g.OrderBy(c => c.Span))
            {
                if (prev is not null && prev.Span.Overlaps(c.Span))
                    errors.Add(origin, null, "span", OverlapMessage(c, prev, codebook));
                prev = c;
            }
        }
        errors.ThrowIfAny();
        return new QualitativeProject(p.Name, byId.ToImmutable(), order.ToImmutable(), codebook, list.ToImmutableList(),
            (memos ?? []).ToImmutableList());
    }

    public string Name { get; }
    public Codebook Codebook { get; }
    public ImmutableList<Coding> Codings { get; }
    public ImmutableList<Memo> Memos { get; }

    /// <summary>Sources in the order they were added.</summary>
    public IEnumerable<Source> Sources => _sourceOrder.Select(id => _sources[id]);

    public int SourceCount => _sourceOrder.Count;

    public Source Source(Guid id) => _sources.TryGetValue(id, out var s) ? s : throw new KeyNotFoundException($"No source with id {id}.");

    public Source? FindSource(Guid id) => _sources.GetValueOrDefault(id);

    public IEnumerable<Coding> CodingsOf(Guid sourceId) => (_codingsBySource ??= Codings.ToLookup(c => c.SourceId))[sourceId];

    public QualitativeProject AddSource(Source source)
    {
        if (_sources.ContainsKey(source.Id))
            throw new InputException(source.Name, null, "id", $"a source with id {source.Id} already exists");
        return With(sources: _sources.Add(source.Id, source), sourceOrder: _sourceOrder.Add(source.Id));
    }

    /// <summary>
    /// Replaces a source's attributes (case, respondent, round, …). The text cannot change once the
    /// source is coded, because codings point into it by position.
    /// </summary>
    public QualitativeProject UpdateSource(Source updated)
    {
        var old = Source(updated.Id);
        if (old.Text != updated.Text && CodingsOf(updated.Id).Any())
            throw new InputException(old.Name, null, "text", "the transcript is already coded, so its text can no longer change");
        return With(sources: _sources.SetItem(updated.Id, updated));
    }

    /// <summary>
    /// Removes a transcript with everything that points into it: its codings and the memos written
    /// on it (e.g. when a respondent withdraws consent). Codes and other sources are untouched.
    /// </summary>
    public QualitativeProject RemoveSource(Guid id)
    {
        if (!_sources.ContainsKey(id)) throw new InputException("source", null, "source", $"no source with id {id}");
        return With(sources: _sources.Remove(id), sourceOrder: _sourceOrder.Remove(id),
            codings: Codings.RemoveAll(c => c.SourceId == id),
            memos: Memos.RemoveAll(m => m.Target == MemoTarget.Source && Guid.TryParse(m.TargetId, out var g) && g == id));
    }

    public QualitativeProject AddCoding(Coding coding) => AddCodings([coding]);

    /// <summary>Adds codings all-or-nothing: every problem is reported, none is added if any is wrong.</summary>
    public QualitativeProject AddCodings(IEnumerable<Coding> codings)
    {
        var added = codings.ToList();
        var errors = new InputErrorCollector();
        var ids = Codings.Select(c => c.Id).ToHashSet();
        foreach (var c in added)
        {
            var source = FindSource(c.SourceId);
            var where = source?.Name ?? "coding";
            if (!ids.Add(c.Id)) errors.Add(where, null, "id", $"a coding with id {c.Id} already exists");
            if (Problem(c, source, Codebook) is { } e) { errors.Add(new InputError(where, null, e.Field, e.Message)); continue; }
            var clash = CodingsOf(c.SourceId).Concat(added.TakeWhile(a => a != c))
                .FirstOrDefault(o => o.SourceId == c.SourceId && o.CodeId == c.CodeId && o.Coder == c.Coder && o.Span.Overlaps(c.Span));
            if (clash is not null) errors.Add(where, null, "span", OverlapMessage(c, clash, Codebook));
        }
        errors.ThrowIfAny();
        return With(codings: Codings.AddRange(added));
    }

    /// <summary>
    /// Replaces a coding by its edited version (same id: another span, code or memo), with the
    /// checks of <see cref="AddCodings"/>; the coding's other overlaps are judged without itself.
    /// </summary>
    public QualitativeProject ReplaceCoding(Coding edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        var old = Codings.FirstOrDefault(x => x.Id == edited.Id) ?? throw new InputException("coding", null, "id", $"no coding with id {edited.Id}");
        var source = FindSource(edited.SourceId);
        var where = source?.Name ?? "coding";
        if (edited.SourceId != old.SourceId) throw new InputException(where, null, "source", "a coding cannot move to another transcript; remove it and code there");
        if (Problem(edited, source, Codebook) is { } e) throw new InputException(where, null, e.Field, e.Message);
        var clash = CodingsOf(edited.SourceId).FirstOrDefault(o => o.Id != edited.Id && o.CodeId == edited.CodeId && o.Coder == edited.Coder && o.Span.Overlaps(edited.Span));
        if (clash is not null) throw new InputException(where, null, "span", OverlapMessage(edited, clash, Codebook));
        return With(codings: Codings.Replace(old, edited));
    }

    public QualitativeProject RemoveCoding(Guid codingId)
    {
        var c = Codings.FirstOrDefault(x => x.Id == codingId) ?? throw new InputException("coding", null, "id", $"no coding with id {codingId}");
        return With(codings: Codings.Remove(c));
    }

    public QualitativeProject AddCode(Code code) => With(codebook: Guard(() => Codebook.Add(code)));

    public QualitativeProject RenameCode(Guid id, string newName) => With(codebook: Guard(() => Codebook.Rename(id, newName)));

    public QualitativeProject MoveCode(Guid id, Guid? newParent) => With(codebook: Guard(() => Codebook.Move(id, newParent)));

    public QualitativeProject UpdateCode(Guid id, string? description, CodeColour? colour, bool isCodable)
    {
        if (!isCodable && Codings.Any(c => c.CodeId == id))
            throw new InputException("codebook", null, "codable", $"'{Codebook.PathText(id)}' has codings, so it must stay codable");
        return With(codebook: Guard(() => Codebook.Update(id, description, colour, isCodable)));
    }

    /// <summary>
    /// Merges code <paramref name="from"/> into <paramref name="into"/>: its codings move to
    /// <paramref name="into"/>, its subcodes move under <paramref name="into"/>, then it is removed.
    /// Where a moved coding overlaps a coding of <paramref name="into"/> by the same coder in the
    /// same source, the two become one coding over the union of their spans (memos joined), so no
    /// coded character is lost and none is counted twice.
    /// </summary>
    public QualitativeProject MergeCodes(Guid from, Guid into)
    {
        if (from == into) throw new InputException("codebook", null, "code", "cannot merge a code into itself");
        var book = Codebook;
        Guard(() => book[from]);
        var target = Guard(() => book[into]);
        if (book.SelfAndDescendants(from).Contains(into))
            throw new InputException("codebook", null, "code", $"cannot merge '{book.PathText(from)}' into its own subcode '{book.PathText(into)}'");
        if (!target.IsCodable) book = book.Update(into, target.Description, target.Colour, true);
        foreach (var child in book.Children(from).ToList())
            book = Guard(() => book.Move(child.Id, into));
        book = book.Remove(from);

        var untouched = Codings.Where(c => c.CodeId != from && c.CodeId != into);
        var merged = Codings.Where(c => c.CodeId == from || c.CodeId == into)
            .Select(c => c with { CodeId = into })
            .GroupBy(c => (c.SourceId, c.Coder))
            .SelectMany(g => UnionOverlapping(g.OrderBy(c => c.Span)));
        return With(codebook: book, codings: untouched.Concat(merged).ToImmutableList());
    }

    public QualitativeProject AddMemo(Memo memo) => With(memos: Memos.Add(memo));

    public QualitativeProject Rename(string name) => new(string.IsNullOrWhiteSpace(name) ? Name : name.Trim(), _sources, _sourceOrder, Codebook, Codings, Memos);

    private static IEnumerable<Coding> UnionOverlapping(IEnumerable<Coding> sorted)
    {
        Coding? cur = null;
        foreach (var c in sorted)
        {
            if (cur is not null && cur.Span.Overlaps(c.Span))
            {
                var memo = string.Join("\n\n", new[] { cur.Memo, c.Memo }.Where(m => m is not null).Distinct());
                cur = new Coding(cur.Id, cur.SourceId, cur.CodeId, new TextSpan(cur.Span.Start, Math.Max(cur.Span.End, c.Span.End)), cur.Coder, memo);
                continue;
            }
            if (cur is not null) yield return cur;
            cur = c;
        }
        if (cur is not null) yield return cur;
    }

    private static (string Field, string Message)? Problem(Coding c, Source? source, Codebook book)
    {
        if (source is null) return ("source", $"unknown source id {c.SourceId}");
        var code = book.Find(c.CodeId);
        if (code is null) return ("code", $"unknown code GUID {c.CodeId}");
        if (!code.IsCodable) return ("code", $"code '{book.PathText(c.CodeId)}' is not codable (it only groups other codes)");
        if (!c.Span.FitsIn(source.Text.Length))
            return ("span", $"span {c.Span} is out of range: the text has {source.Text.Length} characters (UTF-16 code units)");
        if (c.Span.SplitsSurrogatePair(source.Text))
            return ("span", $"span {c.Span} splits a character in two (a boundary falls inside a surrogate pair, e.g. an emoji); move the boundary before or after it");
        return null;
    }

    private static string OverlapMessage(Coding c, Coding other, Codebook book) =>
        $"span {c.Span} overlaps span {other.Span} already coded '{book.PathText(c.CodeId)}' by {c.Coder} (coding {CodingIds.Short(other.Id)}); move its boundary with 'twoway code edit STUDY {CodingIds.Short(other.Id)} --span …' instead";

    private static T Guard<T>(Func<T> edit)
    {
        try { return edit(); }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            throw new InputException("codebook", null, "code", e.Message.Split(" (Parameter")[0]);
        }
    }

    private QualitativeProject With(ImmutableDictionary<Guid, Source>? sources = null, ImmutableList<Guid>? sourceOrder = null,
        Codebook? codebook = null, ImmutableList<Coding>? codings = null, ImmutableList<Memo>? memos = null) =>
        new(Name, sources ?? _sources, sourceOrder ?? _sourceOrder, codebook ?? Codebook, codings ?? Codings, memos ?? Memos);
}
