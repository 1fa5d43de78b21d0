using TwoWay.Application.Interviews;
using System.Globalization;
using TwoWay.Application.Cases;
using TwoWay.Application.Files;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Panels;
using TwoWay.Policy.Files;
using TwoWay.Reports.Html;
using TwoWay.Storage;
using TwoWay.Storage.Assessments;

namespace TwoWay.Application.Reports;

/// <summary>
/// `twoway demo`: the main job on the bundled fictional study. Writes the sample files to
/// DIR/demo-study and DIR/policy, imports them through the normal import pipeline into
/// DIR/demo.twoway (with the interviews and the attached self-assessments), analyses every case and
/// writes DIR/report.html. It also simulates a fictional firm-year panel (DIR/panel/panel.parquet,
/// the documented data-generating process with a known import→export effect) and analyses it
/// in-process with DuckDB into DIR/panel-report.html. Rerunnable: in a folder that holds an earlier
/// demo it replaces exactly these outputs; another non-empty folder is refused unless forced.
/// </summary>
public sealed class DemoService(DemoSamples samples)
{
    public const string StudyFile = "demo.twoway";
    public const string ReportFile = "report.html";
    public const string InputFolder = "demo-study";
    public const string InterviewFolder = "interviews";
    public const string PolicyFolder = "policy";
    public const string PanelFolder = "panel";
    public const string PanelReportFile = "panel-report.html";

    // The demo panel: small enough to take seconds, large enough for stable estimates.
    private const int PanelFirms = 20_000, PanelYears = 15, PanelSeed = 2026;
    private const double PanelHazardRatio = 1.8;
    private static readonly string[] Samples = ["firms.csv", "operations.csv", "README.md"];
    private static readonly string[] PolicySamples = ["catalogue.csv", "assessments/firm-1.json", "assessments/firm-2.json", "assessments/firm-3.json", "assessments/batch.csv",
        "assessments/AM-01.json", "assessments/BY-01.json"];

    private const string Title = "TwoWay demo study: inward and outward internationalization of eleven SMEs";
    private const string Notice = "All firms, partners, figures, interviews, quotations, support programmes and self-assessments in this study are fictional; they were invented to demonstrate TwoWay.";

