using System.Text.Json;
using Npgsql;
using TwoWay.Input;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// The analysis run inside PostgreSQL (a throwaway cluster on loopback) gives every figure the
/// embedded DuckDB engine gives on the same rows — the panels the R differential tests check.
/// </summary>
public sealed class PostgresPanelTests
{
    /// <summary>Copies a panel CSV (firm_id, year, import_value, export_value, sector, size_class, region) into a new table.</summary>
    internal static void LoadTable(string connection, string csv, string table = "panel")
    {
        using var db = new NpgsqlConnection(connection);
        db.Open();
        using (var cmd = new NpgsqlCommand($"CREATE TABLE {table} (firm_id BIGINT, year INTEGER, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION, sector TEXT, size_class TEXT, region TEXT)", db))
            cmd.ExecuteNonQuery();
        using var writer = db.BeginTextImport($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)");
        writer.Write(File.ReadAllText(csv));
    }

    /// <summary>Every number in the two JSON trees equal to 1e-9 (relative), every string and array length equal; the source and timings aside.</summary>
    internal static void SameFigures(JsonElement a, JsonElement b, string path = "$")
    {
        Assert.True(a.ValueKind == b.ValueKind, $"{path}: {a.ValueKind} vs {b.ValueKind}");
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in a.EnumerateObject())
                {
                    if (p.Name is "source" or "seconds") continue;
                    Assert.True(b.TryGetProperty(p.Name, out var q), $"{path}.{p.Name} missing");
                    SameFigures(p.Value, q, $"{path}.{p.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(a.GetArrayLength() == b.GetArrayLength(), $"{path}: {a.GetArrayLength()} vs {b.GetArrayLength()} items");
                var i = 0;
                foreach (var (x, y) in a.EnumerateArray().Zip(b.EnumerateArray())) SameFigures(x, y, $"{path}[{i++}]");
                break;
            case JsonValueKind.Number:
                var (u, v) = (a.GetDouble(), b.GetDouble());
                Assert.True(Math.Abs(u - v) <= 1e-9 * Math.Max(1, Math.Abs(u)), $"{path}: {u:R} vs {v:R}");
                break;
            default:
                Assert.Equal(a.ToString(), b.ToString());
                break;
        }
    }

    internal static JsonElement Json(object o) => JsonSerializer.SerializeToElement(o, TwoWay.Application.PublicJson.Options);

    [Fact]
    public void PostgreSQL_and_DuckDB_give_the_same_figures_on_the_R_checked_panel()
    {
        using var tmp = new TempDir();
        PanelWriter.Write(PanelSimulation.Generate(3000, 7, 42, 1.8), tmp.File("p.csv"));
        var cs = PostgresCluster.Instance.NewDatabase("panel");
        LoadTable(cs, tmp.File("p.csv"));
        var input = new PanelInput("panel") { Covariates = ["sector", "size_class"] };
        foreach (var ties in new[] { Ties.Efron, Ties.Breslow })
        {
            using var engine = new PanelEngine();
            engine.Load(input with { Path = tmp.File("p.csv") });
            var duck = engine.Analyze(ties);
            var pg = PostgresPanel.Analyze(cs, "test database", input, ties);
            Assert.Equal(3000, pg.Firms);
            Assert.NotNull(pg.ExportEntry.Cox!.Coefficients[0].RobustSe);
            SameFigures(Json(duck), Json(pg));
        }
    }

