using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Statistics;

namespace TwoWay.Panels;

/// <summary>
/// Reads a firm-year panel with DuckDB in-process, validates it (every problem reported with its
/// file, row and column), and runs the panel analysis: the heavy work is portable SQL aggregation
/// (window functions and GROUP BY, see docs/panel-data.md), the statistics run on the aggregated
/// cells in <see cref="EntryModels"/>. Rows never become .NET objects.
/// </summary>
public sealed class PanelEngine : IDisposable
{
    private readonly DuckDBConnection _db;
    private readonly Dictionary<string, double> _seconds = [];
    private PanelInput? _input;
    private bool _windowBuilt;

    public PanelEngine(string? memoryLimit = null)
    {
        _db = new DuckDBConnection("DataSource=:memory:");
        _db.Open();
        Execute("SET preserve_insertion_order = true");
        if (memoryLimit is not null)
        {
            try { Execute($"SET memory_limit = {SqlText.Literal(memoryLimit)}"); }
            catch (DuckDBException e)
            {
                _db.Dispose();
                throw new InputException("--memory-limit", null, "--memory-limit",
                    $"'{memoryLimit}' is not a memory size DuckDB understands; give a number and a unit, e.g. 500MB, 3GB or 2GiB ({e.Message.Split('\n')[0]})");
            }
        }
    }

    public void Dispose()
    {
        _ticker?.Dispose();
        lock (_tickLock) _disposed = true; // a tick already running finishes before the connection goes
        _db.Dispose();
    }

    /// <summary>
    /// Reports progress as work proceeds (the CLI shows it on a terminal): the stage name, and while
    /// a long query runs (reading a large file, the window sort) DuckDB's own estimate of how far it got.
    /// </summary>
    public IProgress<string>? Progress
    {
        get => _progress;
        init
        {
            _progress = value;
            if (value is null) return;
            // DuckDB tracks query progress only with its progress bar on; its printing stays off.
            Execute("SET enable_progress_bar = true");
            Execute("SET enable_progress_bar_print = false");
            _ticker = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        }
    }

    private readonly IProgress<string>? _progress;
    private Timer? _ticker;
    private volatile string _stage = "";
    private readonly Lock _tickLock = new();
    private bool _disposed;
    private readonly Stopwatch _stageClock = new();

    private void Stage(string name)
    {
        _stage = name;
        _stageClock.Restart();
        _progress?.Report(name);
    }

    private void Tick()
    {
        if (_progress is null || _stage.Length == 0) return;
        double percent;
        lock (_tickLock)
        {
            if (_disposed) return;
            try { percent = _db.GetQueryProgress().Percentage; }
            catch (Exception ex) when (ex is DuckDBException or InvalidOperationException) { return; }
        }
        var seconds = _stageClock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        _progress.Report(percent >= 0 ? $"{_stage}: {percent.ToString("0", CultureInfo.InvariantCulture)}% ({seconds} s)" : $"{_stage} ({seconds} s)");
    }

    /// <summary>Loads and validates the panel (and flows, if given). Throws <see cref="InputException"/> with every problem found; nothing is kept then.</summary>
    public void Load(PanelInput input)
    {
        _input = input;
        _windowBuilt = false;
        ReadingErrors(input.Path, () => Timed("read_and_validate", () => LoadPanel(input)));
        ReadingErrors(input.Path, () => Timed("window", () => BuildWindowTable(input)));
        if (input.FlowsPath is { } flows) ReadingErrors(flows, () => Timed("read_flows", () => LoadFlows(flows)));
    }

