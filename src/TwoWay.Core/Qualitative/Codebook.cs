using System.Collections.Immutable;

namespace TwoWay.Qualitative;

/// <summary>
/// A hierarchical codebook. Immutable: every edit returns a new codebook. Siblings have distinct
/// names, so a code's path ("Mechanisms/Learning") identifies it as surely as its GUID — the two ways
/// REFI-QDA import matches codes. Codings refer to codes by GUID, so renaming and moving keep them;
/// merging re-points them (<see cref="QualitativeProject.MergeCodes"/>).
/// </summary>
public sealed class Codebook
{
    public const char PathSeparator = '/';

    private readonly ImmutableDictionary<Guid, Code> _byId;
    // Insertion order, so exports and listings are stable.
    private readonly ImmutableList<Guid> _order;

    public static Codebook Empty { get; } = new(ImmutableDictionary<Guid, Code>.Empty, ImmutableList<Guid>.Empty);

    private Codebook(ImmutableDictionary<Guid, Code> byId, ImmutableList<Guid> order)
    {
        _byId = byId;
        _order = order;
    }

    /// <summary>Builds a codebook from codes given parents-first or in any order; validates the tree.</summary>
    public static Codebook Of(IEnumerable<Code> codes)
    {
        var list = codes.ToList();
        var ids = list.Select(c => c.Id).ToHashSet();
        var book = Empty;
        var pending = list;
        // Add parents before children whatever the input order.
        while (pending.Count > 0)
        {
            var ready = pending.Where(c => c.ParentId is null || book.Contains(c.ParentId.Value)).ToList();
            if (ready.Count == 0)
            {
                var bad = pending[0];
                throw new ArgumentException(ids.Contains(bad.ParentId!.Value)
                    ? $"Code '{bad.Name}' is part of a parent cycle."
                    : $"Code '{bad.Name}' has an unknown parent {bad.ParentId}.");
            }
            foreach (var c in ready) book = book.Add(c);
            pending = pending.Except(ready).ToList();
        }
        return book;
    }

    public int Count => _order.Count;

    private IReadOnlyList<Code>? _treeOrder;

    /// <summary>All codes in tree order: each code followed by its subcodes (depth first), siblings in insertion order.</summary>
    public IEnumerable<Code> Codes => _treeOrder ??= TreeOrder();

    private List<Code> TreeOrder()
    {
        var children = _order.Select(id => _byId[id]).ToLookup(c => c.ParentId);
        var result = new List<Code>(_order.Count);
        void Visit(Guid? parent)
        {
            foreach (var c in children[parent]) { result.Add(c); Visit(c.Id); }
        }
        Visit(null);
        return result;
    }

    public bool Contains(Guid id) => _byId.ContainsKey(id);

    public Code this[Guid id] => _byId.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"No code with GUID {id} in the codebook.");

    public Code? Find(Guid id) => _byId.GetValueOrDefault(id);

    public IEnumerable<Code> Children(Guid? parentId) => _order.Select(id => _byId[id]).Where(c => c.ParentId == parentId);

    /// <summary>The code and every code below it.</summary>
    public IReadOnlyList<Guid> SelfAndDescendants(Guid id)
    {
        var result = new List<Guid> { id };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(_order.Where(c => _byId[c].ParentId == result[i]));
        return result;
    }

    /// <summary>Names from the root down to the code.</summary>
    public IReadOnlyList<string> PathOf(Guid id)
    {
        var names = new List<string>();
        for (Guid? cur = id; cur is { } c; cur = this[c].ParentId) names.Add(this[c].Name);
        names.Reverse();
        return names;
    }

    /// <summary>"Mechanisms/Learning". Names containing '/' make this ambiguous as text; match with FindByPath on the name list instead.</summary>
    public string PathText(Guid id) => string.Join(PathSeparator, PathOf(id));

    /// <summary>The code whose names from the root are exactly <paramref name="path"/> (ordinal, case-sensitive), or null.</summary>
    public Code? FindByPath(IReadOnlyList<string> path)
    {
        Guid? parent = null;
        Code? found = null;
        foreach (var name in path)
        {
            found = Children(parent).FirstOrDefault(c => c.Name == name.Trim());
            if (found is null) return null;
            parent = found.Id;
        }
        return found;
    }

    public Code? FindByPath(string pathText) => FindByPath(pathText.Split(PathSeparator));

    public Codebook Add(Code code)
    {
        if (Contains(code.Id)) throw new ArgumentException($"The codebook already has a code with GUID {code.Id}.", nameof(code));
        if (code.ParentId is { } p && !Contains(p)) throw new ArgumentException($"Code '{code.Name}' has an unknown parent {p}.", nameof(code));
        EnsureUniqueAmongSiblings(code.Name, code.ParentId, except: null);
        return new Codebook(_byId.Add(code.Id, code), _order.Add(code.Id));
    }

    public Codebook Rename(Guid id, string newName)
    {
        var code = this[id];
        var renamed = new Code(id, newName, code.Description, code.Colour, code.IsCodable, code.ParentId);
        EnsureUniqueAmongSiblings(renamed.Name, code.ParentId, except: id);
        return Replace(renamed);
    }

    /// <summary>Moves a code (with its subtree) under a new parent, or to the top when null.</summary>
    public Codebook Move(Guid id, Guid? newParentId)
    {
        var code = this[id];
        if (newParentId is { } p)
        {
            if (!Contains(p)) throw new ArgumentException($"No code with GUID {p} to move '{code.Name}' under.", nameof(newParentId));
            if (SelfAndDescendants(id).Contains(p))
                throw new ArgumentException($"Cannot move '{PathText(id)}' under '{PathText(p)}': that is inside itself.", nameof(newParentId));
        }
        EnsureUniqueAmongSiblings(code.Name, newParentId, except: id);
        var moved = new Code(id, code.Name, code.Description, code.Colour, code.IsCodable, newParentId);
        // Keep parents-before-children: a moved subtree goes to the end, in its current order.
        var subtree = SelfAndDescendants(id).ToHashSet();
        var order = _order.Where(x => !subtree.Contains(x)).Concat(_order.Where(subtree.Contains)).ToImmutableList();
        return new Codebook(_byId.SetItem(id, moved), order);
    }

    public Codebook Update(Guid id, string? description, CodeColour? colour, bool isCodable)
    {
        var code = this[id];
        return Replace(new Code(id, code.Name, description, colour, isCodable, code.ParentId));
    }

    /// <summary>Removes a code that has no children. Codings must be dealt with first (see merge).</summary>
    internal Codebook Remove(Guid id)
    {
        if (Children(id).Any()) throw new ArgumentException($"Code '{PathText(id)}' still has subcodes.");
        return new Codebook(_byId.Remove(id), _order.Remove(id));
    }

    private Codebook Replace(Code code) => new(_byId.SetItem(code.Id, code), _order);

    private void EnsureUniqueAmongSiblings(string name, Guid? parentId, Guid? except)
    {
        if (Children(parentId).Any(c => c.Id != except && c.Name == name))
            throw new ArgumentException(parentId is { } p
                ? $"'{PathText(p)}' already has a subcode named '{name}'."
                : $"There is already a top-level code named '{name}'.");
    }
}
