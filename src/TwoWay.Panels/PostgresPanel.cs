using System.Diagnostics;
using Npgsql;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// The panel analysis inside PostgreSQL, where the data lives: the table is checked, the window pass
/// becomes a temporary table of this session, and every query of <see cref="PanelSql"/> runs there;
/// only counts, cells and the score products come back (docs/panel-data.md). It gives the same
/// figures as the embedded DuckDB engine on the same rows. Nothing is written to the database
/// beyond the session's temporary tables, which are dropped at the end (a pooled connection outlives the call).
/// </summary>
public static class PostgresPanel
{
    /// <param name="connectionString">An Npgsql connection string (secrets included: only the driver sees it).</param>
    /// <param name="display">How to name the database in messages, without secrets.</param>
    /// <param name="input">The table (<see cref="PanelInput.Path"/>, as schema.table or table) and its columns.</param>
    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="progress">Stage names as the work proceeds; null for none.</param>
    /// <param name="minCell">Disclosure control: hold back figures resting on 1 to N − 1 firms; null for none.</param>
    public static PanelAnalysis Analyze(string connectionString, string display, PanelInput input, Ties ties = Ties.Efron, IProgress<string>? progress = null, int? minCell = null)
    {
        var seconds = new Dictionary<string, double>();
        var where = $"{display} table {input.Path}";
        using var db = new NpgsqlConnection(connectionString);
        try { db.Open(); }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new InputException(display, null, null, "could not connect: " + FirstLine(e.Message));
        }
        var aggregation = new PanelAggregation(db, SqlDialect.Postgres, input.Covariates);
        T Timed<T>(string name, Func<T> work)
        {
            var sw = Stopwatch.StartNew();
            var r = work();
            seconds[name] = Math.Round(sw.Elapsed.TotalSeconds, 3);
            return r;
        }
        void Stage(string s) => progress?.Report(s);
        try
        {
            Stage($"checking {input.Path}");
            Timed("read_and_validate", () => { Check(db, input, where); return 0; });
            Stage("ordering firm-years");
            Timed("window", () =>
            {
                Execute(db, "DROP TABLE IF EXISTS pg_temp.fw");
                Execute(db, $"CREATE TEMPORARY TABLE fw AS {PanelSql.Window(input.Covariates.Count, $"({PanelSql.Source(SqlDialect.Postgres, input)}) src")}");
                Execute(db, "ANALYZE fw");
                return 0;
            });
            if (input.FlowsPath is { } flows)
            {
                Stage($"checking {flows}");
                Timed("read_flows", () => { LoadFlows(db, flows, $"{display} table {flows}"); return 0; });
            }
            return PanelRun.Analyze(aggregation, where, input.Covariates, ties, seconds, Stage, minCell,
                input.FlowsPath is null ? null : () => { Stage("country linkage"); return aggregation.Linkage("flows_pg"); });
        }
        catch (PostgresException e)
        {
            throw new InputException(where, null, null, "PostgreSQL refused a query: " + FirstLine(e.MessageText));
        }
        finally
        {
            // A pooled connection outlives this call: its temporary tables would stay with it.
            if (db.State == System.Data.ConnectionState.Open)
                try { Execute(db, "DROP TABLE IF EXISTS pg_temp.fw; DROP TABLE IF EXISTS pg_temp.cell_scores; DROP TABLE IF EXISTS pg_temp.flows_pg"); }
                catch (NpgsqlException) { /* the session is gone, and its temporary tables with it */ }
        }
    }

    /// <summary>The columns exist and one scan finds no missing, fractional, negative or duplicate value; otherwise every kind of problem is named with examples.</summary>
    private static void Check(NpgsqlConnection db, PanelInput input, string where)
    {
        var columns = new List<string>();
        try
        {
            using var cmd = new NpgsqlCommand($"SELECT * FROM {PanelSql.Table(SqlDialect.Postgres, input.Path)} LIMIT 0", db);
            using var r = cmd.ExecuteReader();
            for (var i = 0; i < r.FieldCount; i++) columns.Add(r.GetName(i));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new InputException(where, null, "--table", "no such table: " + FirstLine(e.MessageText));
        }
        var errors = new InputErrorCollector();
        string[] required = [input.FirmColumn, input.YearColumn, input.ImportColumn, input.ExportColumn, .. input.Covariates];
        foreach (var c in required.Where(c => !columns.Contains(c)))
            errors.Add(where, null, c, $"missing column; the table has: {string.Join(", ", columns)} (map names with --firm-column, --year-column, --import-column, --export-column)");
        errors.ThrowIfAny();

        var src = $"({PanelSql.Source(SqlDialect.Postgres, input)}) src";
        long[] counts;
        try
        {
            using var cmd = new NpgsqlCommand(PanelSql.Checks(src), db);
            using var r = cmd.ExecuteReader();
            r.Read();
            counts = Enumerable.Range(0, 6).Select(i => r.IsDBNull(i) ? 0 : PanelAggregation.Long(r, i)).ToArray();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.CannotCoerce or PostgresErrorCodes.DatatypeMismatch)
        {
            throw new InputException(where, null, null, "a year or trade value column is not numeric: " + FirstLine(e.MessageText));
        }
        if (counts[5] == 0) throw new InputException(where, null, null, "the panel has no rows");
        void Examples(long count, string field, string condition, string what)
        {
            if (count == 0) return;
            using var cmd = new NpgsqlCommand($"SELECT CAST(firm AS TEXT), CAST(year_d AS TEXT) FROM {src} WHERE {condition} LIMIT 5", db);
            using var r = cmd.ExecuteReader();
            var shown = new List<string>();
            while (r.Read()) shown.Add($"firm {(r.IsDBNull(0) ? "(none)" : r.GetString(0))} year {(r.IsDBNull(1) ? "(none)" : r.GetString(1))}");
            errors.Add(where, null, field, $"{count} row(s) with {what}, e.g. {string.Join("; ", shown)}");
        }
        Examples(counts[0], input.FirmColumn, "firm IS NULL", "no firm identifier");
        Examples(counts[1], input.YearColumn, "year_d IS NULL OR year_d <> FLOOR(year_d) OR year_d < 1000 OR year_d > 9999", "a missing or impossible year (a whole number such as 2015 is expected)");
        Examples(counts[2], input.ImportColumn, "imp_d IS NULL OR imp_d < 0", "a missing or negative import value (write 0 for no trade)");
        Examples(counts[3], input.ExportColumn, "exp_d IS NULL OR exp_d < 0", "a missing or negative export value (write 0 for no trade)");
        Examples(counts[4], input.YearColumn, "(firm, year_d) IN (SELECT firm, year_d FROM " + src.Replace(") src", ") d", StringComparison.Ordinal) + " GROUP BY firm, year_d HAVING COUNT(*) > 1)", "a firm-year given twice");
        errors.ThrowIfAny();
    }

    /// <summary>
    /// The firm-country-year flows table (firm_id, year, country, flow, value), as the flows file of the
    /// file engine: copied into a temporary table of the session and checked with the same rules; every
    /// kind of problem is named by column with example firm-years.
    /// </summary>
    private static void LoadFlows(NpgsqlConnection db, string table, string where)
    {
        var columns = new List<string>();
        try
        {
            using var cmd = new NpgsqlCommand($"SELECT * FROM {PanelSql.Table(SqlDialect.Postgres, table)} LIMIT 0", db);
            using var r = cmd.ExecuteReader();
            for (var i = 0; i < r.FieldCount; i++) columns.Add(r.GetName(i));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new InputException(where, null, "--flows", "no such table: " + FirstLine(e.MessageText));
        }
        var errors = new InputErrorCollector();
        foreach (var c in new[] { "firm_id", "year", "country", "flow", "value" }.Where(c => !columns.Contains(c)))
            errors.Add(where, null, c, $"missing column; the table has: {string.Join(", ", columns)}");
        errors.ThrowIfAny();
        try
        {
            Execute(db, "DROP TABLE IF EXISTS pg_temp.flows_pg");
            Execute(db, "CREATE TEMPORARY TABLE flows_pg AS SELECT NULLIF(TRIM(CAST(firm_id AS TEXT)), '') AS firm, CAST(year AS DOUBLE PRECISION) AS year_d, " +
                "UPPER(TRIM(CAST(country AS TEXT))) AS country, LOWER(TRIM(CAST(flow AS TEXT))) AS flow, CAST(value AS DOUBLE PRECISION) AS value " +
                $"FROM {PanelSql.Table(SqlDialect.Postgres, table)}");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.CannotCoerce or PostgresErrorCodes.DatatypeMismatch)
        {
            throw new InputException(where, null, null, "the year or value column is not numeric: " + FirstLine(e.MessageText));
        }
        void Problems(string condition, string field, string message)
        {
            using var cmd = new NpgsqlCommand($"SELECT firm, year_d, {message} FROM flows_pg WHERE {condition} ORDER BY firm, year_d LIMIT 5", db);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                errors.Add(where, null, field, $"firm {(r.IsDBNull(0) ? "(missing)" : r.GetString(0))} year {(r.IsDBNull(1) ? "(missing)" : r.GetDouble(1).ToString(System.Globalization.CultureInfo.InvariantCulture))}: {r.GetString(2)}");
        }
        Problems("firm IS NULL", "firm_id", "'missing firm identifier'");
        Problems("year_d IS NULL OR year_d <> ROUND(year_d)", "year", "'not a year (a whole number is expected)'");
        Problems("flow IS NULL OR flow NOT IN ('import', 'export')", "flow", "'''' || COALESCE(flow, '') || ''' is not a flow (import or export)'");
        Problems("value IS NULL OR value < 0 OR value = 'NaN'::float8 OR value IN ('Infinity'::float8, '-Infinity'::float8)", "value", "'missing, negative or not finite value'");
        var badCodes = new List<string>();
        using (var cmd = new NpgsqlCommand("SELECT DISTINCT country FROM flows_pg", db))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                if (r.IsDBNull(0) || !CountryCode.TryParse(r.GetString(0), out _)) badCodes.Add(r.IsDBNull(0) ? "" : r.GetString(0));
        foreach (var code in badCodes.Take(5))
            errors.Add(where, null, "country", $"'{code}' is not an ISO 3166-1 alpha-2 country code");
        Problems("(firm, year_d, country, flow) IN (SELECT firm, year_d, country, flow FROM flows_pg GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1)",
            "country", "country || ' ' || flow || ': duplicate firm-country-year flow'");
        if (errors.HasErrors)
        {
            Execute(db, "DROP TABLE IF EXISTS pg_temp.flows_pg");
            errors.ThrowIfAny();
        }
        Execute(db, "ANALYZE flows_pg");
    }

    private static void Execute(NpgsqlConnection db, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
