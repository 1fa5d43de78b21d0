using TwoWay.Application.Files;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Panels;
using TwoWay.Reports.Html;
using TwoWay.Statistics;

namespace TwoWay.Application.Panels;

/// <summary>What <c>twoway panel sql</c> is asked to print: the aggregation for a table in another engine.</summary>
/// <param name="Table">The table (<see cref="PanelInput.Path"/>) and its column names and covariates.</param>
/// <param name="Dialect">The engine the SQL is written for.</param>
public sealed record PanelSqlRequest(PanelInput Table, SqlDialect Dialect)
{
    /// <summary>Disclosure control inside the SQL: cells resting on fewer firms never leave the engine.</summary>
    public int? MinCell { get; init; }

    /// <summary>Write the script here instead of printing it.</summary>
    public string? Out { get; init; }

    public bool Force { get; init; }
}

/// <summary>The script, and where it was written (null when printed).</summary>
public sealed record PanelSqlResult(string Dialect, string Table, string Sql, string? Out);

/// <summary>What <c>twoway panel fit</c> is asked to do.</summary>
/// <param name="Cells">The cells file (CSV or Parquet) the SQL of <c>panel sql</c> produced.</param>
/// <param name="Ties">Ties in the Cox partial likelihood.</param>
public sealed record PanelFitRequest(string Cells, Ties Ties = Ties.Efron)
{
    /// <summary>Results of the score pass (one row per direction), for firm-clustered standard errors.</summary>
    public IReadOnlyList<string> Scores { get; init; } = [];

    /// <summary>Write the score-pass SQL (the second round trip) here; needs <see cref="Table"/> and <see cref="Dialect"/>.</summary>
    public string? ScoreSqlOut { get; init; }

    /// <summary>The table and columns the score pass reads (the same as given to <c>panel sql</c>).</summary>
    public PanelInput? Table { get; init; }

    public SqlDialect Dialect { get; init; } = SqlDialect.DuckDb;

    /// <summary>Apply the disclosure rule to the cells before fitting (when the data holder did not).</summary>
    public int? MinCell { get; init; }

    /// <summary>Also write the HTML report here.</summary>
    public string? ReportPath { get; init; }

    public bool Force { get; init; }
}

/// <summary>
/// The scale-out path (docs/panel-data.md): the aggregation printed as SQL for the engine where the
/// data lives, and the fits on the cells that come back.
/// </summary>
public static class PanelScaleOut
{
    public static PanelSqlResult Sql(PanelSqlRequest request)
    {
        if (request.MinCell is < 2) throw new InputException("--min-cell", null, "--min-cell", "give a threshold of at least 2 firms (10 is a common rule)");
        var sql = PanelSql.CellsScript(request.Dialect, request.Table, request.MinCell);
        string? written = null;
        if (request.Out is { } o) written = OutputFile.WriteText(o, sql, "--out", request.Force);
        return new PanelSqlResult(PanelSql.Name(request.Dialect), request.Table.Path, sql, written);
    }

    public static Task<PanelFit> FitAsync(PanelFitRequest request, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        if (request.ScoreSqlOut is not null && request.Table is null)
            throw new InputException("--score-sql", null, "--table", "the score pass reads the panel table: give --table (and its columns, as for panel sql)");
        if (request.MinCell is < 2) throw new InputException("--min-cell", null, "--min-cell", "give a threshold of at least 2 firms (10 is a common rule)");
        var inputs = File.Exists(request.Cells) ? ProtectedFile.Input(request.Cells, "the cells file") : [];
        foreach (var (path, option) in new[] { (request.ScoreSqlOut, "--score-sql"), (request.ReportPath, "--out") })
            if (path is not null) OutputFile.Check(path, option, request.Force, inputs);
        var file = CellsFile.Read(request.Cells);
        var meat = CellsFile.ReadScores(request.Scores);
        var byDirection = new Dictionary<Direction, (IReadOnlyList<SpellCell>, IReadOnlyList<SpellOutcome>)>();
        DisclosureReport? disclosure = null;
        foreach (var cells in new[] { file.Export, file.Import })
        {
            var (kept, outcomes) = (cells.Cells, cells.Outcomes);
            if (request.MinCell is { } n)
            {
                var controlled = Disclosure.ControlCells(cells.Entering, kept, outcomes, n);
                (kept, outcomes) = (controlled.Cells, controlled.Outcomes);
                disclosure = disclosure is null ? controlled.Report : disclosure.Merge(controlled.Report);
            }
            byDirection[cells.Entering] = (kept, outcomes);
        }
        var scores = new Dictionary<Direction, (IReadOnlyList<CellScore> Scores, IReadOnlyList<ScoreBlock> Blocks)>();
        PanelFit fit;
        try { fit = PanelFit.Of(request.Cells, file.Covariates, byDirection, request.Ties, meat, scores); }
        catch (EstimationException ex) { throw new InputException(request.Cells, null, null, ex.Message); }
        fit = fit with { Disclosure = disclosure };
        if (request.ScoreSqlOut is { } sqlOut)
        {
            var table = request.Table! with { Covariates = file.Covariates };
            var text = string.Join("\n", new[] { Direction.Outward, Direction.Inward }.Where(scores.ContainsKey)
                .Select(d => PanelSql.ScoreScript(request.Dialect, table, d, scores[d].Scores, scores[d].Blocks)));
            fit = fit with { ScoreSql = [OutputFile.WriteText(sqlOut, text, "--score-sql", request.Force, inputs)] };
        }
        if (request.ReportPath is { } report)
            OutputFile.WriteText(report, SectionedHtmlReport.Render(PanelReportBuilder.Build(fit, "Panel fit: " + Path.GetFileName(request.Cells))), "--out", request.Force, inputs);
        return fit;
    }, cancellationToken);
}
