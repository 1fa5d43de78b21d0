using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Panels;
using TwoWay.Cli.Infrastructure;
using TwoWay.Panels;
using TwoWay.Statistics;
using static TwoWay.Cli.Commands.Panels.PanelText;

namespace TwoWay.Cli.Commands.Panels;

public sealed class SurveyAnalyzeSettings : OutputSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Survey file (CSV or Parquet), one row per firm.")]
    public string File { get; init; } = "";

    [CommandOption("--import-column <NAME>")]
    [Description("Column saying whether the firm imports (1/0, yes/no, true/false, or a value above 0).")]
    [DefaultValue("imports")]
    public string ImportColumn { get; init; } = "imports";

    [CommandOption("--export-column <NAME>")]
    [Description("Column saying whether the firm exports (1/0, yes/no, true/false, or a value above 0).")]
    [DefaultValue("exports")]
    public string ExportColumn { get; init; } = "exports";

    [CommandOption("--weight-column <NAME>")]
    [Description("Column holding the sampling weight (firms in the population each sampled firm stands for).")]
    [DefaultValue("weight")]
    public string WeightColumn { get; init; } = "weight";

    [CommandOption("--unweighted")]
    [Description("The file has no sampling weights: every firm counts 1.")]
    public bool Unweighted { get; init; }

    [CommandOption("--covariates <LIST>")]
    [Description("Comma-separated categorical covariates for the weighted logit.")]
    public string? Covariates { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write a self-contained HTML report to this file.")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite an existing --out file (never the survey file).")]
    public bool Force { get; init; }

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
        Enum.TryParse<Statistics.LonelyPsu>(LonelyPsu, true, out _) && !int.TryParse(LonelyPsu, out _)
            ? ValidationResult.Success() : ValidationResult.Error("--lonely-psu must be fail, remove, certainty, adjust or average");
}

[Description("Analyse a cross-section survey.")]
public sealed class SurveyAnalyzeCommand(Terminal terminal) : Command<SurveyAnalyzeSettings>
{
    public override int Execute(CommandContext context, SurveyAnalyzeSettings s, CancellationToken cancellationToken)
    {
        var request = new SurveyAnalysisRequest(
            new SurveyInput(s.File)
            {
                ImportColumn = s.ImportColumn, ExportColumn = s.ExportColumn, WeightColumn = s.Unweighted ? null : s.WeightColumn,
                Covariates = List(s.Covariates), StrataColumn = s.Strata, ClusterColumn = s.Cluster, FpcColumn = s.Fpc,
            },
            new SurveyOptions
            {
                StrataColumn = s.Strata, ClusterColumn = s.Cluster, FpcColumn = s.Fpc, SvyglmScaling = s.SvyglmScaling,
                LonelyPsu = Enum.Parse<Statistics.LonelyPsu>(s.LonelyPsu, true),
            })
        { ReportPath = s.Out, ReportTitle = s.Title, Force = s.Force };
        var outcome = PanelService.AnalyzeSurveyAsync(request, cancellationToken).GetAwaiter().GetResult();
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(outcome.Analysis) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, outcome.Analysis);
        if (outcome.ReportPath is { } report) terminal.Out.MarkupLineInterpolated($"Report written to [bold]{report}[/].");
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole o, SurveyAnalysis r)
    {
        o.MarkupLineInterpolated($"[bold]{r.Source}[/]: {Display.Count(r.Firms)} firms, total weight {Display.Count(r.WeightTotal)}");
        var d = r.Design;
        o.MarkupLineInterpolated($"Design: {d.Description}; {Display.Count(d.StrataCount)} strata, {Display.Count(d.Psus)} PSUs, {Display.Count(d.DegreesOfFreedom)} design df; single-PSU strata: {d.LonelyPsu}{(d.LonelyStrata.Count > 0 ? $" ({string.Join(", ", d.LonelyStrata)})" : "")}");
        var t = new Table().Title(Markup.Escape(d.Cluster is null && d.Strata is null && d.Fpc is null
                ? "Weighted shares [Wilson 95% at Kish effective n; SE by linearisation]"
                : "Weighted shares [Wilson 95% at design effective n = p(1-p)/SE²; SE by linearisation]"))
            .AddColumns("", "share", "SE", "deff", "firms", "effective n");
        foreach (var w in r.States.Concat([r.ExportGivenImport, r.ExportGivenNoImport, r.ImportGivenExport, r.ImportGivenNoExport]))
            t.AddText(w.Name, Ci(w.Share), F(w.Se, 4), w.Deff is { } deff ? F(deff, 2) : Display.Unknown, Display.Count(w.Firms), F(w.EffectiveN, 1));
        o.Write(t);
        if (r.RaoScott is { } rs)
            o.MarkupLineInterpolated($"Independence of importing and exporting (Rao–Scott): F = {F(rs.F, 2)} on {F(rs.NumeratorDf, 2)} and {F(rs.DenominatorDf, 2)} df, {PIs(rs.P)} (Pearson X² = {F(rs.Pearson, 2)})");
        if (r.Logit is { } logit)
        {
            var (title, statistic) = r.LogitVariance switch
            {
                "design" => ($"Weighted logit of exporting (design-based SE as svyglm; p from t on {F(r.LogitDf ?? double.NaN, 0)} df)", "t"),
                "hc0-svyglm" => ($"Weighted logit of exporting (robust SE: HC0 × n/(n−1) as svyglm; p from t on {F(r.LogitDf ?? double.NaN, 0)} df)", "t"),
                _ => ("Weighted logit of exporting (robust SE: HC0 sandwich, each firm its own cluster; --svyglm-scaling for svyglm's n/(n−1))", "z"),
            };
            o.Write(CoefficientTable(title, logit.Coefficients, "OR", statistic));
        }
        foreach (var p in r.Problems) o.MarkupLineInterpolated($"[yellow]not estimated:[/] {p}");
    }
}
