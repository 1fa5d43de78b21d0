using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Storage;

namespace TwoWay.Cli.Commands;

/// <summary>The study's project file and its case data: init, import, export, template, firms.</summary>
public static class StudyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<InitCommand>("init")
            .WithDescription("Create a new, empty study project file (refuses to overwrite an existing file).")
            .WithExample("init", "study.twoway");
        config.AddCommand<ImportCommand>("import")
            .WithDescription("Import firms and operations from CSV/TSV/XLSX files, all or nothing.")
            .WithExample("import", "study.twoway", "firms.csv", "operations.xlsx")
            .WithExample("import", "study.twoway", "cases.xlsx", "--replace");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export all firms and operations to CSV (two files) or one XLSX workbook, in the import format.")
            .WithExample("export", "study.twoway", "cases.xlsx");
        config.AddCommand<TemplateCommand>("template")
            .WithDescription("Write an empty input file whose header comments (CSV) or About sheet (XLSX) explain each column: firms, operations (a study), programmes (a policy catalogue) or answers (batch self-assessment).")
            .WithExample("template", "operations", "operations.csv")
            .WithExample("template", "programmes", "catalogue.xlsx");
        config.AddCommand<FirmsCommand>("firms")
            .WithDescription("List the firms of a study with their numbers of inward and outward operations.")
            .WithExample("firms", "study.twoway", "--json");
    }

    internal static CaseTableKind? ParseKind(string? text) =>
        text is null ? null : Codes.TryParse<CaseTableKind>(text, out var k) ? k : null;

    internal static ValidationResult ValidateKind(string? text, string option) =>
        text is null || ParseKind(text) is not null
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} must be 'firms' or 'operations', not '{text}'.");
}

public class StudySettings : CommandSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study: a .twoway project file, or a PostgreSQL connection string (Host=...;Database=...).")]
    public string Study { get; init; } = "";
}

[Description("Create a new, empty study.")]
public sealed class InitCommand(Terminal terminal) : Command<StudySettings>
{
    public override int Execute(CommandContext context, StudySettings settings, CancellationToken cancellationToken)
    {
        using var study = Storage.Study.Create(settings.Study);
        terminal.Out.MarkupLineInterpolated($"Created study [bold]{study.Location.Display}[/]. Next: 'twoway template firms firms.csv', fill it in, then 'twoway import {study.Location.Display} firms.csv'.");
        return ExitCodes.Ok;
    }
}

public sealed class ImportSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";

    [CommandArgument(1, "<files>")]
    [Description("Firms and/or operations files (.csv, .tsv, .xlsx). An .xlsx workbook may hold 'firms' and 'operations' sheets.")]
    public string[] Files { get; init; } = [];

    [CommandOption("--kind <KIND>")]
    [Description("firms or operations: what the files hold, when their header does not tell.")]
    public string? Kind { get; init; }

    [CommandOption("--replace")]
    [Description("Update firms and operations whose id is already stored (default: refuse the whole import).")]
    public bool Replace { get; init; }

    public override ValidationResult Validate() => StudyCommands.ValidateKind(Kind, "--kind");
}

[Description("Import firms and operations, all or nothing.")]
public sealed class ImportCommand(Terminal terminal) : Command<ImportSettings>
{
    public sealed record ImportResult(string Study, IReadOnlyList<string> Files, int FirmsAdded, int FirmsReplaced, int OperationsAdded, int OperationsReplaced);

    public override int Execute(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        using var study = Storage.Study.Open(settings.Study);
        var ids = study.Ids();
        var target = new ImportTarget(ids.Firms, ids.Operations, settings.Replace);
        var mode = settings.Replace ? SaveMode.Replace : SaveMode.AddOnly;
        SaveSummary summary;
        if (terminal.Interactive)
        {
            summary = terminal.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var reading = ctx.AddTask("reading and checking", maxValue: 1).IsIndeterminate();
                    var batch = CaseImport.Read(settings.Files, target, StudyCommands.ParseKind(settings.Kind));
                    reading.IsIndeterminate(false).Value(1);
                    var storing = ctx.AddTask("storing", maxValue: Math.Max(1, batch.Firms.Count + batch.Operations.Count));
                    return study.Save(batch.FirmValues, batch.OperationValues, mode, new SyncProgress(n => storing.Value(n)));
                });
        }
        else
        {
            var batch = CaseImport.Read(settings.Files, target, StudyCommands.ParseKind(settings.Kind));
            summary = study.Save(batch.FirmValues, batch.OperationValues, mode);
        }

        var result = new ImportResult(study.Location.Display, settings.Files, summary.FirmsAdded, summary.FirmsReplaced,
            summary.OperationsAdded, summary.OperationsReplaced);
        if (settings.Json)
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(result) + Environment.NewLine);
        else
            terminal.Out.MarkupLineInterpolated(
                $"Imported into [bold]{result.Study}[/]: {result.FirmsAdded} firms added, {result.FirmsReplaced} replaced; {result.OperationsAdded} operations added, {result.OperationsReplaced} replaced.");
        return ExitCodes.Ok;
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool, too late for a progress bar).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

public sealed class ExportSettings : StudySettings
{
    [CommandArgument(1, "<file>")]
    [Description("out.xlsx (one workbook) or out.csv (writes out-firms.csv and out-operations.csv).")]
    public string File { get; init; } = "";

