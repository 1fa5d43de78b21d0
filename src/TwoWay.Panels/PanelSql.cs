using System.Globalization;
using System.Text;
using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>The SQL engines the panel aggregation is written for.</summary>
public enum SqlDialect { DuckDb, Postgres, Spark, Trino }

/// <summary>
/// The panel aggregation as SQL text, one source for every engine: the window pass over firm-years,
/// the spell rows, the cells (interval × lag × covariate levels, with firms and entries) and the
/// Kaplan–Meier outcomes, and the score pass that returns Σ_f U_f U_fᵀ for firm-clustered standard
/// errors. The embedded DuckDB engine, the PostgreSQL engine and <c>twoway panel sql</c> all use
/// these texts, so what runs on a data holder's cluster is what runs here (docs/panel-data.md).
/// Only standard window functions, GROUP BY, UNION ALL and VALUES are used; the dialects differ in
/// quoting, the text and double type names and string escapes.
/// </summary>
public static class PanelSql
{
    public static SqlDialect Parse(string name, string field) => name.Trim().ToLowerInvariant() switch
    {
        "duckdb" => SqlDialect.DuckDb,
        "postgres" or "postgresql" => SqlDialect.Postgres,
        "spark" or "sparksql" or "databricks" => SqlDialect.Spark,
        "trino" or "presto" => SqlDialect.Trino,
        _ => throw new Input.InputException(field, null, field, $"'{name}' is not a dialect this command writes: duckdb, postgres, spark or trino"),
    };

    public static string Name(SqlDialect d) => d switch
    {
        SqlDialect.DuckDb => "duckdb", SqlDialect.Postgres => "postgres", SqlDialect.Spark => "spark", _ => "trino",
    };

    /// <summary>A quoted identifier (a column, or one part of a table name).</summary>
    public static string Ident(SqlDialect d, string name) => d == SqlDialect.Spark
        ? "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`"
        : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A table name as given (schema.table or catalog.schema.table), each part quoted.</summary>
    public static string Table(SqlDialect d, string name)
    {
        var parts = name.Split('.');
        if (parts.Any(p => p.Trim().Length == 0)) throw new Input.InputException("--table", null, "--table", $"'{name}' is not a table name (schema.table or table)");
        return string.Join(".", parts.Select(p => Ident(d, p.Trim())));
    }

    public static string Literal(SqlDialect d, string s) => d == SqlDialect.Spark
        ? "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'"
        : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string TextType(SqlDialect d) => d == SqlDialect.Spark ? "STRING" : "VARCHAR";
    private static string DoubleType(SqlDialect d) => d == SqlDialect.Postgres ? "DOUBLE PRECISION" : "DOUBLE";

