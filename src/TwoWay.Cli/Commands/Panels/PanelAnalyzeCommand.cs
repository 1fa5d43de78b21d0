using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Panels;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Panels;
using TwoWay.Statistics;
using static TwoWay.Cli.Commands.Panels.PanelText;

namespace TwoWay.Cli.Commands.Panels;

/// <summary>The panel's column names and covariates: the same options wherever a panel is read or its SQL written.</summary>
public class PanelColumnsSettings : OutputSettings
{
    [CommandOption("--covariates <LIST>")]
    [Description("Comma-separated categorical covariates for Cox and logit, e.g. sector,size_class,region.")]
    public string? Covariates { get; init; }

    [CommandOption("--firm-column <NAME>")]
    [Description("Column holding the firm's id.")]
    [DefaultValue("firm_id")]
    public string FirmColumn { get; init; } = "firm_id";

    [CommandOption("--year-column <NAME>")]
    [Description("Column holding the year (an integer).")]
    [DefaultValue("year")]
    public string YearColumn { get; init; } = "year";

    [CommandOption("--import-column <NAME>")]
    [Description("Column holding the firm's imports that year (a value above 0 means it imported).")]
    [DefaultValue("import_value")]
    public string ImportColumn { get; init; } = "import_value";

    [CommandOption("--export-column <NAME>")]
    [Description("Column holding the firm's exports that year (a value above 0 means it exported).")]
    [DefaultValue("export_value")]
    public string ExportColumn { get; init; } = "export_value";

    [CommandOption("--min-cell <N>")]
    [Description("Disclosure control: hold back every figure resting on 1 to N-1 firms, and one more where needed so it cannot be recovered from a total (10 is a common office rule; docs/panel-data.md).")]
    public int? MinCell { get; init; }

    /// <summary>The panel's location (a file, or a table name) with these columns.</summary>
    public PanelInput Input(string where) => new(where)
    {
        FirmColumn = FirmColumn, YearColumn = YearColumn, ImportColumn = ImportColumn, ExportColumn = ExportColumn,
        Covariates = PanelText.List(Covariates),
    };
}

/// <summary>The column options and the Cox model's ties: for the commands that fit the entry models.</summary>
public class PanelModelSettings : PanelColumnsSettings
{
    [CommandOption("--ties <METHOD>")]
    [Description("Ties in the Cox partial likelihood: efron (default, as R's coxph) or breslow.")]
    [DefaultValue("efron")]
    public string Ties { get; init; } = "efron";

    /// <summary>The chosen ties method.</summary>
    public Statistics.Ties TiesMethod => Ties == "breslow" ? Statistics.Ties.Breslow : Statistics.Ties.Efron;

    public override ValidationResult Validate() =>
        Ties is "efron" or "breslow" ? ValidationResult.Success() : ValidationResult.Error("--ties must be efron or breslow");
}

public sealed class PanelAnalyzeSettings : PanelModelSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("Firm-year panel: CSV, Parquet, or a folder of Parquet files (e.g. partitioned by year); with --table, the PostgreSQL database holding it (Host=…;Database=…;Username=… or postgresql://user@host/database).")]
    public string File { get; init; } = "";

    [CommandOption("--table <NAME>")]
    [Description("Analyse this table (schema.table) inside the PostgreSQL database given as SOURCE: the data never leaves it, only counts and sums come back (docs/panel-data.md).")]
    public string? Table { get; init; }

    [CommandOption("--flows <FILE>")]
    [Description("Firm-country-year flows (firm_id, year, country, flow, value) for country linkage: a file, or with --table a table in the same database.")]
    public string? Flows { get; init; }




    [CommandOption("-o|--out <FILE>")]
    [Description("Also write a self-contained HTML report (charts and tables) to this file.")]
    public string? Out { get; init; }

    [CommandOption("--title <TEXT>")]
    [Description("Report title (default: the panel file's name).")]
    public string? Title { get; init; }

    [CommandOption("--spells-out <FILE>")]
    [Description("Also write the export-entry spell rows (firm, interval, imp_lag = imported the year before, event, covariates) to this CSV, e.g. to check in R.")]
    public string? SpellsOut { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite existing --out and --spells-out files (never the panel or flows file).")]
    public bool Force { get; init; }

    [CommandOption("--memory-limit <SIZE>")]
    [Description("DuckDB memory limit, e.g. 3GB (default: DuckDB's, 80% of RAM). Larger data spills to disk.")]
    public string? MemoryLimit { get; init; }

    [CommandOption("--timings")]
    [Description("Also print the stage timings (seconds) and put them in the HTML report's footer.")]
    public bool Timings { get; init; }

}

