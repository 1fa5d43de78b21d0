using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Panels;
using TwoWay.Reports.Html;
using TwoWay.Statistics;

namespace TwoWay.Cli.Commands;

/// <summary>Population panel analytics (issue 3): `panel analyze`, `panel simulate`, `survey analyze`.</summary>
public static class PanelCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("panel", panel =>
        {
            panel.SetDescription("Firm-year trade panels: trader states, transitions, export/import entry (KM, log-rank, Cox, logit), conversion.");
            panel.AddCommand<PanelAnalyzeCommand>("analyze")
                .WithDescription("Analyse a firm-year panel (CSV, Parquet or a folder of Parquet files).");
            panel.AddCommand<PanelSimulateCommand>("simulate")
                .WithDescription("Write a simulated panel with a known import→export hazard ratio (CSV, Parquet, or a folder partitioned by year).");
        });
        config.AddBranch("survey", survey =>
        {
            survey.SetDescription("Cross-section firm surveys: weighted trader states, conditional shares, chi-square, weighted logit.");
            survey.AddCommand<SurveyAnalyzeCommand>("analyze").WithDescription("Analyse a survey file with one row per firm.");
        });
    }

    /// <summary>Adds a row of plain text cells (values such as "[0.1, 0.2]" are not markup).</summary>
    internal static Table AddText(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());

    internal static string[] List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static string F(double v, string format = "0.000") =>
        double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    internal static string P(double p) => double.IsNaN(p) ? "–" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    internal static string Ci(Proportion p) => $"{F(p.Estimate)} [{F(p.Lower)}, {F(p.Upper)}]";

    internal static Table CoefficientTable(string title, IReadOnlyList<Coefficient> coefficients, string ratio)
    {
        var robust = coefficients.Any(c => c.RobustSe is not null);
        var t = new Table().Title(title).AddColumns("term", "coef", ratio, "exp(-coef)", "se", robust ? "robust se" : "", "z", "p", "95% CI (" + ratio + ")");
        foreach (var c in coefficients)
            t.AddText(c.Label, F(c.Estimate, "0.00000"), F(c.Ratio, "0.0000"), F(c.InverseRatio, "0.0000"), F(c.Se, "0.00000"),
                c.RobustSe is { } r ? F(r, "0.00000") : "", F(c.Z, "0.00"), P(c.P), $"{F(c.RatioLower95, "0.000")} – {F(c.RatioUpper95, "0.000")}");
        return t;
    }

    /// <summary>Runs work with a status line on an interactive terminal; silently otherwise.</summary>
    internal static T WithStatus<T>(Terminal terminal, string first, Func<IProgress<string>?, T> work)
    {
        if (!terminal.Interactive) return work(null);
        T result = default!;
        terminal.Error.Status().Start(first, ctx =>
        {
            var progress = new Progress(ctx);
            result = work(progress);
        });
        return result;
    }

    private sealed class Progress(StatusContext ctx) : IProgress<string>
    {
        public void Report(string value) => ctx.Status(Markup.Escape(value));
    }
}

public sealed class PanelAnalyzeSettings : OutputSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Firm-year panel: CSV, Parquet, or a folder of Parquet files (e.g. partitioned by year).")]
    public string File { get; init; } = "";

    [CommandOption("--flows <FILE>")]
    [Description("Firm-country-year flows (firm_id, year, country, flow, value) for country linkage.")]
    public string? Flows { get; init; }

    [CommandOption("--covariates <LIST>")]
    [Description("Comma-separated categorical covariates for Cox and logit, e.g. sector,size_class,region.")]
    public string? Covariates { get; init; }

    [CommandOption("--ties <METHOD>")]
    [Description("Ties in the Cox partial likelihood: efron (default) or breslow.")]
    [DefaultValue("efron")]
    public string Ties { get; init; } = "efron";

    [CommandOption("--firm-column <NAME>")] [DefaultValue("firm_id")] public string FirmColumn { get; init; } = "firm_id";
    [CommandOption("--year-column <NAME>")] [DefaultValue("year")] public string YearColumn { get; init; } = "year";
    [CommandOption("--import-column <NAME>")] [DefaultValue("import_value")] public string ImportColumn { get; init; } = "import_value";
    [CommandOption("--export-column <NAME>")] [DefaultValue("export_value")] public string ExportColumn { get; init; } = "export_value";

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write a self-contained HTML report (charts and tables) to this file.")]
    public string? Out { get; init; }

    [CommandOption("--title <TEXT>")]
    [Description("Report title (default: the panel file's name).")]
    public string? Title { get; init; }

    [CommandOption("--spells-out <FILE>")]
    [Description("Also write the export-entry spell rows (firm, interval, lag, event, covariates) to this CSV, e.g. to check in R.")]
    public string? SpellsOut { get; init; }

    [CommandOption("--memory-limit <SIZE>")]
    [Description("DuckDB memory limit, e.g. 3GB (default: DuckDB's, 80% of RAM). Larger data spills to disk.")]
    public string? MemoryLimit { get; init; }

    [CommandOption("--timings")]
    [Description("Also print the stage timings (seconds) and put them in the HTML report's footer.")]
    public bool Timings { get; init; }

    public override ValidationResult Validate() =>
        Ties is "efron" or "breslow" ? ValidationResult.Success() : ValidationResult.Error("--ties must be efron or breslow");
}

