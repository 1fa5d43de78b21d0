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
/// file, row and column), and runs the panel analysis: DuckDB reads the file once and hands the rows
/// over firm by firm as three numbers each (firm, year and state, covariate pattern) to the core's
/// <see cref="PanelPass"/>, which counts everything; the statistics run on the counts in
/// <see cref="EntryModels"/>. The portable SQL of <see cref="PanelSql"/> (what other engines run)
/// is kept here for what still asks for it (spell rows, <see cref="AnalyzeBySql"/> in tests).
/// </summary>
public sealed class PanelEngine : IDisposable
{
    private readonly DuckDBConnection _db;
    private readonly Dictionary<string, double> _seconds = [];
    private PanelInput? _input;
    private bool _windowBuilt;
    private PanelPass? _pass;

    public PanelEngine(string? memoryLimit = null)
    {
        _db = new DuckDBConnection("DataSource=:memory:");
        _db.Open();
        Execute("SET preserve_insertion_order = true");
        Execute("SET streaming_buffer_size = '256MB'");
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
    /// a long query runs (reading a large file, a sort) DuckDB's own estimate of how far it got.
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
        _pass = null;
        _seconds.Clear(); // timings belong to the panel loaded
        ReadingErrors(input.Path, () => Timed("read_and_validate", () => { LoadPanel(input); _pass = Pass(input); }));
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
        // No order is needed: plain GROUP BYs over the checked rows.
        Execute("CREATE OR REPLACE TEMP VIEW firm_years AS SELECT firm, CAST(year_d AS INTEGER) AS year, CASE WHEN imp_d > 0 THEN 1 ELSE 0 END AS imp, CASE WHEN exp_d > 0 THEN 1 ELSE 0 END AS exp FROM src");
        var target = year ?? _pass!.Extent().Last;
        var rows = new List<WindowActivityRow>();
        using (var r = Reader($"""
            SELECT CAST(n.imp AS INTEGER), CAST(n.exp AS INTEGER), CAST(w.observed AS INTEGER), CAST(w.exported AS INTEGER),
              CAST(w.imported AS INTEGER), CAST(COALESCE(b.exported, 0) AS INTEGER), CAST(COALESCE(b.imported, 0) AS INTEGER),
              CAST(COUNT(*) AS BIGINT) FROM
              (SELECT firm, imp, exp FROM firm_years WHERE year = {target}) n
              JOIN (SELECT firm, COUNT(*) AS observed, SUM(exp) AS exported, SUM(imp) AS imported FROM firm_years
                    WHERE year BETWEEN {target - window + 1} AND {target} GROUP BY firm) w ON n.firm = w.firm
              LEFT JOIN (SELECT firm, MAX(exp) AS exported, MAX(imp) AS imported FROM firm_years
                    WHERE year <= {target - window} GROUP BY firm) b ON n.firm = b.firm
            GROUP BY ALL
            ORDER BY ALL
            """))
            while (r.Read())
                rows.Add(new WindowActivityRow(r.GetInt32(0) == 1, r.GetInt32(1) == 1, r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(7),
                    r.GetInt32(5) == 1, r.GetInt32(6) == 1));
        if (rows.Count == 0)
        {
            var (_, _, first, last) = _pass!.Extent();
            throw new InputException(input.Path, null, input.YearColumn, $"no firm is observed in {target}; the panel covers {first}–{last}");
        }
        return new WindowActivity(target, window, rows);
    }

    /// <param name="ties">Ties in the Cox partial likelihood.</param>
    /// <param name="minCell">Disclosure control: hold back figures resting on 1 to N − 1 firms; null for none.</param>
    public PanelAnalysis Analyze(Ties ties = Ties.Efron, int? minCell = null)
    {
        var input = _input ?? throw new InvalidOperationException("Load a panel first");
        return PanelRun.Analyze(_pass!, input.Path, input.Covariates, ties, _seconds, Stage, minCell, input.FlowsPath is null ? null : CountryLinkage);
    }

