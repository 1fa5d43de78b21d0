using TwoWay.Assessment;

namespace TwoWay.Application.Assessment;

/// <summary>
/// What an assessment is scored with: a questionnaire, a decision table and a programme catalogue
/// (each a file, or the built-in one when null) and how many matching programmes to list.
/// </summary>
/// <param name="Questionnaire">Questionnaire definition (JSON, docs/assessment.md); null: built-in.</param>
/// <param name="DecisionTable">Decision table (CSV/XLSX); null: built-in.</param>
/// <param name="Catalogue">Programme catalogue to match; null: the built-in FICTIONAL sample catalogue.</param>
/// <param name="Top">Matching programmes listed per firm, 0–100.</param>
public sealed record AssessorOptions(string? Questionnaire = null, string? DecisionTable = null, string? Catalogue = null, int Top = 5);

/// <summary>`assess --answers FILE`: score one firm's answers file, optionally attach it to a firm of the service's study.</summary>
/// <param name="Options">What the answers are scored with.</param>
/// <param name="Answers">The answers file (JSON, docs/assessment.md).</param>
/// <param name="AttachTo">A firm id of the study the service was constructed with: the answers file is stored with that firm.</param>
/// <param name="Html">Also render the profile as a self-contained HTML page.</param>
/// <param name="Again">Attach although the firm already has an assessment (a repeat, e.g. a year later); without it a second attach is refused.</param>
public sealed record AssessRequest(AssessorOptions Options, string Answers, string? AttachTo = null, bool Html = false, bool Again = false);

/// <summary>An assessment stored with a study firm.</summary>
/// <param name="Study">The study location as given.</param>
/// <param name="Firm">The firm id.</param>
/// <param name="Number">Its number within the firm: 1, 2, … in attaching order.</param>
public sealed record Attachment(string Study, string Firm, int Number);

/// <summary>
/// One firm's assessment. <see cref="Result"/> is the public JSON document of `assess --json` (the
/// core's named record <see cref="AssessmentResult"/>, keys in docs/json.md).
/// </summary>
/// <param name="Result">The profile, next step and matching programmes.</param>
/// <param name="CatalogueName">The catalogue the programmes were matched in (a file name, or the built-in fictional one).</param>
/// <param name="Attached">Where the answers were attached, when asked to.</param>
/// <param name="Html">The HTML page, when asked for.</param>
public sealed record AssessmentReport(AssessmentResult Result, string CatalogueName, Attachment? Attached, string? Html)
{
    /// <summary>True when the programmes come from the built-in fictional catalogue (the views say so).</summary>
    public bool FictionalCatalogue => CatalogueName == TwoWay.Policy.Files.BuiltIn.CatalogueName;
}

/// <summary>Attach an answers file's text to a firm of the service's study, after checking it against the questionnaire.</summary>
/// <param name="Firm">The study firm's id.</param>
/// <param name="Source">The file name the answers came from (stored with them).</param>
/// <param name="AnswersJson">The answers file's text (JSON).</param>
/// <param name="Questionnaire">Questionnaire definition file the answers answer; null: built-in.</param>
public sealed record AttachRequest(string Firm, string Source, string AnswersJson, string? Questionnaire = null);

/// <summary>`assess batch FILE`: score a survey export and summarise the population.</summary>
/// <param name="Options">What the answers are scored with.</param>
/// <param name="File">Survey export (.csv, .tsv or .xlsx): firm_id, optional size_class and sector, one column per item id.</param>
/// <param name="Out">Also write one row per firm (profile, next step, programmes) to this CSV or XLSX file.</param>
/// <param name="Show">How many firms the HTML page lists (all are in the result).</param>
/// <param name="Html">Also render the population view and the first <paramref name="Show"/> firms as an HTML page.</param>
/// <param name="Force">Replace an existing <paramref name="Out"/> file (never an input).</param>
/// <param name="Inputs">The command's other input files (catalogue, questionnaire…), which <paramref name="Out"/> may never replace.</param>
public sealed record BatchRequest(AssessorOptions Options, string File, string? Out = null, int Show = 20, bool Html = false, bool Force = false,
    IReadOnlyList<Files.ProtectedFile>? Inputs = null);

/// <summary>
/// A scored batch. <see cref="Result"/> is the public JSON document of `assess batch --json` (the
/// core's named record <see cref="BatchResult"/>, keys in docs/json.md).
/// </summary>
/// <param name="Result">The population summary and every firm's assessment.</param>
/// <param name="Written">The profiles file written (<see cref="BatchRequest.Out"/>), or null.</param>
/// <param name="Html">The HTML page, when asked for.</param>
public sealed record BatchReport(BatchResult Result, string? Written, string? Html);

/// <summary>Start or resume the questionnaire one question at a time, saving the answers to <paramref name="SavePath"/> as they come.</summary>
/// <param name="Options">Questionnaire, decision table and catalogue: all are checked before the first question.</param>
/// <param name="SavePath">The answers file; an existing one is resumed at its first unanswered item.</param>
/// <param name="Firm">The firm's name or id, stored with the answers.</param>
public sealed record QuestionnaireRequest(AssessorOptions Options, string SavePath, string? Firm = null);

/// <summary>One question as a form shows it.</summary>
/// <param name="Number">1-based position.</param>
/// <param name="Of">Number of questions.</param>
/// <param name="ItemId">The item's id (its key in the answers file).</param>
/// <param name="Text">The question.</param>
/// <param name="Section">The section's code (e.g. <c>outward_readiness</c>).</param>
/// <param name="Dimension">The dimension id the item scores, if any.</param>
/// <param name="Labels">The five scale labels of a 1–5 item (empty otherwise).</param>
/// <param name="Hint">What kind of answer is expected (e.g. "1-5", "yes/no").</param>
/// <param name="CurrentAnswer">The answer given so far, written as it could be typed; null when none.</param>
/// <param name="Required">True when the item cannot be skipped.</param>
public sealed record QuestionView(int Number, int Of, string ItemId, string Text, string Section, string? Dimension,
    IReadOnlyList<string> Labels, string Hint, string? CurrentAnswer, bool Required)
{
    /// <summary>For a question answered by picking: the numbered choices ("1 = import of goods"); empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Where the question stands, in words for the firm owner: "Readiness to sell abroad · Management commitment".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Heading { get; init; } = "";

    /// <summary>How the question is answered (scale 1–5, yes/no, percent, number, modes from the list): what control a form shows.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TwoWay.Assessment.ScaleKind Scale { get; init; }
}

/// <summary>What became of one step: accepted (the session moved on), or the problem to show (it stays on the question).</summary>
public sealed record StepResult(bool Accepted, string? Problem)
{
    public static readonly StepResult Ok = new(true, null);

    public static StepResult Refused(string problem) => new(false, problem);
}
