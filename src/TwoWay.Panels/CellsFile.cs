using DuckDB.NET.Data;
using TwoWay.Domain;
using TwoWay.Input;

namespace TwoWay.Panels;

/// <summary>
/// A cells file made elsewhere by the SQL of <c>twoway panel sql</c> (CSV or Parquet): columns part,
/// direction, interval, lag, one column per covariate, firms, entries. Read and checked row by row.
/// </summary>
public sealed record CellsFile(string Path, IReadOnlyList<string> Covariates, PanelCells Export, PanelCells Import)
{
    private static readonly string[] Fixed = ["part", "direction", "interval", "lag", "firms", "entries"];

    /// <summary>Reads and checks the file: every problem is reported with its row and column; nothing is fitted then.</summary>
    public static CellsFile Read(string path)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var scan = SourceScan.Of(path);
        var columns = new List<string>();
        PanelEngine.ReadingErrors(path, () =>
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"DESCRIBE SELECT * FROM {scan.Sql}";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                if (r.GetString(0) is not ("filename" or "file_row_number")) columns.Add(r.GetString(0));
        });
        var errors = new InputErrorCollector();
        foreach (var c in Fixed.Where(c => !columns.Contains(c)))
            errors.Add(path, null, c, $"missing column; a cells file has part, direction, interval, lag, the covariates, firms and entries (written by the SQL of `twoway panel sql`); this one has: {string.Join(", ", columns)}");
        errors.ThrowIfAny();
        var covariates = columns.Where(c => !Fixed.Contains(c)).ToList();
        var rowExpr = scan.RowsFromRowId ? "NULL::BIGINT" : "file_row_number + 1";
        string V(string c) => $"TRIM(CAST({SqlText.Ident(c)} AS VARCHAR))";
        var covSql = string.Concat(covariates.Select((c, i) => $", {V(c)} AS cov{i}"));
        void Exec(string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        PanelEngine.ReadingErrors(path, () => Exec($"""
            CREATE TABLE cf AS SELECT {rowExpr} AS row_no, LOWER({V("part")}) AS part, LOWER({V("direction")}) AS direction,
              {V("interval")} AS interval_t, {V("lag")} AS lag_t, {V("firms")} AS firms_t, {V("entries")} AS entries_t,
              TRY_CAST({V("interval")} AS INTEGER) AS k, TRY_CAST({V("lag")} AS INTEGER) AS lag,
              TRY_CAST({V("firms")} AS BIGINT) AS firms, TRY_CAST({V("entries")} AS BIGINT) AS entries{covSql}
            FROM {scan.Sql}
            """));
        if (scan.RowsFromRowId) Exec("UPDATE cf SET row_no = rowid + 2");
        void Check(string where, string field, string message)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT row_no, {message} FROM cf WHERE {where} ORDER BY row_no LIMIT {errors.Limit}";
            using var r = cmd.ExecuteReader();
            while (r.Read()) errors.Add(path, (int)r.GetInt64(0), field, r.GetString(1));
        }
        Check("part IS NULL OR part NOT IN ('cell', 'outcome')", "part", "'''' || COALESCE(part, '') || ''' is not a part (cell or outcome)'");
        Check("direction IS NULL OR direction NOT IN ('export', 'import')", "direction", "'''' || COALESCE(direction, '') || ''' is not a direction (export or import)'");
        Check("k IS NULL OR k < 1", "interval", "'''' || COALESCE(interval_t, '') || ''' is not an interval (a whole number from 1)'");
        Check("lag IS NULL OR lag NOT IN (0, 1)", "lag", "'''' || COALESCE(lag_t, '') || ''' is not a lag (0 or 1)'");
        Check("firms IS NULL OR firms < 1", "firms", "'''' || COALESCE(firms_t, '') || ''' is not a number of firms (a whole number from 1)'");
        Check("entries IS NULL OR entries < 0", "entries", "'''' || COALESCE(entries_t, '') || ''' is not a number of entries (a whole number from 0)'");
        Check("entries > firms", "entries", "'more entries (' || CAST(entries AS VARCHAR) || ') than firms (' || CAST(firms AS VARCHAR) || ')'");
        for (var i = 0; i < covariates.Count; i++)
            Check($"part = 'cell' AND (cov{i} IS NULL OR cov{i} = '')", covariates[i], "'a cell row needs every covariate''s level'");
        errors.ThrowIfAny();

        PanelCells Of(Direction d)
        {
            using var cmd = db.CreateCommand();
            var covs = string.Concat(Enumerable.Range(0, covariates.Count).Select(i => $", COALESCE(cov{i}, '')"));
            cmd.CommandText = $"SELECT part, direction, k, lag{covs}, firms, entries FROM cf";
            using var r = cmd.ExecuteReader();
            return PanelCellsReader.Read(r, covariates, d);
        }
        var export = Of(Direction.Outward);
        var import = Of(Direction.Inward);
        if (export.Cells.Count + import.Cells.Count == 0) throw new InputException(path, null, null, "the file has no cell rows");
        return new CellsFile(path, covariates, export, import);
    }

    /// <summary>
    /// Reads the results of the score pass (one row per direction: direction, clusters, m_0_0, m_1_0, m_1_1, …)
    /// from one or more CSV or Parquet files.
    /// </summary>
    public static IReadOnlyDictionary<Direction, (double[,] Meat, long Clusters)> ReadScores(IEnumerable<string> paths)
    {
        var result = new Dictionary<Direction, (double[,], long)>();
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        foreach (var path in paths)
        {
            var scan = SourceScan.Of(path, csvAllText: false);
            PanelEngine.ReadingErrors(path, () =>
            {
                using var cmd = db.CreateCommand();
                cmd.CommandText = $"SELECT * FROM {scan.Sql}";
                using var r = cmd.ExecuteReader();
                var names = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToList();
                var di = names.IndexOf("direction");
                var ci = names.IndexOf("clusters");
                if (di < 0 || ci < 0) throw new InputException(path, null, di < 0 ? "direction" : "clusters", "missing column; a scores file is the result of the score pass of `twoway panel fit --score-sql`");
                // m_j_l (j ≥ l): the lower triangle of the p × p matrix, in any column order.
                var m = new List<(int J, int L, int Column)>();
                for (var i = 0; i < names.Count; i++)
                {
                    var parts = names[i].Split('_');
                    if (parts.Length == 3 && parts[0] == "m" && int.TryParse(parts[1], out var j) && int.TryParse(parts[2], out var l) && l <= j) m.Add((j, l, i));
                }
                var p = m.Count == 0 ? 0 : m.Max(x => x.J) + 1;
                if (m.Count == 0 || m.Select(x => (x.J, x.L)).Distinct().Count() != m.Count)
                    throw new InputException(path, null, null, "no m_j_l columns, or one given twice: the file is not a whole score-pass result");
                var row = 1;
                while (r.Read())
                {
                    row++;
                    var dir = Convert.ToString(r.GetValue(di), System.Globalization.CultureInfo.InvariantCulture)?.Trim().ToLowerInvariant();
                    var d = dir switch { "export" => Direction.Outward, "import" => Direction.Inward, _ => throw new InputException(path, row, "direction", $"'{dir}' is not a direction (export or import)") };
                    if (result.ContainsKey(d)) throw new InputException(path, row, "direction", $"the {dir} scores are given twice");
                    // Products the pass did not sum (across models) stay NaN; the fit checks it has every one it needs.
                    result[d] = PanelTallyResults.Meat(p, PanelAggregation.Long(r, ci), m.Select(x =>
                        (x.J, x.L, r.IsDBNull(x.Column) ? 0.0 : Convert.ToDouble(r.GetValue(x.Column), System.Globalization.CultureInfo.InvariantCulture))));
                }
            });
        }
        return result;
    }
}
