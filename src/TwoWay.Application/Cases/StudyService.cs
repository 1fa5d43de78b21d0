using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Application.Files;
using TwoWay.Policy.Files;
using TwoWay.Storage;
using TwoWay.Storage.Settings;

namespace TwoWay.Application.Cases;

/// <summary>
/// The study and its case data: create it, import firms and operations (all or nothing), export
/// them, list the firms; and the study-independent templates and modes reference. Each method is
/// one unit of work on the study at <c>studyLocation</c> (a .twoway file or a PostgreSQL connection string).
/// </summary>
public sealed class StudyService(string studyLocation)
{
    /// <summary>
    /// Creates a new, empty study; refuses a location that is taken. <paramref name="asOfYear"/>: the
    /// study's reference year for every analysis (null: the latest year in its data), checked first.
    /// </summary>
    public async Task<InitResult> InitAsync(int? asOfYear = null, CancellationToken cancellationToken = default)
    {
        CheckYear(studyLocation, asOfYear);
        using var study = await Task.Run(() => Study.Create(studyLocation), cancellationToken).ConfigureAwait(false);
        if (asOfYear is not null) await study.SaveDefaultsAsync(new StudyDefaults(asOfYear), cancellationToken).ConfigureAwait(false);
        return new InitResult(study.Location.Display);
    }

