using TwoWay.Application.Cases;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy;
using TwoWay.Policy.Files;
using TwoWay.Qualitative;
using TwoWay.Reports.Html;
using TwoWay.Storage;
using TwoWay.Storage.Settings;
using TwoWay.Storage.Assessments;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Application.Reports;

/// <summary>
/// The study report: every case and its analysis, the cross-case answer, the coded quotations linked
/// as evidence, the interviews section, the policy sections of a catalogue and the assessments
/// attached to the study's firms — read in ONE opening of the study, rendered as one self-contained
/// HTML document. It writes no file: the caller does (with <see cref="Files.OutputFile"/>).
/// </summary>
public sealed class ReportService(string studyLocation)
{
    /// <summary>Reads the study once and renders its report.</summary>
    public async Task<StudyReportResult> BuildAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        // The catalogue is read first: a bad catalogue costs no study access.
        var catalogue = request.Catalogue is { } path ? CatalogueFile.Read(path) : null;
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        var contents = await StudyReportContents.ReadAsync(study, study.Location.Display, request.Year, cancellationToken).ConfigureAwait(false);
        var sections = new List<ReportSection>();
        if (contents.Interviews is { } interviews) sections.Add(interviews);
        if (catalogue is not null) sections.AddRange(contents.PolicySections(catalogue, Path.GetFileName(request.Catalogue!)));
        if (contents.AttachedAssessments(catalogue) is { } attached) sections.Add(attached);
        var title = request.Title ?? "TwoWay study report: " + study.Location.ShortName;
        return new StudyReportResult(contents.Render(title, request.Pseudonymize, notice: null, sections), contents.Analysis);
    }

    /// <summary>
    /// The study as the report lays it out, without rendering it: what the web workbench's overview
    /// and firm pages show (the same tables, labels, connections and quotations as the report).
    /// </summary>
    public async Task<StudyView> ViewAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        using var study = await StudyAccess.OpenAsync(studyLocation, cancellationToken).ConfigureAwait(false);
        var contents = await StudyReportContents.ReadAsync(study, study.Location.Display, request.Year, cancellationToken).ConfigureAwait(false);
        var (report, naming) = contents.Model(request.Title ?? study.Location.ShortName, request.Pseudonymize, notice: null);
        return new StudyView(report, contents.Analysis, naming);
    }
}

/// <summary>
/// Everything the study report reads from a study, read from one open <see cref="Study"/>, and the
/// report's assembly from it: the sections other areas contribute (interviews, policy, assessments)
/// are built here from what was read, never by opening the study again.
/// </summary>
internal sealed record StudyReportContents(
    string Location,
    IReadOnlyList<FirmCase> Cases,
    StudyAnalysis Analysis,
    ReportSection? Interviews,
    IReadOnlyList<QuotedEvidence> Evidence,
    IReadOnlyList<StoredAssessment> Assessments)
{
    public static async Task<StudyReportContents> ReadAsync(Study study, string location, int? year, CancellationToken cancellationToken)
    {
        var cases = await Task.Run(study.LoadCases, cancellationToken).ConfigureAwait(false);
        var snapshot = await QualitativeStore.SnapshotAsync(study, cancellationToken).ConfigureAwait(false);
        var defaults = await study.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
        var analysis = StudyAnalysis.Of(location, cases, year ?? AsOf.Of(defaults, cases), StudyAnalysis.Asserted(snapshot.Links));
        var assessments = await Task.Run(() => study.LoadAssessments(), cancellationToken).ConfigureAwait(false);
        return new StudyReportContents(location, cases, analysis, InterviewSection(snapshot.Project), LinkedEvidence(snapshot), assessments);
    }

    /// <summary>Renders the report with <paramref name="sections"/> after the cases.</summary>
    public string Render(string title, bool pseudonymize, string? notice, IReadOnlyList<ReportSection> sections)
    {
        var (report, naming) = Model(title, pseudonymize, notice);
        return HtmlReport.Render(report with { Sections = sections }, naming);
    }

    /// <summary>The report's model (tables, labels, quotations) and the naming it was laid out with.</summary>
    public (StudyReport Report, Naming Naming) Model(string title, bool pseudonymize, string? notice)
    {
        var naming = pseudonymize ? Naming.Pseudonymized(Cases) : Naming.AsIs();
        return (StudyReportBuilder.Build(title, Analysis.AsOfYear, Cases, Analysis.Firms, Analysis.CrossCase, naming, notice, Evidence,
            Analysis.Claims.ToDictionary(c => c.FirmId, c => c.Connections, StringComparer.Ordinal)), naming);
    }

    /// <summary>The interviews section (matrix and agreement), or null when the study has no transcripts.</summary>
    internal static ReportSection? InterviewSection(QualitativeProject project) => InterviewReportBuilder.Build(project);

    /// <summary>The coded quotations linked as evidence, as the report shows them.</summary>
    internal static IReadOnlyList<QuotedEvidence> LinkedEvidence(WorkbenchSnapshot snapshot) =>
        QualitativeStore.LinkedQuotations(snapshot).Select(x => x.Link.Target switch
        {
            EvidenceTarget.OfConnection c => new QuotedEvidence(c.Id.From, c.Id.To, x.Quotation),
            EvidenceTarget.OfOperation o => new QuotedEvidence(o.Id, null, x.Quotation),
            _ => throw new InvalidOperationException($"unknown evidence target {x.Link.Target}"),
        }).ToList();

    /// <summary>The policy sections: the catalogue's portfolio and its coverage of the study's firms as analysed.</summary>
    public IReadOnlyList<ReportSection> PolicySections(Catalogue catalogue, string catalogueName)
    {
        var population = YearlyActivity.FromCases(Cases, Analysis.Firms, Path.GetFileName(Analysis.Study));
        return [PolicyReportBuilder.Portfolio(PortfolioAnalysis.Analyse(catalogue), catalogueName),
                PolicyReportBuilder.Coverage(CoverageAnalysis.Analyse(catalogue, population))];
    }

    /// <summary>
    /// The assessments attached to the study's firms, scored with the built-in questionnaire and
    /// decision table and matched against <paramref name="catalogue"/> (default: the built-in
    /// fictional one); null when none is attached. Answers to another questionnaire or version
    /// are counted and left out rather than rescored wrongly.
    /// </summary>
    public ReportSection? AttachedAssessments(Catalogue? catalogue)
    {
        if (Assessments.Count == 0) return null;
        var q = BuiltIn.Questionnaire();
        var assessor = new Assessor(q, BuiltIn.DecisionTable(q), catalogue ?? BuiltIn.Catalogue(), top: 3);
        var results = new List<AssessmentResult>();
        foreach (var a in Assessments.Where(a => a.Questionnaire == q.Id && a.Version == q.Version))
        {
            var loaded = AnswersFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(a.Answers), $"{Location}: assessment {a.Number} of {a.Firm}"), q);
            var r = assessor.Assess(loaded.Sheet, loaded.Firm);
            results.Add(r with { Profile = r.Profile with { Firm = $"{a.Firm} #{a.Number}" } });
        }
        var other = Assessments.Count - results.Count;
        var source = $"attached to the study's firms{(catalogue is null ? "; programmes from the built-in FICTIONAL catalogue" : "")}" +
            (other > 0 ? $"; {other} answering another questionnaire version left out" : "");
        return PolicyReportBuilder.Assessments(results, source);
    }
}
