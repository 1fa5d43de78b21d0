using DuckDB.NET.Data;

namespace TwoWay.Panels;

/// <summary>The output layouts of `twoway panel simulate`.</summary>
public enum PanelFormat { Csv, Parquet, PartitionedParquet }

/// <summary>Writes a simulated panel through DuckDB (appender, then COPY), streaming the rows.</summary>
public static class PanelWriter
{
    /// <summary>The format implied by a path: .csv, .parquet, anything else a folder of Parquet files partitioned by year.</summary>
    public static PanelFormat FormatOf(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? PanelFormat.Csv
        : path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? PanelFormat.Parquet
        : PanelFormat.PartitionedParquet;

    public static long Write(IEnumerable<SimulatedFirmYear> rows, string path, IProgress<long>? progress = null)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        void Exec(string sql)
        {
            using var c = db.CreateCommand();
            c.CommandText = sql;
            c.ExecuteNonQuery();
        }
        Exec("SET preserve_insertion_order = true");
        Exec("CREATE TABLE sim (firm_id BIGINT, year INTEGER, import_value DOUBLE, export_value DOUBLE, sector VARCHAR, size_class VARCHAR, region VARCHAR)");
        long n = 0;
        using (var app = db.CreateAppender("sim"))
            foreach (var r in rows)
            {
                app.CreateRow().AppendValue(r.FirmId).AppendValue(r.Year).AppendValue(r.ImportValue).AppendValue(r.ExportValue)
                    .AppendValue(r.Sector).AppendValue(r.SizeClass).AppendValue(r.Region).EndRow();
                if (++n % 1_000_000 == 0) progress?.Report(n);
            }
        progress?.Report(n);
        var full = Path.GetFullPath(path);
        var target = SqlText.Literal(full);
        switch (FormatOf(path))
        {
            case PanelFormat.Csv:
                Exec($"COPY sim TO {target} (HEADER, DELIMITER ',')");
                break;
            case PanelFormat.Parquet:
                Exec($"COPY sim TO {target} (FORMAT parquet)");
                break;
            default:
                Directory.CreateDirectory(full);
                Exec($"COPY sim TO {target} (FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)");
                break;
        }
        return n;
    }
}
