using TwoWay.Domain;

namespace TwoWay.Qualitative;

/// <summary>Who was interviewed: a role ("managing director") and a pseudonym used in every export.</summary>
public sealed record Respondent
{
    public Respondent(string role, string pseudonym)
    {
        if (string.IsNullOrWhiteSpace(role)) throw new ArgumentException("A respondent needs a role, e.g. 'managing director'.", nameof(role));
        if (string.IsNullOrWhiteSpace(pseudonym)) throw new ArgumentException("A respondent needs a pseudonym.", nameof(pseudonym));
        Role = role.Trim();
        Pseudonym = pseudonym.Trim();
    }

    public string Role { get; }
    public string Pseudonym { get; }
}

/// <summary>
/// One transcript. The text is stored once and never changes (codings point into it by UTF-16
/// index); a source is attached to a case (firm), a respondent and an interview round. Sources
/// imported from other tools may not yet be attached to a case or round, so those are optional.
/// </summary>
public sealed record Source
{
    public Source(Guid id, string name, string text, FirmId? @case = null, Respondent? respondent = null,
        int? round = null, DateOnly? date = null, string? language = null)
    {
        if (id == Guid.Empty) throw new ArgumentException("A source needs a non-empty id.", nameof(id));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A source needs a name.", nameof(name));
        ArgumentNullException.ThrowIfNull(text);
        if (round is < 1) throw new ArgumentOutOfRangeException(nameof(round), round, "Interview rounds are numbered from 1.");
        if (language is not null && !IsLanguageTag(language))
            throw new ArgumentException($"'{language}' is not a language tag such as 'en', 'sr' or 'pt-BR'.", nameof(language));
        Id = id;
        Name = name.Trim();
        Text = text;
        Case = @case;
        Respondent = respondent;
        Round = round;
        Date = date;
        Language = language;
    }

    public Guid Id { get; }
    public string Name { get; }
    /// <summary>The transcript; positions are UTF-16 code units (C# string indices).</summary>
    public string Text { get; }
    public FirmId? Case { get; }
    public Respondent? Respondent { get; }
    public int? Round { get; }
    public DateOnly? Date { get; }
    /// <summary>BCP 47 language tag, e.g. "en".</summary>
    public string? Language { get; }

    /// <summary>Loose BCP 47 check: a 2–3 letter primary tag and optional alphanumeric subtags.</summary>
    public static bool IsLanguageTag(string value)
    {
        var parts = value.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter)) return false;
        return parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
