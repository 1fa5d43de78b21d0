using System.Collections.Immutable;
using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Assessment;

/// <summary>The four sections of the holistic self-assessment (docs/assessment.md).</summary>
public enum Section
{
    /// <summary>Facts of the last three years: modes in each direction, shares, countries, regularity.</summary>
    Activity,
    /// <summary>Organisational readiness to operate abroad (Cavusgil's CORE factors).</summary>
    OutwardReadiness,
    /// <summary>Capability to source, license and partner from abroad: the inward mirror.</summary>
    InwardCapability,
    /// <summary>Significance of OECD's barriers to the firm, 1 (none) to 5 (very high).</summary>
    Barriers,
}

/// <summary>How an item is answered.</summary>
public enum ScaleKind
{
    /// <summary>1–5 agreement or significance; the only scored kind.</summary>
    Likert5,
    YesNo,
    /// <summary>A fraction 0–1 (written 0.25 or 25%).</summary>
    Share,
    /// <summary>A whole number ≥ 0.</summary>
    Count,
    /// <summary>Several modes of operation in the item's direction.</summary>
    Modes,
}

/// <summary>What an activity item establishes; the state and stage rules read these facts.</summary>
public enum ActivityFact
{
    ExportedBefore,
    ExportsRegularly,
    ImportedBefore,
    ImportsRegularly,
    ExportShare,
    ImportShare,
    ExportCountries,
    ImportCountries,
    OutwardModes,
    InwardModes,
}

public static class ActivityFacts
{
    /// <summary>The four facts the trader state and stage rules need; a questionnaire must ask each exactly once, as a required yes/no item.</summary>
    public static readonly IReadOnlyList<ActivityFact> Required =
        [ActivityFact.ExportedBefore, ActivityFact.ExportsRegularly, ActivityFact.ImportedBefore, ActivityFact.ImportsRegularly];

    public static ScaleKind Scale(this ActivityFact fact) => fact switch
    {
        ActivityFact.ExportShare or ActivityFact.ImportShare => ScaleKind.Share,
        ActivityFact.ExportCountries or ActivityFact.ImportCountries => ScaleKind.Count,
        ActivityFact.OutwardModes or ActivityFact.InwardModes => ScaleKind.Modes,
        _ => ScaleKind.YesNo,
    };

    public static Direction Direction(this ActivityFact fact) => fact switch
    {
        ActivityFact.ExportedBefore or ActivityFact.ExportsRegularly or ActivityFact.ExportShare
            or ActivityFact.ExportCountries or ActivityFact.OutwardModes => Domain.Direction.Outward,
        _ => Domain.Direction.Inward,
    };
}

/// <summary>A scored dimension: outward readiness dimensions are outward, inward capability ones inward.</summary>
public sealed record Dimension
{
    public Dimension(string id, string name, Section section, string? source = null)
    {
        if (!IsIdentifier(id)) throw new ArgumentException($"'{id}' is not a valid id: use lower-case letters, digits and '_'.", nameof(id));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A dimension needs a name.", nameof(name));
        if (section is not (Section.OutwardReadiness or Section.InwardCapability))
            throw new ArgumentException("A dimension belongs to outward_readiness or inward_capability.", nameof(section));
        Id = id;
        Name = name.Trim();
        Section = section;
        Source = source;
    }

    public string Id { get; }
    public string Name { get; }
    public Section Section { get; }
    public string? Source { get; }
    public Direction Direction => Section == Section.OutwardReadiness ? Direction.Outward : Direction.Inward;

    internal static bool IsIdentifier(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}

/// <summary>
/// One question. Which fields it needs depends on its section: an activity item names the
/// <see cref="Fact"/> it establishes, a readiness or capability item its <see cref="DimensionId"/>,
/// a barrier item its <see cref="Barrier"/> group. Scored items use the 1–5 scale.
/// </summary>
public sealed record Item
{
    public Item(string id, string text, Section section, ScaleKind scale, string source,
        ActivityFact? fact = null, string? dimensionId = null, BarrierGroup? barrier = null,
        bool required = false, IReadOnlyList<string>? labels = null)
    {
        if (!Dimension.IsIdentifier(id)) throw new ArgumentException($"'{id}' is not a valid item id: use lower-case letters, digits and '_'.", nameof(id));
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("An item needs its question text.", nameof(text));
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("An item names its source (literature or 'TwoWay').", nameof(source));
        switch (section)
        {
            case Section.Activity:
                if (fact is null) throw new ArgumentException("An activity item names the fact it establishes.", nameof(fact));
                if (scale != fact.Value.Scale())
                    throw new ArgumentException($"the fact '{Vocabulary<ActivityFact>.Code(fact.Value)}' is answered on the '{Vocabulary<ScaleKind>.Code(fact.Value.Scale())}' scale, not '{Vocabulary<ScaleKind>.Code(scale)}'.", nameof(scale));
                break;
            case Section.OutwardReadiness or Section.InwardCapability:
                if (dimensionId is null) throw new ArgumentException("A readiness or capability item names its dimension.", nameof(dimensionId));
                if (scale != ScaleKind.Likert5) throw new ArgumentException("A scored item uses the likert5 scale.", nameof(scale));
                break;
            case Section.Barriers:
                if (barrier is null) throw new ArgumentException("A barrier item names its barrier group.", nameof(barrier));
                if (scale != ScaleKind.Likert5) throw new ArgumentException("A barrier item uses the likert5 significance scale.", nameof(scale));
                break;
        }
        if (section != Section.Activity && fact is not null) throw new ArgumentException("Only activity items establish a fact.", nameof(fact));
        if (section is not (Section.OutwardReadiness or Section.InwardCapability) && dimensionId is not null)
            throw new ArgumentException("Only readiness and capability items belong to a dimension.", nameof(dimensionId));
        if (section != Section.Barriers && barrier is not null) throw new ArgumentException("Only barrier items name a barrier group.", nameof(barrier));
        if (labels is { Count: > 0 } && (scale != ScaleKind.Likert5 || labels.Count != 5))
            throw new ArgumentException("Labels are the five anchors of a likert5 item.", nameof(labels));
        Id = id;
        Text = text.Trim();
        Section = section;
        Scale = scale;
        Source = source.Trim();
        Fact = fact;
        DimensionId = dimensionId;
        Barrier = barrier;
        Required = required;
        Labels = labels is { Count: 5 } ? [.. labels] : [];
    }

