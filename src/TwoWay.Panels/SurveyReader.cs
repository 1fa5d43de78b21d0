using DuckDB.NET.Data;
using TwoWay.Input;

namespace TwoWay.Panels;

/// <summary>Column names of a cross-section survey file (one row per firm).</summary>
public sealed record SurveyInput(string Path)
{
    public string ImportColumn { get; init; } = "imports";
    public string ExportColumn { get; init; } = "exports";
    public string? WeightColumn { get; init; } = "weight";
    public IReadOnlyList<string> Covariates { get; init; } = [];
    /// <summary>Design columns (null when not given): stratum label, PSU (cluster) label nested in the stratum, finite population correction.</summary>
    public string? StrataColumn { get; init; }
    public string? ClusterColumn { get; init; }
    public string? FpcColumn { get; init; }
}

/// <summary>Reads and validates a survey file (CSV or Parquet) with DuckDB; every problem is reported with its row.</summary>
public static class SurveyReader
{
    private static readonly Dictionary<string, bool> Indicator = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1"] = true, ["0"] = false, ["yes"] = true, ["no"] = false, ["true"] = true, ["false"] = false, ["y"] = true, ["n"] = false,
    };

    public static List<Panels.SurveyFirm> Read(SurveyInput input)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var scan = SourceScan.Of(input.Path);
        var rows = new List<Panels.SurveyFirm>();
        var errors = new InputErrorCollector();
        PanelEngine.ReadingErrors(input.Path, () =>
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {scan.Sql}";
            using var r = cmd.ExecuteReader();
            var names = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToList();
            int Col(string? c)
            {
                if (c is null) return -1;
                var i = names.IndexOf(c);
                if (i < 0) errors.Add(input.Path, null, c, $"missing column; the file has: {string.Join(", ", names.Where(n => n is not ("filename" or "file_row_number")))}");
                return i;
            }
            var imp = Col(input.ImportColumn); var exp = Col(input.ExportColumn); var w = Col(input.WeightColumn);
            var covs = input.Covariates.Select(Col).ToArray();
            var strat = Col(input.StrataColumn); var clus = Col(input.ClusterColumn); var fpc = Col(input.FpcColumn);
            errors.ThrowIfAny();
            var row = 1; // header
            while (r.Read())
            {
                row++;
                bool? Flag(int i, string field)
                {
                    var text = r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!.Trim();
                    if (Indicator.TryGetValue(text, out var b)) return b;
                    errors.Add(input.Path, row, field, $"'{text}' is not an indicator (1/0, yes/no, true/false)");
                    return null;
                }
                var i1 = Flag(imp, input.ImportColumn); var e1 = Flag(exp, input.ExportColumn);
                var weight = 1.0;
                if (w >= 0)
                {
                    var text = r.IsDBNull(w) ? "" : Convert.ToString(r.GetValue(w), System.Globalization.CultureInfo.InvariantCulture)!;
                    if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weight) || !(weight > 0) || !double.IsFinite(weight))
                        errors.Add(input.Path, row, input.WeightColumn, $"'{text}' is not a sampling weight (a number > 0)");
                }
                var levels = covs.Select(c => r.IsDBNull(c) ? "(missing)" : Convert.ToString(r.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)!).ToArray();
                string? Label(int i, string? field)
                {
                    if (i < 0) return null;
                    var text = r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!.Trim();
                    if (text.Length == 0) errors.Add(input.Path, row, field, "missing design label (every firm needs its stratum and PSU)");
                    return text;
                }
                var stratum = Label(strat, input.StrataColumn); var psu = Label(clus, input.ClusterColumn);
                double? fpcValue = null;
                if (fpc >= 0)
                {
                    var text = r.IsDBNull(fpc) ? "" : Convert.ToString(r.GetValue(fpc), System.Globalization.CultureInfo.InvariantCulture)!;
                    if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 && !double.IsInfinity(v)) fpcValue = v;
                    else errors.Add(input.Path, row, input.FpcColumn, $"'{text}' is not a finite population correction (PSUs in the stratum's population, or a sampling fraction in (0, 1])");
                }
                if (i1 is { } a && e1 is { } b) rows.Add(new Panels.SurveyFirm(a, b, weight, levels) { Stratum = stratum, Psu = psu, Fpc = fpcValue });
            }
        });
        errors.ThrowIfAny();
        return rows;
    }
}
