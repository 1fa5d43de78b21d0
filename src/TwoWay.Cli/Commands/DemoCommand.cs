using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Interchange.Cases;
using TwoWay.Storage;

namespace TwoWay.Cli.Commands;

/// <summary>
/// `twoway demo`: the main job on the bundled fictional study. Writes the sample files to
/// DIR/demo-study, imports them through the normal import pipeline into DIR/demo.twoway, analyses
/// every case and writes DIR/report.html. Rerunnable: it replaces exactly these outputs.
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
    private static readonly string[] Samples = ["firms.csv", "operations.csv", "README.md"];

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dir = Path.GetFullPath(settings.Out);
        if (File.Exists(dir))
            throw new Input.InputException(settings.Out, null, "--out", "is a file; give a folder");
        var inputs = Path.Combine(dir, InputFolder);
        Directory.CreateDirectory(inputs);
        foreach (var name in Samples) WriteSample(name, Path.Combine(inputs, name));

        // Validate the whole import before touching the previous outputs.
        var batch = CaseImport.Read([Path.Combine(inputs, "firms.csv"), Path.Combine(inputs, "operations.csv")], ImportTarget.Empty);

        var studyPath = Path.Combine(dir, StudyFile);
        foreach (var own in new[] { studyPath, studyPath + "-wal", studyPath + "-shm", studyPath + "-journal" })
            if (File.Exists(own)) File.Delete(own);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var study = Study.Create(studyPath))
            study.Save(batch.FirmValues, batch.OperationValues);

        var cases = StudyLoading.Load(studyPath, null);
        var analysis = StudyAnalysis.Of(studyPath, cases, year: null);
        var reportPath = Path.Combine(dir, ReportFile);
        ReportWriter.Write(reportPath, "TwoWay demo study: inward and outward internationalization of eleven SMEs", cases, analysis,
            pseudonymize: false, notice: "All firms, partners, figures and quotations in this study are fictional; they were invented to demonstrate TwoWay.");

        if (settings.Json)
        {
            terminal.WriteRaw(Json.Serialize(new { study = studyPath, report = reportPath, inputs, firms = cases.Count, operations = batch.Operations.Count, as_of_year = analysis.AsOfYear }) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        terminal.Out.MarkupLineInterpolated($"Imported {cases.Count} firms and {batch.Operations.Count} operations from [bold]{inputs}[/]");
        terminal.Out.MarkupLineInterpolated($"Study file: [bold]{studyPath}[/]");
        terminal.Out.MarkupLineInterpolated($"Report:     [bold]{reportPath}[/]");
        terminal.Out.MarkupLineInterpolated($"{analysis.CrossCase.Answer}");
        terminal.Out.MarkupLineInterpolated($"Next: twoway analyze {studyPath}");
        return ExitCodes.Ok;
    }

    private static void WriteSample(string name, string path)
    {
        using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream(InputFolder + "/" + name)
            ?? throw new InvalidOperationException($"The demo file {name} is missing from this build.");
        using var file = File.Create(path);
        resource.CopyTo(file);
    }
}
