using System.Collections.Immutable;
using TwoWay.Domain;

namespace TwoWay.Assessment;

/// <summary>One answer to one item; its type follows the item's <see cref="ScaleKind"/>.</summary>
public abstract record Answer;

public sealed record LikertAnswer(int Value) : Answer;

public sealed record YesNoAnswer(bool Value) : Answer;

public sealed record ShareAnswer(double Value) : Answer;

public sealed record CountAnswer(int Value) : Answer;

public sealed record ModesAnswer(ImmutableArray<Mode> Modes) : Answer;

/// <summary>
/// One firm's answers to one questionnaire, by item position (null = skipped). Built only through
/// <see cref="Create"/>, which checks every answer against its item and the facts' consistency, so
/// scoring never meets an answer that does not fit.
/// </summary>
public sealed record AnswerSheet
{
    private AnswerSheet(Questionnaire questionnaire, string? firm, ImmutableArray<Answer?> answers)
    {
        Questionnaire = questionnaire;
        Firm = firm;
        Answers = answers;
    }

    public Questionnaire Questionnaire { get; }
    /// <summary>The firm's id or name as the respondent gave it; may be null for an anonymous self-assessment.</summary>
    public string? Firm { get; }
    public ImmutableArray<Answer?> Answers { get; }

    public Answer? this[string itemId] => Questionnaire.IndexOf(itemId) is var i and >= 0 ? Answers[i] : null;

    /// <summary>A problem with one answer: the item id it concerns and what is wrong.</summary>
    public sealed record Problem(string ItemId, string Message);

    /// <summary>
    /// Checks and builds a sheet. Problems: an answer that does not fit its item, a required item
    /// left unanswered, or "regularly" answered yes where "ever" is no.
    /// </summary>
    /// <param name="questionnaire">The questionnaire answered.</param>
    /// <param name="firm">The firm's id or name, if given.</param>
    /// <param name="answers">One slot per item, in the questionnaire's order; null = skipped.</param>
    /// <param name="problems">Everything wrong; empty when the sheet is complete and consistent.</param>
    /// <param name="requireComplete">False for answers saved part-way through, which may still miss required items.</param>
    public static AnswerSheet Create(Questionnaire questionnaire, string? firm, IReadOnlyList<Answer?> answers, out IReadOnlyList<Problem> problems,
        bool requireComplete = true)
    {
        if (answers.Count != questionnaire.Items.Length) throw new ArgumentException("One answer slot per item is expected.", nameof(answers));
        var found = new List<Problem>();
        for (var i = 0; i < answers.Count; i++)
        {
            var item = questionnaire.Items[i];
            if (answers[i] is { } a && item.Check(a) is { } msg) found.Add(new Problem(item.Id, msg));
            else if (answers[i] is null && item.Required && requireComplete) found.Add(new Problem(item.Id, "this item is required and was not answered"));
        }
        var sheet = new AnswerSheet(questionnaire, firm, [.. answers]);
        if (found.Count == 0)
        {
            Consistent(sheet, ActivityFact.ExportedBefore, ActivityFact.ExportsRegularly, found);
            Consistent(sheet, ActivityFact.ImportedBefore, ActivityFact.ImportsRegularly, found);
        }
        problems = found;
        return sheet;
    }

    private static void Consistent(AnswerSheet sheet, ActivityFact ever, ActivityFact regularly, List<Problem> found)
    {
        if (sheet.Fact(regularly) is YesNoAnswer { Value: true } && sheet.Fact(ever) is YesNoAnswer { Value: false })
        {
            var item = sheet.Questionnaire.Items.First(i => i.Fact == regularly);
            var everItem = sheet.Questionnaire.Items.First(i => i.Fact == ever);
            found.Add(new Problem(item.Id, $"answered yes, but '{everItem.Id}' is no: a firm that does this regularly has done it"));
        }
    }

    public Answer? Fact(ActivityFact fact)
    {
        var items = Questionnaire.Items;
        for (var i = 0; i < items.Length; i++)
            if (items[i].Fact == fact) return Answers[i];
        return null;
    }
}
