using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Files;
using TwoWay.Application.Policy;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Policy;

namespace TwoWay.Cli.Commands;

public sealed class CoverageSettings : CatalogueSettings
{
    [CommandOption("--panel <FILE>")]
    [Description("Firm-year trade panel as for `twoway panel analyze` (CSV, Parquet or a folder of Parquet; firm_id, year, import_value, export_value): states and stages of --year are derived.")]
    public string? Panel { get; init; }

    [CommandOption("--firm-column <NAME>")] [Description("With --panel: the firm id column.")] [DefaultValue("firm_id")] public string FirmColumn { get; init; } = "firm_id";
    [CommandOption("--year-column <NAME>")] [Description("With --panel: the year column.")] [DefaultValue("year")] public string YearColumn { get; init; } = "year";
    [CommandOption("--import-column <NAME>")] [Description("With --panel: the import value column.")] [DefaultValue("import_value")] public string ImportColumn { get; init; } = "import_value";
    [CommandOption("--export-column <NAME>")] [Description("With --panel: the export value column.")] [DefaultValue("export_value")] public string ExportColumn { get; init; } = "export_value";

    [CommandOption("--study <STUDY>")]
    [Description("A study project file (or PostgreSQL connection string): its firms, with states and stages from their operations.")]
    public string? Study { get; init; }

    [CommandOption("--year <YEAR>")]
    [Description("With --panel or --study: the year whose firms are counted (default: the latest; for --study its reference year if set).")]
    public int? Year { get; init; }

    [CommandOption("--population <FILE>")]
    [Description("Population groups (trader_state, outward_stage, inward_stage, firms).")]
    public string? Population { get; init; }

    [CommandOption("--assessments <FILE>")]
    [Description("Batch self-assessment answers (as for `twoway assess batch`): the assessed firms are the population.")]
    public string? Assessments { get; init; }

    internal override IReadOnlyList<ProtectedFile> Inputs =>
    [
        .. base.Inputs, .. ProtectedFile.Study(Study ?? ""), .. ProtectedFile.Input(Panel, "the panel"),
        .. ProtectedFile.Input(Population, "the population file"), .. ProtectedFile.Input(Assessments, "the assessments file"),
    ];

    [CommandOption("--questionnaire <FILE>")]
    [Description("With --assessments: the questionnaire definition (default: built-in).")]
    public string? Questionnaire { get; init; }

    public override ValidationResult Validate()
    {
        var given = new[] { Study, Panel, Population, Assessments }.Count(s => s is not null);
        if (given != 1) return ValidationResult.Error("Give the population with exactly one of --study, --panel, --population or --assessments.");
        if (Year is not null && Panel is null && Study is null) return ValidationResult.Error("--year goes with --panel or --study.");
        if (Year is < YearMonth.MinYear or > YearMonth.MaxYear) return ValidationResult.Error($"--year must be between {YearMonth.MinYear} and {YearMonth.MaxYear}.");
        return ValidationResult.Success();
    }

    /// <summary>The one population the options name (<see cref="Validate"/> has checked there is exactly one).</summary>
    internal CoveragePopulation ToPopulation() =>
        Study is { } study ? new CoveragePopulation.StudyFirms(study, Year)
        : Panel is { } panel ? new CoveragePopulation.PanelYear(panel, Year) { FirmColumn = FirmColumn, YearColumn = YearColumn, ImportColumn = ImportColumn, ExportColumn = ExportColumn }
        : Population is { } groups ? new CoveragePopulation.GroupsFile(groups)
        : new CoveragePopulation.AssessedFirms(Assessments!, Questionnaire);
}