[Description("Analyse a firm-year panel.")]
public sealed class PanelAnalyzeCommand(Terminal terminal) : Command<PanelAnalyzeSettings>
{
    public override int Execute(CommandContext context, PanelAnalyzeSettings s, CancellationToken cancellationToken)
    {
        var input = new PanelInput(s.File)
        {
            FirmColumn = s.FirmColumn, YearColumn = s.YearColumn, ImportColumn = s.ImportColumn, ExportColumn = s.ExportColumn,
            Covariates = PanelCommands.List(s.Covariates), FlowsPath = s.Flows,
        };
        var ties = s.Ties == "breslow" ? Ties.Breslow : Ties.Efron;
        var result = PanelCommands.WithStatus(terminal, "reading " + s.File, progress =>
        {
            using var engine = new PanelEngine(s.MemoryLimit) { Progress = progress };
            engine.Load(input);
            var analysis = engine.Analyze(ties);
            if (s.SpellsOut is not null) engine.ExportSpellRows(Direction.Outward, s.SpellsOut);
            return analysis;
        });
        if (s.Out is not null)
            ReportWriter.WriteHtml(s.Out, SectionedHtmlReport.Render(PanelReportBuilder.Build(result, s.Title ?? "Panel analysis: " + Path.GetFileName(Path.TrimEndingDirectorySeparator(s.File)), s.Timings)));
        if (s.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, result, s.Timings);
        if (s.Out is not null) terminal.Out.MarkupLineInterpolated($"Report written to [bold]{Path.GetFullPath(s.Out)}[/].");
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole o, PanelAnalysis r, bool timings)
    {
        o.MarkupLineInterpolated($"[bold]{r.Source}[/]: {r.Firms:N0} firms, {r.FirmYears:N0} firm-years, {r.FirstYear}–{r.LastYear}");
        var states = new Table().Title(Markup.Escape("Trader states (share of firms)")).AddColumns("year", "none", "import only", "export only", "two-way", "firms");
        foreach (var y in r.States.GroupBy(s => s.Year))
            states.AddText([y.Key.ToString(CultureInfo.InvariantCulture), .. TraderStates.All.Select(st => PanelCommands.F(y.Single(x => x.State == st).Share)), y.Sum(x => x.Firms).ToString("N0", CultureInfo.InvariantCulture)]);
        o.Write(states);

        var tm = new Table().Title(Markup.Escape($"Transitions t → t+1, pooled ({r.Transitions.FirmYears:N0} pairs): P(to | from) [Wilson 95%]")).AddColumn("from \\ to");
        foreach (var to in TraderStates.All) tm.AddColumn(to.Code());
        foreach (var from in TraderStates.All)
            tm.AddText([from.Code(), .. TraderStates.All.Select(to => PanelCommands.Ci(r.Transitions.Cells.Single(c => c.From == from && c.To == to).Probability))]);
        o.Write(tm);

        foreach (var e in new[] { r.ExportEntry, r.ImportEntry })
            PrintEntry(o, e);

        var conv = new Table().Title(Markup.Escape("Conversion: share exporting within k years [Wilson 95%] (n)")).AddColumns("k", "first activity importing", "no international activity");
        foreach (var c in r.Conversion)
            conv.AddText(c.WithinYears.ToString(CultureInfo.InvariantCulture), $"{PanelCommands.Ci(c.ImportersFirst)} ({c.ImportersFirst.Trials:N0})", $"{PanelCommands.Ci(c.NonTraders)} ({c.NonTraders.Trials:N0})");
        o.Write(conv);
        if (r.CountryLinkage is { } l)
        {
            o.MarkupLineInterpolated($"[bold]Country linkage[/] ({l.Countries} countries): P(start exporting to c | earlier imports from c) = {PanelCommands.Ci(l.WithPriorImports)} (n = {l.WithPriorImports.Trials:N0}); without = {PanelCommands.Ci(l.WithoutPriorImports)} (n = {l.WithoutPriorImports.Trials:N0}); ratio {PanelCommands.F(l.RiskRatio, "0.00")}");
        }
        if (timings) o.MarkupLineInterpolated($"[grey]seconds: {string.Join(", ", r.Seconds.Select(kv => $"{kv.Key} {kv.Value.ToString("0.00", CultureInfo.InvariantCulture)}"))}[/]");
    }

