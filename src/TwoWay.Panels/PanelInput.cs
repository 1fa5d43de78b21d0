namespace TwoWay.Panels;

/// <summary>
/// Where a firm-year panel is and what its columns are called. The file may be CSV (header row),
/// Parquet, or a folder of Parquet files (e.g. partitioned by year: <c>year=2001/part-0.parquet</c>).
/// </summary>
public sealed record PanelInput(string Path)
{
    public string FirmColumn { get; init; } = "firm_id";
    public string YearColumn { get; init; } = "year";
    public string ImportColumn { get; init; } = "import_value";
    public string ExportColumn { get; init; } = "export_value";

    /// <summary>Categorical covariates for the entry models (e.g. sector, size_class, region).</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Optional firm-country-year flows (firm_id, year, country, flow = import|export, value) for country linkage.</summary>
    public string? FlowsPath { get; init; }
}

/// <summary>The SQL expression that reads a panel file, and how its rows are numbered in error messages.</summary>
internal sealed record SourceScan(string Sql, bool RowsFromRowId, string Display, bool Folder = false)
{
    public static SourceScan Of(string path, bool csvAllText = true)
    {
        var full = System.IO.Path.GetFullPath(path);
        // DuckDB expands glob patterns in file names: a file named "[ab].csv" or "*.csv" is read as
        // itself, never as the files a pattern matches. Only an explicit folder is a set of files.
        var lit = SqlText.Literal(SqlText.GlobLiteral(full));
        if (Directory.Exists(full))
        {
            var glob = SqlText.Literal(SqlText.GlobLiteral(full) + "/**/*.parquet");
            return new SourceScan($"read_parquet({glob}, hive_partitioning = true, filename = true, file_row_number = true)", false, path, Folder: true);
        }
        if (!File.Exists(full)) throw new FileNotFoundException($"{path}: no such file or folder", path);
        var lower = full.ToLowerInvariant();
        if (lower.EndsWith(".parquet"))
            return new SourceScan($"read_parquet({lit}, filename = true, file_row_number = true)", false, path);
        if (lower.EndsWith(".csv") || lower.EndsWith(".csv.gz") || lower.EndsWith(".tsv") || lower.EndsWith(".txt"))
            return new SourceScan($"read_csv({lit}, header = true{(csvAllText ? ", all_varchar = true" : "")})", true, path);
        throw new TwoWay.Input.InputException(path, null, null, "unknown file type: expected .csv, .tsv, .parquet or a folder of .parquet files");
    }
}

internal static class SqlText
{
    public static string Literal(string s) => "'" + s.Replace("'", "''") + "'";
    public static string Ident(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>A path whose glob characters match only themselves: each of * ? [ becomes a one-character class.</summary>
    public static string GlobLiteral(string path) =>
        path.Replace("[", "[[]").Replace("*", "[*]").Replace("?", "[?]");

    /// <summary>The column as a finite number, or NULL when it is not a number or is NaN or ±infinity (also "1e400", which overflows).</summary>
    public static string FiniteDouble(string column) =>
        $"CASE WHEN isfinite(TRY_CAST({Ident(column)} AS DOUBLE)) THEN TRY_CAST({Ident(column)} AS DOUBLE) END";
}
