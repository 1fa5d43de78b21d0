using Spectre.Console.Cli;
using TwoWay.Application.Policy;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy;
using TwoWay.Policy.Files;
using TwoWay.Reports.Html;

namespace TwoWay.Cli.Commands;

/// <summary>The policy lens and the self-assessment: `twoway policy …`, `twoway assess …`, `twoway template programmes|answers`.</summary>
public static class PolicyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("policy", policy =>
        {
            policy.SetDescription("Programme catalogues: how one-sided the portfolio is and whom it leaves out.");
            policy.AddCommand<PortfolioCommand>("portfolio")
                .WithDescription("Export-only share (by count and budget), direction × instrument and × mechanism, barrier coverage.");
            policy.AddCommand<CoverageCommand>("coverage")
                .WithDescription("Coverage of a firm population's trader states and stages; gaps; bridging programmes.");
        });
        config.AddBranch<AssessSettings>("assess", assess =>
        {
            assess.SetDescription("Holistic self-assessment: profile in both directions, next step, matching programmes.");
            assess.SetDefaultCommand<AssessCommand>();
            assess.AddCommand<AssessBatchCommand>("batch")
                .WithDescription("Assess a survey export (one row per firm, item ids as columns) and summarise the population.");
        });
        // `twoway template programmes|answers FILE` is served by the study area's one template
        // command (StudyCommands.TemplateCommand), which calls IsTemplateKind/WriteTemplate below.
    }

    /// <summary>The kinds this area adds to `twoway template KIND FILE`.</summary>
    public static IReadOnlyList<string> TemplateKinds => PolicyService.TemplateKinds;

    public static bool IsTemplateKind(string? kind) => PolicyService.IsTemplateKind(kind);

    /// <summary>
    /// `template programmes FILE`: an annotated catalogue; `template answers FILE`: a batch answers
    /// file for <paramref name="questionnaire"/> (a definition file) or the built-in questionnaire.
    /// </summary>
    public static void WriteTemplate(string kind, string file, string? questionnaire) =>
        new PolicyService().WriteTemplateAsync(new PolicyTemplateRequest(kind, file, questionnaire)).GetAwaiter().GetResult();

    /// <summary>The policy sections of a study report: the catalogue's portfolio and its coverage of the study's firms as analysed.</summary>
    internal static IReadOnlyList<ReportSection> StudySections(Catalogue catalogue, string catalogueName, IReadOnlyList<FirmCase> cases, StudyAnalysis analysis)
    {
        var population = YearlyActivity.FromCases(cases, analysis.Firms, Path.GetFileName(analysis.Study));
        return [PolicyReportBuilder.Portfolio(PortfolioAnalysis.Analyse(catalogue), catalogueName),
                PolicyReportBuilder.Coverage(CoverageAnalysis.Analyse(catalogue, population))];
    }

    /// <summary>
    /// The assessments attached to the study's firms, scored with the built-in questionnaire and
    /// decision table and matched against <paramref name="catalogue"/> (default: the built-in
    /// fictional one); null when none is attached. Answers to another questionnaire or version
    /// are counted and left out rather than rescored wrongly.
    /// </summary>
    internal static ReportSection? AttachedAssessments(string studyLocation, Catalogue? catalogue)
    {
        IReadOnlyList<Storage.Assessments.StoredAssessment> stored;
        using (var study = Storage.Study.Open(studyLocation)) stored = Storage.Assessments.StudyAssessments.LoadAssessments(study);
        if (stored.Count == 0) return null;
        var q = BuiltIn.Questionnaire();
        var assessor = new Assessor(q, BuiltIn.DecisionTable(q), catalogue ?? BuiltIn.Catalogue(), top: 3);
        var results = new List<AssessmentResult>();
        foreach (var a in stored.Where(a => a.Questionnaire == q.Id && a.Version == q.Version))
        {
            var loaded = AnswersFile.Parse(JsonSource.Parse(System.Text.Encoding.UTF8.GetBytes(a.Answers), $"{studyLocation}: assessment {a.Number} of {a.Firm}"), q);
            var r = assessor.Assess(loaded.Sheet, loaded.Firm);
            results.Add(r with { Profile = r.Profile with { Firm = $"{a.Firm} #{a.Number}" } });
        }
        var other = stored.Count - results.Count;
        var source = $"attached to the study's firms{(catalogue is null ? "; programmes from the built-in FICTIONAL catalogue" : "")}" +
            (other > 0 ? $"; {other} answering another questionnaire version left out" : "");
        return PolicyReportBuilder.Assessments(results, source);
    }
}