    private static void PrintEntry(IAnsiConsole o, EntryAnalysis e)
    {
        var what = e.Entering == Direction.Outward ? "Export entry" : "Import entry";
        o.WriteLine();
        o.MarkupLineInterpolated($"[bold]{what}[/]: {e.FirmsAtRisk:N0} firms at risk, {e.SpellRows:N0} spell rows, {e.Entries:N0} entries");
        var km = new Table().Title(Markup.Escape($"Kaplan–Meier: share not yet entered [95% CI] by {e.LagCovariate} in the first year")).AddColumn("interval");
        foreach (var c in e.KaplanMeier) km.AddColumn($"{c.Group} ({c.Subjects:N0})");
        var times = e.KaplanMeier.SelectMany(c => c.Steps.Select(s => s.Time)).Distinct().Order().ToList();
        foreach (var t in times)
            km.AddText([t.ToString(CultureInfo.InvariantCulture), .. e.KaplanMeier.Select(c =>
            {
                var s = c.Steps.LastOrDefault(x => x.Time <= t);
                return s is null ? "1" : $"{PanelCommands.F(s.Survival)} [{PanelCommands.F(s.Lower95)}, {PanelCommands.F(s.Upper95)}]";
            })]);
        o.Write(km);
        if (e.LogRank is { } lr)
            o.MarkupLineInterpolated($"Log-rank: χ² = {PanelCommands.F(lr.Test.Statistic, "0.00")} on {lr.Test.Df} df, p = {PanelCommands.P(lr.Test.P)}");
        if (e.Cox is { } cox)
        {
            o.Write(PanelCommands.CoefficientTable($"Cox proportional hazards ({cox.Ties.ToString().ToLowerInvariant()} ties; n = {cox.Subjects:N0} rows, {cox.Events:N0} events; robust SE clustered by firm; CI uses the robust SE)", cox.Coefficients, "HR"));
            o.MarkupLineInterpolated($"LR χ² = {PanelCommands.F(cox.LikelihoodRatio.Statistic, "0.00")} ({cox.LikelihoodRatio.Df} df, p {PanelCommands.P(cox.LikelihoodRatio.P)}); Wald = {PanelCommands.F(cox.Wald.Statistic, "0.00")}; score = {PanelCommands.F(cox.Score.Statistic, "0.00")}; robust Wald = {PanelCommands.F(cox.RobustWald?.Statistic ?? double.NaN, "0.00")}; robust score = {PanelCommands.F(cox.RobustScore?.Statistic ?? double.NaN, "0.00")} (p {PanelCommands.P(cox.RobustScore?.P ?? double.NaN)}); concordance = {PanelCommands.F(cox.Concordance, "0.0000")} (se {PanelCommands.F(cox.ConcordanceSe, "0.0000")})");
        }
        if (e.Logit is { } logit)
        {
            o.Write(PanelCommands.CoefficientTable($"Discrete-time logit of entry ({logit.Observations:N0} spell rows, {logit.Clusters:N0} firm clusters)", logit.Coefficients, "OR"));
            o.MarkupLineInterpolated($"Null deviance {PanelCommands.F(logit.NullDeviance ?? double.NaN, "0.00")}, residual deviance {PanelCommands.F(logit.Deviance, "0.00")}, AIC {PanelCommands.F(logit.Aic, "0.00")}");
        }
        foreach (var p in e.Problems) o.MarkupLineInterpolated($"[yellow]not estimated:[/] {p}");
    }
}

public sealed class PanelSimulateSettings : CommandSettings
{
    [CommandArgument(0, "<OUT>")]
    [Description("Output: FILE.csv, FILE.parquet, or a folder (Parquet files partitioned by year).")]
    public string Out { get; init; } = "";

