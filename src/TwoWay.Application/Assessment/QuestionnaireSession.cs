using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Policy;
using TwoWay.Policy.Files;

namespace TwoWay.Application.Assessment;

/// <summary>
/// The questionnaire answered one question at a time (the terminal dialogue of `twoway assess`,
/// or a web form): what to ask next, checking an answer, going back, skipping an optional item,
/// and saving the answers to the answers file after every step, so stopping loses nothing and
/// an existing file is resumed at its first unanswered item. Knows nothing about how questions
/// are shown.
/// </summary>
public sealed class QuestionnaireSession
{
    private readonly Answer?[] _answers;
    private string? _firm;
    private readonly FirmFacts _facts = new();

    internal QuestionnaireSession(Questionnaire questionnaire, string savePath, string? firm)
    {
        Questionnaire = questionnaire;
        SavePath = savePath;
        _answers = new Answer?[questionnaire.Items.Length];
        _firm = firm;
        if (!File.Exists(savePath)) return;
        var saved = AnswersFile.Read(savePath, questionnaire, partial: true);
        for (var k = 0; k < _answers.Length; k++) _answers[k] = saved.Sheet.Answers[k];
        _firm ??= saved.Sheet.Firm;
        _facts = saved.Firm;
        Resumed = true;
        var next = Array.FindIndex(_answers, a => a is null);
        Position = next < 0 ? _answers.Length : next;
    }

    public Questionnaire Questionnaire { get; }

    /// <summary>The answers file written after every step.</summary>
    public string SavePath { get; }

    /// <summary>True when an existing answers file was resumed.</summary>
    public bool Resumed { get; }

    /// <summary>The index of the current question; equal to the number of items when every question has been passed.</summary>
    public int Position { get; private set; }

    /// <summary>True when every question has been passed: call <see cref="Finish"/>.</summary>
    public bool Done => Position >= _answers.Length;

    /// <summary>How many questions have an answer.</summary>
    public int Answered => _answers.Count(a => a is not null);

    /// <summary>A section of the questionnaire in the words a firm owner uses.</summary>
    public static string SectionName(Section section) => section switch
    {
        Section.Activity => "What the firm does abroad",
        Section.OutwardReadiness => "Readiness to sell abroad",
        Section.InwardCapability => "Capacity to buy and learn from abroad",
        _ => "What holds the firm back",
    };

    /// <summary>The question to ask now.</summary>
    /// <exception cref="InvalidOperationException">Every question has been passed.</exception>
    public QuestionView Current
    {
        get
        {
            if (Done) throw new InvalidOperationException("Every question has been passed; finish the questionnaire.");
            var item = Questionnaire.Items[Position];
            return new QuestionView(Position + 1, _answers.Length, item.Id, item.Text, Vocabulary<Section>.Code(item.Section), item.DimensionId,
                item.Labels.Length == 5 ? item.Labels : [], Hint(item), _answers[Position] is { } a ? Show(item, a) : null, item.Required)
            {
                Choices = item.ModeChoices,
                Scale = item.Scale,
                Heading = SectionName(item.Section)
                    + (Questionnaire.Dimensions.FirstOrDefault(d => d.Id == item.DimensionId) is { } dim ? " · " + dim.Name : ""),
            };
        }
    }

    /// <summary>Answers the current question with typed text; on success saves and moves on.</summary>
    public StepResult Answer(string text)
    {
        var item = Questionnaire.Items[CheckedPosition()];
        var answer = item.Parse(text.Trim(), out var error);
        if (answer is null) return StepResult.Refused(error ?? "this answer does not fit the question");
        _answers[Position] = answer;
        var sheet = AnswerSheet.Create(Questionnaire, _firm, _answers, out var problems, requireComplete: false);
        if (problems.FirstOrDefault(p => p.ItemId == item.Id) is { } problem)
        {
            _answers[Position] = null;
            return StepResult.Refused(problem.Message);
        }
        AnswersFile.Write(SavePath, sheet, _facts);
        Position++;
        return StepResult.Ok;
    }

    /// <summary>
    /// Moves on without a new answer: keeps the current answer when there is one, skips an
    /// optional item (saving), and refuses for a required item without an answer.
    /// </summary>
    public StepResult Skip()
    {
        var item = Questionnaire.Items[CheckedPosition()];
        if (_answers[Position] is not null)
        {
            Position++;
            return StepResult.Ok;
        }
        if (item.Required) return StepResult.Refused("This question is needed for the profile and cannot be skipped.");
        Save();
        Position++;
        return StepResult.Ok;
    }

    /// <summary>The firm's name, as the person gives it (asked first when not known): titles the profile and the page.</summary>
    public string? Firm => _firm;

    /// <summary>Sets the firm's name (saved with the answers).</summary>
    public void SetFirm(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        _firm = name.Trim();
        Save();
    }

    /// <summary>Goes back one question (stays at the first).</summary>
    public void Back()
    {
        if (Position > 0) Position--;
    }

    /// <summary>Stops part-way: saves the answers so far (the same request resumes them) and returns how many there are.</summary>
    public int Stop()
    {
        Save();
        return Answered;
    }

    /// <summary>The complete answers, written to <see cref="SavePath"/>.</summary>
    /// <exception cref="InvalidOperationException">Questions remain.</exception>
    /// <exception cref="InputException">The answers are not complete or consistent (possible only with a resumed file edited by hand).</exception>
    public AnswersFile.Loaded Finish()
    {
        if (!Done) throw new InvalidOperationException("Questions remain to be answered or skipped.");
        var final = AnswerSheet.Create(Questionnaire, _firm, _answers, out var left);
        if (left.Count > 0)
            throw new InputException(left.Select(p => new InputError(Path.GetFileName(SavePath), null, $"answers.{p.ItemId}", p.Message)).ToList());
        AnswersFile.Write(SavePath, final, _facts);
        return new AnswersFile.Loaded(final, _facts);
    }

    private int CheckedPosition() =>
        Done ? throw new InvalidOperationException("Every question has been passed; finish the questionnaire.") : Position;

    private void Save() => AnswersFile.Write(SavePath, AnswerSheet.Create(Questionnaire, _firm, _answers, out _, requireComplete: false), _facts);

    private static string Hint(Item item) => item.Scale switch
    {
        ScaleKind.Likert5 => "1-5",
        ScaleKind.YesNo => "yes/no",
        ScaleKind.Share => "percent, e.g. 25",
        ScaleKind.Count => "number",
        _ => "numbers from the list, e.g. 1, 3 (Enter: none)",
    };

    /// <summary>An answer written as it could be typed again (an input, not a figure: "40%", "yes", "goods_import; licensing_in").</summary>
    private static string Show(Item item, Answer a) => a switch
    {
        LikertAnswer l => l.Value.ToString(CultureInfo.InvariantCulture),
        YesNoAnswer y => y.Value ? "yes" : "no",
        ShareAnswer s => (s.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        CountAnswer c => c.Value.ToString(CultureInfo.InvariantCulture),
        ModesAnswer m => string.Join("; ", m.Modes.Select(x => x.Code(item.Direction!.Value))),
        _ => "?",
    };
}