    public string Id { get; }
    public string Text { get; }
    public Section Section { get; }
    public ScaleKind Scale { get; }
    public string Source { get; }
    public ActivityFact? Fact { get; }
    public string? DimensionId { get; }
    public BarrierGroup? Barrier { get; }
    /// <summary>A required item cannot be skipped (the four state facts must be).</summary>
    public bool Required { get; }
    public ImmutableArray<string> Labels { get; }

    /// <summary>The direction the item is about; null for barriers, which concern the firm as a whole.</summary>
    public Direction? Direction => Section switch
    {
        Section.Activity => Fact!.Value.Direction(),
        Section.OutwardReadiness => Domain.Direction.Outward,
        Section.InwardCapability => Domain.Direction.Inward,
        _ => null,
    };

    /// <summary>Reads an answer typed by a person or found in a spreadsheet cell.</summary>
    /// <returns>The answer, or null with <paramref name="error"/> saying what is expected.</returns>
    public Answer? Parse(string text, out string? error)
    {
        error = null;
        var t = text.Trim();
        switch (Scale)
        {
            case ScaleKind.Likert5:
                if (int.TryParse(t, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= 5)
                    return new LikertAnswer(l);
                error = $"'{t}' is not a whole number from 1 to 5";
                return null;
            case ScaleKind.YesNo:
                switch (t.ToLowerInvariant())
                {
                    case "yes" or "y" or "true" or "1": return new YesNoAnswer(true);
                    case "no" or "n" or "false" or "0": return new YesNoAnswer(false);
                }
                error = $"'{t}' is not yes or no";
                return null;
            case ScaleKind.Share:
            {
                var percent = t.EndsWith('%');
                if (double.TryParse(percent ? t[..^1] : t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                    && !double.IsNaN(d))
                {
                    // "25%" and "25" are percentages; a number from 0 to 1 is read as a fraction
                    // (0.25 = 25%), as spreadsheets hold shares. Above 1 a bare number can only be a percentage.
                    if (percent || d > 1) d /= 100;
                    if (d is >= 0 and <= 1) return new ShareAnswer(d);
                }
                error = $"'{t}' is not a share from 0% to 100% (write 25% or 25; 0.25 is read as 25% too)";
                return null;
            }
            case ScaleKind.Count:
                if (int.TryParse(t, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var c) && c >= 0)
                    return new CountAnswer(c);
                error = $"'{t}' is not a whole number of 0 or more";
                return null;
            default:
            {
                var modes = ImmutableArray.CreateBuilder<Mode>();
                var direction = Direction!.Value;
                // Numbers from the menu (ModeChoices), the modes' names in this direction, or their codes;
                // separated by commas, semicolons or "and".
                foreach (var token in System.Text.RegularExpressions.Regex.Split(t, @"\s*(?:[;|,]|\band\b)\s*").Where(x => x.Length > 0))
                {
                    Mode m;
                    if (int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= Modes.All.Count)
                        m = Modes.All[k - 1];
                    else if (Modes.All.FirstOrDefault(x => string.Equals(x.Name(direction), token, StringComparison.OrdinalIgnoreCase)) is var named
                             && string.Equals(named.Name(direction), token, StringComparison.OrdinalIgnoreCase))
                        m = named;
                    else if (!Modes.TryParse(token, out m, out var implied) || (implied is { } dir && dir != direction))
                    {
                        error = $"'{token}' is not one of the {direction.Code()} modes: give their numbers from the list (e.g. 1, 3) or their names";
                        return null;
                    }
                    if (!modes.Contains(m)) modes.Add(m);
                }
                return new ModesAnswer(modes.ToImmutable());
            }
        }
    }

    /// <summary>For a modes question: the numbered menu a person picks from ("1 = import of goods"), in the order numbers are read.</summary>
    public IReadOnlyList<string> ModeChoices => Scale == ScaleKind.Modes && Direction is { } d
        ? Modes.All.Select((m, i) => $"{i + 1} = {m.Name(d)}").ToList()
        : [];

    /// <summary>Whether an answer fits this item's scale (answers read from JSON are checked with it).</summary>
    public string? Check(Answer answer) => (Scale, answer) switch
    {
        (ScaleKind.Likert5, LikertAnswer { Value: >= 1 and <= 5 }) => null,
        (ScaleKind.Likert5, _) => "expected a whole number from 1 to 5",
        (ScaleKind.YesNo, YesNoAnswer) => null,
        (ScaleKind.YesNo, _) => "expected yes or no (true/false)",
        (ScaleKind.Share, ShareAnswer { Value: >= 0 and <= 1 }) => null,
        (ScaleKind.Share, _) => "expected a share from 0 to 1",
        (ScaleKind.Count, CountAnswer { Value: >= 0 }) => null,
        (ScaleKind.Count, _) => "expected a whole number of 0 or more",
        (ScaleKind.Modes, ModesAnswer) => null,
        _ => "expected a list of mode codes",
    };
}

/// <summary>
/// A versioned questionnaire definition: the questionnaire is data, not code. Answers name the
/// id and version they answer, so a changed questionnaire never silently rescores old answers.
/// </summary>
public sealed record Questionnaire
{
    private readonly Dictionary<string, int> _index;

    public Questionnaire(string id, string version, string title, IEnumerable<Dimension> dimensions, IEnumerable<Item> items)
    {
        if (!Dimension.IsIdentifier(id)) throw new ArgumentException($"'{id}' is not a valid questionnaire id: use lower-case letters, digits and '_'.", nameof(id));
        if (string.IsNullOrWhiteSpace(version)) throw new ArgumentException("A questionnaire has a version.", nameof(version));
        Id = id;
        Version = version.Trim();
        Title = string.IsNullOrWhiteSpace(title) ? id : title.Trim();
        Dimensions = [.. dimensions];
        Items = [.. items];
        var dupDim = Dimensions.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (dupDim is not null) throw new ArgumentException($"dimension id '{dupDim.Key}' appears more than once.", nameof(dimensions));
        _index = [];
        for (var i = 0; i < Items.Length; i++)
        {
            var item = Items[i];
            if (!_index.TryAdd(item.Id, i)) throw new QuestionnaireItemException(i, "id", $"item id '{item.Id}' appears more than once.");
            if (item.DimensionId is { } did)
            {
                var dim = Dimensions.FirstOrDefault(d => d.Id == did)
                    ?? throw new QuestionnaireItemException(i, "dimension", $"'{did}' is not a dimension of this questionnaire (dimensions: {string.Join(", ", Dimensions.Select(d => d.Id))}).");
                if (dim.Section != item.Section)
                    throw new QuestionnaireItemException(i, "dimension", $"dimension '{did}' belongs to section '{Vocabulary<Section>.Code(dim.Section)}', not '{Vocabulary<Section>.Code(item.Section)}'.");
            }
        }
        foreach (var fact in Enum.GetValues<ActivityFact>())
        {
            var asking = Items.Where(it => it.Fact == fact).ToList();
            if (asking.Count > 1)
                throw new QuestionnaireItemException(_index[asking[1].Id], "fact", $"the fact '{Vocabulary<ActivityFact>.Code(fact)}' is asked by more than one item.");
            if (ActivityFacts.Required.Contains(fact))
            {
                if (asking.Count == 0)
                    throw new ArgumentException($"no item asks the fact '{Vocabulary<ActivityFact>.Code(fact)}', which the trader state and stage rules need.", nameof(items));
                if (!asking[0].Required)
                    throw new QuestionnaireItemException(_index[asking[0].Id], "required", $"the item asking '{Vocabulary<ActivityFact>.Code(fact)}' must be required: the trader state and stage rules need it.");
            }
        }
        foreach (var d in Dimensions.Where(d => !Items.Any(it => it.DimensionId == d.Id)))
            throw new ArgumentException($"dimension '{d.Id}' has no items.", nameof(dimensions));
    }

    public string Id { get; }
    public string Version { get; }
    public string Title { get; }
    public ImmutableArray<Dimension> Dimensions { get; }
    public ImmutableArray<Item> Items { get; }

    public int IndexOf(string itemId) => _index.TryGetValue(itemId, out var i) ? i : -1;

    public Item? Find(string itemId) => _index.TryGetValue(itemId, out var i) ? Items[i] : null;

    public IEnumerable<Dimension> DimensionsOf(Direction direction) => Dimensions.Where(d => d.Direction == direction);
}

/// <summary>A questionnaire definition problem that belongs to one item (its position and field), so a loader can point at it.</summary>
public sealed class QuestionnaireItemException(int itemIndex, string field, string message) : ArgumentException(message)
{
    public int ItemIndex { get; } = itemIndex;
    public string Field { get; } = field;
}
