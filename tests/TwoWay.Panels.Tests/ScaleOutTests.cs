using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using Npgsql;
using TwoWay.Application.Panels;
using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// The scale-out path of docs/panel-data.md: the SQL `panel sql` prints (golden files for every
/// dialect), run as printed in DuckDB and in PostgreSQL, and `panel fit` on what comes back giving
/// the embedded engine's figures — model-based after the first round trip, firm-clustered after the second.
/// </summary>
public sealed class ScaleOutTests
{
    private static readonly PanelInput Table = new("trade.firm_years") { Covariates = ["sector", "size_class"] };

    private static string GoldenDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    private static void Golden(string name, string actual)
    {
        var path = Path.Combine(GoldenDir(), name);
        if (Environment.GetEnvironmentVariable("TWOWAY_UPDATE_REFERENCES") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"no golden file {name}; run with TWOWAY_UPDATE_REFERENCES=1 to write it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [InlineData(SqlDialect.DuckDb)]
    [InlineData(SqlDialect.Postgres)]
    [InlineData(SqlDialect.Spark)]
    [InlineData(SqlDialect.Trino)]
    public void The_printed_SQL_matches_its_golden_file(SqlDialect d)
    {
        var name = PanelSql.Name(d);
        Golden($"cells.{name}.sql", PanelSql.CellsScript(d, Table));
        Golden($"cells-min-cell.{name}.sql", PanelSql.CellsScript(d, Table, minCell: 10));
        CellScore[] scores =
        [
            new(1, false, ["A", "micro"], false, [0.25, -1.5e-7, 1.0]),
            new(1, true, ["O'Brien & Co", "small"], true, [-0.125, 3.0, -2.0]),
        ];
        // Two models' blocks: the products across them (m_2_0, m_2_1) are not summed.
        var sql = PanelSql.ScoreScript(d, Table, Direction.Outward, scores, [new ScoreBlock(0, 2), new ScoreBlock(2, 1)]);
        Assert.DoesNotContain("m_2_0", sql);
        Golden($"scores.{name}.sql", sql);
    }

    [Fact]
    public void Spark_quotes_with_backticks_and_escapes_with_backslashes()
    {
        var sql = PanelSql.CellsScript(SqlDialect.Spark, Table with { Path = "trade.firm`years" });
        Assert.Contains("`trade`.`firm``years`", sql);
        Assert.Contains("AS STRING", sql);
        Assert.DoesNotContain("VARCHAR", sql);
        Assert.Equal("'O\\'Brien'", PanelSql.Literal(SqlDialect.Spark, "O'Brien"));
        Assert.Equal("'O''Brien'", PanelSql.Literal(SqlDialect.Trino, "O'Brien"));
    }

    /// <summary>The statements of a printed script, comments dropped.</summary>
    internal static List<string> Statements(string script) =>
        script.Split(";\n").Select(s => string.Join("\n", s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0).ToList();

    private static readonly PanelInput Simulated = new("panel_rows") { Covariates = ["sector", "size_class"] };

    private static (PanelAnalysis Engine, string Parquet) Reference(TempDir tmp)
    {
        PanelWriter.Write(PanelSimulation.Generate(3000, 7, 42, 1.8), tmp.File("p.parquet"));
        using var engine = new PanelEngine();
        engine.Load(Simulated with { Path = tmp.File("p.parquet") });
        return (engine.Analyze(Ties.Efron), tmp.File("p.parquet"));
    }

    /// <summary>The two round trips with <paramref name="run"/> executing a statement and saving its result as CSV.</summary>
    private static void RoundTrips(TempDir tmp, SqlDialect d, PanelAnalysis expected, Action<string, string?> run)
    {
        var script = Statements(PanelSql.CellsScript(d, Simulated));
        Assert.Equal(2, script.Count);
        run(script[0], tmp.File("checks.csv"));
        var checks = File.ReadAllLines(tmp.File("checks.csv"));
        Assert.Equal($"0,0,0,0,0,{expected.FirmYears}", string.Join(",", checks[1].Split(',').Select(v => v.Trim('"'))));
        run(script[1], tmp.File("cells.csv"));

        var first = PanelScaleOut.FitAsync(new PanelFitRequest(tmp.File("cells.csv"))
        {
            ScoreSqlOut = tmp.File("scores.sql"), Table = Simulated, Dialect = d, Force = true,
        }).GetAwaiter().GetResult();
        Assert.Equal("model-based", first.StandardErrors);
        Assert.Null(first.ExportEntry.Cox!.Coefficients[0].RobustSe);
        Assert.Equal(expected.ExportEntry.Cox!.Coefficients[0].Estimate, first.ExportEntry.Cox.Coefficients[0].Estimate, 12);

        var passes = Statements(File.ReadAllText(tmp.File("scores.sql")));
        Assert.Equal(2, passes.Count);
        run(passes[0], tmp.File("scores-export.csv"));
        run(passes[1], tmp.File("scores-import.csv"));
        var second = PanelScaleOut.FitAsync(new PanelFitRequest(tmp.File("cells.csv")) { Scores = [tmp.File("scores-export.csv"), tmp.File("scores-import.csv")] })
            .GetAwaiter().GetResult();
        Assert.Equal("firm-clustered", second.StandardErrors);
        PostgresPanelTests.SameFigures(PostgresPanelTests.Json(expected.ExportEntry), PostgresPanelTests.Json(second.ExportEntry));
        PostgresPanelTests.SameFigures(PostgresPanelTests.Json(expected.ImportEntry), PostgresPanelTests.Json(second.ImportEntry));
    }

    [Fact]
    public void DuckDB_runs_the_printed_SQL_and_panel_fit_on_its_cells_gives_the_engines_figures()
    {
        using var tmp = new TempDir();
        var (expected, parquet) = Reference(tmp);
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        void Exec(string sql)
        {
            using var c = db.CreateCommand();
            c.CommandText = sql;
            c.ExecuteNonQuery();
        }
        Exec($"CREATE TABLE panel_rows AS SELECT * FROM read_parquet('{parquet}')");
        RoundTrips(tmp, SqlDialect.DuckDb, expected, (sql, csv) => Exec($"COPY ({sql}) TO '{csv}' (HEADER, DELIMITER ',')"));
    }

    [Fact]
    [Trait("Category", "PostgreSQL")]
    public void PostgreSQL_runs_the_printed_SQL_and_panel_fit_on_its_cells_gives_the_engines_figures()
    {
        using var tmp = new TempDir();
        var (expected, _) = Reference(tmp);
        PanelWriter.Write(PanelSimulation.Generate(3000, 7, 42, 1.8), tmp.File("p.csv"));
        var cs = PostgresCluster.Instance.NewDatabase("scaleout");
        PostgresPanelTests.LoadTable(cs, tmp.File("p.csv"), "panel_rows");
        using var db = new NpgsqlConnection(cs);
        db.Open();
        RoundTrips(tmp, SqlDialect.Postgres, expected, (sql, csv) =>
        {
            using var reader = db.BeginTextExport($"COPY ({sql}) TO STDOUT (FORMAT csv, HEADER true)");
            File.WriteAllText(csv!, reader.ReadToEnd(), new UTF8Encoding(false));
        });
    }
}