[Description("Analyse a firm-year panel.")]
public sealed class PanelAnalyzeCommand(Terminal terminal) : Command<PanelAnalyzeSettings>
{
    public override int Execute(CommandContext context, PanelAnalyzeSettings s, CancellationToken cancellationToken)
    {
        var request = new PanelAnalysisRequest(s.Input(s.Table ?? s.File) with { FlowsPath = s.Flows }, s.TiesMethod, s.MemoryLimit)
        {
            ReportPath = s.Out, ReportTitle = s.Title, Timings = s.Timings, SpellsPath = s.SpellsOut, Force = s.Force,
            Database = s.Table is null ? null : s.File, MinCell = s.MinCell,
        };
        var outcome = WithStatus(terminal, s.Table is null ? "reading " + s.File : "connecting", progress =>
            PanelService.AnalyzeAsync(request, progress, cancellationToken).GetAwaiter().GetResult());
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(outcome.Analysis) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, outcome.Analysis, s.Timings);
        if (outcome.ReportPath is { } report) terminal.Out.MarkupLineInterpolated($"Report written to [bold]{report}[/].");
        if (outcome.SpellsPath is { } spells) terminal.Out.MarkupLineInterpolated($"Spell rows written to [bold]{spells}[/].");
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole o, PanelAnalysis r, bool timings)
    {
        o.MarkupLineInterpolated($"[bold]{r.Source}[/]: {Display.Count(r.Firms)} firms, {Display.Count(r.FirmYears)} firm-years, {r.FirstYear}–{r.LastYear}");
        var states = new Table().Title(Markup.Escape("Trader states (share of firms)")).AddColumns("year", "none", "import only", "export only", "two-way", "firms");
        foreach (var y in r.States.GroupBy(s => s.Year))
            states.AddText([y.Key.ToString(CultureInfo.InvariantCulture), .. TraderStates.All.Select(st => y.SingleOrDefault(x => x.State == st) is { } v ? F(v.Share) : Reports.Html.PanelReportBuilder.HeldBack),
                Display.Count(r.FirmsByYear?.GetValueOrDefault(y.Key) ?? y.Sum(x => x.Firms))]);
        o.Write(states);

        var tm = new Table().Title(Markup.Escape($"Transitions t → t+1, pooled ({Display.Count(r.Transitions.FirmYears)} pairs): P(to | from) [Wilson 95%]")).AddColumn("from \\ to");
        foreach (var to in TraderStates.All) tm.AddColumn(to.Code());
        foreach (var from in TraderStates.All)
            tm.AddText([from.Code(), .. TraderStates.All.Select(to => r.Transitions.Cells.SingleOrDefault(c => c.From == from && c.To == to) is { } c ? Ci(c.Probability) : Reports.Html.PanelReportBuilder.HeldBack)]);
        o.Write(tm);

        foreach (var e in new[] { r.ExportEntry, r.ImportEntry })
            PrintEntry(o, e);

        var conv = new Table().Title(Markup.Escape("Conversion: share exporting within k years [Wilson 95%] (n)")).AddColumns("k", "first activity importing", "no international activity");
        foreach (var c in r.Conversion)
            conv.AddText(c.WithinYears.ToString(CultureInfo.InvariantCulture), $"{Ci(c.ImportersFirst)} ({Display.Count(c.ImportersFirst.Trials)})", $"{Ci(c.NonTraders)} ({Display.Count(c.NonTraders.Trials)})");
        o.Write(conv);
        if (r.CountryLinkage is { } l)
            o.MarkupLineInterpolated($"[bold]Country linkage[/] ({l.Countries} countries): P(start exporting to c | earlier imports from c) = {Ci(l.WithPriorImports)} (n = {Display.Count(l.WithPriorImports.Trials)}); without = {Ci(l.WithoutPriorImports)} (n = {Display.Count(l.WithoutPriorImports.Trials)}); ratio {F(l.RiskRatio, 2)}");
        if (r.Disclosure is { } d) o.MarkupLineInterpolated($"[yellow]{Reports.Html.PanelReportBuilder.DisclosureText(d)}[/]");
        if (timings) o.MarkupLineInterpolated($"[grey]seconds: {string.Join(", ", r.Seconds.Select(kv => $"{kv.Key} {F(kv.Value, 2)}"))}[/]");
    }

    internal static void PrintEntry(IAnsiConsole o, EntryAnalysis e)
    {
        var what = e.Entering == Direction.Outward ? "Export entry" : "Import entry";
        o.WriteLine();
        o.MarkupLineInterpolated($"[bold]{what}[/]: {Display.Count(e.FirmsAtRisk)} firms at risk, {Display.Count(e.SpellRows)} spell rows, {Display.Count(e.Entries)} entries");
        var km = new Table().Title(Markup.Escape($"Kaplan–Meier: share not yet entered [95% CI] by {e.LagCovariate} in the first year")).AddColumn("interval");
        foreach (var c in e.KaplanMeier) km.AddColumn($"{Markup.Escape(c.Group)} ({Display.Count(c.Subjects)})");
        var times = e.KaplanMeier.SelectMany(c => c.Steps.Select(s => s.Time)).Distinct().Order().ToList();
        foreach (var t in times)
            km.AddText([t.ToString(CultureInfo.InvariantCulture), .. e.KaplanMeier.Select(c =>
                c.Steps.LastOrDefault(x => x.Time <= t) is { } s ? Display.Interval(s.Survival, s.Lower95, s.Upper95) : "1")]);
        o.Write(km);
        if (e.LogRank is { } lr)
            o.MarkupLineInterpolated($"Log-rank: χ² = {F(lr.Test.Statistic, 2)} on {lr.Test.Df} df, {PIs(lr.Test.P)}");
        if (e.Cox is { } cox)
        {
            o.Write(CoefficientTable($"Cox proportional hazards ({cox.Ties.ToString().ToLowerInvariant()} ties; n = {Display.Count(cox.Subjects)} rows, {Display.Count(cox.Events)} events; {(cox.Coefficients.Any(c => c.RobustSe is not null) ? "robust SE clustered by firm; CI uses the robust SE" : "model-based SE: the score pass gives the firm-clustered ones")})", cox.Coefficients, "HR"));
            o.MarkupLineInterpolated($"LR χ² = {F(cox.LikelihoodRatio.Statistic, 2)} ({cox.LikelihoodRatio.Df} df, {PIs(cox.LikelihoodRatio.P)}); Wald = {F(cox.Wald.Statistic, 2)}; score = {F(cox.Score.Statistic, 2)}; robust Wald = {F(cox.RobustWald?.Statistic ?? double.NaN, 2)}; robust score = {F(cox.RobustScore?.Statistic ?? double.NaN, 2)} ({PIs(cox.RobustScore?.P ?? double.NaN)}); concordance = {F(cox.Concordance, 4)} (se {F(cox.ConcordanceSe, 4)})");
        }
        if (e.Logit is { } logit)
        {
            o.Write(CoefficientTable($"Discrete-time logit of entry ({Display.Count(logit.Observations)} spell rows, {Display.Count(logit.Clusters)} firm clusters)", logit.Coefficients, "OR"));
            o.MarkupLineInterpolated($"Null deviance {F(logit.NullDeviance ?? double.NaN, 2)}, residual deviance {F(logit.Deviance, 2)}, AIC {F(logit.Aic, 2)}");
        }
        foreach (var p in e.Problems) o.MarkupLineInterpolated($"[yellow]not estimated:[/] {p}");
    }
}
