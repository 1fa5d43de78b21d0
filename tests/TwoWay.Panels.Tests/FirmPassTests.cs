using System.Globalization;
using System.Text;
using TwoWay.Input;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// The in-process engine reads the panel once, firm by firm (<see cref="PanelPass"/>); every other
/// engine runs the portable SQL (window pass, GROUP BY, SQL score pass). Both must give every figure
/// alike, whatever order the rows come in and whatever the firm identifiers and covariates look like.
/// </summary>
public class FirmPassTests
{
    /// <summary>A simulated panel with Unicode covariate levels, some missing, written in the given row order.</summary>
    private static string Write(TempDir tmp, string name, int firms, int seed, bool shuffle, bool textFirms)
    {
        var rows = PanelSimulation.Generate(firms, 8, seed, 1.8).ToList();
        var rng = new Random(seed);
        if (shuffle) rows = rows.OrderBy(_ => rng.Next()).ToList();
        var csv = new StringBuilder("firm_id,year,import_value,export_value,sector,region\n");
        foreach (var r in rows)
        {
            // Text identifiers that do not sort like numbers; region levels in Cyrillic and Georgian, a tenth missing.
            var firm = textFirms ? $"ф-{r.FirmId % 7}-{r.FirmId}" : r.FirmId.ToString(CultureInfo.InvariantCulture);
            var region = r.FirmId % 10 == 3 ? "" : r.Region switch { "east" => "Схід", "north" => "ჩრდილოეთი", var x => x };
            csv.Append(CultureInfo.InvariantCulture, $"{firm},{r.Year},{r.ImportValue},{r.ExportValue},{r.Sector},{region}\n");
        }
        return tmp.Write(name, csv.ToString());
    }

    private static (PanelAnalysis Pass, PanelAnalysis Sql) Both(string file, int? minCell = null)
    {
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(file) { Covariates = ["sector", "region"] });
        return (engine.Analyze(Ties.Efron, minCell), engine.AnalyzeBySql(Ties.Efron, minCell));
    }

    /// <summary>Every figure of the two results equal to 1e-9 (relative), every other value equal; source and timings aside.</summary>
    private static void Same(PanelAnalysis expected, PanelAnalysis actual) =>
        PostgresPanelTests.SameFigures(PostgresPanelTests.Json(expected), PostgresPanelTests.Json(actual));

    [Theory]
    [InlineData(11, false, false)]
    [InlineData(12, true, false)]
    [InlineData(13, false, true)]
    [InlineData(14, true, true)]
    public void The_firm_pass_gives_every_figure_of_the_SQL_path(int seed, bool shuffle, bool textFirms)
    {
        using var tmp = new TempDir();
        var file = Write(tmp, "p.csv", 1500, seed, shuffle, textFirms);
        var (pass, sql) = Both(file);
        Same(sql, pass);
        Assert.Equal(1500, pass.Firms);
        Assert.NotNull(pass.ExportEntry.Cox?.Coefficients[0].RobustSe);
        // Rows out of firm order are read again sorted; in order, they are read once.
        Assert.Equal(shuffle, pass.Seconds.ContainsKey("sort_by_firm"));
    }

    [Fact]
    public void Under_disclosure_control_the_pass_and_the_SQL_hold_back_the_same_figures()
    {
        using var tmp = new TempDir();
        var (pass, sql) = Both(Write(tmp, "p.csv", 800, 21, shuffle: true, textFirms: false), minCell: 10);
        Same(sql, pass);
        Assert.True(pass.Disclosure!.Suppressed.Count > 0);
    }

    [Fact]
    public void Sorted_shuffled_parquet_and_partitioned_files_give_the_same_result()
    {
        using var tmp = new TempDir();
        var sorted = Write(tmp, "sorted.csv", 600, 31, shuffle: false, textFirms: false);
        var shuffled = Write(tmp, "shuffled.csv", 600, 31, shuffle: true, textFirms: false);
        var parquet = tmp.File("p.parquet");
        var folder = tmp.File("by_year");
        using (var db = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"COPY (SELECT * FROM read_csv('{shuffled}')) TO '{parquet}' (FORMAT parquet)";
            cmd.ExecuteNonQuery();
            // A folder partitioned by year, as statistical offices keep yearly extracts.
            cmd.CommandText = $"COPY (SELECT * FROM read_csv('{sorted}')) TO '{folder}' (FORMAT parquet, PARTITION_BY (year))";
            cmd.ExecuteNonQuery();
        }
        PanelAnalysis Run(string f)
        {
            using var engine = new PanelEngine();
            engine.Load(new PanelInput(f) { Covariates = ["sector", "region"] });
            return engine.Analyze();
        }
        var expected = Run(sorted);
        Same(expected, Run(shuffled));
        Same(expected, Run(parquet));
        var partitioned = Run(folder);
        Same(expected, partitioned);
        Assert.True(partitioned.Seconds.ContainsKey("sort_by_firm"));
    }

    [Fact]
    public void One_engine_loading_a_second_panel_reports_that_panels_work_only()
    {
        using var tmp = new TempDir();
        var shuffled = Write(tmp, "shuffled.csv", 300, 41, shuffle: true, textFirms: false);
        var sorted = Write(tmp, "sorted.csv", 200, 42, shuffle: false, textFirms: false);
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(shuffled) { Covariates = ["sector"] });
        Assert.True(engine.Analyze().Seconds.ContainsKey("sort_by_firm"));
        engine.Load(new PanelInput(sorted) { Covariates = ["sector"] });
        var second = engine.Analyze();
        Assert.Equal(200, second.Firms);
        Assert.False(second.Seconds.ContainsKey("sort_by_firm"));
        using var fresh = new PanelEngine();
        fresh.Load(new PanelInput(sorted) { Covariates = ["sector"] });
        Same(fresh.Analyze(), second);
    }

    [Fact]
    public void A_duplicate_firm_year_far_apart_in_an_unsorted_file_is_named_by_its_rows()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("p.csv", """
            firm_id,year,import_value,export_value
            b,2001,0,0
            a,2001,1,0
            b,2002,0,1
            a,2002,1,1
            b,2001,5,5
            """);
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(file)));
        Assert.Contains("duplicate firm-year: firm 'b' year 2001 already appears on row 2", ex.Message);
        Assert.Contains("p.csv, row 6", ex.Message);
    }

    [Fact]
    public void Years_out_of_order_within_a_firm_are_sorted_not_misread()
    {
        // Firm a's years descending: read in file order the spell would be wrong; the pass sees it and sorts.
        using var tmp = new TempDir();
        var file = tmp.Write("p.csv", """
            firm_id,year,import_value,export_value
            1,2003,1,1
            1,2002,1,0
            1,2001,0,0
            2,2001,1,0
            2,2002,0,1
            """);
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(file));
        var result = engine.Analyze();
        Assert.Equal(2, result.ExportEntry.FirmsAtRisk);
        Assert.Equal(2, result.ExportEntry.Entries); // firm 1 enters in 2003 (interval 2), firm 2 in 2002
        Assert.Equal(3, result.ExportEntry.SpellRows);
        Same(engine.AnalyzeBySql(), result);
    }
}