    [Fact]
    public void Two_analyses_of_one_table_at_once_keep_their_work_apart()
    {
        // Each session's window table is its own temporary table: two analysts at the same moment
        // (one with disclosure control) neither see nor disturb each other's.
        using var tmp = new TempDir();
        PanelWriter.Write(PanelSimulation.Generate(1500, 6, 5, 1.8), tmp.File("p.csv"));
        var cs = PostgresCluster.Instance.NewDatabase("panel");
        LoadTable(cs, tmp.File("p.csv"));
        var input = new PanelInput("panel") { Covariates = ["sector"] };
        var alone = PostgresPanel.Analyze(cs, "test database", input);
        var together = new[] { (int?)null, 10 }.AsParallel().WithDegreeOfParallelism(2)
            .Select(n => (n, PostgresPanel.Analyze(cs, "test database", input, minCell: n))).ToList();
        SameFigures(Json(alone), Json(together.Single(x => x.n is null).Item2));
        Assert.NotNull(together.Single(x => x.n == 10).Item2.Disclosure);
        using var db = new NpgsqlConnection(cs);
        db.Open();
        using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('fw', 'cell_scores')", db);
        Assert.Equal(0L, (long)cmd.ExecuteScalar()!); // nothing left behind once the sessions end
    }

    [Fact]
    public void A_table_with_bad_rows_is_refused_naming_the_column_and_firm_years_and_nothing_is_left_behind()
    {
        var cs = PostgresCluster.Instance.NewDatabase("panel");
        using (var db = new NpgsqlConnection(cs))
        {
            db.Open();
            using var cmd = new NpgsqlCommand("""
                CREATE TABLE p (firm_id TEXT, year DOUBLE PRECISION, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION);
                INSERT INTO p VALUES ('A', 2001, 0, 0), ('A', 2002, -5, 1), ('B', 2001.5, 0, 0), ('C', 2001, 0, 0), ('C', 2001, 1, 1);
                """, db);
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InputException>(() => PostgresPanel.Analyze(cs, "test database", new PanelInput("p")));
        var text = string.Join("\n", e.Errors.Select(x => x.ToString()));
        Assert.Contains("import_value", text);
        Assert.Contains("firm A year 2002", text);
        Assert.Contains("firm B year 2001.5", text);
        Assert.Contains("firm-year given twice", text);
        var missing = Assert.Throws<InputException>(() => PostgresPanel.Analyze(cs, "test database", new PanelInput("p") { Covariates = ["sector"] }));
        Assert.Contains("sector", missing.Errors[0].ToString());
        var none = Assert.Throws<InputException>(() => PostgresPanel.Analyze(cs, "test database", new PanelInput("nope")));
        Assert.Contains("no such table", none.Errors[0].ToString());
        Assert.DoesNotContain(PostgresCluster.Password, text + missing.Message + none.Message);
    }

    /// <summary>A panel with firm-country flows where country linkage has something to count: 60 fictional firms, seeded.</summary>
    private static (string Panel, string Flows) LinkagePanel(TempDir tmp)
    {
        var rng = new Random(17);
        string[] countries = ["DE", "IT", "RS", "GE", "UA", "FR"];
        var panel = new System.Text.StringBuilder("firm_id,year,import_value,export_value\n");
        var flows = new System.Text.StringBuilder("firm_id,year,country,flow,value\n");
        for (var f = 1; f <= 60; f++)
            for (var y = 2010; y < 2018; y++)
            {
                double imp = 0, exp = 0;
                foreach (var c in countries)
                {
                    if (rng.NextDouble() < 0.12 + 0.02 * (y - 2010)) { var v = rng.Next(1, 100); imp += v; flows.Append($"{f},{y},{c},import,{v}\n"); }
                    if (y > 2010 && rng.NextDouble() < 0.05 + 0.03 * (y - 2010)) { var v = rng.Next(1, 100); exp += v; flows.Append($"{f},{y},{c},export,{v}\n"); }
                }
                panel.Append($"{f},{y},{imp},{exp}\n");
            }
        return (tmp.Write("linkage-panel.csv", panel.ToString()), tmp.Write("linkage-flows.csv", flows.ToString()));
    }

    [Fact]
    public void Country_linkage_inside_PostgreSQL_equals_the_file_engine_on_the_same_flows()
    {
        using var tmp = new TempDir();
        var (panelCsv, flowsCsv) = LinkagePanel(tmp);
        var cs = PostgresCluster.Instance.NewDatabase("linkage");
        using (var db = new NpgsqlConnection(cs))
        {
            db.Open();
            using (var cmd = new NpgsqlCommand("CREATE TABLE p (firm_id TEXT, year INTEGER, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION); CREATE TABLE trade_flows (firm_id TEXT, year INTEGER, country TEXT, flow TEXT, value NUMERIC)", db))
                cmd.ExecuteNonQuery();
            using (var w = db.BeginTextImport("COPY p FROM STDIN (FORMAT csv, HEADER true)")) w.Write(File.ReadAllText(panelCsv));
            using (var w = db.BeginTextImport("COPY trade_flows FROM STDIN (FORMAT csv, HEADER true)")) w.Write(File.ReadAllText(flowsCsv));
        }
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(panelCsv) { FlowsPath = flowsCsv });
        var duck = engine.Analyze();
        var pg = PostgresPanel.Analyze(cs, "test database", new PanelInput("p") { FlowsPath = "trade_flows" });
        Assert.NotNull(pg.CountryLinkage);
        Assert.True(pg.CountryLinkage!.WithPriorImports.Trials > 0 && pg.CountryLinkage.WithoutPriorImports.Trials > 0);
        SameFigures(Json(duck), Json(pg));
        // Nothing is left behind in the session.
        using var check = new NpgsqlConnection(cs);
        check.Open();
        using var left = new NpgsqlCommand("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('fw', 'flows_pg', 'cell_scores')", check);
        Assert.Equal(0L, (long)left.ExecuteScalar()!);
    }