    /// <summary>
    /// The firms observed in <paramref name="year"/> (default: the panel's last year), counted by
    /// their trade in that year, over the <paramref name="window"/> years up to it and in any year before: one row per
    /// combination, for the policy lens's population (new/occasional/regular stages, docs/methods.md).
    /// One GROUP BY over the loaded panel, so it runs at scan speed on a whole country's firms.
    /// </summary>
    public WindowActivity ActivityInWindow(int? year, int window)
    {
        var input = _input ?? throw new InvalidOperationException("Load a panel first");
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var target = year ?? (int)Scalar("SELECT MAX(year) FROM fw");
        var rows = new List<WindowActivityRow>();
        using (var r = Reader($"""
            SELECT CAST(n.imp AS INTEGER), CAST(n.exp AS INTEGER), CAST(w.observed AS INTEGER), CAST(w.exported AS INTEGER),
              CAST(w.imported AS INTEGER), CAST(COALESCE(b.exported, 0) AS INTEGER), CAST(COALESCE(b.imported, 0) AS INTEGER),
              CAST(COUNT(*) AS BIGINT) FROM
              (SELECT firm, imp, exp FROM fw WHERE year = {target}) n
              JOIN (SELECT firm, COUNT(*) AS observed, SUM(exp) AS exported, SUM(imp) AS imported FROM fw
                    WHERE year BETWEEN {target - window + 1} AND {target} GROUP BY firm) w ON n.firm = w.firm
              LEFT JOIN (SELECT firm, MAX(exp) AS exported, MAX(imp) AS imported FROM fw
                    WHERE year <= {target - window} GROUP BY firm) b ON n.firm = b.firm
            GROUP BY ALL
            ORDER BY ALL
            """))
            while (r.Read())
                rows.Add(new WindowActivityRow(r.GetInt32(0) == 1, r.GetInt32(1) == 1, r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(7),
                    r.GetInt32(5) == 1, r.GetInt32(6) == 1));
        if (rows.Count == 0)
        {
            var (first, last) = ((int)Scalar("SELECT MIN(year) FROM fw"), (int)Scalar("SELECT MAX(year) FROM fw"));
            throw new InputException(input.Path, null, input.YearColumn, $"no firm is observed in {target}; the panel covers {first}–{last}");
        }
        return new WindowActivity(target, window, rows);
    }

    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="minCell">Disclosure control: hold back figures resting on 1 to N − 1 firms; null for none.</param>
    public PanelAnalysis Analyze(Ties ties = Ties.Efron, int? minCell = null)
    {
        var input = _input ?? throw new InvalidOperationException("Load a panel first");
        return Aggregation.Analyze(input.Path, input.Covariates, ties, _seconds, Stage, minCell, input.FlowsPath is null ? null : CountryLinkage);
    }

    // ---------------------------------------------------------------- reading and validation

    /// <summary>
    /// The panel is read as a view over the file (never copied): one scan checks every value; only
    /// when something is wrong is the file read again, with row numbers, to name each problem.
    /// </summary>
    private void LoadPanel(PanelInput input)
    {
        Stage($"reading {input.Path}");
        var scan = SourceScan.Of(input.Path);
        var columns = Columns(scan.Sql);
        var errors = new InputErrorCollector();
        string[] required = [input.FirmColumn, input.YearColumn, input.ImportColumn, input.ExportColumn, .. input.Covariates];
        foreach (var c in required.Where(c => !columns.ContainsKey(c)))
            errors.Add(input.Path, null, c, $"missing column; the file has: {string.Join(", ", columns.Keys)} (map names with --firm-column, --year-column, --import-column, --export-column)");
        errors.ThrowIfAny();
        _scan = scan;
        // Whole-number firm identifiers stay numbers: grouping and sorting them is cheaper than strings.
        var firmType = columns[input.FirmColumn];
        var firm = firmType is "BIGINT" or "INTEGER" or "UBIGINT" or "UINTEGER" or "SMALLINT" or "HUGEINT"
            ? SqlText.Ident(input.FirmColumn)
            : $"NULLIF(TRIM(CAST({SqlText.Ident(input.FirmColumn)} AS VARCHAR)), '')";
        string Num(string col) => SqlText.FiniteDouble(col);
        var covSql = string.Concat(input.Covariates.Select((c, i) => $", COALESCE(CAST({SqlText.Ident(c)} AS VARCHAR), '(missing)') AS cov{i}"));
        Execute($"""
            CREATE OR REPLACE VIEW src AS SELECT {firm} AS firm, {Num(input.YearColumn)} AS year_d,
              {Num(input.ImportColumn)} AS imp_d, {Num(input.ExportColumn)} AS exp_d {covSql}
            FROM {scan.Sql}
            """);
        Stage("validating");
        var bad = Scalar("""
            SELECT COUNT(*) FROM (SELECT 1 FROM src WHERE firm IS NULL OR year_d IS NULL OR year_d <> ROUND(year_d)
              OR year_d < 1000 OR year_d > 9999 OR imp_d IS NULL OR imp_d < 0 OR exp_d IS NULL OR exp_d < 0 LIMIT 1) x
            """);
        if (bad > 0) DetailedValidation(input, scan);
        if (Scalar("SELECT COUNT(*) FROM (SELECT 1 FROM src LIMIT 1) x") == 0) throw new InputException(input.Path, null, null, "the panel has no rows");
    }

