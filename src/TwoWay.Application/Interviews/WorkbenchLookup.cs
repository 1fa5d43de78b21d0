using TwoWay.Input;
using TwoWay.Qualitative;

namespace TwoWay.Application.Interviews;

/// <summary>Finds transcripts and codes as users name them, with the messages that say what to do instead.</summary>
public static class WorkbenchLookup
{
    /// <summary>A transcript by id or by its (unique) name.</summary>
    /// <exception cref="InputException">No such transcript, or several of that name.</exception>
    public static Source FindSource(QualitativeProject p, string key)
    {
        if (Guid.TryParse(key, out var g) && p.FindSource(g) is { } s) return s;
        var byName = p.Sources.Where(x => x.Name == key).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new InputException("source", null, "source", $"no transcript named '{key}' (see 'twoway sources list')"),
            _ => throw new InputException("source", null, "source", $"{byName.Count} transcripts are named '{key}'; give its id"),
        };
    }

    /// <summary>A code by GUID or by its path from the top, e.g. "Mechanisms/Learning".</summary>
    /// <exception cref="InputException">No such code.</exception>
    public static Code FindCode(QualitativeProject p, string key) =>
        (Guid.TryParse(key, out var g) ? p.Codebook.Find(g) : null) ?? p.Codebook.FindByPath(key)
        ?? throw new InputException("codebook", null, "code", $"no code with path or GUID '{key}' (paths start at the top, e.g. 'Mechanisms/Learning')");
}