    /// <summary>A double written so that every engine reads back the same number.</summary>
    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('E') || s.Contains('.')) ? s : s + ".0";

    /// <summary>
    /// The panel's rows in the engine's names: firm, year_d, imp_d, exp_d, cov0…; a covariate's
    /// missing value is the level '(missing)'. For a database table whose columns are typed.
    /// </summary>
    public static string Source(SqlDialect d, PanelInput input)
    {
        var covs = string.Concat(input.Covariates.Select((c, i) => $", COALESCE(CAST({Ident(d, c)} AS {TextType(d)}), '(missing)') AS cov{i}"));
        return $"SELECT {Ident(d, input.FirmColumn)} AS firm, CAST({Ident(d, input.YearColumn)} AS {DoubleType(d)}) AS year_d, " +
               $"CAST({Ident(d, input.ImportColumn)} AS {DoubleType(d)}) AS imp_d, CAST({Ident(d, input.ExportColumn)} AS {DoubleType(d)}) AS exp_d{covs} " +
               $"FROM {Table(d, input.Path)}";
    }

    /// <summary>
    /// Counts what would make the analysis wrong, in one scan: missing firm or year, a year that is
    /// not a whole number, missing or negative trade values, and firm-years given twice.
    /// </summary>
    /// <param name="source">A relation, as for <see cref="Window"/>.</param>
    public static string Checks(string source) => $"""
        SELECT
          SUM(CASE WHEN firm IS NULL THEN 1 ELSE 0 END) AS missing_firm,
          SUM(CASE WHEN year_d IS NULL OR year_d <> FLOOR(year_d) OR year_d < 1000 OR year_d > 9999 THEN 1 ELSE 0 END) AS bad_year,
          SUM(CASE WHEN imp_d IS NULL OR imp_d < 0 THEN 1 ELSE 0 END) AS bad_import,
          SUM(CASE WHEN exp_d IS NULL OR exp_d < 0 THEN 1 ELSE 0 END) AS bad_export,
          COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT firm, year_d FROM {source}) u) AS duplicate_firm_years,
          COUNT(*) AS firm_years
        FROM {source}
        """;

    /// <summary>
    /// The window pass (one sort by firm and year) over a relation with firm, year_d, imp_d, exp_d, cov0…:
    /// each firm-year with its position, neighbours, first year and first import and export years.
    /// Every later query is a filter or GROUP BY over this relation, called fw.
    /// </summary>
    /// <param name="covariates">How many covariate columns (cov0…) the source has.</param>
    /// <param name="source">A relation: a table or view name, or a parenthesised query with an alias.</param>
    public static string Window(int covariates, string source)
    {
        const string w = "(PARTITION BY firm ORDER BY year)";
        const string f = "(PARTITION BY firm)";
        var lagCovs = string.Concat(Enumerable.Range(0, covariates).Select(i => $", LAG(cov{i}) OVER {w} AS lag_cov{i}"));
        var covs = string.Concat(Enumerable.Range(0, covariates).Select(i => $", cov{i}"));
        var lagCovNames = string.Concat(Enumerable.Range(0, covariates).Select(i => $", lag_cov{i}"));
        return $"""
            SELECT firm, year, imp, exp,
              CAST(year - y0 AS SMALLINT) AS k, rn, prev_year, lag_imp, lag_exp, next_year,
              CASE WHEN first_imp < year THEN 1 ELSE 0 END AS imp_before,
              CASE WHEN first_exp < year THEN 1 ELSE 0 END AS exp_before,
              CASE WHEN first_imp = y0 THEN 1 ELSE 0 END AS imp0,
              CASE WHEN first_exp = y0 THEN 1 ELSE 0 END AS exp0{lagCovNames}
            FROM (
              SELECT firm, year, imp, exp,
                CAST(ROW_NUMBER() OVER {w} - 1 AS SMALLINT) AS rn,
                LAG(year) OVER {w} AS prev_year, LAG(imp) OVER {w} AS lag_imp, LAG(exp) OVER {w} AS lag_exp,
                LEAD(year) OVER {w} AS next_year,
                MIN(year) OVER {f} AS y0,
                MIN(CASE WHEN imp = 1 THEN year END) OVER {f} AS first_imp,
                MIN(CASE WHEN exp = 1 THEN year END) OVER {f} AS first_exp{lagCovs}
              FROM (SELECT firm, CAST(year_d AS INTEGER) AS year,
                           CAST(CASE WHEN imp_d > 0 THEN 1 ELSE 0 END AS SMALLINT) AS imp,
                           CAST(CASE WHEN exp_d > 0 THEN 1 ELSE 0 END AS SMALLINT) AS exp{covs}
                    FROM {source}) p) x
            """;
    }

    /// <summary>
    /// The spell rows of docs/methods.md as a filter over fw (same rules as <see cref="EntrySpells"/>):
    /// firm, k (the interval), lag, event, cov0…, lag0 (the lag status in the first year), is_last.
    /// </summary>
    public static string Spells(Direction entering, int covariates)
    {
        var (act, other, first, before, other0) = entering == Direction.Outward
            ? ("exp", "lag_imp", "exp0", "exp_before", "imp0") : ("imp", "lag_exp", "imp0", "imp_before", "exp0");
        var covs = string.Concat(Enumerable.Range(0, covariates).Select(i => $", lag_cov{i} AS cov{i}"));
        // k = rn: no year missing since y0; nothing before: no entry before this year.
        // The last row of a spell (entry, or the next year missing) carries the firm's KM outcome.
        return $"SELECT firm, k, {other} AS lag, {act} AS event{covs}, {other0} AS lag0, " +
               $"CASE WHEN {act} = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last " +
               $"FROM fw WHERE k = rn AND k >= 1 AND {first} = 0 AND {before} = 0";
    }

    public static string DirectionName(Direction entering) => entering == Direction.Outward ? "export" : "import";

    /// <summary>
    /// The cells of one direction's entry spells, and its Kaplan–Meier outcomes, as one result with
    /// the columns of a cells file: part ('cell' or 'outcome'), direction, interval, lag, one column
    /// per covariate (empty on outcome rows), firms, entries. A cell's firms are the firms at risk in
    /// it (each firm is in a cell at most once); an outcome row counts the firms whose spell ends at
    /// that interval with that lag at the start, and how many of them entered.
    /// </summary>
    /// <param name="d">The engine's dialect.</param>
    /// <param name="entering">Export entry (outward) or import entry (inward).</param>
    /// <param name="covariates">The covariates' names (output column names).</param>
    /// <param name="spellsRelation">The spell rows: a name, or a parenthesised query (no alias: one is added).</param>
    public static string Cells(SqlDialect d, Direction entering, IReadOnlyList<string> covariates, string spellsRelation)
    {
        var dir = Literal(d, DirectionName(entering));
        var covCols = string.Concat(covariates.Select((c, i) => $", cov{i} AS {Ident(d, c)}"));
        var covNulls = string.Concat(covariates.Select(c => $", CAST(NULL AS {TextType(d)}) AS {Ident(d, c)}"));
        var covGroup = string.Concat(Enumerable.Range(0, covariates.Count).Select(i => $", cov{i}"));
        string Col(string n) => Ident(d, n);
        return $"SELECT 'cell' AS {Col("part")}, {dir} AS {Col("direction")}, k AS {Col("interval")}, lag AS {Col("lag")}{covCols}, " +
               $"COUNT(*) AS {Col("firms")}, SUM(event) AS {Col("entries")} FROM {spellsRelation} sp GROUP BY k, lag{covGroup}\n" +
               $"UNION ALL\n" +
               $"SELECT 'outcome', {dir}, k, lag0{covNulls}, COUNT(*), SUM(event) FROM {spellsRelation} sp WHERE is_last = 1 GROUP BY k, lag0";
    }

    /// <summary>
    /// The second round trip: the cells' score rows (from the fits) joined to the spell rows on the
    /// cell key, summed per firm, and the outer products summed over firms. Returns one row:
    /// clusters (firms), then m_j_l for j ≥ l, the lower triangle of Σ_f U_f U_fᵀ.
    /// </summary>
    /// <param name="d">The engine's dialect.</param>
    /// <param name="covariates">How many covariates (cov0…) the cell key has.</param>
    /// <param name="p">The length of a score vector.</param>
    /// <param name="spellsRelation">The spell rows: a name, or a parenthesised query (aliased s here).</param>
    /// <param name="scoresRelation">The score rows with the columns of <see cref="ScoreColumns"/>, aliased c: a table, or <see cref="ScoreValues"/>.</param>
    /// <param name="blocks">The runs of the score vector whose products are needed (each model's own); null for all.</param>
    public static string ScoreProducts(SqlDialect d, int covariates, int p, string spellsRelation, string scoresRelation, IReadOnlyList<ScoreBlock>? blocks = null)
    {
        var sb = new StringBuilder();
        sb.Append("SELECT COUNT(*) AS clusters");
        foreach (var (j, l) in PanelTallyResults.Products(p, blocks)) sb.Append(CultureInfo.InvariantCulture, $", SUM(u{j} * u{l}) AS m_{j}_{l}");
        sb.Append("\nFROM (SELECT s.firm");
        for (var j = 0; j < p; j++) sb.Append(CultureInfo.InvariantCulture, $", SUM(CAST(c.s{j} AS {DoubleType(d)})) AS u{j}");
        sb.Append(CultureInfo.InvariantCulture, $"\n  FROM {spellsRelation} s JOIN {scoresRelation}\n  ON s.k = c.k AND s.lag = c.lag AND s.event = c.event");
        for (var i = 0; i < covariates; i++) sb.Append(CultureInfo.InvariantCulture, $" AND s.cov{i} = c.cov{i}");
        sb.Append("\n  GROUP BY s.firm) f");
        return sb.ToString();
    }

    /// <summary>The score rows' columns: k, lag, event, cov0…, s0….</summary>
    public static string ScoreColumns(int covariates, int p) =>
        string.Join(", ", new[] { "k", "lag", "event" }.Concat(Enumerable.Range(0, covariates).Select(i => $"cov{i}")).Concat(Enumerable.Range(0, p).Select(j => $"s{j}")));

    /// <summary>The score rows as literal tuples, one per line.</summary>
    public static string ScoreRows(SqlDialect d, IReadOnlyList<CellScore> scores)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            sb.Append("    (").Append(s.Interval.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(s.Lag ? 1 : 0).Append(", ").Append(s.Entered ? 1 : 0);
            foreach (var level in s.Levels) sb.Append(", ").Append(Literal(d, level));
            foreach (var v in s.Score) sb.Append(", ").Append(Number(v));
            sb.Append(i + 1 < scores.Count ? "),\n" : ")\n");
        }
        return sb.ToString();
    }

    /// <summary>The score rows as an inline table aliased c (for a script: no table needs creating).</summary>
    public static string ScoreValues(SqlDialect d, int covariates, IReadOnlyList<CellScore> scores) =>
        $"(VALUES\n{ScoreRows(d, scores)}  ) AS c({ScoreColumns(covariates, scores[0].Score.Length)})";

    /// <summary>
    /// Statements that load the score rows into a temporary table cell_scores: an engine plans a join
    /// to a table with statistics far better than one to a long VALUES list (DuckDB built its hash
    /// table on the 10 million spell rows instead of the few thousand scores).
    /// </summary>
    public static IEnumerable<string> ScoreTable(SqlDialect d, int covariates, IReadOnlyList<CellScore> scores)
    {
        var p = scores[0].Score.Length;
        var defs = string.Join(", ", new[] { "k INTEGER", "lag INTEGER", "event INTEGER" }
            .Concat(Enumerable.Range(0, covariates).Select(i => $"cov{i} {TextType(d)}")).Concat(Enumerable.Range(0, p).Select(j => $"s{j} {DoubleType(d)}")));
        yield return d == SqlDialect.Postgres ? "DROP TABLE IF EXISTS pg_temp.cell_scores" : "DROP TABLE IF EXISTS cell_scores";
        yield return $"CREATE TEMPORARY TABLE cell_scores ({defs})";
        // Batches keep each statement small.
        for (var from = 0; from < scores.Count; from += 500)
            yield return $"INSERT INTO cell_scores VALUES\n{ScoreRows(d, scores.Skip(from).Take(500).ToList())}";
        if (d == SqlDialect.Postgres) yield return "ANALYZE cell_scores";
    }

    /// <summary>Firms per year and trader state.</summary>
    public const string States = "SELECT year, imp, exp, COUNT(*) FROM fw GROUP BY year, imp, exp ORDER BY year, imp, exp";

    /// <summary>Firms per (year, state in that year, state in the next year), consecutive observed years only.</summary>
    public const string Transitions = """
        SELECT prev_year, lag_imp, lag_exp, imp, exp, COUNT(*) FROM fw
        WHERE prev_year = year - 1 GROUP BY prev_year, lag_imp, lag_exp, imp, exp
        """;


    /// <summary>
    /// Country linkage (docs/methods.md): in the years an exporter already exported, of its
    /// countries at risk of a first export there, the share entered that had been import sources
    /// before versus those that had not. One row: countries, at-risk and starts with a prior import,
    /// at-risk and starts without. <paramref name="flows"/> has firm, year_d, country, flow, value.
    /// </summary>
    public static string CountryLinkage(string flows) => $"""
        WITH f AS (SELECT firm, CAST(year_d AS INTEGER) AS year, country, flow, value FROM {flows} WHERE value > 0),
        fc AS (SELECT firm, country, MIN(CASE WHEN flow = 'export' THEN year END) AS first_exp,
                      MIN(CASE WHEN flow = 'import' THEN year END) AS first_imp FROM f GROUP BY firm, country),
        firm_first AS (SELECT firm, MIN(year) AS y0 FROM f GROUP BY firm),
        exporters AS (SELECT DISTINCT f.firm, f.year FROM f JOIN firm_first ff ON ff.firm = f.firm
                      WHERE f.flow = 'export' AND f.year > ff.y0),
        nc AS (SELECT COUNT(DISTINCT country) AS n FROM f),
        per AS (
          SELECT e.firm, e.year,
            SUM(CASE WHEN fc.first_imp < e.year AND (fc.first_exp IS NULL OR fc.first_exp >= e.year) THEN 1 ELSE 0 END) AS prior_at_risk,
            SUM(CASE WHEN fc.first_imp < e.year AND fc.first_exp = e.year THEN 1 ELSE 0 END) AS prior_start,
            SUM(CASE WHEN fc.first_exp < e.year THEN 1 ELSE 0 END) AS already,
            SUM(CASE WHEN fc.first_exp = e.year THEN 1 ELSE 0 END) AS all_start
          FROM exporters e JOIN fc ON fc.firm = e.firm GROUP BY e.firm, e.year)
        SELECT MAX(nc.n), SUM(prior_at_risk), SUM(prior_start),
               SUM(nc.n - already - prior_at_risk), SUM(all_start - prior_start)
        FROM per CROSS JOIN nc
        """;
    /// <summary>Conversion within k = 1…5 years: firms whose first international activity was importing, and firms without any in their first year.</summary>
    public const string Conversion = """
        WITH firms AS (
          SELECT firm, MIN(year) AS y0, MAX(CASE WHEN rn = 0 THEN imp + exp END) AS active0,
                 MIN(CASE WHEN imp = 1 OR exp = 1 THEN year END) AS first_int,
                 MIN(CASE WHEN imp = 1 THEN year END) AS first_imp,
                 MIN(CASE WHEN exp = 1 THEN year END) AS first_exp,
                 MIN(CASE WHEN next_year IS NULL OR next_year <> year + 1 THEN year END) AS run_end0
          FROM fw GROUP BY firm),
        runs AS (
          SELECT f.firm, MIN(w.year) AS run_end_int FROM firms f JOIN fw w ON w.firm = f.firm
          WHERE f.first_int IS NOT NULL AND w.year >= f.first_int AND (w.next_year IS NULL OR w.next_year <> w.year + 1)
          GROUP BY f.firm),
        ks AS (SELECT * FROM (VALUES (1), (2), (3), (4), (5)) AS v(k))
        SELECT ks.k, 1 AS importers_first, COUNT(*), SUM(CASE WHEN f.first_exp <= f.first_int + ks.k THEN 1 ELSE 0 END)
          FROM firms f JOIN runs r ON r.firm = f.firm CROSS JOIN ks
          WHERE f.active0 = 0 AND f.first_imp = f.first_int AND (f.first_exp IS NULL OR f.first_exp > f.first_int)
            AND r.run_end_int >= f.first_int + ks.k
          GROUP BY ks.k
        UNION ALL
        SELECT ks.k, 0, COUNT(*), SUM(CASE WHEN f.first_exp <= f.y0 + ks.k THEN 1 ELSE 0 END)
          FROM firms f CROSS JOIN ks
          WHERE f.active0 = 0 AND f.run_end0 >= f.y0 + ks.k
          GROUP BY ks.k
        """;

    /// <summary>
    /// The script <c>twoway panel sql</c> prints: a checks query, then one query whose result is the
    /// cells file for both directions (as CTEs, so it needs no rights to create tables).
    /// </summary>
    public static string CellsScript(SqlDialect d, PanelInput input, int? minCell = null)
    {
        var covs = input.Covariates;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            -- TwoWay panel aggregation ({Name(d)}), written by `twoway panel sql`.
            -- Table {input.Path}: firm {input.FirmColumn}, year {input.YearColumn}, imports {input.ImportColumn}, exports {input.ExportColumn}{(covs.Count > 0 ? ", covariates " + string.Join(", ", covs) : "")}.
            -- Step 1 (checks): every count but firm_years must be 0; otherwise fix the table first.
            {Checks($"({Source(d, input)}) src")};

            -- Step 2 (cells): save the result as CSV or Parquet with its header and give it to `twoway panel fit`.
            -- Only counts per cell leave the engine, never a firm's row.

            """);
        if (minCell is { } n)
            sb.Append(CultureInfo.InvariantCulture, $"""
                -- Disclosure control (--min-cell {n}): a cell or outcome row resting on 1 to {n - 1} firms, entries or
                -- non-entries is held back; then, in each interval, the next smallest rows too until at least two
                -- are held back and they rest on {n} firms together, so none can be found from a total.

                """);
        sb.Append(CellsQuery(d, input, minCell)).Append(";\n");
        if (minCell is not null)
            sb.Append("\n-- Step 3 (what was held back): rows per direction and part, never their counts of firms.\n")
              .Append(SuppressionQuery(d, input, minCell.Value)).Append(";\n");
        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Ctes(SqlDialect d, PanelInput input) => $"""
        WITH fw AS (
        {Indent(Window(input.Covariates.Count, $"({Source(d, input)}) src"))}
        ),
        export_spells AS ({Spells(Direction.Outward, input.Covariates.Count)}),
        import_spells AS ({Spells(Direction.Inward, input.Covariates.Count)})
        """;

    private static string BothCells(SqlDialect d, IReadOnlyList<string> covs) => $"""
        {Cells(d, Direction.Outward, covs, "export_spells")}
        UNION ALL
        {Cells(d, Direction.Inward, covs, "import_spells")}
        """;

    /// <summary>The rows of disclosure control: each cell or outcome row flagged small (primary), with its group's count of small rows and its rank for the secondary choice.</summary>
    private static string Ranked(SqlDialect d, PanelInput input, int n)
    {
        string C(string name) => Ident(d, name);
        var order = string.Join(", ", new[] { "firms", "entries", "lag" }.Select(C).Concat(input.Covariates.Select(C)));
        var group = $"{C("part")}, {C("direction")}, {C("interval")}";
        return $"""
            {Ctes(d, input)},
            cells AS (
            {Indent(BothCells(d, input.Covariates))}
            ),
            flagged AS (SELECT c.*, CASE WHEN ({C("firms")} > 0 AND {C("firms")} < {n}) OR ({C("entries")} > 0 AND {C("entries")} < {n})
                OR ({C("firms")} - {C("entries")} > 0 AND {C("firms")} - {C("entries")} < {n}) THEN 1 ELSE 0 END AS small FROM cells c),
            ranked AS (SELECT f.*, SUM(small) OVER (PARTITION BY {group}) AS smalls,
                ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY small DESC, {order}) AS rk,
                COALESCE(SUM({C("firms")}) OVER (PARTITION BY {group} ORDER BY small DESC, {order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS firms_before
                FROM flagged f),
            released AS (SELECT r.*, CASE WHEN small = 1 OR (smalls > 0 AND (rk <= 2 OR firms_before < {n})) THEN 0 ELSE 1 END AS shown FROM ranked r)
            """;
    }

    /// <summary>
    /// The cells file's query (step 2): both directions' cells and outcome rows; with
    /// <paramref name="minCell"/>, the rows the disclosure rule releases (<see cref="Disclosure"/>).
    /// </summary>
    public static string CellsQuery(SqlDialect d, PanelInput input, int? minCell = null)
    {
        if (minCell is not { } n) return $"{Ctes(d, input)}\n{BothCells(d, input.Covariates)}";
        var columns = string.Join(", ", new[] { "part", "direction", "interval", "lag" }.Concat(input.Covariates).Concat(["firms", "entries"]).Select(c => Ident(d, c)));
        return $"{Ranked(d, input, n)}\nSELECT {columns} FROM released WHERE shown = 1";
    }

    /// <summary>Step 3: how many rows the rule held back per direction and part (primary, secondary), never their firms.</summary>
    public static string SuppressionQuery(SqlDialect d, PanelInput input, int minCell) => $"""
        {Ranked(d, input, minCell)}
        SELECT {Ident(d, "direction")}, {Ident(d, "part")}, SUM(small) AS primary_suppressed,
          SUM(CASE WHEN small = 0 AND shown = 0 THEN 1 ELSE 0 END) AS secondary_suppressed
        FROM released GROUP BY {Ident(d, "direction")}, {Ident(d, "part")}
        """;

    /// <summary>The score pass as a standalone query over the table (the second round trip of docs/panel-data.md).</summary>
    public static string ScoreScript(SqlDialect d, PanelInput input, Direction entering, IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock>? blocks = null)
    {
        var covs = input.Covariates;
        var src = $"({Source(d, input)}) src";
        return $"""
            -- TwoWay score pass for {DirectionName(entering)} entry ({Name(d)}), written by `twoway panel fit`.
            -- Save the one-row result as CSV and give it back: twoway panel fit CELLS --scores FILE (one file per direction).
            -- Only the number of firms and sums of products of a {scores[0].Score.Length}-vector (per firm, summed over firms) leave the engine.
            WITH fw AS (
            {Indent(Window(covs.Count, src))}
            ),
            spells AS ({Spells(entering, covs.Count)})
            SELECT {Literal(d, DirectionName(entering))} AS {Ident(d, "direction")}, r.* FROM (
            {ScoreProducts(d, covs.Count, scores[0].Score.Length, "spells", ScoreValues(d, covs.Count, scores), blocks)}
            ) r;

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Indent(string sql) => string.Join("\n", sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => "  " + l));
}