    private SourceScan? _scan;

    /// <summary>Reads the file again with row numbers and reports every problem (called only when there is one). Always throws.</summary>
    private void DetailedValidation(PanelInput input, SourceScan scan)
    {
        var errors = new InputErrorCollector();
        string Num(string col) => SqlText.FiniteDouble(col);
        string Bad(string col) => $"CASE WHEN {Num(col)} IS NULL THEN COALESCE(CAST({SqlText.Ident(col)} AS VARCHAR), '') END";
        var rowExpr = scan.RowsFromRowId ? "NULL::BIGINT" : "file_row_number + 1";
        var fileExpr = scan.RowsFromRowId ? "NULL::VARCHAR" : "filename";
        var covSql = string.Concat(input.Covariates.Select((c, i) => $", COALESCE(CAST({SqlText.Ident(c)} AS VARCHAR), '(missing)') AS cov{i}"));
        Execute($"""
            CREATE OR REPLACE TABLE fy AS SELECT
              {rowExpr} AS row_no, {fileExpr} AS file,
              NULLIF(TRIM(CAST({SqlText.Ident(input.FirmColumn)} AS VARCHAR)), '') AS firm,
              {Num(input.YearColumn)} AS year_d, {Num(input.ImportColumn)} AS imp_d, {Num(input.ExportColumn)} AS exp_d,
              {Bad(input.YearColumn)} AS year_bad, {Bad(input.ImportColumn)} AS imp_bad, {Bad(input.ExportColumn)} AS exp_bad
              {covSql}
            FROM {scan.Sql}
            """);
        // CSV rows are numbered as a spreadsheet shows them: the header is row 1.
        if (scan.RowsFromRowId) Execute("UPDATE fy SET row_no = rowid + 2");

        void Check(string where, string field, string message)
        {
            using var r = Reader($"SELECT file, row_no, {message} FROM fy WHERE {where} ORDER BY file, row_no LIMIT {errors.Limit}");
            while (r.Read())
                errors.Add(r.IsDBNull(0) ? input.Path : r.GetString(0), (int)r.GetInt64(1), field, r.GetString(2));
        }
        Stage("validating");
        Check("firm IS NULL", input.FirmColumn, "'missing firm identifier'");
        Check("year_d IS NULL", input.YearColumn, "'''' || year_bad || ''' is not a year (a whole number is expected)'");
        Check("year_d IS NOT NULL AND (year_d <> ROUND(year_d) OR year_d < 1000 OR year_d > 9999)", input.YearColumn, "CAST(year_d AS VARCHAR) || ' is not a year (a whole number such as 2015 is expected)'");
        foreach (var (col, d, bad) in new[] { (input.ImportColumn, "imp_d", "imp_bad"), (input.ExportColumn, "exp_d", "exp_bad") })
        {
            Check($"{d} IS NULL", col, $"CASE WHEN {bad} = '' THEN 'missing value (write 0 for no trade)' WHEN TRY_CAST({bad} AS DOUBLE) IS NOT NULL THEN '''' || {bad} || ''' is not a finite number' ELSE '''' || {bad} || ''' is not a number' END");
            Check($"{d} < 0", col, $"'negative value ' || CAST({d} AS VARCHAR) || ' (trade values are ≥ 0)'");
        }
        using (var r = Reader($"""
            SELECT f.file, f.row_no, f.firm, CAST(f.year_d AS BIGINT), d.first_row
            FROM fy f JOIN (SELECT firm, year_d, MIN(row_no) AS first_row, COUNT(*) AS n FROM fy
                            WHERE firm IS NOT NULL AND year_d IS NOT NULL GROUP BY firm, year_d HAVING COUNT(*) > 1) d
              ON f.firm = d.firm AND f.year_d = d.year_d
            WHERE f.row_no > d.first_row ORDER BY f.file, f.row_no LIMIT {errors.Limit}
            """))
            while (r.Read())
                errors.Add(r.IsDBNull(0) ? input.Path : r.GetString(0), (int)r.GetInt64(1), input.YearColumn,
                    $"duplicate firm-year: firm '{r.GetString(2)}' year {r.GetInt64(3)} already appears on row {r.GetInt64(4)}");
        Execute("DROP TABLE fy");
        errors.ThrowIfAny();
        throw new InvalidOperationException("the quick check found a problem the detailed check did not name");
    }

