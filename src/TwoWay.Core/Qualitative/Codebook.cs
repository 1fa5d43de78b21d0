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
    // Each parent's children in insertion order (top-level codes under Root), so listings and exports
    // are stable; and each (parent, name) pair, so sibling checks and path lookups do not scan the
    // whole book: building a codebook of n codes is then O(n log n), not O(n²).
    private readonly ImmutableDictionary<Guid, ImmutableList<Guid>> _children;
    private readonly ImmutableDictionary<(Guid Parent, string Name), Guid> _byName;

    // Codes never have an empty GUID, so it stands for "no parent" in the indexes.
    private static readonly Guid Root = Guid.Empty;

    public static Codebook Empty { get; } = new(ImmutableDictionary<Guid, Code>.Empty,
        ImmutableDictionary<Guid, ImmutableList<Guid>>.Empty, ImmutableDictionary<(Guid, string), Guid>.Empty);

    private Codebook(ImmutableDictionary<Guid, Code> byId, ImmutableDictionary<Guid, ImmutableList<Guid>> children,
        ImmutableDictionary<(Guid, string), Guid> byName)
    {
        _byId = byId;
        _children = children;
        _byName = byName;
    }

    /// <summary>Builds a codebook from codes given parents-first or in any order; validates the tree.</summary>
    public static Codebook Of(IEnumerable<Code> codes)
    {
        var list = codes.ToList();
        var byId = new Dictionary<Guid, Code>(list.Count);
        foreach (var c in list)
            if (!byId.TryAdd(c.Id, c)) throw new ArgumentException($"The codebook already has a code with GUID {c.Id}.", nameof(codes));
        // Depth of every code by walking up its parents (iteratively, each code once); adding by
        // depth puts parents first and keeps the given order among siblings.
        var depth = new Dictionary<Guid, int>(list.Count);
        var chain = new List<Code>();
        foreach (var start in list)
        {
            chain.Clear();
            var onChain = new HashSet<Guid>();
            var cur = start;
            int known;
            while (true)
            {
                if (depth.TryGetValue(cur.Id, out known)) break;
                if (cur.ParentId is not { } p) { known = -1; chain.Add(cur); break; }
                if (!onChain.Add(cur.Id) || !byId.TryGetValue(p, out var parent))
                {
                    throw new ArgumentException(byId.ContainsKey(start.ParentId!.Value)
                        ? $"Code '{start.Name}' is part of a parent cycle."
                        : $"Code '{start.Name}' has an unknown parent {start.ParentId}.");
                }
                chain.Add(cur);
                cur = parent;
            }
            for (var i = chain.Count - 1; i >= 0; i--) depth[chain[i].Id] = ++known;
        }
        var book = Empty;
        foreach (var c in list.OrderBy(c => depth[c.Id])) book = book.Add(c);
        return book;
    }

    /// <summary>How many levels a code is below the top (a top-level code is at depth 1).</summary>
    public int DepthOf(Guid id)
    {
        var d = 0;
        for (Guid? cur = id; cur is { } c; cur = this[c].ParentId) d++;
        return d;
    }

    public int Count => _byId.Count;

    private IReadOnlyList<Code>? _treeOrder;

    /// <summary>All codes in tree order: each code followed by its subcodes (depth first), siblings in insertion order.</summary>
    public IEnumerable<Code> Codes => _treeOrder ??= TreeOrder();

    // Iterative, so a deep codebook cannot overflow the stack.
    private List<Code> TreeOrder()
    {
        var result = new List<Code>(Count);
        var stack = new Stack<Guid>(ChildIds(Root).Reverse());
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            result.Add(_byId[id]);
            foreach (var child in ChildIds(id).Reverse()) stack.Push(child);
        }
        return result;
    }

    private ImmutableList<Guid> ChildIds(Guid parent) => _children.GetValueOrDefault(parent) ?? ImmutableList<Guid>.Empty;

    public bool Contains(Guid id) => _byId.ContainsKey(id);

    public Code this[Guid id] => _byId.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"No code with GUID {id} in the codebook.");

    public Code? Find(Guid id) => _byId.GetValueOrDefault(id);

    public IEnumerable<Code> Children(Guid? parentId) => ChildIds(parentId ?? Root).Select(id => _byId[id]);

    /// <summary>The code and every code below it.</summary>
    public IReadOnlyList<Guid> SelfAndDescendants(Guid id)
    {
        var result = new List<Guid> { id };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(ChildIds(result[i]));
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
        var parent = Root;
        Code? found = null;
        foreach (var name in path)
        {
            if (!_byName.TryGetValue((parent, name.Trim()), out var id)) return null;
            found = _byId[id];
            parent = id;
        }
        return found;
    }

    public Code? FindByPath(string pathText) => FindByPath(pathText.Split(PathSeparator));

    public Codebook Add(Code code)
    {
        if (Contains(code.Id)) throw new ArgumentException($"The codebook already has a code with GUID {code.Id}.", nameof(code));
        if (code.ParentId is { } p && !Contains(p)) throw new ArgumentException($"Code '{code.Name}' has an unknown parent {p}.", nameof(code));
        EnsureUniqueAmongSiblings(code.Name, code.ParentId, except: null);
        var parent = code.ParentId ?? Root;
        return new Codebook(_byId.Add(code.Id, code), _children.SetItem(parent, ChildIds(parent).Add(code.Id)),
            _byName.Add((parent, code.Name), code.Id));
    }

    public Codebook Rename(Guid id, string newName)
    {
        var code = this[id];
        var renamed = new Code(id, newName, code.Description, code.Colour, code.IsCodable, code.ParentId);
        EnsureUniqueAmongSiblings(renamed.Name, code.ParentId, except: id);
        var parent = code.ParentId ?? Root;
        return new Codebook(_byId.SetItem(id, renamed), _children,
            _byName.Remove((parent, code.Name)).SetItem((parent, renamed.Name), id));
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
        // The moved code goes last among its new siblings (its subtree keeps its order).
        var (from, to) = (code.ParentId ?? Root, newParentId ?? Root);
        var children = _children.SetItem(from, ChildIds(from).Remove(id));
        children = children.SetItem(to, (children.GetValueOrDefault(to) ?? ImmutableList<Guid>.Empty).Add(id));
        return new Codebook(_byId.SetItem(id, moved), children, _byName.Remove((from, code.Name)).SetItem((to, code.Name), id));
    }

    public Codebook Update(Guid id, string? description, CodeColour? colour, bool isCodable)
    {
        var code = this[id];
        return new Codebook(_byId.SetItem(id, new Code(id, code.Name, description, colour, isCodable, code.ParentId)), _children, _byName);
    }

    /// <summary>Removes a code that has no children. Codings must be dealt with first (see merge).</summary>
    internal Codebook Remove(Guid id)
    {
        if (!ChildIds(id).IsEmpty) throw new ArgumentException($"Code '{PathText(id)}' still has subcodes.");
        var code = this[id];
        var parent = code.ParentId ?? Root;
        return new Codebook(_byId.Remove(id), _children.SetItem(parent, ChildIds(parent).Remove(id)).Remove(id),
            _byName.Remove((parent, code.Name)));
    }

    private void EnsureUniqueAmongSiblings(string name, Guid? parentId, Guid? except)
    {
        if (_byName.TryGetValue((parentId ?? Root, name), out var other) && other != except)
            throw new ArgumentException(parentId is { } p
                ? $"'{PathText(p)}' already has a subcode named '{name}'."
                : $"There is already a top-level code named '{name}'.");
    }
}
