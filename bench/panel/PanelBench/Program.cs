using System.Diagnostics;
using DuckDB.NET.Data;

// usage: PanelBench convert PANEL.parquet OUT.csv OUT_DIR
//        PanelBench sql STATEMENT…  |  PanelBench sqlfile FILE…   (times each statement)
//        PanelBench scan FILE|DIR [runs]   (median seconds of a bare aggregate scan: the floor for any analysis)
using var db = new DuckDBConnection("DataSource=:memory:");
db.Open();
void Exec(string sql)
{
    using var c = db.CreateCommand();
    c.CommandText = sql;
    c.ExecuteNonQuery();
}
string Lit(string s) => "'" + Path.GetFullPath(s).Replace("'", "''") + "'";
string Scan(string path) =>
    Directory.Exists(path) ? $"read_parquet({Lit(Path.Combine(path, "**", "*.parquet"))}, hive_partitioning = true)"
    : path.EndsWith(".csv") ? $"read_csv({Lit(path)}, header = true, all_varchar = true)"
    : $"read_parquet({Lit(path)})";

switch (args[0])
{
    case "sql":
        // Times each statement given (for comparing formulations of the analysis SQL).
        foreach (var stmt in args.Skip(1))
        {
            var sw = Stopwatch.StartNew();
            Exec(stmt);
            Console.WriteLine($"{sw.Elapsed.TotalSeconds:F2} s  {stmt[..Math.Min(90, stmt.Length)]}");
        }
        break;
    case "sqlfile":
        // The same, each statement read from a file (a score pass with its VALUES list is too long for a command line).
        foreach (var file in args.Skip(1))
        {
            var sw = Stopwatch.StartNew();
            Exec(File.ReadAllText(file));
            Console.WriteLine($"{sw.Elapsed.TotalSeconds:F2} s  {file}");
        }
        break;
    case "convert":
        Exec($"COPY (SELECT * FROM read_parquet({Lit(args[1])})) TO {Lit(args[2])} (HEADER, DELIMITER ',')");
        Exec($"COPY (SELECT * FROM read_parquet({Lit(args[1])})) TO {Lit(args[3])} (FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)");
        break;
    case "scan":
        var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            // The same columns the analysis reads, cast as it casts them.
            using var c = db.CreateCommand();
            c.CommandText = $"SELECT COUNT(*), COUNT(DISTINCT firm_id), SUM(TRY_CAST(import_value AS DOUBLE)), SUM(TRY_CAST(export_value AS DOUBLE)), MAX(TRY_CAST(year AS DOUBLE)), COUNT(DISTINCT sector || size_class || region) FROM {Scan(args[1])}";
            using var r = c.ExecuteReader();
            r.Read();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        Console.WriteLine($"scan {args[1]}: median {times[times.Count / 2]:F2} s over {runs} runs ({string.Join(", ", times.Select(t => t.ToString("F2")))})");
        break;
}