    private void LoadFlows(string path)
    {
        Stage($"reading {path}");
        var scan = SourceScan.Of(path);
        var columns = Columns(scan.Sql);
        var errors = new InputErrorCollector();
        foreach (var c in new[] { "firm_id", "year", "country", "flow", "value" }.Where(c => !columns.ContainsKey(c)))
            errors.Add(path, null, c, $"missing column; the file has: {string.Join(", ", columns.Keys)}");
        errors.ThrowIfAny();
        var rowExpr = scan.RowsFromRowId ? "NULL::BIGINT" : "file_row_number + 1";
        var fileExpr = scan.RowsFromRowId ? "NULL::VARCHAR" : "filename";
        Execute($"""
            CREATE OR REPLACE TABLE flows_raw AS SELECT {rowExpr} AS row_no, {fileExpr} AS file,
              NULLIF(TRIM(CAST(firm_id AS VARCHAR)), '') AS firm, TRY_CAST(year AS DOUBLE) AS year_d,
              UPPER(TRIM(CAST(country AS VARCHAR))) AS country, LOWER(TRIM(CAST(flow AS VARCHAR))) AS flow,
              {SqlText.FiniteDouble("value")} AS value, CAST(year AS VARCHAR) AS year_raw, CAST(value AS VARCHAR) AS value_raw
            FROM {scan.Sql}
            """);
        if (scan.RowsFromRowId) Execute("UPDATE flows_raw SET row_no = rowid + 2");
        void Check(string where, string field, string message)
        {
            using var r = Reader($"SELECT file, row_no, {message} FROM flows_raw WHERE {where} ORDER BY file, row_no LIMIT {errors.Limit}");
            while (r.Read()) errors.Add(r.IsDBNull(0) ? path : r.GetString(0), (int)r.GetInt64(1), field, r.GetString(2));
        }
        Check("firm IS NULL", "firm_id", "'missing firm identifier'");
        Check("year_d IS NULL OR year_d <> ROUND(year_d)", "year", "'''' || COALESCE(year_raw, '') || ''' is not a year (a whole number is expected)'");
        Check("flow IS NULL OR flow NOT IN ('import', 'export')", "flow", "'''' || COALESCE(flow, '') || ''' is not a flow (import or export)'");
        Check("value IS NULL", "value", "'''' || COALESCE(value_raw, '') || ''' is not a number'");
        Check("value < 0", "value", "'negative value ' || CAST(value AS VARCHAR) || ' (trade values are ≥ 0)'");
        var badCodes = new List<string>();
        using (var r = Reader("SELECT DISTINCT country FROM flows_raw"))
            while (r.Read())
                if (r.IsDBNull(0) || !CountryCode.TryParse(r.GetString(0), out _)) badCodes.Add(r.IsDBNull(0) ? "" : r.GetString(0));
        if (badCodes.Count > 0)
        {
            var list = string.Join(", ", badCodes.Take(50).Select(SqlText.Literal));
            Check($"COALESCE(country, '') IN ({list})", "country", "'''' || COALESCE(country, '') || ''' is not an ISO 3166-1 alpha-2 country code'");
        }
        using (var r = Reader($"""
            SELECT MIN(row_no), MAX(row_no), firm, CAST(year_d AS BIGINT), country, flow FROM flows_raw
            WHERE firm IS NOT NULL AND year_d IS NOT NULL GROUP BY firm, year_d, country, flow HAVING COUNT(*) > 1 LIMIT {errors.Limit}
            """))
            while (r.Read())
                errors.Add(path, (int)r.GetInt64(1), "country", $"duplicate firm-country-year flow: firm '{r.GetString(2)}' year {r.GetInt64(3)} {r.GetString(4)} {r.GetString(5)} already appears on row {r.GetInt64(0)}");
        if (errors.HasErrors)
        {
            Execute("DROP TABLE flows_raw");
            errors.ThrowIfAny();
        }
    }

    // ---------------------------------------------------------------- analysis SQL

    /// <summary>
    /// One window pass over the panel (a single sort by firm and year): everything later is a filter
    /// or GROUP BY over this table. Duplicate firm-years show up here as a year equal to the previous.
    /// </summary>
    private void BuildWindowTable(PanelInput input)
    {
        if (_windowBuilt) return;
        Stage("ordering firm-years");
        Execute($"CREATE OR REPLACE TABLE fw AS {PanelSql.Window(input.Covariates.Count, "src")}");
        if (Scalar("SELECT COUNT(*) FROM (SELECT 1 FROM fw WHERE prev_year = year LIMIT 1) x") > 0)
        {
            Execute("DROP TABLE fw");
            DetailedValidation(input, _scan!);
        }
        _windowBuilt = true;
    }