    [Fact]
    public void A_flows_table_with_bad_rows_is_refused_by_column_with_examples()
    {
        using var tmp = new TempDir();
        var (panelCsv, _) = LinkagePanel(tmp);
        var cs = PostgresCluster.Instance.NewDatabase("linkage");
        using (var db = new NpgsqlConnection(cs))
        {
            db.Open();
            using (var cmd = new NpgsqlCommand("""
                CREATE TABLE p (firm_id TEXT, year INTEGER, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION);
                CREATE TABLE bad_flows (firm_id TEXT, year DOUBLE PRECISION, country TEXT, flow TEXT, value DOUBLE PRECISION);
                INSERT INTO bad_flows VALUES ('1', 2011, 'DE', 'import', 5), ('1', 2011.5, 'DE', 'import', 5), ('2', 2012, 'XX', 'export', 3),
                  ('3', 2012, 'IT', 'sideways', 3), ('4', 2013, 'FR', 'export', -2), ('5', 2013, 'FR', 'export', 1), ('5', 2013, 'FR', 'export', 2);
                """, db))
                cmd.ExecuteNonQuery();
            using (var w = db.BeginTextImport("COPY p FROM STDIN (FORMAT csv, HEADER true)")) w.Write(File.ReadAllText(panelCsv));
        }
        var e = Assert.Throws<InputException>(() => PostgresPanel.Analyze(cs, "test database", new PanelInput("p") { FlowsPath = "bad_flows" }));
        var text = string.Join("\n", e.Errors.Select(x => x.ToString()));
        Assert.Contains("firm 1 year 2011.5: not a year", text);
        Assert.Contains("'XX' is not an ISO 3166-1 alpha-2 country code", text);
        Assert.Contains("'sideways' is not a flow", text);
        Assert.Contains("firm 4 year 2013: missing, negative or not finite value", text);
        Assert.Contains("FR export: duplicate firm-country-year flow", text);
        Assert.Contains("bad_flows", e.Errors[0].Source);
        var missing = Assert.Throws<InputException>(() => PostgresPanel.Analyze(cs, "test database", new PanelInput("p") { FlowsPath = "no_such_flows" }));
        Assert.Contains("no such table", missing.Errors[0].ToString());
    }
}