[Description("Coverage of a firm population by a programme catalogue.")]
public sealed class CoverageCommand(Terminal terminal) : AsyncCommand<CoverageSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CoverageSettings settings, CancellationToken cancellationToken)
    {
        settings.CheckHtml();
        var service = new PolicyService();
        var request = new CoverageRequest(settings.Catalogue, settings.ToPopulation(), settings.Sheet, Html: settings.Html is not null);
        // Reading a panel can take a while: a status line on an interactive terminal.
        var report = settings.Panel is { } panel && terminal.Interactive
            ? await terminal.Error.Status().StartAsync("reading " + panel,
                ctx => service.CoverageAsync(request with { Progress = new StatusProgress(ctx) }, cancellationToken))
            : await service.CoverageAsync(request, cancellationToken);
        settings.WriteHtml(report.Html!);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(report.Result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, report.Result);
        return ExitCodes.Ok;
    }

    private sealed class StatusProgress(StatusContext ctx) : IProgress<string>
    {
        public void Report(string value) => ctx.Status(Markup.Escape(value));
    }

    internal static void Print(IAnsiConsole o, CoverageResult r)
    {
        static string Gap(bool gap) => gap ? "[red]GAP[/]" : "no";
        o.MarkupLineInterpolated($"[bold]Population:[/] {r.Population}, {PolicyText.Firms(r.TotalFirms)} firms; [bold]catalogue:[/] {Display.Count(r.Programmes)} programmes");
        var states = new Table().Title("Trader states: need (share of firms) vs supply (programmes open)")
            .AddColumns("trader state", "firms", "share of firms", "programmes open", "share of programmes", "gap");
        foreach (var s in r.States)
            states.AddRow(PolicyText.Code(s.State), PolicyText.Firms(s.Firms), Display.Share(s.Share), Display.Count(s.ProgrammeCount),
                Display.Share(s.ProgrammeShare), Gap(s.Gap));
        o.Write(states);
        var stages = new Table().Title("Stages: need vs supply").AddColumns("direction", "stage", "firms", "share of firms", "programmes open", "share of programmes", "gap");
        foreach (var s in r.Stages)
            stages.AddRow(s.Direction.Code(), PolicyText.Code(s.Stage), PolicyText.Firms(s.Firms), Display.Share(s.Share),
                Display.Count(s.ProgrammeCount), Display.Share(s.ProgrammeShare), Gap(s.Gap));
        o.Write(stages);
        if (r.Trajectories.Count > 0)
        {
            var t = new Table().Title("Trajectories (case analyses): need vs supply")
                .AddColumns("trajectory", "firms", "share of firms", "firms unserved", "programmes open", "gap");
            foreach (var x in r.Trajectories)
                t.AddRow(PolicyText.Code(x.Trajectory), PolicyText.Firms(x.Firms), Display.Share(x.Share), PolicyText.Firms(x.UnservedFirms),
                    Display.Count(x.ProgrammeCount), Gap(x.Gap));
            o.Write(t);
        }
        if (r.Levels.Count > 0)
        {
            var t = new Table().Title("Establishment-chain stages 0–3 (case analyses): need vs supply")
                .AddColumns("direction", "stage", "meaning", "firms", "share of firms", "firms unserved", "programmes open", "gap");
            foreach (var x in r.Levels)
                t.AddRow(x.Direction.Code(), Display.Count(x.Number), PolicyText.Esc(x.Label), PolicyText.Firms(x.Firms),
                    Display.Share(x.Share), PolicyText.Firms(x.UnservedFirms), Display.Count(x.ProgrammeCount), Gap(x.Gap));
            o.Write(t);
        }
        o.MarkupLineInterpolated($"[bold]Firms no programme is open to:[/] {PolicyText.Firms(r.UnservedFirms)} ({Display.Share(r.UnservedShare)})");
        o.MarkupLineInterpolated($"[bold]Bridging programmes[/] (open to import-only firms, supporting a first outward mode): {Display.Count(r.BridgingCount)} for the {Display.Share(r.ImportOnlyShare)} of firms that import only{(r.BridgingCount > 0 ? ": " + string.Join(", ", r.BridgingProgrammes) : "")}");
        if (r.Gaps.Count == 0) o.MarkupLine("No gaps: every firm, state and stage has at least one programme open to it.");
        foreach (var g in r.Gaps) o.MarkupLineInterpolated($"[red]gap:[/] {g}");
    }
}
