using System.Text.Json;
using TwoWay.Cli;

namespace TwoWay.Panels.Tests;

/// <summary>`twoway panel …` and `twoway survey analyze` end to end, in-process.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Out, r.Error);
    }

    private static double[] Arr(JsonElement e, string key) => e.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Simulate_then_analyze_prints_tables_and_json_with_the_documented_keys()
    {
        using var tmp = new TempDir();
        var sim = Run("panel", "simulate", "--firms", "3000", "--years", "6", "--seed", "9", "--hr", "2", tmp.File("p.csv"));
        Assert.Equal(0, sim.Code);
        Assert.Contains("firm-years", sim.Out);

        var text = Run("panel", "analyze", tmp.File("p.csv"), "--covariates", "size_class");
        Assert.True(text.Code == 0, text.Err);
        Assert.Contains("Transitions", text.Out);
        Assert.Contains("imp_lag", text.Out);
        Assert.Contains("Conversion", text.Out);

        var json = Run("panel", "analyze", tmp.File("p.csv"), "--covariates", "size_class", "--ties", "breslow", "--json");
        Assert.True(json.Code == 0, json.Err);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(3000, root.GetProperty("firms").GetInt64());
        var cox = root.GetProperty("export_entry").GetProperty("cox");
        Assert.Equal("breslow", cox.GetProperty("ties").GetString());
        var lag = cox.GetProperty("coefficients")[0];
        Assert.Equal("imp_lag", lag.GetProperty("name").GetString());
        Assert.True(lag.GetProperty("robust_se").GetDouble() > 0);
        Assert.Equal("import_only", root.GetProperty("transitions").GetProperty("cells")[1].GetProperty("to").GetString());
        Assert.Equal(5, root.GetProperty("conversion").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("country_linkage").ValueKind);
    }

    [Fact]
    public void Bad_panel_exits_1_naming_file_row_and_column()
    {
        using var tmp = new TempDir();
        var f = tmp.Write("bad.csv", "firm_id,year,import_value,export_value\na,2010,1,0\na,2011,-1,0\n");
        var r = Run("panel", "analyze", f);
        Assert.Equal(1, r.Code);
        Assert.Contains("bad.csv, row 3, column 'import_value': negative value", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_covariate_without_variation_is_a_clear_error()
    {
        using var tmp = new TempDir();
        Run("panel", "simulate", "--firms", "500", "--years", "5", tmp.File("p.parquet"));
        var f = tmp.Write("const.csv", "firm_id,year,import_value,export_value,country\na,2010,1,0,DE\na,2011,0,1,DE\nb,2010,0,0,DE\nb,2011,0,0,DE\n");
        var r = Run("panel", "analyze", f, "--covariates", "country");
        Assert.Equal(1, r.Code);
        Assert.Contains("covariate 'country' has no variation", r.Err);
        Assert.Equal(2, Run("panel", "analyze", f, "--ties", "exact").Code);
        Assert.Equal(1, Run("panel", "analyze", tmp.File("missing.csv")).Code);
    }

    [Fact]
    public void Stage_timings_only_with_the_timings_option()
    {
        using var tmp = new TempDir();
        Run("panel", "simulate", "--firms", "300", "--years", "5", tmp.File("p.csv"));
        var plain = Run("panel", "analyze", tmp.File("p.csv"), "--out", tmp.File("plain.html"));
        Assert.True(plain.Code == 0, plain.Err);
        Assert.DoesNotContain("seconds:", plain.Out);
        Assert.DoesNotContain("Timings:", File.ReadAllText(tmp.File("plain.html")));
        var timed = Run("panel", "analyze", tmp.File("p.csv"), "--timings", "--out", tmp.File("timed.html"));
        Assert.True(timed.Code == 0, timed.Err);
        Assert.Contains("seconds: read_and_validate", timed.Out);
        Assert.Contains("Timings: read and validate", File.ReadAllText(tmp.File("timed.html")));
    }

    [Fact]
    public void Survey_analysis_matches_R()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Reference");
        var r = Run("survey", "analyze", Path.Combine(dir, "survey.csv"), "--covariates", "sector", "--json");
        Assert.True(r.Code == 0, r.Err);
        var ours = JsonDocument.Parse(r.Out).RootElement;
        var R = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "survey-reference.json"))).RootElement;
        var states = ours.GetProperty("states").EnumerateArray().ToList();
        var expected = Arr(R, "states");
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], states[i].GetProperty("share").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(Arr(R, "neff")[0], states[0].GetProperty("effective_n").GetDouble(), 1e-9);
        Assert.Equal(Arr(R, "export_given_import")[0], ours.GetProperty("export_given_import").GetProperty("share").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(Arr(R, "neff_importers")[0], ours.GetProperty("export_given_import").GetProperty("effective_n").GetDouble(), 1e-9);
        Assert.Equal(Arr(R, "import_given_export")[0], ours.GetProperty("import_given_export").GetProperty("share").GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(Arr(R, "chisq")[0], ours.GetProperty("independence").GetProperty("statistic").GetDouble(), 1e-8);
        var coefs = ours.GetProperty("logit").GetProperty("coefficients").EnumerateArray().ToList();
        var c = Arr(R, "logit_coef"); var se = Arr(R, "logit_se");
        for (var j = 0; j < c.Length; j++)
        {
            Assert.Equal(c[j], coefs[j].GetProperty("estimate").GetDouble(), 1e-6);
            Assert.Equal(se[j], coefs[j].GetProperty("robust_se").GetDouble(), 1e-6);
        }
    }

    [Fact]
    public void Survey_bad_indicator_and_weight_are_reported_with_rows()
    {
        using var tmp = new TempDir();
        var f = tmp.Write("s.csv", "firm_id,imports,exports,weight\na,1,0,1\nb,maybe,0,1\nc,0,1,-2\n");
        var r = Run("survey", "analyze", f);
        Assert.Equal(1, r.Code);
        Assert.Contains("row 3, column 'imports': 'maybe' is not an indicator", r.Err);
        Assert.Contains("row 4, column 'weight'", r.Err);
    }
}

/// <summary>The spells file names its lag column as the model tables do (issue 16: it said 'lag' where the table said 'imp_lag').</summary>
public class SpellsFileNamingTests
{
    [Fact]
    public void The_spells_file_calls_the_lag_imp_lag()
    {
        using var tmp = new TempDir();
        var panel = tmp.Write("p.csv", "firm_id,year,import_value,export_value\nA,2001,0,0\nA,2002,5,0\nA,2003,5,3\nB,2001,0,0\nB,2002,0,0\nB,2003,0,0\n");
        var r = CliRunner.Run("panel", "analyze", panel, "--spells-out", tmp.File("s.csv"), "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("firm,interval,imp_lag,event", File.ReadAllText(tmp.File("s.csv")));
        Assert.Contains("\"imp_lag\"", r.Out);
    }
}
