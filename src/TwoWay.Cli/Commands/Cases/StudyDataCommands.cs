using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands;

public sealed class InitSettings : StudySettings
{
    [CommandOption("--as-of <YEAR>")]
    [Description("The study's reference year: every analysis, report and guide is as of the end of this year unless told otherwise (default: the latest year in the data). Change it later with 'twoway study settings'.")]
    public int? AsOf { get; init; }
}

[Description("Create a new, empty study.")]
public sealed class InitCommand(Terminal terminal) : AsyncCommand<InitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var created = await new StudyService(settings.Study).InitAsync(settings.AsOf, cancellationToken);
        var asOf = settings.AsOf is { } y ? $" Analyses are as of {y}." : "";
        terminal.Out.MarkupLineInterpolated($"Created study [bold]{created.Study}[/].{asOf} Next: 'twoway template firms firms.csv', fill it in, then 'twoway import {created.Study} firms.csv'.");
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

    public override ValidationResult Validate() => CaseKinds.Validate(Kind, "--kind");
}

[Description("Import firms and operations, all or nothing.")]
public sealed class ImportCommand(Terminal terminal) : AsyncCommand<ImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        var service = new StudyService(settings.Study);
        var request = new ImportRequest(settings.Files, CaseKinds.Parse(settings.Kind), settings.Replace);
        ImportResult result;
        if (terminal.Interactive)
        {
            result = await terminal.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var reading = ctx.AddTask("reading and checking", maxValue: 1).IsIndeterminate();
                    ProgressTask? storing = null;
                    var progress = new SyncProgress(percent =>
                    {
                        if (storing is null)
                        {
                            reading.IsIndeterminate(false).Value(1);
                            storing = ctx.AddTask("storing", maxValue: 100);
                        }
                        storing.Value(percent);
                    });
                    return await service.ImportAsync(request, progress, cancellationToken);
                });
        }
        else
            result = await service.ImportAsync(request, null, cancellationToken);

        if (settings.Json)
            terminal.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
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
    [Description("Overwrite files that exist (never the study file).")]
    public bool Force { get; init; }

    [CommandOption("--pseudonymize")]
    [Description("Replace firm and partner names by stable pseudonyms (Firm A, Partner 3), also inside evidence references and quotations, as the report's --pseudonymize does.")]
    public bool Pseudonymize { get; init; }

    public override ValidationResult Validate() =>
        !new[] { ".csv", ".tsv", ".xlsx" }.Contains(Path.GetExtension(File).ToLowerInvariant())
            ? ValidationResult.Error($"the export file must end in .csv, .tsv or .xlsx, not '{File}'.")
            : CaseKinds.Validate(Kind, "--kind");
}

[Description("Export firms and operations in the import format.")]
public sealed class ExportCommand(Terminal terminal) : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var result = await new StudyService(settings.Study).ExportAsync(new ExportRequest(settings.File, CaseKinds.Parse(settings.Kind), settings.Force, settings.Pseudonymize), cancellationToken);
        var names = settings.Pseudonymize ? " with pseudonyms" : "";
        terminal.Out.MarkupLineInterpolated($"Exported {result.Firms} firms and {result.Operations} operations{names} to {string.Join(", ", result.Files)}.");
        return ExitCodes.Ok;
    }
}