    public async Task<DemoResult> RunAsync(DemoRequest request, CancellationToken cancellationToken = default)
    {
        var dir = Path.GetFullPath(request.Out);
        if (File.Exists(dir))
            throw new InputException(request.Out, null, "--out", "is a file; give a folder");
        CheckFolder(request, dir);
        var studyPath = Path.Combine(dir, StudyFile);
        var inputs = Path.Combine(dir, InputFolder);
        var interviewInputs = Path.Combine(inputs, InterviewFolder);
        var policyInputs = Path.Combine(dir, PolicyFolder);
        WriteSamples(inputs, interviewInputs, policyInputs);

        // Validate the whole import before touching the previous outputs.
        var batch = CaseImport.Read([Path.Combine(inputs, "firms.csv"), Path.Combine(inputs, "operations.csv")], ImportTarget.Empty);
        // The policy lens reads its samples through the same readers a user's files go through.
        var catalogue = CatalogueFile.Read(Path.Combine(policyInputs, "catalogue.csv"));
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
        cancellationToken.ThrowIfCancellationRequested();

        foreach (var own in new[] { studyPath, studyPath + "-wal", studyPath + "-shm", studyPath + "-journal" })
            if (File.Exists(own)) File.Delete(own);
        DemoInterviewCounts counts;
        StudyReportContents contents;
        using (var study = Study.Create(studyPath))
        {
            study.Save(batch.FirmValues, batch.OperationValues);
            var imported = await DemoInterviewImport.ImportAsync(study, interviewInputs, cancellationToken).ConfigureAwait(false);
            counts = new DemoInterviewCounts(imported.Sources, imported.Codes, imported.Codings, imported.Coders, imported.EvidenceLinks, imported.Agreement);
            foreach (var a in attached)
                study.AttachAssessment(new FirmId(a.Firm!), questionnaire.Id, questionnaire.Version, Path.GetFileName(a.Path), File.ReadAllText(a.Path));
            if (counts.Coders.Count > 0)
            {
                // The connections the rules find are linked before the report reads the evidence.
                var cases = study.LoadCases();
                var profiles = StudyAnalysis.Of(studyPath, cases, AsOf.Default(cases)).Firms;
                counts = counts with { ConnectionLinks = await DemoInterviewImport.LinkConnectionsAsync(study, profiles, counts.Coders[0], cancellationToken).ConfigureAwait(false) };
            }
            contents = await StudyReportContents.ReadAsync(study, studyPath, year: null, cancellationToken).ConfigureAwait(false);
        }

        var sections = new List<ReportSection>();
        if (contents.Interviews is { } interviewSection) sections.Add(interviewSection);
        sections.AddRange(contents.PolicySections(catalogue, "catalogue.csv (fictional)"));
        sections.Add(PolicyReportBuilder.Assessments(assessments,
            $"fictional: {attached.Count} attached to the study's firms ({string.Join(", ", attached.Select(a => a.Firm))}), {assessments.Count - attached.Count} sample firms outside the study"));
        var reportPath = Path.Combine(dir, ReportFile);
        var studyFiles = ProtectedFile.Study(studyPath);
        OutputFile.WriteText(reportPath, contents.Render(Title, pseudonymize: false, Notice, sections), "--out", force: true, studyFiles);

        var panelPath = Path.Combine(dir, PanelFolder, "panel.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(panelPath)!);
        long panelRows = 0;
        OutputFile.Write(panelPath, temp => panelRows = PanelWriter.Write(PanelSimulation.Generate(PanelFirms, PanelYears, PanelSeed, PanelHazardRatio), temp),
            "--out", force: true, studyFiles);
        cancellationToken.ThrowIfCancellationRequested();
        PanelAnalysis panel;
        using (var engine = new PanelEngine())
        {
            engine.Load(new PanelInput(panelPath) { Covariates = ["sector", "size_class", "region"] });
            panel = engine.Analyze(Statistics.Ties.Efron);
            // The scale-out path's cells file, as a data holder's engine would return it (docs/panel-data.md).
            OutputFile.Write(Path.Combine(dir, PanelFolder, "cells.csv"), temp => engine.WriteCells(temp), "--out", force: true, studyFiles);
        }
        var panelReportPath = Path.Combine(dir, PanelReportFile);
        OutputFile.WriteText(panelReportPath, SectionedHtmlReport.Render(PanelReportBuilder.Build(panel,
            $"Fictional simulated panel ({PanelFirms:N0} firms, {PanelYears} years, seed {PanelSeed}, true import→export hazard ratio {PanelHazardRatio.ToString(CultureInfo.InvariantCulture)}): do importers become exporters?")),
            "--out", force: true, studyFiles);

        return new DemoResult(studyPath, reportPath, inputs, contents.Cases.Count, batch.Operations.Count, contents.Analysis.AsOfYear, counts,
            policyInputs, catalogue.Programmes.Length, assessments.Count, attached.Count, panelPath, panelRows, panelReportPath)
        {
            AttachedFirms = attached.Select(a => a.Firm!).ToList(),
            Answer = contents.Analysis.CrossCase.Answer,
            PanelFirms = PanelFirms,
        };
    }

    /// <summary>
    /// The demo writes into an empty or new folder, or one holding an earlier demo (its study file and
    /// sample folder), whose outputs it replaces; any other folder with files in it only with --force.
    /// </summary>
    private static void CheckFolder(DemoRequest request, string dir)
    {
        if (request.Force || !Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir).Any()) return;
        if (File.Exists(Path.Combine(dir, StudyFile)) && Directory.Exists(Path.Combine(dir, InputFolder))) return;
        throw new InputException(request.Out, null, "--out",
            "the folder is not empty and holds no earlier demo; choose a new or empty folder, or pass --force to write the demo's files into it");
    }

    private void WriteSamples(string inputs, string interviewInputs, string policyInputs)
    {
        Directory.CreateDirectory(inputs);
        foreach (var name in Samples) samples.CopyTo(InputFolder + "/" + name, Path.Combine(inputs, name));
        var interviewPrefix = InputFolder + "/" + InterviewFolder + "/";
        Directory.CreateDirectory(interviewInputs);
        foreach (var name in samples.Names.Where(n => n.StartsWith(interviewPrefix, StringComparison.Ordinal)))
            samples.CopyTo(name, Path.Combine(interviewInputs, name[interviewPrefix.Length..]));
        Directory.CreateDirectory(Path.Combine(policyInputs, "assessments"));
        foreach (var name in PolicySamples) samples.CopyTo(PolicyFolder + "/" + name, Path.Combine(policyInputs, name));
    }
}
