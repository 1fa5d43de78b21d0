using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Panels;
using TwoWay.Cli.Infrastructure;
using TwoWay.Panels;

namespace TwoWay.Cli.Commands.Panels;

public sealed class PanelSqlSettings : PanelColumnsSettings
{
    [CommandOption("--dialect <ENGINE>")]
    [Description("The engine that will run it: duckdb, postgres, spark or trino.")]
    [DefaultValue("postgres")]
    public string Dialect { get; init; } = "postgres";

    [CommandOption("--table <NAME>")]
    [Description("The firm-year table there (schema.table); its columns are named with the column options.")]
    public string Table { get; init; } = "";

    [CommandOption("-o|--out <FILE>")]
    [Description("Write the SQL to this file instead of printing it.")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite an existing --out file.")]
    public bool Force { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Table) ? ValidationResult.Error("Name the table with --table (e.g. --table trade.firm_years).") : ValidationResult.Success();
}

[Description("Print the panel aggregation as SQL for the engine where the data lives.")]
public sealed class PanelSqlCommand(Terminal terminal) : Command<PanelSqlSettings>
{
    public override int Execute(CommandContext context, PanelSqlSettings s, CancellationToken cancellationToken)
    {
        var r = PanelScaleOut.Sql(new PanelSqlRequest(s.Input(s.Table), PanelSql.Parse(s.Dialect, "--dialect")) { MinCell = s.MinCell, Out = s.Out, Force = s.Force });
        if (s.Json) terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
        else if (r.Out is { } o) terminal.Out.MarkupLineInterpolated($"SQL for {r.Dialect} written to [bold]{o}[/]. Run step 2 there, save its result as CSV or Parquet, then: twoway panel fit CELLS");
        else terminal.WriteRaw(r.Sql);
        return ExitCodes.Ok;
    }
}

public sealed class PanelFitSettings : PanelModelSettings
{
    [CommandArgument(0, "<CELLS>")]
    [Description("The cells file (CSV or Parquet) the SQL of `twoway panel sql` produced.")]
    public string Cells { get; init; } = "";

    [CommandOption("--scores <FILE>")]
    [Description("A result of the score pass (one row per direction); give it once per file. With both directions, the standard errors are clustered by firm.")]
    public string[] Scores { get; init; } = [];

    [CommandOption("--score-sql <FILE>")]
    [Description("Write the score pass (the second round trip) as SQL to this file; needs --table and --dialect.")]
    public string? ScoreSql { get; init; }

    [CommandOption("--dialect <ENGINE>")]
    [Description("The engine the score pass is written for: duckdb, postgres, spark or trino.")]
    [DefaultValue("postgres")]
    public string Dialect { get; init; } = "postgres";

    [CommandOption("--table <NAME>")]
    [Description("The firm-year table the score pass reads (as given to panel sql).")]
    public string? Table { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write a self-contained HTML report to this file.")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite existing --out and --score-sql files (never the cells file).")]
    public bool Force { get; init; }
}

[Description("Fit the entry models on cells computed elsewhere.")]
public sealed class PanelFitCommand(Terminal terminal) : Command<PanelFitSettings>
{
    public override int Execute(CommandContext context, PanelFitSettings s, CancellationToken cancellationToken)
    {
        var request = new PanelFitRequest(s.Cells, s.TiesMethod)
        {
            Scores = s.Scores, ScoreSqlOut = s.ScoreSql, Table = s.Table is null ? null : s.Input(s.Table),
            Dialect = PanelSql.Parse(s.Dialect, "--dialect"), MinCell = s.MinCell, ReportPath = s.Out, Force = s.Force,
        };
        var fit = PanelScaleOut.FitAsync(request, cancellationToken).GetAwaiter().GetResult();
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(fit) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        o.MarkupLineInterpolated($"[bold]{fit.Cells}[/]: entry models on cells{(fit.Covariates.Count > 0 ? " with " + string.Join(", ", fit.Covariates) : "")}; standard errors {fit.StandardErrors}.");
        foreach (var e in new[] { fit.ExportEntry, fit.ImportEntry }) PanelAnalyzeCommand.PrintEntry(o, e);
        if (fit.Disclosure is { } d) o.MarkupLineInterpolated($"[yellow]{Reports.Html.PanelReportBuilder.DisclosureText(d)}[/]");
        foreach (var f in fit.ScoreSql)
            o.MarkupLineInterpolated($"Score pass written to [bold]{f}[/]: run both statements where the data lives, save each one-row result, then: twoway panel fit {s.Cells} --scores EXPORT.csv --scores IMPORT.csv");
        if (s.Out is { } report) o.MarkupLineInterpolated($"Report written to [bold]{report}[/].");
        return ExitCodes.Ok;
    }
}