    /// <summary>
    /// The same analysis by the SQL every other engine runs (the window pass, GROUP BY per figure, the
    /// SQL score pass), here in DuckDB: tests hold it equal to <see cref="Analyze"/>.
    /// </summary>
    internal PanelAnalysis AnalyzeBySql(Ties ties = Ties.Efron, int? minCell = null)
    {
        var input = _input ?? throw new InvalidOperationException("Load a panel first");
        EnsureWindow();
        return PanelRun.Analyze(Aggregation, input.Path, input.Covariates, ties, new Dictionary<string, double>(), Stage, minCell,
            input.FlowsPath is null ? null : CountryLinkage);
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
        var firm = firmType is "BIGINT" or "INTEGER" or "UBIGINT" or "UINTEGER" or "SMALLINT" or "HUGEINT" or "TINYINT"
            ? SqlText.Ident(input.FirmColumn)
            : $"NULLIF(TRIM(CAST({SqlText.Ident(input.FirmColumn)} AS VARCHAR)), '')";
        // Typed columns (Parquet, or CSV columns DuckDB recognised) are used as they are, for speed:
        // the same values as the general cast, which text columns still get.
        _yearIsWhole = IsWhole(columns[input.YearColumn]);
        string Num(string col) => IsWhole(columns[col]) ? SqlText.Ident(col)
            : columns[col] is "DOUBLE" or "FLOAT" ? $"CASE WHEN isfinite({SqlText.Ident(col)}) THEN CAST({SqlText.Ident(col)} AS DOUBLE) END"
            : SqlText.FiniteDouble(col);
        var covSql = string.Concat(input.Covariates.Select((c, i) => columns[c] == "VARCHAR"
            ? $", COALESCE({SqlText.Ident(c)}, '(missing)') AS cov{i}"
            : $", COALESCE(CAST({SqlText.Ident(c)} AS VARCHAR), '(missing)') AS cov{i}"));
        Execute($"""
            CREATE OR REPLACE VIEW src AS SELECT {firm} AS firm, {Num(input.YearColumn)} AS year_d,
              {Num(input.ImportColumn)} AS imp_d, {Num(input.ExportColumn)} AS exp_d {covSql}
            FROM {scan.Sql}
            """);
        _firmIsNumber = firmType is "BIGINT" or "INTEGER" or "SMALLINT" or "TINYINT" or "UINTEGER" or "USMALLINT" or "UTINYINT";
    }

    private SourceScan? _scan;
    private bool _firmIsNumber, _yearIsWhole;

    private static bool IsWhole(string duckDbType) => duckDbType is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT"
        or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT";

    /// <summary>
    /// Reads the panel once, firm by firm, into a <see cref="PanelPass"/>, checking every value on
    /// the way. Rows are taken in the file's order when each firm's rows come together with years
    /// ascending (files written sorted by firm and year); otherwise, as soon as that is seen not to
    /// hold, they are read again sorted by firm and year (a sort of three numbers per row in DuckDB,
    /// not the SQL window pass). Any bad value or duplicate firm-year: every problem is named.
    /// </summary>
    private PanelPass Pass(PanelInput input)
    {
        var (patterns, hash, codeOf) = Patterns(input);
        var state = $"""
            CASE WHEN year_d IS NULL {(_yearIsWhole ? "" : "OR year_d <> ROUND(year_d) ")}OR year_d < 1000 OR year_d > 9999
                   OR imp_d IS NULL OR imp_d < 0 OR exp_d IS NULL OR exp_d < 0 THEN NULL
                 ELSE CAST(year_d AS INTEGER) * 4 + CASE WHEN exp_d > 0 THEN 2 ELSE 0 END + CASE WHEN imp_d > 0 THEN 1 ELSE 0 END END
            """;
        var firm = _firmIsNumber ? "CAST(firm AS BIGINT)" : "CAST(firm AS VARCHAR)";
        var select = $"SELECT {firm}, {state}, {hash} FROM src";
        // A folder of files (partitioned, e.g. by year) is never in firm order as a whole: sorted at once,
        // rather than materialised once in vain.
        var (pass, problem) = (default(PanelPass)!, _scan!.Folder ? PassProblem.Order : PassProblem.None);
        if (!_scan.Folder)
        {
            Stage($"reading {input.Path}");
            (pass, problem) = Read(select, patterns, codeOf, sorted: false);
        }
        if (problem == PassProblem.Order)
        {
            Stage($"reading {input.Path} sorted by firm and year");
            // By firm, then year × 4 + state: the year's order, one key cheaper to sort than year_d.
            (pass, problem) = Read(select + " ORDER BY 1, 2", patterns, codeOf, sorted: true);
        }
        if (problem is PassProblem.BadValue or PassProblem.Duplicate) DetailedValidation(input, _scan!);
        if (problem == PassProblem.Empty) throw new InputException(input.Path, null, null, "the panel has no rows");
        return pass;
    }