    private PanelAggregation Aggregation => _aggregation ??= new PanelAggregation(_db, SqlDialect.DuckDb);
    private PanelAggregation? _aggregation;

    private CountryLinkage CountryLinkage()
    {
        Stage("country linkage");
        return Aggregation.Linkage("flows_raw");
    }

    /// <summary>For tests and exports: the spell rows the SQL produces (after <see cref="Analyze"/> or <see cref="PrepareWindow"/>).</summary>
    internal List<(string Firm, SpellRow Row, string[] Levels)> SpellRows(Direction entering, int covariates)
    {
        var list = new List<(string, SpellRow, string[])>();
        using var r = Reader($"SELECT CAST(s.firm AS VARCHAR), s.k, s.lag, s.event{string.Concat(Enumerable.Range(0, covariates).Select(i => $", s.cov{i}"))}, s.k + f.y0 FROM ({PanelSql.Spells(entering, covariates)}) s JOIN (SELECT firm, MIN(year) AS y0 FROM fw GROUP BY firm) f ON f.firm = s.firm ORDER BY s.firm, s.k");
        while (r.Read())
            list.Add((r.GetString(0), new SpellRow(r.GetInt32(1), r.GetInt32(4 + covariates), r.GetInt32(2) == 1, r.GetInt32(3) == 1),
                Enumerable.Range(0, covariates).Select(i => r.GetString(4 + i)).ToArray()));
        return list;
    }

    /// <summary>Builds the window table only (tests use it to inspect the SQL spell rows).</summary>
    internal void PrepareWindow() => BuildWindowTable(_input!);

    /// <summary>
    /// Writes the cells file of the loaded panel (both directions) to CSV with the very SQL that
    /// <c>twoway panel sql --dialect duckdb</c> prints, run over the file: the scale-out path end to end.
    /// </summary>
    public void WriteCells(string csvPath, int? minCell = null)
    {
        var input = _input ?? throw new InvalidOperationException("Load a panel first");
        Execute($"CREATE OR REPLACE VIEW panel_table AS SELECT * FROM {_scan!.Sql}");
        var sql = PanelSql.CellsQuery(SqlDialect.DuckDb, input with { Path = "panel_table" }, minCell);
        Execute($"COPY ({sql}) TO {SqlText.Literal(Path.GetFullPath(csvPath))} (HEADER, DELIMITER ',')");
    }

    /// <summary>Writes the export- or import-entry spell rows to CSV (for checking against other tools, e.g. R).</summary>
    public void ExportSpellRows(Direction entering, string csvPath)
    {
        var covs = _input!.Covariates;
        var names = string.Concat(covs.Select((c, i) => $", cov{i} AS {SqlText.Ident(c)}"));
        // The lag column carries the name the model tables give it (imp_lag for export entry, exp_lag for import entry).
        var lagName = entering == Direction.Outward ? "imp_lag" : "exp_lag";
        Execute($"COPY (SELECT firm, k AS interval, lag AS {lagName}, event{names} FROM ({PanelSql.Spells(entering, covs.Count)}) s ORDER BY firm, k) TO {SqlText.Literal(Path.GetFullPath(csvPath))} (HEADER, DELIMITER ',')");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A file DuckDB cannot parse (malformed CSV, not Parquet) is bad input, named as such.</summary>
    internal static void ReadingErrors(string path, Action read)
    {
        try { read(); }
        catch (DuckDBException ex)
        {
            throw new InputException(path, null, null, "could not be read: " + ex.Message.Split('\n')[0]);
        }
    }

    private T Timed<T>(string stage, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        _seconds[stage] = Math.Round(sw.Elapsed.TotalSeconds, 3);
        return result;
    }

    private void Timed(string stage, Action work) => Timed(stage, () => { work(); return 0; });

    internal void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal DbDataReader Reader(string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteReader();
    }

    internal long Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return PanelAggregation.ToLong(cmd.ExecuteScalar()!);
    }

    private Dictionary<string, string> Columns(string scanSql)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var r = Reader($"DESCRIBE SELECT * FROM {scanSql}");
        while (r.Read())
            if (r.GetString(0) is not ("filename" or "file_row_number")) map[r.GetString(0)] = r.GetString(1);
        return map;
    }
}
