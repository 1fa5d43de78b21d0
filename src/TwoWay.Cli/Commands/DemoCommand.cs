using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Assessment;
using TwoWay.Cli.Infrastructure;
using TwoWay.Policy.Files;
using TwoWay.Reports.Html;
using TwoWay.Interchange.Cases;
using TwoWay.Panels;
using TwoWay.Domain;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;

namespace TwoWay.Cli.Commands;

/// <summary>
/// `twoway demo`: the main job on the bundled fictional study. Writes the sample files to
/// DIR/demo-study, imports them through the normal import pipeline into DIR/demo.twoway, analyses
/// every case and writes DIR/report.html. It also simulates a small fictional firm-year panel
/// (DIR/panel/panel.parquet, the documented data-generating process with a known import→export
/// effect) and analyses it in-process with DuckDB into DIR/panel-report.html, so the main job
/// exercises both embedded engines. Rerunnable: it replaces exactly these outputs.
/// </summary>
[Description("Build a project file from the fictional demo study and write its report.")]
public sealed class DemoCommand(Terminal terminal) : Command<DemoCommand.Settings>
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for demo.twoway, report.html and the sample files (default: demo).")]
        public string Out { get; init; } = "demo";
    }

    public const string StudyFile = "demo.twoway";
    public const string ReportFile = "report.html";
    public const string InputFolder = "demo-study";
    public const string PolicyFolder = "policy";
    public const string PanelFolder = "panel";
    public const string PanelReportFile = "panel-report.html";

    // The demo panel: small enough to take seconds, large enough for stable estimates.
    private const int PanelFirms = 20_000, PanelYears = 15, PanelSeed = 2026;
    private const double PanelHazardRatio = 1.8;
    private static readonly string[] Samples = ["firms.csv", "operations.csv", "README.md"];
    private static readonly string[] PolicySamples = ["catalogue.csv", "assessments/firm-1.json", "assessments/firm-2.json", "assessments/firm-3.json",
        "assessments/AM-01.json", "assessments/BY-01.json"];

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dir = Path.GetFullPath(settings.Out);
        if (File.Exists(dir))
            throw new Input.InputException(settings.Out, null, "--out", "is a file; give a folder");
        var inputs = Path.Combine(dir, InputFolder);
        Directory.CreateDirectory(inputs);
        foreach (var name in Samples) WriteSample(InputFolder + "/" + name, Path.Combine(inputs, name));
        DemoInterviews.WriteSamples(Path.Combine(inputs, DemoInterviews.Folder));
        var policyInputs = Path.Combine(dir, PolicyFolder);
        Directory.CreateDirectory(Path.Combine(policyInputs, "assessments"));
        foreach (var name in PolicySamples) WriteSample(PolicyFolder + "/" + name, Path.Combine(policyInputs, name));

        // Validate the whole import before touching the previous outputs.
        var batch = CaseImport.Read([Path.Combine(inputs, "firms.csv"), Path.Combine(inputs, "operations.csv")], ImportTarget.Empty);
        // The policy lens reads its samples through the same readers a user's files go through.
        var cataloguePath = Path.Combine(policyInputs, "catalogue.csv");
        var catalogue = CatalogueFile.Read(cataloguePath);
        var questionnaire = BuiltIn.Questionnaire();
        var assessor = new Assessor(questionnaire, BuiltIn.DecisionTable(questionnaire), catalogue, top: 3);
        // An answers file named after a study firm (AM-01.json) is attached to that firm in the study;
        // the others are firms outside the study, assessed on their own.
        var studyFirms = batch.FirmValues.Select(f => f.Id.Value).ToHashSet(StringComparer.Ordinal);
        var answerFiles = PolicySamples.Where(n => n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => (Path: Path.Combine(policyInputs, n), Answers: AnswersFile.Read(Path.Combine(policyInputs, n), questionnaire),
                Firm: studyFirms.Contains(Path.GetFileNameWithoutExtension(n)) ? Path.GetFileNameWithoutExtension(n) : null)).ToList();
        var attached = answerFiles.Where(a => a.Firm is not null).ToList();
        var assessments = answerFiles.Select(a =>
        {
            var r = assessor.Assess(a.Answers.Sheet, a.Answers.Firm);
            return a.Firm is { } id ? r with { Profile = r.Profile with { Firm = $"{id} #1 (study firm)" } } : r;
        }).ToList();

        var studyPath = Path.Combine(dir, StudyFile);
        foreach (var own in new[] { studyPath, studyPath + "-wal", studyPath + "-shm", studyPath + "-journal" })
            if (File.Exists(own)) File.Delete(own);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DemoInterviewsSummary interviews;
        using (var study = Study.Create(studyPath))
        {
            study.Save(batch.FirmValues, batch.OperationValues);
            interviews = DemoInterviews.Import(study, Path.Combine(inputs, DemoInterviews.Folder));
            foreach (var a in attached)
                study.AttachAssessment(new FirmId(a.Firm!), questionnaire.Id, questionnaire.Version, Path.GetFileName(a.Path), File.ReadAllText(a.Path));
        }

        var cases = StudyLoading.Load(studyPath, null);
        var analysis = StudyAnalysis.Of(studyPath, cases, year: null);
        if (interviews.Coders.Count > 0)
            using (var study = Study.Open(studyPath))
                interviews = interviews with { ConnectionLinks = DemoInterviews.LinkConnections(study, analysis.Firms, interviews.Coders[0]) };
        var reportPath = Path.Combine(dir, ReportFile);
        var sections = new List<ReportSection>();
        if (QualitativeCommands.InterviewSection(studyPath) is { } interviewSection) sections.Add(interviewSection);
        sections.AddRange(PolicyCommands.StudySections(catalogue, "catalogue.csv (fictional)", cases, analysis));
        sections.Add(PolicyReportBuilder.Assessments(assessments,
            $"fictional: {attached.Count} attached to the study's firms ({string.Join(", ", attached.Select(a => a.Firm))}), {assessments.Count - attached.Count} sample firms outside the study"));
        ReportWriter.Write(reportPath, "TwoWay demo study: inward and outward internationalization of eleven SMEs", cases, analysis,
            pseudonymize: false, notice: "All firms, partners, figures, interviews, quotations, support programmes and self-assessments in this study are fictional; they were invented to demonstrate TwoWay.",
            QualitativeCommands.LinkedEvidence(studyPath), sections);

        var panelPath = Path.Combine(dir, PanelFolder, "panel.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(panelPath)!);
        var panelRows = PanelWriter.Write(PanelSimulation.Generate(PanelFirms, PanelYears, PanelSeed, PanelHazardRatio), panelPath);
        PanelAnalysis panel;
        using (var engine = new PanelEngine())
        {
            engine.Load(new PanelInput(panelPath) { Covariates = ["sector", "size_class", "region"] });
            panel = engine.Analyze(Statistics.Ties.Efron);
        }
        var panelReportPath = Path.Combine(dir, PanelReportFile);
        ReportWriter.WriteHtml(panelReportPath, SectionedHtmlReport.Render(PanelReportBuilder.Build(panel,
            $"Fictional simulated panel ({PanelFirms:N0} firms, {PanelYears} years, seed {PanelSeed}, true import→export hazard ratio {PanelHazardRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)}): do importers become exporters?")));

        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(new
            {
                study = studyPath, report = reportPath, inputs, firms = cases.Count, operations = batch.Operations.Count, as_of_year = analysis.AsOfYear, interviews,
                policy_inputs = policyInputs, programmes = catalogue.Programmes.Length, assessments = assessments.Count,
                attached_assessments = attached.Count,
                panel = panelPath, panel_firm_years = panelRows, panel_report = panelReportPath,
            }) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        terminal.Out.MarkupLineInterpolated($"Imported {cases.Count} firms and {batch.Operations.Count} operations from [bold]{inputs}[/]");
        terminal.Out.MarkupLineInterpolated($"Imported {interviews.Sources} interview transcripts with {interviews.Codings} codings by {string.Join(" and ", interviews.Coders)}; {interviews.EvidenceLinks} coded quotations linked as evidence for operations, {interviews.ConnectionLinks} for connections");
        if (interviews.Agreement is { } agreement && interviews.Coders.Count == 2)
            terminal.Out.MarkupLineInterpolated($"Inter-coder agreement (all codes, character by character): kappa {agreement.Kappa.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}; see twoway agreement {studyPath} {interviews.Coders[0]} {interviews.Coders[1]}");
        terminal.Out.MarkupLineInterpolated($"Support programmes ({catalogue.Programmes.Length}) and self-assessments ({assessments.Count}; {attached.Count} attached to study firms {string.Join(", ", attached.Select(a => a.Firm))}) from [bold]{policyInputs}[/]");
        terminal.Out.MarkupLineInterpolated($"Simulated a fictional panel of {panelRows:N0} firm-years ({PanelFirms:N0} firms) into [bold]{panelPath}[/] and analysed it with DuckDB");
        terminal.Out.MarkupLineInterpolated($"Study file: [bold]{studyPath}[/]");
        terminal.Out.MarkupLineInterpolated($"Report:     [bold]{reportPath}[/]");
        terminal.Out.MarkupLineInterpolated($"Panel report: [bold]{panelReportPath}[/]");
        terminal.Out.MarkupLineInterpolated($"{analysis.CrossCase.Answer}");
        terminal.Out.MarkupLineInterpolated($"Next: twoway analyze {studyPath}");
        return ExitCodes.Ok;
    }

    private static void WriteSample(string name, string path)
    {
        using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo file {name} is missing from this build.");
        using var file = File.Create(path);
        resource.CopyTo(file);
    }
}
