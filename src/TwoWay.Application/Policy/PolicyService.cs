using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Cases;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Panels;
using TwoWay.Policy;
using TwoWay.Policy.Files;
using TwoWay.Reports.Html;
using TwoWay.Application.Cases;
using TwoWay.Storage;

namespace TwoWay.Application.Policy;

/// <summary>
/// The policy lens: how one-sided a programme catalogue is (portfolio), whom it leaves out
/// (coverage of a population of firms). Reads files and
/// studies, never writes a study; HTML pages are returned as text for the caller to place.
/// </summary>
public sealed class PolicyService
{
    /// <summary>The title of a catalogue's HTML page.</summary>
    public static string Title(string catalogue) => "Support programmes: " + Path.GetFileName(catalogue);

    /// <summary>Export-only share by count and budget, direction × instrument and × mechanism, barrier coverage.</summary>
    public Task<PortfolioReport> PortfolioAsync(PortfolioRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        var result = PortfolioAnalysis.Analyse(CatalogueFile.Read(request.Catalogue, request.Sheet));
        var html = request.Html
            ? SectionedHtmlReport.Render(new SectionedReport(Title(request.Catalogue), $"{result.Programmes} programmes",
                [PolicyReportBuilder.Portfolio(result, Path.GetFileName(request.Catalogue))]))
            : null;
        return Task.FromResult(new PortfolioReport(result, html));
    }

    /// <summary>
    /// Coverage of a population's trader states, stages (and, for a study, trajectories and
    /// establishment-chain stages) by the catalogue's programmes; gaps; bridging programmes.
    /// </summary>
    public async Task<CoverageReport> CoverageAsync(CoverageRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalogue = CatalogueFile.Read(request.Catalogue, request.Sheet);
        var population = request.Population switch
        {
            CoveragePopulation.StudyFirms s => await StudyPopulationAsync(s, ct).ConfigureAwait(false),
            CoveragePopulation.PanelYear p => PanelPopulation(p, request.Progress, ct),
            CoveragePopulation.GroupsFile g => PopulationFile.ReadGroups(g.File),
            CoveragePopulation.AssessedFirms a => AssessedPopulation(a),
            _ => throw new ArgumentException("Unknown population kind.", nameof(request)),
        };
        ct.ThrowIfCancellationRequested();
        var result = CoverageAnalysis.Analyse(catalogue, population);
        var html = request.Html
            ? SectionedHtmlReport.Render(new SectionedReport(Title(request.Catalogue), $"{result.Programmes} programmes; population: {result.Population}",
                [PolicyReportBuilder.Portfolio(PortfolioAnalysis.Analyse(catalogue), Path.GetFileName(request.Catalogue)), PolicyReportBuilder.Coverage(result)]))
            : null;
        return new CoverageReport(result, html);
    }

    private static async Task<Population> StudyPopulationAsync(CoveragePopulation.StudyFirms s, CancellationToken ct)
    {
        CheckYear(s.Year, StudyLocation.Parse(s.Study).Display);
        // The study's firms analysed exactly as `analyze` does (one as-of rule, in the cases service).
        var analysed = await new CaseAnalysisService(s.Study).AnalyzeWithCasesAsync(new AnalyzeRequest(Year: s.Year), ct).ConfigureAwait(false);
        return YearlyActivity.FromCases(analysed.Cases, analysed.Analysis.Firms, Path.GetFileName(analysed.Analysis.Study));
    }

    /// <summary>
    /// The firms of a trade panel in one year, read and validated by the panel analytics' engine
    /// (DuckDB), grouped by state and new/occasional/regular stage per direction (one rule:
    /// <see cref="YearlyActivity"/>).
    /// </summary>
    private static Population PanelPopulation(CoveragePopulation.PanelYear p, IProgress<string>? progress, CancellationToken ct)
    {
        CheckYear(p.Year, p.File);
        using var engine = new PanelEngine { Progress = progress };
        engine.Load(new PanelInput(p.File) { FirmColumn = p.FirmColumn, YearColumn = p.YearColumn, ImportColumn = p.ImportColumn, ExportColumn = p.ExportColumn });
        ct.ThrowIfCancellationRequested();
        var activity = engine.ActivityInWindow(p.Year, YearlyActivity.Window);
        var groups = activity.Rows.Select(YearlyActivity.Classify);
        return new Population($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(p.File))} (panel, {activity.Year.ToString(CultureInfo.InvariantCulture)})",
            YearlyActivity.Merge(groups).ToList());
    }

    private static Population AssessedPopulation(CoveragePopulation.AssessedFirms a)
    {
        var q = a.Questionnaire is { } qp ? QuestionnaireFile.Read(qp) : BuiltIn.Questionnaire();
        var scorer = new Scorer(q);
        var loaded = BatchFile.Read(a.File, q);
        return PopulationSummary.ToPopulation($"{Path.GetFileName(a.File)} (self-assessments)", loaded.Sheets.Select(scorer.Score));
    }

    private static void CheckYear(int? year, string source)
    {
        if (year is < YearMonth.MinYear or > YearMonth.MaxYear)
            throw new InputException(source, null, "--year", $"must be between {YearMonth.MinYear} and {YearMonth.MaxYear}");
    }
}
