using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Cli.Infrastructure;
using TwoWay.Statistics;

namespace TwoWay.Cli.Commands.Panels;

/// <summary>Population panels and surveys: `panel analyze`, `panel simulate`, `survey analyze`.</summary>
public static class PanelCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("panel", panel =>
        {
            panel.SetDescription("Firm-year trade panels: trader states, transitions, export/import entry (KM, log-rank, Cox, logit), conversion.");
            panel.AddCommand<PanelAnalyzeCommand>("analyze")
                .WithDescription("Analyse a firm-year panel (CSV, Parquet or a folder of Parquet files).")
                .WithExample("panel", "analyze", "panel/panel.parquet", "--covariates", "sector,size_class", "--out", "panel-analysis.html")
                .WithExample("panel", "analyze", "postgresql://analyst@db.example.org/customs", "--table", "trade.firm_years", "--min-cell", "10");
            panel.AddCommand<PanelSqlCommand>("sql")
                .WithDescription("Print the aggregation (cells) as SQL for the engine where the data lives: duckdb, postgres, spark or trino.")
                .WithExample("panel", "sql", "--dialect", "spark", "--table", "trade.firm_years", "--covariates", "sector", "--min-cell", "10");
            panel.AddCommand<PanelFitCommand>("fit")
                .WithDescription("Fit the entry models (KM, log-rank, Cox, logit) on a cells file computed elsewhere; a second round trip gives firm-clustered SEs.")
                .WithExample("panel", "fit", "panel/cells.csv", "--score-sql", "scores.sql", "--dialect", "spark", "--table", "trade.firm_years");
            panel.AddCommand<PanelSimulateCommand>("simulate")
                .WithDescription("Write a simulated, fictional panel with a known import→export hazard ratio (CSV, Parquet, or a folder partitioned by year).")
                .WithExample("panel", "simulate", "panel.parquet", "--firms", "20000", "--years", "15", "--seed", "7");
        });
        config.AddBranch("survey", survey =>
        {
            survey.SetDescription("Cross-section firm surveys: weighted trader states, conditional shares, Rao–Scott test, weighted logit.");
            survey.AddCommand<SurveyAnalyzeCommand>("analyze").WithDescription("Analyse a survey file with one row per firm.")
                .WithExample("survey", "analyze", "survey.csv", "--strata", "stratum", "--cluster", "psu", "--covariates", "sector");
        });
    }
}

/// <summary>How the panel and survey tables write their figures (through <see cref="Display"/>).</summary>
internal static class PanelText
{
    /// <summary>Adds a row of plain text cells (values such as "[0.1, 0.2]" are not markup).</summary>
    public static Table AddText(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());

    public static string[] List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string F(double v, int decimals = 3) => Display.Number(v, decimals);

    /// <summary>"p = 0.0123" or "p &lt; 0.0001".</summary>
    public static string PIs(double p) => Display.PValue(p) is var s && s.StartsWith('<') ? "p " + s : "p = " + s;

    public static string Ci(Proportion p) => Display.Interval(p.Estimate, p.Lower, p.Upper);

    public static Table CoefficientTable(string title, IReadOnlyList<Coefficient> coefficients, string ratio, string statistic = "z")
    {
        var robust = coefficients.Any(c => c.RobustSe is not null);
        var t = new Table().Title(Markup.Escape(title));
        foreach (var (name, right) in new[] { ("term", false), ("coef", true), (ratio, true), ("exp(-coef)", true), ("se", true) })
            t.AddColumn(new TableColumn(name) { Alignment = right ? Justify.Right : Justify.Left });
        if (robust) t.AddColumn(new TableColumn("robust se").RightAligned());
        foreach (var name in new[] { statistic, "p" }) t.AddColumn(new TableColumn(name).RightAligned());
        t.AddColumn("95% CI (" + ratio + ")");
        foreach (var c in coefficients)
        {
            string[] cells = [c.Label, F(c.Estimate, 5), F(c.Ratio, 4), F(c.InverseRatio, 4), F(c.Se, 5)];
            if (robust) cells = [.. cells, c.RobustSe is { } r ? F(r, 5) : Display.Unknown];
            t.AddText([.. cells, F(c.Z, 2), Display.PValue(c.P), $"{F(c.RatioLower95)} – {F(c.RatioUpper95)}"]);
        }
        return t;
    }

    /// <summary>Runs work with a status line on an interactive terminal; silently otherwise.</summary>
    public static T WithStatus<T>(Terminal terminal, string first, Func<IProgress<string>?, T> work)
    {
        if (!terminal.Interactive) return work(null);
        T result = default!;
        terminal.Error.Status().Start(Markup.Escape(first), ctx => result = work(new StatusProgress(ctx)));
        return result;
    }

    private sealed class StatusProgress(StatusContext ctx) : IProgress<string>
    {
        public void Report(string value) => ctx.Status(Markup.Escape(value));
    }
}