    [CommandOption("--firms <N>")] [DefaultValue(10000L)] public long Firms { get; init; } = 10000;
    [CommandOption("--years <T>")] [DefaultValue(10)] public int Years { get; init; } = 10;
    [CommandOption("--seed <S>")] [DefaultValue(1)] public int Seed { get; init; } = 1;

    [CommandOption("--hr <X>")]
    [Description("True hazard ratio of importing (last year) on export entry.")]
    [DefaultValue(1.8)]
    public double HazardRatio { get; init; } = 1.8;

    public override ValidationResult Validate() =>
        Firms < 1 ? ValidationResult.Error("--firms must be ≥ 1")
        : Years < 2 ? ValidationResult.Error("--years must be ≥ 2")
        : !(HazardRatio > 0) ? ValidationResult.Error("--hr must be > 0")
        : ValidationResult.Success();
}

[Description("Write a simulated panel.")]
public sealed class PanelSimulateCommand(Terminal terminal) : Command<PanelSimulateSettings>
{
    public override int Execute(CommandContext context, PanelSimulateSettings s, CancellationToken cancellationToken)
    {
        var rows = PanelSimulation.Generate(s.Firms, s.Years, s.Seed, s.HazardRatio);
        var n = PanelCommands.WithStatus(terminal, "simulating", progress =>
            PanelWriter.Write(rows, s.Out, progress is null ? null : new Progress<long>(k => progress.Report($"{k:N0} firm-years"))));
        terminal.Out.MarkupLineInterpolated($"wrote {n:N0} firm-years of {s.Firms:N0} firms ({s.Years} years, seed {s.Seed}, true HR {s.HazardRatio.ToString(CultureInfo.InvariantCulture)}) to {s.Out} ({PanelWriter.FormatOf(s.Out).ToString().ToLowerInvariant()})");
        return ExitCodes.Ok;
    }
}

public sealed class SurveyAnalyzeSettings : OutputSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Survey file (CSV or Parquet), one row per firm.")]
    public string File { get; init; } = "";

    [CommandOption("--import-column <NAME>")] [DefaultValue("imports")] public string ImportColumn { get; init; } = "imports";
    [CommandOption("--export-column <NAME>")] [DefaultValue("exports")] public string ExportColumn { get; init; } = "exports";
    [CommandOption("--weight-column <NAME>")] [DefaultValue("weight")] public string WeightColumn { get; init; } = "weight";

    [CommandOption("--unweighted")]
    [Description("The file has no sampling weights: every firm counts 1.")]
    public bool Unweighted { get; init; }

    [CommandOption("--covariates <LIST>")]
    [Description("Comma-separated categorical covariates for the weighted logit.")]
    public string? Covariates { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write a self-contained HTML report to this file.")]
    public string? Out { get; init; }

    [CommandOption("--title <TEXT>")]
    [Description("Report title (default: the survey file's name).")]
    public string? Title { get; init; }

    [CommandOption("--strata <COL>")]
    [Description("Stratum column of the sampling design (svydesign strata = ~COL).")]
    public string? Strata { get; init; }

    [CommandOption("--cluster <COL>")]
    [Description("PSU (cluster) column, nested in strata (svydesign ids = ~COL).")]
    public string? Cluster { get; init; }

    [CommandOption("--fpc <COL>")]
    [Description("Finite population correction: PSUs in the stratum's population, or the sampling fraction (svydesign fpc = ~COL).")]
    public string? Fpc { get; init; }

    [CommandOption("--lonely-psu <RULE>")]
    [Description("Strata with one PSU: fail (default), remove, certainty, adjust or average, as R's options(survey.lonely.psu).")]
    [DefaultValue("fail")]
    public string LonelyPsu { get; init; } = "fail";

    [CommandOption("--svyglm-scaling")]
    [Description("Without a design, scale the logit's HC0 variance by n/(n−1) and use t tests, as R's svyglm.")]
    public bool SvyglmScaling { get; init; }

    public override ValidationResult Validate() =>
        Enum.TryParse<TwoWay.Statistics.LonelyPsu>(LonelyPsu, true, out _) && !int.TryParse(LonelyPsu, out _)
            ? ValidationResult.Success() : ValidationResult.Error("--lonely-psu must be fail, remove, certainty, adjust or average");
}

