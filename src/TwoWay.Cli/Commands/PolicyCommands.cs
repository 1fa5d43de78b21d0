using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Assessment;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Panels;
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
    public static readonly IReadOnlyList<string> TemplateKinds = ["programmes", "answers"];

    public static bool IsTemplateKind(string? kind) => kind is not null && TemplateKinds.Contains(kind.Trim().ToLowerInvariant());

    /// <summary>
    /// `template programmes FILE`: an annotated catalogue; `template answers FILE`: a batch answers
    /// file for <paramref name="questionnaire"/> (a definition file) or the built-in questionnaire.
    /// </summary>
    public static void WriteTemplate(string kind, string file, string? questionnaire)
    {
        if (kind.Trim().Equals("programmes", StringComparison.OrdinalIgnoreCase)) CatalogueFile.WriteTemplate(file);
        else BatchFile.WriteTemplate(file, questionnaire is { } q ? QuestionnaireFile.Read(q) : BuiltIn.Questionnaire());
    }

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

    internal static string Pct(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    internal static string Num(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    internal static string Code<T>(T value) where T : struct, Enum => Vocabulary<T>.Code(value);

    internal static string Esc(string? text) => Markup.Escape(text ?? "");
}

public class CatalogueSettings : OutputSettings
{
    [CommandArgument(0, "<CATALOGUE>")]
    [Description("Programme catalogue (.csv, .tsv or .xlsx; columns: docs/policy.md, template: `twoway template programmes`).")]
    public string Catalogue { get; init; } = "";

    [CommandOption("--sheet <SHEET>")]
    [Description("For an .xlsx catalogue: the sheet to read (default: the first).")]
    public string? Sheet { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the result as a self-contained HTML report with charts.")]
    public string? Html { get; init; }

    internal string Title => "Support programmes: " + Path.GetFileName(Catalogue);
}

[Description("Portfolio of a programme catalogue.")]
public sealed class PortfolioCommand(Terminal terminal) : Command<CatalogueSettings>
{
    public override int Execute(CommandContext context, CatalogueSettings settings, CancellationToken cancellationToken)
    {
        var result = PortfolioAnalysis.Analyse(CatalogueFile.Read(settings.Catalogue, settings.Sheet));
        if (settings.Html is { } html)
            ReportWriter.WriteHtml(html, SectionedHtmlReport.Render(new SectionedReport(settings.Title, $"{result.Programmes} programmes",
                [PolicyReportBuilder.Portfolio(result, Path.GetFileName(settings.Catalogue))])), "--html");
        if (settings.Json)
        {
            terminal.WriteRaw(Json.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, result);
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, PortfolioResult r)
    {
        o.MarkupLineInterpolated($"[bold]Programmes:[/] {r.Programmes} ({r.Outward} outward, {r.Inward} inward, {r.Both} both directions)");
        o.MarkupLineInterpolated($"[bold]Export-only by count:[/] {PolicyCommands.Pct(r.ExportOnlyShareByCount)} ({r.ExportOnly} of {r.Programmes})");
        var budget = r.ProgrammesWithBudget == 0
            ? "– (no budget known)"
            : $"{PolicyCommands.Pct(r.ExportOnlyShareByBudget)} ({r.ExportOnlyBudget:N0} of {r.TotalBudget:N0} {r.BudgetCurrency}, over the {r.ProgrammesWithBudget} programmes with a known budget)";
        o.MarkupLineInterpolated($"[bold]Export-only by budget:[/] {budget}");
        o.MarkupLineInterpolated($"[dim]Definition: {r.ExportOnlyDefinition}[/]");
        o.MarkupLineInterpolated($"[bold]Bridging programmes[/] (open to import-only firms, supporting a first outward mode): {r.Bridging}");
        o.WriteLine();
        o.Write(Matrix("instrument", r.DirectionByInstrument));
        o.Write(Matrix("mechanism", r.DirectionByMechanism));
        o.Write(Matrix("barrier group", r.BarrierCoverage, internalColumn: true));
        if (r.UncoveredBarriers.Count > 0)
            o.MarkupLineInterpolated($"[yellow]Barrier groups no programme addresses:[/] {string.Join(", ", r.UncoveredBarriers.Select(PolicyCommands.Code))}");
    }

    private static Table Matrix<T>(string what, IReadOnlyList<DirectionCounts<T>> rows, bool internalColumn = false) where T : struct, Enum
    {
        var t = new Table().Title($"Direction × {what} (programmes)").AddColumn(what);
        if (internalColumn) t.AddColumn("group");
        t.AddColumns(new TableColumn("outward").RightAligned(), new TableColumn("inward").RightAligned(),
            new TableColumn("both").RightAligned(), new TableColumn("total").RightAligned());
        foreach (var r in rows)
        {
            var cells = new List<string> { PolicyCommands.Code(r.Category) };
            if (internalColumn) cells.Add(r.Category is BarrierGroup g && g.IsInternal() ? "internal" : "external");
            cells.AddRange([r.Outward.ToString(CultureInfo.InvariantCulture), r.Inward.ToString(CultureInfo.InvariantCulture),
                r.Both.ToString(CultureInfo.InvariantCulture), r.Total == 0 ? "[yellow]0[/]" : r.Total.ToString(CultureInfo.InvariantCulture)]);
            t.AddRow(cells.ToArray());
        }
        return t;
    }
}

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
    [Description("With --panel or --study: the year whose firms are counted (default: the latest).")]
    public int? Year { get; init; }

    [CommandOption("--population <FILE>")]
    [Description("Population groups (trader_state, outward_stage, inward_stage, firms).")]
    public string? Population { get; init; }

    [CommandOption("--assessments <FILE>")]
    [Description("Batch self-assessment answers (as for `twoway assess batch`): the assessed firms are the population.")]
    public string? Assessments { get; init; }

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
}

[Description("Coverage of a firm population by a programme catalogue.")]
public sealed class CoverageCommand(Terminal terminal) : Command<CoverageSettings>
{
    public override int Execute(CommandContext context, CoverageSettings settings, CancellationToken cancellationToken)
    {
        var catalogue = CatalogueFile.Read(settings.Catalogue, settings.Sheet);
        Population population;
        if (settings.Study is { } study)
        {
            var cases = StudyLoading.Load(study, null);
            population = YearlyActivity.FromCases(cases, StudyAnalysis.Of(study, cases, settings.Year).Firms, Path.GetFileName(study));
        }
        else if (settings.Panel is { } panel) population = PanelPopulation(panel, settings);
        else if (settings.Population is { } groups) population = PopulationFile.ReadGroups(groups);
        else
        {
            var q = settings.Questionnaire is { } qp ? QuestionnaireFile.Read(qp) : BuiltIn.Questionnaire();
            var scorer = new Scorer(q);
            var loaded = BatchFile.Read(settings.Assessments!, q);
            population = PopulationSummary.ToPopulation($"{Path.GetFileName(settings.Assessments)} (self-assessments)", loaded.Sheets.Select(scorer.Score));
        }
        var result = CoverageAnalysis.Analyse(catalogue, population);
        if (settings.Html is { } html)
            ReportWriter.WriteHtml(html, SectionedHtmlReport.Render(new SectionedReport(settings.Title, $"{result.Programmes} programmes; population: {result.Population}",
                [PolicyReportBuilder.Portfolio(PortfolioAnalysis.Analyse(catalogue), Path.GetFileName(settings.Catalogue)), PolicyReportBuilder.Coverage(result)])), "--html");
        if (settings.Json)
        {
            terminal.WriteRaw(Json.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, result);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The firms of a trade panel in one year, read and validated by the panel analytics' engine
    /// (DuckDB), grouped by state and new/occasional/regular stage per direction (one rule:
    /// <see cref="YearlyActivity"/>).
    /// </summary>
    private Population PanelPopulation(string path, CoverageSettings s) =>
        PanelCommands.WithStatus(terminal, "reading " + path, progress =>
        {
            using var engine = new PanelEngine { Progress = progress };
            engine.Load(new PanelInput(path) { FirmColumn = s.FirmColumn, YearColumn = s.YearColumn, ImportColumn = s.ImportColumn, ExportColumn = s.ExportColumn });
            var activity = engine.ActivityInWindow(s.Year, YearlyActivity.Window);
            var groups = activity.Rows.Select(YearlyActivity.Classify);
            return new Population($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} (panel, {activity.Year.ToString(CultureInfo.InvariantCulture)})",
                YearlyActivity.Merge(groups).ToList());
        });

    internal static void Print(IAnsiConsole o, CoverageResult r)
    {
        o.MarkupLineInterpolated($"[bold]Population:[/] {r.Population}, {PolicyCommands.Num(r.TotalFirms, "0.##")} firms; [bold]catalogue:[/] {r.Programmes} programmes");
        var states = new Table().Title("Trader states: need (share of firms) vs supply (programmes open)")
            .AddColumns("trader state", "firms", "share of firms", "programmes open", "share of programmes", "");
        foreach (var s in r.States)
            states.AddRow(PolicyCommands.Code(s.State), PolicyCommands.Num(s.Firms, "0.##"), PolicyCommands.Pct(s.Share), s.ProgrammeCount.ToString(CultureInfo.InvariantCulture),
                PolicyCommands.Pct(s.ProgrammeShare), s.Gap ? "[red]GAP[/]" : "");
        o.Write(states);
        var stages = new Table().Title("Stages: need vs supply").AddColumns("direction", "stage", "firms", "share of firms", "programmes open", "share of programmes", "");
        foreach (var s in r.Stages)
            stages.AddRow(s.Direction.Code(), PolicyCommands.Code(s.Stage), PolicyCommands.Num(s.Firms, "0.##"), PolicyCommands.Pct(s.Share),
                s.ProgrammeCount.ToString(CultureInfo.InvariantCulture), PolicyCommands.Pct(s.ProgrammeShare), s.Gap ? "[red]GAP[/]" : "");
        o.Write(stages);
        if (r.Trajectories.Count > 0)
        {
            var t = new Table().Title("Trajectories (case analyses): need vs supply")
                .AddColumns("trajectory", "firms", "share of firms", "firms unserved", "programmes open", "");
            foreach (var x in r.Trajectories)
                t.AddRow(PolicyCommands.Code(x.Trajectory), PolicyCommands.Num(x.Firms, "0.##"), PolicyCommands.Pct(x.Share), PolicyCommands.Num(x.UnservedFirms, "0.##"),
                    x.ProgrammeCount.ToString(CultureInfo.InvariantCulture), x.Gap ? "[red]GAP[/]" : "");
            o.Write(t);
        }
        if (r.Levels.Count > 0)
        {
            var t = new Table().Title("Establishment-chain stages 0–3 (case analyses): need vs supply")
                .AddColumns("direction", "stage", "meaning", "firms", "share of firms", "firms unserved", "programmes open", "");
            foreach (var x in r.Levels)
                t.AddRow(x.Direction.Code(), x.Number.ToString(CultureInfo.InvariantCulture), PolicyCommands.Esc(x.Label), PolicyCommands.Num(x.Firms, "0.##"),
                    PolicyCommands.Pct(x.Share), PolicyCommands.Num(x.UnservedFirms, "0.##"), x.ProgrammeCount.ToString(CultureInfo.InvariantCulture), x.Gap ? "[red]GAP[/]" : "");
            o.Write(t);
        }
        o.MarkupLineInterpolated($"[bold]Firms no programme is open to:[/] {PolicyCommands.Num(r.UnservedFirms, "0.##")} ({PolicyCommands.Pct(r.UnservedShare)})");
        o.MarkupLineInterpolated($"[bold]Bridging programmes[/] (open to import-only firms, supporting a first outward mode): {r.BridgingCount} for the {PolicyCommands.Pct(r.ImportOnlyShare)} of firms that import only{(r.BridgingCount > 0 ? ": " + string.Join(", ", r.BridgingProgrammes) : "")}");
        if (r.Gaps.Count == 0) o.MarkupLine("No gaps: every firm, state and stage has at least one programme open to it.");
        foreach (var g in r.Gaps) o.MarkupLineInterpolated($"[red]gap:[/] {g}");
    }
}
