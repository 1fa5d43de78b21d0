using System.Text.Json;
using static TwoWay.Statistics.Tests.ReferenceData;

namespace TwoWay.Statistics.Tests;

/// <summary>
/// The logit's model block as <c>summary(glm)</c>: null and residual deviance and AIC (Reference/make-glm-summary-reference.R),
/// on binary rows and on the same data grouped into binomial counts; exp(−coef) and factor baselines by hand.
/// </summary>
public class GlmSummaryTests
{
    private static readonly JsonElement R = JsonDocument.Parse(File.ReadAllText(PathOf("glm-summary.json"))).RootElement;
    private static double V(string block, string key) => R.GetProperty(block).GetProperty(key).GetDouble();

    [Fact]
    public void Null_and_residual_deviance_and_AIC_match_glm_on_binary_rows()
    {
        var d = Csv("infert.csv");
        var n = d["case"].Length;
        var x = Matrix(Enumerable.Repeat(1.0, n).ToArray(), d.Numbers("spontaneous"), d.Numbers("induced"), d.Numbers("age"));
        var r = Logistic.Fit(x, ["(Intercept)", "spontaneous", "induced", "age"], d.Numbers("case"), Enumerable.Repeat(1.0, n).ToArray());
        Close(V("binary", "null_deviance"), r.NullDeviance!.Value, 1e-10, "null deviance");
        Close(V("binary", "deviance"), r.Deviance, 1e-10, "deviance");
        Close(V("binary", "aic"), r.Aic, 1e-10, "AIC");
        Close(V("binary", "loglik"), r.LogLikelihood, 1e-10, "loglik");
    }

    [Fact]
    public void Null_and_residual_deviance_and_AIC_match_glm_on_grouped_counts()
    {
        var d = Csv("infert-grouped.csv");
        var k = d["events"].Length;
        var x = Matrix(Enumerable.Repeat(1.0, k).ToArray(), d.Numbers("spontaneous"), d.Numbers("induced"));
        var r = Logistic.Fit(x, ["(Intercept)", "spontaneous", "induced"], d.Numbers("events"), d.Numbers("trials"));
        Close(R.GetProperty("grouped").GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            r.Coefficients.Select(c => c.Estimate).ToList(), 1e-9, "coef");
        Close(V("grouped", "null_deviance"), r.NullDeviance!.Value, 1e-10, "null deviance");
        Close(V("grouped", "deviance"), r.Deviance, 1e-9, "deviance");
        Close(V("grouped", "aic"), r.Aic, 1e-10, "AIC (with log C(n, y))");
        // R's binomial log-likelihood includes Σ log C(n, y); ours is the kernel: the difference is that constant.
        Assert.NotEqual(V("grouped", "loglik"), r.LogLikelihood, 3);
    }

    [Fact]
    public void Factor_levels_name_their_baseline_and_exp_minus_coef_is_the_inverse_ratio()
    {
        var c = Coefficient.Of("sector=B", Math.Log(2), 0.1, null);
        var named = Coefficient.WithReferences([Coefficient.Of("imp_lag", 0.3, 0.1, null), c], new Dictionary<string, string> { ["sector"] = "A" });
        Assert.Null(named[0].Reference);
        Assert.Equal("imp_lag", named[0].Label);
        Assert.Equal("A", named[1].Reference);
        Assert.Equal("sector=B (vs A)", named[1].Label);
        Assert.Equal(0.5, named[1].InverseRatio, 15);
    }
}
