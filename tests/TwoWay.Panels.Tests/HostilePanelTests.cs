using TwoWay.Input;

namespace TwoWay.Panels.Tests;

/// <summary>Panel values that are not finite numbers are refused with their rows; file names are never glob patterns.</summary>
public class HostilePanelTests
{
    private const string Valid = """
        firm_id,year,import_value,export_value
        a,2010,0,0
        a,2011,5,0
        b,2010,0,3
        b,2011,1,3
        """;

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    [InlineData("1e400")]
    public void Non_finite_values_are_refused_with_their_row(string value)
    {
        using var tmp = new TempDir();
        var file = tmp.Write("p.csv", Valid + $"\nc,2010,{value},0\nc,2011,0,{value}\n");
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(file)));
        var e = ex.Errors.Select(x => x.ToString()).ToList();
        Assert.True(e.Any(s => s.Contains("row 6") && s.Contains("'import_value'") && s.Contains($"'{value}' is not a finite number")), string.Join("\n", e));
        Assert.Contains(e, s => s.Contains("row 6") && s.Contains("'import_value'") && s.Contains($"'{value}' is not a finite number"));
        Assert.Contains(e, s => s.Contains("row 7") && s.Contains("'export_value'") && s.Contains($"'{value}' is not a finite number"));
    }

    [Fact]
    public void Non_finite_year_is_refused()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("p.csv", Valid + "\nc,Infinity,0,0\n");
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(file)));
        Assert.True(ex.Errors.Any(x => x.Row == 6 && x.Field == "year"), ex.Message);
    }

    [Fact]
    public void Flows_with_non_finite_values_are_refused_with_their_row()
    {
        using var tmp = new TempDir();
        var flows = tmp.Write("flows.csv", "firm_id,year,country,flow,value\na,2011,DE,import,5\nb,2010,FR,export,NaN\n");
        using var engine = new PanelEngine();
        var ex = Assert.Throws<InputException>(() => engine.Load(new PanelInput(tmp.Write("p.csv", Valid)) { FlowsPath = flows }));
        Assert.Contains(ex.Errors, x => x.Row == 3 && x.Field == "value");
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Survey_weight_that_is_not_finite_is_refused_with_its_row(string weight)
    {
        using var tmp = new TempDir();
        var file = tmp.Write("s.csv", $"imports,exports,weight\n1,0,2.5\n0,1,{weight}\n");
        var ex = Assert.Throws<InputException>(() => SurveyReader.Read(new SurveyInput(file)));
        Assert.Contains(ex.Errors, x => x.Row == 3 && x.Field == "weight");
    }

    [Theory]
    [InlineData("[ab].csv")]
    [InlineData("p*.csv")]
    [InlineData("p?.csv")]
    [InlineData("[x] data [2020].csv")]
    public void A_file_name_with_glob_characters_is_read_literally(string name)
    {
        using var tmp = new TempDir();
        var file = tmp.Write(name, Valid);
        // Files the name would match as a pattern, with other contents: reading them would change the counts.
        foreach (var decoy in new[] { "a.csv", "b.csv", "p1.csv", "pa.csv", "x data 2.csv" })
            tmp.Write(decoy, Valid + "\nz,2010,0,0\nz,2011,1,1\n");
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(file));
        var r = engine.Analyze();
        Assert.Equal(2, r.Firms);
        Assert.Equal(4, r.FirmYears);
    }

    [Fact]
    public void A_folder_with_glob_characters_in_its_name_is_read_as_its_partitions()
    {
        using var tmp = new TempDir();
        var csv = tmp.Write("src.csv", Valid);
        var folder = Path.Combine(Path.GetDirectoryName(csv)!, "[set]*");
        Directory.CreateDirectory(folder);
        using (var conn = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"COPY (SELECT * FROM read_csv('{csv}')) TO '{Path.Combine(folder, "part-0.parquet")}' (FORMAT parquet)";
            cmd.ExecuteNonQuery();
        }
        using var engine = new PanelEngine();
        engine.Load(new PanelInput(folder));
        Assert.Equal(2, engine.Analyze().Firms);
    }
}