    [CommandOption("--kind <KIND>")]
    [Description("firms or operations: write only that table, to exactly the given file.")]
    public string? Kind { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite files that exist.")]
    public bool Force { get; init; }

    public override ValidationResult Validate() =>
        !new[] { ".csv", ".tsv", ".xlsx" }.Contains(Path.GetExtension(File).ToLowerInvariant())
            ? ValidationResult.Error($"the export file must end in .csv, .tsv or .xlsx, not '{File}'.")
            : StudyCommands.ValidateKind(Kind, "--kind");
}

[Description("Export firms and operations in the import format.")]
public sealed class ExportCommand(Terminal terminal) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        // Checked before anything is written, so an export never replaces half of an earlier one.
        var kind = StudyCommands.ParseKind(settings.Kind);
        if (!settings.Force && CaseExport.Targets(settings.File, kind).Select(t => t.File).FirstOrDefault(File.Exists) is { } existing)
            throw new InputException(existing, null, null, "the file already exists; choose another name or pass --force to overwrite it");
        using var study = Storage.Study.Open(settings.Study);
        var cases = study.LoadCases();
        var files = CaseExport.Write(settings.File, cases, kind);
        terminal.Out.MarkupLineInterpolated($"Exported {cases.Count} firms and {cases.Sum(c => c.Operations.Length)} operations to {string.Join(", ", files)}.");
        return ExitCodes.Ok;
    }
}

public sealed class TemplateSettings : CommandSettings
{
    [CommandArgument(0, "<kind>")]
    [Description("firms or operations (study), programmes or answers (policy and self-assessment).")]
    public string Kind { get; init; } = "";

    [CommandArgument(1, "<file>")]
    [Description("The file to write: .csv (column notes as '#' lines) or .xlsx (an About sheet).")]
    public string File { get; init; } = "";

    [CommandOption("--force")]
    [Description("Overwrite the file if it exists.")]
    public bool Force { get; init; }

    [CommandOption("--questionnaire <FILE>")]
    [Description("With answers: the questionnaire definition (JSON) whose items become columns; default: the built-in one.")]
    public string? Questionnaire { get; init; }

    public override ValidationResult Validate() =>
        StudyCommands.ParseKind(Kind) is null && !PolicyCommands.IsTemplateKind(Kind)
            ? ValidationResult.Error($"the template kind must be 'firms', 'operations', 'programmes' or 'answers', not '{Kind}'.")
            : Questionnaire is not null && !Kind.Trim().Equals("answers", StringComparison.OrdinalIgnoreCase)
                ? ValidationResult.Error("--questionnaire goes with the answers template.")
            : !new[] { ".csv", ".tsv", ".xlsx" }.Contains(Path.GetExtension(File).ToLowerInvariant())
                ? ValidationResult.Error($"the template file must end in .csv, .tsv or .xlsx, not '{File}'.")
                : ValidationResult.Success();
}

[Description("Write an empty, documented firms, operations, programmes or answers file.")]
public sealed class TemplateCommand(Terminal terminal) : Command<TemplateSettings>
{
    public override int Execute(CommandContext context, TemplateSettings settings, CancellationToken cancellationToken)
    {
        if (File.Exists(settings.File) && !settings.Force)
            throw new InputException(settings.File, null, null, "the file already exists; choose another name or pass --force to overwrite it");
        if (StudyCommands.ParseKind(settings.Kind) is { } caseKind) CaseExport.WriteTemplate(settings.File, caseKind);
        else PolicyCommands.WriteTemplate(settings.Kind, settings.File, settings.Questionnaire);
        terminal.Out.MarkupLineInterpolated($"Wrote the {settings.Kind.ToLowerInvariant()} template {settings.File}.");
        return ExitCodes.Ok;
    }
}

public sealed class FirmsSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";
}

[Description("List the firms of a study.")]
public sealed class FirmsCommand(Terminal terminal) : Command<FirmsSettings>
{
    public sealed record FirmRow(string FirmId, string Name, string HomeCountry, string? Sector, SizeClass? Size, int? FoundingYear,
        IReadOnlyDictionary<string, string> Attributes, int InwardOperations, int OutwardOperations);

    public override int Execute(CommandContext context, FirmsSettings settings, CancellationToken cancellationToken)
    {
        using var study = Storage.Study.Open(settings.Study);
        var counts = study.OperationCounts();
        var rows = study.LoadFirms().Select(f =>
        {
            var (inward, outward) = counts.TryGetValue(f.Id, out var c) ? c : (0, 0);
            return new FirmRow(f.Id.Value, f.Name, f.HomeCountry.Value, f.Sector, f.Size, f.FoundingYear, f.Attributes, inward, outward);
        }).ToList();
        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(new { firms = rows }) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        if (rows.Count == 0)
        {
            terminal.Out.WriteLine("The study has no firms yet. Import some with 'twoway import STUDY firms.csv'.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("firm", "name", "home", "sector", "size", "founded", "inward ops", "outward ops");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.FirmId), Markup.Escape(r.Name), r.HomeCountry, Markup.Escape(r.Sector ?? ""),
                r.Size is { } s ? Codes.Of(s) : "", r.FoundingYear?.ToString() ?? "", r.InwardOperations.ToString(), r.OutwardOperations.ToString());
        terminal.Out.Write(table);
        terminal.Out.WriteLine($"{rows.Count} firms.");
        return ExitCodes.Ok;
    }
}