[Description("Analyse a cross-section survey.")]
public sealed class SurveyAnalyzeCommand(Terminal terminal) : Command<SurveyAnalyzeSettings>
{
    public override int Execute(CommandContext context, SurveyAnalyzeSettings s, CancellationToken cancellationToken)
    {
        var covariates = PanelCommands.List(s.Covariates);
        var firms = SurveyReader.Read(new SurveyInput(s.File)
        {
            ImportColumn = s.ImportColumn, ExportColumn = s.ExportColumn, WeightColumn = s.Unweighted ? null : s.WeightColumn, Covariates = covariates,
            StrataColumn = s.Strata, ClusterColumn = s.Cluster, FpcColumn = s.Fpc,
        });
        SurveyAnalysis r;
        var options = new SurveyOptions
        {
            StrataColumn = s.Strata, ClusterColumn = s.Cluster, FpcColumn = s.Fpc, SvyglmScaling = s.SvyglmScaling,
            LonelyPsu = Enum.Parse<TwoWay.Statistics.LonelyPsu>(s.LonelyPsu, true),
        };
        try { r = SurveyAnalyses.Analyze(s.File, firms, covariates, options); }
        catch (EstimationException ex) { throw new InputException(s.File, null, null, ex.Message); }
        if (s.Out is not null)
            ReportWriter.WriteHtml(s.Out, SectionedHtmlReport.Render(PanelReportBuilder.Build(r, s.Title ?? "Survey analysis: " + Path.GetFileName(s.File))));
        if (s.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(r) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        o.MarkupLineInterpolated($"[bold]{r.Source}[/]: {r.Firms:N0} firms, total weight {PanelCommands.F(r.WeightTotal, "0.##")}");
        var d = r.Design;
        o.MarkupLineInterpolated($"Design: {d.Description}; {d.StrataCount:N0} strata, {d.Psus:N0} PSUs, {d.DegreesOfFreedom:N0} design df; single-PSU strata: {d.LonelyPsu}{(d.LonelyStrata.Count > 0 ? $" ({string.Join(", ", d.LonelyStrata)})" : "")}");
        var t = new Table().Title(Markup.Escape(r.Design.Cluster is null && r.Design.Strata is null && r.Design.Fpc is null
                ? "Weighted shares [Wilson 95% at Kish effective n; SE by linearisation]"
                : "Weighted shares [Wilson 95% at design effective n = p(1-p)/SE²; SE by linearisation]"))
            .AddColumns("", "share", "SE", "deff", "firms", "effective n");
        foreach (var w in r.States.Concat([r.ExportGivenImport, r.ExportGivenNoImport, r.ImportGivenExport, r.ImportGivenNoExport]))
            t.AddText(w.Name, PanelCommands.Ci(w.Share), PanelCommands.F(w.Se, "0.0000"), w.Deff is { } deff ? PanelCommands.F(deff, "0.00") : "–",
                w.Firms.ToString("N0", CultureInfo.InvariantCulture), PanelCommands.F(w.EffectiveN, "0.0"));
        o.Write(t);
        if (r.RaoScott is { } rs)
            o.MarkupLineInterpolated($"Independence of importing and exporting (Rao–Scott): F = {PanelCommands.F(rs.F, "0.00")} on {PanelCommands.F(rs.NumeratorDf, "0.##")} and {PanelCommands.F(rs.DenominatorDf, "0.##")} df, p = {PanelCommands.P(rs.P)} (Pearson X² = {PanelCommands.F(rs.Pearson, "0.00")})");
        if (r.Logit is { } logit) o.Write(PanelCommands.CoefficientTable(r.LogitVariance switch
        {
            "design" => $"Weighted logit of exporting (design-based SE as svyglm; p from t on {PanelCommands.F(r.LogitDf ?? double.NaN, "0")} df)",
            "hc0-svyglm" => $"Weighted logit of exporting (robust SE: HC0 × n/(n−1) as svyglm; p from t on {PanelCommands.F(r.LogitDf ?? double.NaN, "0")} df)",
            _ => "Weighted logit of exporting (robust SE: HC0 sandwich, each firm its own cluster; --svyglm-scaling for svyglm's n/(n−1))",
        }, logit.Coefficients, "OR"));
        foreach (var p in r.Problems) o.MarkupLineInterpolated($"[yellow]not estimated:[/] {p}");
        if (s.Out is not null) o.MarkupLineInterpolated($"Report written to [bold]{Path.GetFullPath(s.Out)}[/].");
        return ExitCodes.Ok;
    }
}