    /// <summary>
    /// The study's settings, after applying <paramref name="request"/>'s changes (none: only shown):
    /// the reference year stored (or none), and the year analyses use by default with where it comes from.
    /// </summary>
    public async Task<StudySettingsResult> SettingsAsync(StudySettingsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AsOfYear is not null && request.ClearAsOf)
            throw new InputException(studyLocation, null, "--as-of", "give a year or 'none', not both");
        CheckYear(studyLocation, request.AsOfYear);
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        var defaults = await study.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
        if (request.AsOfYear is not null || request.ClearAsOf)
        {
            defaults = new StudyDefaults(request.ClearAsOf ? null : request.AsOfYear);
            await study.SaveDefaultsAsync(defaults, cancellationToken).ConfigureAwait(false);
        }
        var cases = await study.LoadCasesAsync(cancellationToken).ConfigureAwait(false);
        var dataYear = AsOf.Default(cases);
        return new StudySettingsResult(study.Location.Display, defaults.AsOfYear, defaults.AsOfYear ?? dataYear,
            defaults.AsOfYear is null ? AsOfSources.Data : AsOfSources.Study, cases.Count == 0 ? null : dataYear);
    }

    private static void CheckYear(string location, int? year)
    {
        if (year is { } y && (y < YearMonth.MinYear || y > YearMonth.MaxYear))
            throw new InputException(location, null, "--as-of", $"{y} is not a year TwoWay handles ({YearMonth.MinYear}–{YearMonth.MaxYear})");
    }

    /// <summary>
    /// Reads and checks every file, then stores all firms and operations in one transaction, or
    /// nothing when any row is bad (every problem is listed in the <see cref="InputException"/>).
    /// </summary>
    /// <param name="request">The files, their kind and whether stored ids may be replaced.</param>
    /// <param name="progress">Storing progress in percent: 0 once the files are read and checked, then up to 100.</param>
    /// <param name="cancellationToken">Cancels before storing; a save that started completes or rolls back whole.</param>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            var ids = study.Ids();
            var batch = CaseImport.Read(request.Files, new ImportTarget(ids.Firms, ids.Operations, request.Replace), request.Kind);
            cancellationToken.ThrowIfCancellationRequested();
            var total = Math.Max(1, batch.Firms.Count + batch.Operations.Count);
            progress?.Report(0);
            var summary = study.Save(batch.FirmValues, batch.OperationValues, request.Replace ? SaveMode.Replace : SaveMode.AddOnly,
                progress is null ? null : new Percent(progress, total));
            return new ImportResult(study.Location.Display, request.Files, summary.FirmsAdded, summary.FirmsReplaced,
                summary.OperationsAdded, summary.OperationsReplaced);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes every firm and operation in the import format (one .xlsx workbook, or NAME-firms.csv and
    /// NAME-operations.csv). Every target is checked before anything is written, so an export never
    /// replaces half of an earlier one; existing files are refused unless <see cref="ExportRequest.Force"/>.
    /// </summary>
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var targets = CaseExport.Targets(request.File, request.Kind);
        var inputs = ProtectedFile.Study(studyLocation);
        foreach (var (file, _) in targets) OutputFile.Check(file, "the export file", request.Force, inputs);
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            var cases = study.LoadCases();
            if (request.Pseudonymize) cases = global::TwoWay.Reports.Html.Naming.Pseudonymized(cases).Apply(cases);
            foreach (var (file, kinds) in targets)
                OutputFile.Write(file, temp => CaseExport.Write(temp, cases, kinds.Count == 1 ? kinds[0] : null), "the export file", request.Force, inputs);
            return new ExportResult(targets.Select(t => t.File).ToList(), cases.Count, cases.Sum(c => c.Operations.Length));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The study's firms ordered by id, with their numbers of stored operations in each direction.</summary>
    public async Task<FirmList> FirmsAsync(CancellationToken cancellationToken = default)
    {
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            var counts = study.OperationCounts();
            return new FirmList(study.LoadFirms().Select(f =>
            {
                var (inward, outward) = counts.TryGetValue(f.Id, out var c) ? c : (0, 0);
                return new FirmRow(f.Id.Value, f.Name, f.HomeCountry.Value, f.Sector, f.Size, f.FoundingYear, f.Attributes, inward, outward);
            }).ToList());
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a template kind as the user typed it ("firms", "Operations" …); null when it is none.</summary>
    public static TemplateKind? ParseTemplateKind(string? text) =>
        text?.Trim().ToLowerInvariant() switch
        {
            "firms" => TemplateKind.Firms,
            "operations" => TemplateKind.Operations,
            "programmes" => TemplateKind.Programmes,
            "answers" => TemplateKind.Answers,
            "codings" => TemplateKind.Codings,
            _ => null,
        };

    /// <summary>
    /// Writes an empty input file whose header comments (CSV) or About sheet (XLSX) explain each
    /// column; refuses an existing file unless <see cref="TemplateRequest.Force"/>, and never writes over the questionnaire it reads.
    /// </summary>
    public static Task<TemplateResult> WriteTemplateAsync(TemplateRequest request, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            if (request.Questionnaire is not null && request.Kind != TemplateKind.Answers)
                throw new InputException(request.Questionnaire, null, "--questionnaire", "goes with the answers template only");
            var questionnaire = request.Kind == TemplateKind.Answers
                ? request.Questionnaire is { } q ? QuestionnaireFile.Read(q) : BuiltIn.Questionnaire()
                : null;
            var full = OutputFile.Write(request.File, temp =>
            {
                switch (request.Kind)
                {
                    case TemplateKind.Firms: CaseExport.WriteTemplate(temp, CaseTableKind.Firms); break;
                    case TemplateKind.Operations: CaseExport.WriteTemplate(temp, CaseTableKind.Operations); break;
                    case TemplateKind.Programmes: CatalogueFile.WriteTemplate(temp); break;
                    case TemplateKind.Codings:
                        var columns = Interviews.InterviewWorkbench.CodingColumns;
                        Interchange.Tables.TableWriter.Write(temp, columns.Select(c => c.Name).ToList(), [columns.Select(c => c.Name is "start" or "end" ? null : (string?)c.Example).ToList()], columns, // the example row codes by phrase
                            "TwoWay codings for 'twoway code import'. Replace the example row with your codings (a phrase, or start and end); see docs/qualitative.md.", "codings");
                        break;
                    default: BatchFile.WriteTemplate(temp, questionnaire!); break;
                }
            }, "the template file", request.Force, ProtectedFile.Input(request.Questionnaire, "the questionnaire"));
            return new TemplateResult(request.Kind, full);
        }, cancellationToken);

    /// <summary>The modes of operation with their commitment tiers and their codes and names in each direction.</summary>
    public static Task<ModeList> ModesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ModeList(Domain.Modes.All.Select(m => new ModeRow(m.Code(), (int)m.Tier(), m.Tier().ToString().ToLowerInvariant(),
            m.Code(Direction.Inward), m.Name(Direction.Inward), m.Code(Direction.Outward), m.Name(Direction.Outward))).ToList()));

    /// <summary>Turns rows stored into percent (synchronously: a progress bar must see it before the next step).</summary>
    private sealed class Percent(IProgress<int> percent, int total) : IProgress<int>
    {
        public void Report(int value) => percent.Report((int)Math.Min(100, (long)value * 100 / total));
    }
}