    private enum PassProblem { None, Order, BadValue, Duplicate, Empty }

    /// <summary>One read of the rows into a new pass; stops at the first row that is bad or out of firm order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (PanelPass Pass, PassProblem Problem) Read(string select, CovariatePatterns patterns, Dictionary<ulong, int> codeOf, bool sorted)
    {
        ulong lastHash = 0; var lastCode = -1;
        var sw = Stopwatch.StartNew();
        var pass = new PanelPass(patterns);
        var years = new int[64]; var states = new TraderState[64]; var codes = new long[64];
        var n = 0;
        long rows = 0;
        long firmNumber = 0; string? firmText = null;
        var seenTexts = new HashSet<string>(StringComparer.Ordinal);
        var problem = PassProblem.None;
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = select;
            // Streamed with a large buffer: DuckDB scans on both cores while the pass counts, and only the
            // buffer is held (materialising the result was as fast and held 0.4 GB more at 19M rows).
            cmd.UseStreamingMode = true;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (r.IsDBNull(0) || r.IsDBNull(1)) { problem = PassProblem.BadValue; break; }
                if ((++rows & 0xFFFFF) == 0) _progress?.Report($"counting firm by firm: {rows.ToString("N0", CultureInfo.InvariantCulture)} firm-years");
                var packed = r.GetFieldValue<int>(1);
                var year = packed >> 2;
                bool same;
                if (_firmIsNumber)
                {
                    var f = r.GetFieldValue<long>(0);
                    same = n > 0 && f == firmNumber;
                    // Numbered firms must come in ascending order (as sorted files have them), which also proves each firm's rows are together.
                    if (!same) { if (n > 0 && f < firmNumber) { problem = PassProblem.Order; break; } firmNumber = f; }
                }
                else
                {
                    var f = r.GetString(0);
                    same = n > 0 && string.Equals(f, firmText, StringComparison.Ordinal);
                    if (!same) { if (n > 0) seenTexts.Add(firmText!); if (seenTexts.Contains(f)) { problem = PassProblem.Order; break; } firmText = f; }
                }
                if (same)
                {
                    if (year == years[n - 1]) { problem = PassProblem.Duplicate; break; }
                    if (year < years[n - 1]) { problem = PassProblem.Order; break; }
                }
                else if (n > 0)
                {
                    pass.AddFirm(years.AsSpan(0, n), states.AsSpan(0, n), codes.AsSpan(0, n));
                    n = 0;
                }
                if (n == years.Length) { Array.Resize(ref years, n * 2); Array.Resize(ref states, n * 2); Array.Resize(ref codes, n * 2); }
                years[n] = year; states[n] = (TraderState)(packed & 3);
                // A firm's rows mostly share one pattern: look its hash up only when it changes.
                var h = r.GetFieldValue<ulong>(2);
                if (h != lastHash || lastCode < 0)
                {
                    if (!codeOf.TryGetValue(h, out lastCode)) throw new InputException(_input!.Path, null, null, "the file changed while it was being read; run the analysis again");
                    lastHash = h;
                }
                codes[n] = lastCode;
                n++;
            }
        }
        if (problem == PassProblem.Order && sorted) throw new InvalidOperationException("rows sorted by firm and year came out of order");
        if (problem == PassProblem.None && n > 0) pass.AddFirm(years.AsSpan(0, n), states.AsSpan(0, n), codes.AsSpan(0, n));
        if (problem == PassProblem.None && rows == 0) problem = PassProblem.Empty;
        if (sorted) _seconds["sort_by_firm"] = Math.Round(sw.Elapsed.TotalSeconds, 3);
        return (pass, problem);
    }

    /// <summary>
    /// The combinations of covariate levels in the panel (one scan), each with DuckDB's hash of it:
    /// rows then carry the hash, one number, and the pass numbers the combinations. The hashes of the
    /// combinations found are checked to differ (with a salt tried after a collision), so the hash
    /// names a combination exactly.
    /// </summary>
    private (CovariatePatterns Patterns, string HashSql, Dictionary<ulong, int> CodeOf) Patterns(PanelInput input)
    {
        var covs = string.Join(", ", input.Covariates.Select((_, i) => $"cov{i}"));
        if (covs.Length == 0) return (new CovariatePatterns([[]]), "CAST(0 AS UBIGINT)", new() { [0] = 0 });
        Stage("reading the covariates' levels");
        for (var salt = 0; salt < 4; salt++)
        {
            var hash = salt == 0 ? $"hash({covs})" : $"hash({covs}, {salt})";
            var patterns = new List<string[]>();
            var codeOf = new Dictionary<ulong, int>();
            var collision = false;
            using (var r = Reader($"SELECT DISTINCT {hash}, {covs} FROM src"))
                while (r.Read())
                {
                    if (!codeOf.TryAdd(r.GetFieldValue<ulong>(0), patterns.Count)) { collision = true; break; }
                    patterns.Add(Enumerable.Range(1, input.Covariates.Count).Select(r.GetString).ToArray());
                }
            if (collision) continue;
            // An empty panel has no combination; the pass then finds no rows.
            return (new CovariatePatterns(patterns.Count == 0 ? [input.Covariates.Select(_ => "").ToArray()] : patterns), hash, codeOf);
        }
        throw new InvalidOperationException("the covariate combinations' hashes collide with every salt tried");
    }

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
        var sw = Stopwatch.StartNew();
        Stage("ordering firm-years");
        Execute($"CREATE OR REPLACE TABLE fw AS {PanelSql.Window(input.Covariates.Count, "src")}");
        if (Scalar("SELECT COUNT(*) FROM (SELECT 1 FROM fw WHERE prev_year = year LIMIT 1) x") > 0)
        {
            Execute("DROP TABLE fw");
            DetailedValidation(input, _scan!);
        }
        _windowBuilt = true;
        _seconds["window"] = Math.Round(sw.Elapsed.TotalSeconds, 3);
    }

    /// <summary>The SQL window table, for what is still asked of it in SQL (the policy lens's population, spell rows, <see cref="AnalyzeBySql"/>).</summary>
    private void EnsureWindow() => ReadingErrors(_input!.Path, () => BuildWindowTable(_input!));

    private PanelAggregation Aggregation => _aggregation ??= new PanelAggregation(_db, SqlDialect.DuckDb, _input!.Covariates);
    private PanelAggregation? _aggregation;

    private CountryLinkage CountryLinkage()
    {
        Stage("country linkage");
        return Aggregation.Linkage("flows_raw");
    }

    /// <summary>For tests and exports: the spell rows the SQL produces (after <see cref="Analyze"/> or <see cref="PrepareWindow"/>).</summary>
    internal List<(string Firm, SpellRow Row, string[] Levels)> SpellRows(Direction entering, int covariates)
    {
        EnsureWindow();
        var list = new List<(string, SpellRow, string[])>();
        using var r = Reader($"SELECT CAST(s.firm AS VARCHAR), s.k, s.lag, s.event{string.Concat(Enumerable.Range(0, covariates).Select(i => $", s.cov{i}"))}, s.k + f.y0 FROM ({PanelSql.Spells(entering, covariates)}) s JOIN (SELECT firm, MIN(year) AS y0 FROM fw GROUP BY firm) f ON f.firm = s.firm ORDER BY s.firm, s.k");
        while (r.Read())
            list.Add((r.GetString(0), new SpellRow(r.GetInt32(1), r.GetInt32(4 + covariates), r.GetInt32(2) == 1, r.GetInt32(3) == 1),
                Enumerable.Range(0, covariates).Select(i => r.GetString(4 + i)).ToArray()));
        return list;
    }

    /// <summary>Builds the window table only (tests use it to inspect the SQL spell rows).</summary>
    internal void PrepareWindow() => EnsureWindow();

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
        EnsureWindow();
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
