using System.Text.Json;
using TwoWay.Cli;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// Survey designs (strata, PSUs, fpc, single-PSU strata): `twoway survey analyze` against R's survey package on
/// the fictional stratified cluster sample of Reference/make-survey-design-reference.R, and small designs whose
/// values follow by hand.
/// </summary>
public class SurveyDesignTests
{
    private const double Rel = 1e-8;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Out, r.Error);
    }

    private static string Data => Path.Combine(AppContext.BaseDirectory, "Reference", "survey-design.csv");
    private static JsonElement Reference => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "survey-design-reference.json"))).RootElement;

    private static double[] Arr(JsonElement e, string key) =>
        e.GetProperty(key).ValueKind == JsonValueKind.Array ? e.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray() : [e.GetProperty(key).GetDouble()];

    private static void Close(double expected, double actual, string what)
    {
        var tolerance = Rel * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: R {expected:R}, ours {actual:R}");
    }

    private static JsonElement Analyze(params string[] design)
    {
        var r = Run(["survey", "analyze", Data, "--covariates", "sector", "--json", .. design]);
        Assert.True(r.Code == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static void Compare(JsonElement ours, JsonElement R, bool logit = true)
    {
        Assert.Equal(R.GetProperty("degf").GetInt32(), ours.GetProperty("design").GetProperty("degrees_of_freedom").GetInt32());
        var states = ours.GetProperty("states").EnumerateArray().ToList();
        var rs = R.GetProperty("states");
        for (var i = 0; i < 4; i++)
        {
            Close(Arr(rs, "estimate")[i], states[i].GetProperty("share").GetProperty("estimate").GetDouble(), $"state {i} share");
            Close(Arr(rs, "se")[i], states[i].GetProperty("se").GetDouble(), $"state {i} SE");
            Close(Arr(rs, "deff")[i], states[i].GetProperty("deff").GetDouble(), $"state {i} deff");
        }
        foreach (var key in new[] { "export_given_import", "export_given_no_import", "import_given_export", "import_given_no_export" })
        {
            var o = ours.GetProperty(key); var r = R.GetProperty(key);
            Close(Arr(r, "estimate")[0], o.GetProperty("share").GetProperty("estimate").GetDouble(), key);
            Close(Arr(r, "se")[0], o.GetProperty("se").GetDouble(), key + " SE (svyratio)");
            Close(Arr(r, "domain_se")[0], o.GetProperty("se").GetDouble(), key + " SE (svymean on the subset)");
            Close(Arr(r, "deff")[0], o.GetProperty("deff").GetDouble(), key + " deff");
        }
        var t = ours.GetProperty("rao_scott"); var rt = R.GetProperty("rao_scott");
        Close(Arr(rt, "f")[0], t.GetProperty("f").GetDouble(), "Rao–Scott F");
        Close(Arr(rt, "ndf")[0], t.GetProperty("numerator_df").GetDouble(), "Rao–Scott ndf");
        Close(Arr(rt, "ddf")[0], t.GetProperty("denominator_df").GetDouble(), "Rao–Scott ddf");
        Close(Arr(rt, "p")[0], t.GetProperty("p").GetDouble(), "Rao–Scott p");
        Close(Arr(rt, "pearson")[0], t.GetProperty("pearson").GetDouble(), "Pearson X²");
        if (!logit) return;
        var coefs = ours.GetProperty("logit").GetProperty("coefficients").EnumerateArray().ToList();
        var rl = R.GetProperty("logit");
        Assert.Equal(Arr(rl, "df_residual")[0], ours.GetProperty("logit_df").GetDouble());
        for (var j = 0; j < coefs.Count; j++)
        {
            // The coefficients converge to 1e-10 in the Newton step; SEs and p-values inherit that.
            Assert.Equal(Arr(rl, "coef")[j], coefs[j].GetProperty("estimate").GetDouble(), 1e-8);
            Close(Arr(rl, "se")[j], coefs[j].GetProperty("robust_se").GetDouble(), $"logit SE {j}");
            Assert.Equal(Arr(rl, "p")[j], coefs[j].GetProperty("p").GetDouble(), 1e-8);
        }
    }

    [Fact]
    public void Stratified_cluster_design_with_fpc_matches_svydesign() =>
        Compare(Analyze("--strata", "stratum", "--cluster", "psu", "--fpc", "fpc"), Reference.GetProperty("full"));

    [Fact]
    public void Cluster_only_and_strata_only_designs_match_svydesign()
    {
        Compare(Analyze("--cluster", "psu"), Reference.GetProperty("cluster_only"));
        Compare(Analyze("--strata", "stratum"), Reference.GetProperty("strata_only"));
    }

    [Fact]
    public void Without_a_design_the_shares_match_ids_1_and_the_logit_is_HC0_or_svyglm_scaled()
    {
        var R = Reference.GetProperty("weights_only");
        var plain = Analyze();
        Compare(plain, R, logit: false);
        Assert.Equal("hc0", plain.GetProperty("logit_variance").GetString());
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("logit_df").ValueKind);
        var scaled = Analyze("--svyglm-scaling");
        Compare(scaled, R);
        Assert.Equal("hc0-svyglm", scaled.GetProperty("logit_variance").GetString());
        // HC0 × n/(n−1) is svyglm's variance without a design.
        var n = Reference.GetProperty("n").GetDouble();
        var hc0 = plain.GetProperty("logit").GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("robust_se").GetDouble()).ToList();
        var sv = scaled.GetProperty("logit").GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("robust_se").GetDouble()).ToList();
        for (var j = 0; j < hc0.Count; j++) Close(hc0[j] * Math.Sqrt(n / (n - 1)), sv[j], "scaled HC0");
        var text = Run("survey", "analyze", Data, "--covariates", "sector");
        Assert.Contains("HC0", text.Out);
        Assert.Contains("--svyglm-scaling", text.Out);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("certainty")]
    [InlineData("adjust")]
    [InlineData("average")]
    public void Single_PSU_strata_are_handled_as_R_survey_lonely_psu(string rule)
    {
        var ours = Analyze("--strata", "stratum_lonely", "--cluster", "psu", "--fpc", "fpc_lonely", "--lonely-psu", rule);
        Compare(ours, Reference.GetProperty("lonely_" + rule));
        Assert.Equal(["E"], ours.GetProperty("design").GetProperty("lonely_strata").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_single_PSU_stratum_fails_by_default_naming_it_and_a_bad_rule_is_a_usage_error()
    {
        Assert.StartsWith("Stratum (E) has only one PSU", Reference.GetProperty("lonely_fail_error").GetString());
        var r = Run("survey", "analyze", Data, "--strata", "stratum_lonely", "--cluster", "psu", "--fpc", "fpc_lonely");
        Assert.Equal(1, r.Code);
        Assert.Contains("stratum 'E' has only one PSU", r.Err);
        Assert.Equal(2, Run("survey", "analyze", Data, "--strata", "stratum", "--lonely-psu", "drop").Code);
    }

    [Fact]
    public void Bad_design_columns_are_reported()
    {
        using var tmp = new TempDir();
        var f = tmp.Write("s.csv", "imports,exports,weight,str,psu,fpc\n1,0,2,A,1,10\n0,1,2,A,2,12\n1,1,2,B,1,1\n0,0,2,B,2,1\n1,0,2,C,,5\n");
        var varies = Run("survey", "analyze", f, "--strata", "str", "--cluster", "psu", "--fpc", "fpc");
        Assert.Equal(1, varies.Code);
        Assert.Contains("row 6, column 'psu': missing design label", varies.Err);
        var g = tmp.Write("g.csv", "imports,exports,weight,str,psu,fpc\n1,0,2,A,1,10\n0,1,2,A,2,12\n1,1,2,B,1,4\n0,0,2,B,2,4\n");
        var r = Run("survey", "analyze", g, "--strata", "str", "--cluster", "psu", "--fpc", "fpc");
        Assert.Equal(1, r.Code);
        Assert.Contains("fpc varies within stratum 'A'", r.Err);
        var h = tmp.Write("h.csv", "imports,exports,weight,str,psu,fpc\n1,0,2,A,1,1\n0,1,2,A,2,1\n1,1,2,B,1,4\n0,0,2,B,2,4\n");
        var small = Run("survey", "analyze", h, "--strata", "str", "--cluster", "psu", "--fpc", "fpc");
        Assert.Equal(1, small.Code);
        Assert.Contains("implies 1 PSUs in the population but 2 were sampled", small.Err);
    }

    [Fact]
    public void Design_text_output_names_the_design_and_shows_SE_deff_and_Rao_Scott()
    {
        var r = Run("survey", "analyze", Data, "--strata", "stratum", "--cluster", "psu", "--fpc", "fpc", "--covariates", "sector");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("4 strata, 15 PSUs, 11 design df", r.Out);
        Assert.Contains("Rao–Scott", r.Out);
        Assert.Contains("deff", r.Out);
        Assert.Contains("design-based SE as svyglm", r.Out);
    }

    // --- by hand -------------------------------------------------------------------------------

    /// <summary>
    /// Two strata of two one-firm PSUs, y = (1, 0 | 1, 1), weight 2: ŷ = 3/4; z = w(y − ŷ)/Σw = (1/16, −3/16 | 1/16, 1/16);
    /// stratum A: deviations ±1/8, Σ² = 1/32, × 2/(2−1) = 1/16; stratum B: 0. V = 1/16, SE = 1/4 (the stratified
    /// estimator (1/2)² s²_A/2 = 1/4 · 1/2 · 1/2). With N_h = 4 PSUs per stratum (f = 1/2): V = 1/32.
    /// deff: s² = 4/3 · 3/16 = 1/4, V_SRS = s² (N̂ − n)/(N̂ n) = 1/4 · 4/32 = 1/32, deff = 2.
    /// </summary>
    [Fact]
    public void Stratified_mean_by_hand()
    {
        double[] y = [1, 0, 1, 1];
        var d = SurveyDesign.Create([2, 2, 2, 2], ["A", "A", "B", "B"], ["1", "2", "1", "2"]);
        var m = d.Mean(y);
        Assert.Equal(0.75, m.Estimate, 1e-15);
        Assert.Equal(0.25, m.Se, 1e-15);
        Assert.Equal(2, m.Deff!.Value, 1e-12);
        Assert.Equal(2, d.DegreesOfFreedom);
        var fpc = SurveyDesign.Create([2, 2, 2, 2], ["A", "A", "B", "B"], ["1", "2", "1", "2"], [4, 4, 4, 4]);
        Assert.Equal(Math.Sqrt(1.0 / 32), fpc.Mean(y).Se, 1e-15);
        // The same fpc as sampling fractions (2 of 4 PSUs = 0.5).
        Assert.Equal(Math.Sqrt(1.0 / 32), SurveyDesign.Create([2, 2, 2, 2], ["A", "A", "B", "B"], ["1", "2", "1", "2"], [0.5, 0.5, 0.5, 0.5]).Mean(y).Se, 1e-15);
        // A census stratum (N_h = n_h) contributes nothing: only B varies → 0 with y constant in B.
        Assert.Equal(0, SurveyDesign.Create([2, 2, 2, 2], ["A", "A", "B", "B"], ["1", "2", "1", "2"], [2, 2, 4, 4]).Mean(y).Se, 1e-15);
    }

    /// <summary>
    /// A third stratum C with one PSU (y = 0, weight 2): ŷ = 3/5, Σw = 10, z = w(y − ŷ)/10 = (.08, −.12 | .08, .08 | −.12).
    /// remove/certainty: A gives 2·(2·0.1²) = 0.04, B 0 → V = 0.04. adjust: C's total −.12 centred at the mean PSU total
    /// Σz/5 = 0 → + 0.0144 → 0.0544. average: 0.04 × 3/2 = 0.06. fail: an error naming C.
    /// </summary>
    [Fact]
    public void Lonely_PSU_rules_by_hand()
    {
        double[] y = [1, 0, 1, 1, 0];
        SurveyDesign D(LonelyPsu rule) => SurveyDesign.Create([2, 2, 2, 2, 2], ["A", "A", "B", "B", "C"], ["1", "2", "1", "2", "1"], null, rule);
        Assert.Equal(0.04, Math.Pow(D(LonelyPsu.Remove).Mean(y).Se, 2), 1e-15);
        Assert.Equal(0.04, Math.Pow(D(LonelyPsu.Certainty).Mean(y).Se, 2), 1e-15);
        Assert.Equal(0.0544, Math.Pow(D(LonelyPsu.Adjust).Mean(y).Se, 2), 1e-15);
        Assert.Equal(0.06, Math.Pow(D(LonelyPsu.Average).Mean(y).Se, 2), 1e-15);
        var ex = Assert.Throws<EstimationException>(() => D(LonelyPsu.Fail));
        Assert.Contains("stratum 'C'", ex.Message);
    }

    /// <summary>
    /// Equal weights, each firm its own PSU, no strata: V(p̂) = n/(n−1)(D − p pᵀ)/n, and because D⁻¹p = 1 is orthogonal to
    /// the contrasts, Δ = n/(n−1): F = X² (n−1)/n on 1 and n − 1 df. Table (rows imports, columns exports) 30 10 / 20 40
    /// (n = 100): X² = 100 (30·40 − 10·20)² / (40·60·50·50) = 16.6667.
    /// </summary>
    [Fact]
    public void Rao_Scott_under_simple_random_sampling_by_hand()
    {
        var rows = new List<int>(); var cols = new List<int>();
        void Add(int r, int c, int k) { for (var i = 0; i < k; i++) { rows.Add(r); cols.Add(c); } }
        Add(0, 0, 30); Add(0, 1, 10); Add(1, 0, 20); Add(1, 1, 40);
        var d = SurveyDesign.Create(Enumerable.Repeat(3.0, 100).ToArray());
        var t = d.RaoScott(rows, cols, 2, 2);
        var x2 = 100.0 * Math.Pow(30 * 40 - 10 * 20, 2) / (40 * 60 * 50 * 50);
        Assert.Equal(x2, t.Pearson, 1e-10);
        Assert.Equal(x2 * 99 / 100, t.F, 1e-10);
        Assert.Equal(1, t.NumeratorDf, 1e-12);
        Assert.Equal(99, t.DenominatorDf, 1e-10);
        Assert.Equal(100.0 / 99, t.MeanEigenvalue, 1e-12);
        // p of F(1, 99) equals the two-sided t(99) p of √F.
        Assert.Equal(SurveyDesign.TTwoSided(Math.Sqrt(t.F), 99), t.P, 1e-12);
    }
}
