using System.Text;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Policy;
using TwoWay.Policy.Files;
using TwoWay.Reports.Html;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;

using TwoWay.Application.Files;

namespace TwoWay.Application.Assessment;

/// <summary>
/// The holistic self-assessment: score one firm's answers (profile in both directions, next step,
/// matching programmes), attach answers to a firm of the study, score a batch and summarise the
/// population, and run the questionnaire one question at a time. Constructed with the study
/// location when answers are to be attached (null otherwise); each method that touches the study
/// opens it for its own unit of work.
/// </summary>
public sealed class AssessmentService(string? studyLocation = null)
{
    /// <summary>Scores an answers file; with <see cref="AssessRequest.AttachTo"/>, stores the file with that firm of the study.</summary>
    /// <exception cref="InputException">A file that cannot be accepted, or an unknown firm (nothing is stored).</exception>
    public async Task<AssessmentReport> AssessAsync(AssessRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (assessor, catalogueName) = Build(request.Options);
        var loaded = AnswersFile.Read(request.Answers, assessor.Questionnaire);
        var result = assessor.Assess(loaded.Sheet, loaded.Firm);
        Attachment? attached = null;
        if (request.AttachTo is { } firm)
            // The answers file itself (checked above), so the study keeps every answer and can rescore it.
            attached = await StoreAsync(firm, assessor.Questionnaire, Path.GetFileName(request.Answers),
                await File.ReadAllTextAsync(request.Answers, ct).ConfigureAwait(false), ct, request.Again).ConfigureAwait(false);
        var html = request.Html
            ? SectionedHtmlReport.Render(new SectionedReport(
                "Self-assessment: " + (result.Profile.Firm ?? "firm"), $"Questionnaire {result.Profile.Questionnaire} {result.Profile.Version}; programmes from {catalogueName}",
                [PolicyReportBuilder.Profile(result)])
            {
                Notice = catalogueName == BuiltIn.CatalogueName ? "The programmes come from the built-in FICTIONAL sample catalogue; pass --catalogue FILE to match real ones." : null,
            })
            : null;
        return new AssessmentReport(result, catalogueName, attached, html);
    }

    /// <summary>Checks answers (JSON text) against the questionnaire and stores them with a firm of the study.</summary>
    /// <exception cref="InputException">Answers that do not fit the questionnaire, or an unknown firm (nothing is stored).</exception>
    public async Task<Attachment> AttachAsync(AttachRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Questionnaire is { } qp ? QuestionnaireFile.Read(qp) : BuiltIn.Questionnaire();
        AnswersFile.Parse(JsonSource.Parse(Encoding.UTF8.GetBytes(request.AnswersJson), request.Source), q);
        return await StoreAsync(request.Firm, q, request.Source, request.AnswersJson, ct).ConfigureAwait(false);
    }

    /// <summary>Scores every row of a survey export, summarises the population, and writes the profiles file when asked.</summary>
    /// <exception cref="InputException">A file that cannot be accepted (nothing is written).</exception>
    public Task<BatchReport> BatchAsync(BatchRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = (request.Inputs ?? []).Concat(ProtectedFile.Input(request.File, "the survey export")).ToList();
        if (request.Out is { } target) OutputFile.Check(target, "--out", request.Force, inputs);
        var (assessor, _) = Build(request.Options);
        var loaded = BatchFile.Read(request.File, assessor.Questionnaire);
        ct.ThrowIfCancellationRequested();
        var results = assessor.AssessMany(loaded.Sheets, loaded.Firms);
        var batch = new BatchResult(assessor.Questionnaire.Id, assessor.Questionnaire.Version,
            PopulationSummary.Of(assessor.Questionnaire, loaded.Sheets, results), results);
        if (request.Out is { } outPath)
            OutputFile.Write(outPath, temp => ProfilesFile.Write(temp, assessor.Questionnaire, batch), "--out", request.Force, inputs);
        string? html = null;
        if (request.Html)
        {
            var source = Path.GetFileName(request.File);
            var shown = batch.Firms.Take(request.Show).ToList();
            ReportSection[] sections = shown.Count == 0
                ? [PolicyReportBuilder.Population(batch, source)]
                : [PolicyReportBuilder.Population(batch, source),
                   PolicyReportBuilder.Assessments(shown, $"the first {shown.Count} of {batch.Firms.Count} in {source}")];
            html = SectionedHtmlReport.Render(new SectionedReport(
                "Self-assessments: " + source, $"{batch.Firms.Count} firms; questionnaire {batch.Questionnaire} {batch.Version}", sections));
        }
        return Task.FromResult(new BatchReport(batch, request.Out, html));
    }

    /// <summary>
    /// Starts the questionnaire, or resumes the answers saved in <see cref="QuestionnaireRequest.SavePath"/>.
    /// The questionnaire, decision table and catalogue are all checked first, so a bad file is
    /// reported before the first question rather than after the last.
    /// </summary>
    public Task<QuestionnaireSession> StartQuestionnaireAsync(QuestionnaireRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (assessor, _) = Build(request.Options);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(new QuestionnaireSession(assessor.Questionnaire, request.SavePath, request.Firm));
    }

    private async Task<Attachment> StoreAsync(string firm, Questionnaire q, string source, string answers, CancellationToken ct, bool again = true)
    {
        var location = studyLocation ?? throw new InvalidOperationException("This assessment service was constructed without a study to attach to.");
        if (!FirmId.IsValid(firm)) throw new InputException(Storage.StudyLocation.Parse(location).Display, null, "firm_id", $"'{firm}' is not a valid firm id");
        var study = await Study.OpenAsync(location, ct).ConfigureAwait(false);
        await using (study.ConfigureAwait(false))
        {
            // A second assessment of one firm is usually a mistake (the same file twice); a repeat is asked for by name.
            if (!again && study.LoadAssessments(new FirmId(firm)) is { Count: > 0 } earlier)
                throw new InputException(study.Location.Display, null, "--again",
                    $"firm {firm} already has {(earlier.Count == 1 ? "an assessment" : $"{earlier.Count} assessments")} ({string.Join(", ", earlier.Select(a => $"#{a.Number} from {a.Source}"))}); "
                    + "to add another (a repeat, e.g. a year later) pass --again");
            var number = study.AttachAssessment(new FirmId(firm), q.Id, q.Version, source, answers);
            return new Attachment(location, firm, number);
        }
    }

    /// <summary>The assessor of the options' files (or the built-in ones) and the name of the catalogue it matches in.</summary>
    internal static (Assessor Assessor, string CatalogueName) Build(AssessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Top is < 0 or > 100) throw new InputException("--top", null, "--top", "must be between 0 and 100");
        var q = options.Questionnaire is { } qp ? QuestionnaireFile.Read(qp) : BuiltIn.Questionnaire();
        var table = options.DecisionTable is { } dp ? DecisionTableFile.Read(dp, q) : BuiltIn.DecisionTable(q);
        var catalogue = options.Catalogue is { } cp ? CatalogueFile.Read(cp) : BuiltIn.Catalogue();
        return (new Assessor(q, table, catalogue, options.Top), options.Catalogue is { } c ? Path.GetFileName(c) : BuiltIn.CatalogueName);
    }
}
