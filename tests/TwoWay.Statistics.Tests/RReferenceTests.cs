using static TwoWay.Statistics.Tests.ReferenceData;

namespace TwoWay.Statistics.Tests;

/// <summary>
/// The statistics core against values R computed on R's own datasets (Reference/make-reference.R,
/// survival 3.x): Therneau &amp; Grambsch's 7-row book example, ovarian, lung, veteran, heart, infert.
/// </summary>
public class RReferenceTests
{
    private static void AssertCox(string fit, CoxResult r, bool robust = false)
    {
        Close(Values(fit, "coef"), r.Coefficients.Select(c => c.Estimate).ToList(), what: fit + " coef");
        Close(Values(fit, "se"), r.Coefficients.Select(c => c.Se).ToList(), what: fit + " se");
        Close(Values(fit, "loglik")[0], r.LogLikelihoodNull, what: fit + " loglik0");
        Close(Values(fit, "loglik")[1], r.LogLikelihood, what: fit + " loglik");
        Close(Values(fit, "lr")[0], r.LikelihoodRatio.Statistic, what: fit + " LR");
        Close(Values(fit, "score")[0], r.Score.Statistic, what: fit + " score");
        Close(Values(fit, "concordance")[0], r.Concordance, what: fit + " concordance");
        if (robust)
        {
            Close(Values(fit, "robust_se"), r.Coefficients.Select(c => c.RobustSe!.Value).ToList(), what: fit + " robust se");
            Close(Values(fit, "robust_wald")[0], r.RobustWald!.Statistic, what: fit + " robust wald");
        }
        else Close(Values(fit, "wald")[0], r.Wald.Statistic, what: fit + " wald");
    }

    private static SurvivalData Book()
    {
        var d = Csv("book.csv");
        return SurvivalData.RightCensored(d.Numbers("time"), d.Numbers("status").Select(s => s == 1).ToArray(), Matrix(d.Numbers("x")), ["x"]);
    }

    [Fact]
    public void Book_example_Breslow_converges_to_the_hand_derived_root()
    {
        var r = Cox.Fit(Book(), Ties.Breslow);
        // Therneau & Grambsch (2000) appendix E.1: β̂ = log((3 + √33)/2) = 1.4752849.
        Assert.Equal(Math.Log((3 + Math.Sqrt(33)) / 2), r.Coefficients[0].Estimate, 9);
        Assert.Equal(1.4752849, r.Coefficients[0].Estimate, 7);
        AssertCox("book_breslow", r);
    }

    [Fact]
    public void Book_example_Efron() => AssertCox("book_efron", Cox.Fit(Book(), Ties.Efron));

    [Fact]
    public void Ovarian_age()
    {
        var d = Csv("ovarian.csv");
        var r = Cox.Fit(SurvivalData.RightCensored(d.Numbers("futime"), d.Numbers("fustat").Select(s => s == 1).ToArray(), Matrix(d.Numbers("age")), ["age"]));
        Assert.Equal(0.16162, r.Coefficients[0].Estimate, 5);
        Assert.Equal(0.04974, r.Coefficients[0].Se, 5);
        Assert.Equal(14.29, r.LikelihoodRatio.Statistic, 2);
        AssertCox("ovarian_age", r);
    }

    private static SurvivalData Lung(Ties _, bool withInstitutionOnly)
    {
        var d = Csv("lung.csv");
        var inst = d.Numbers("inst");
        var keep = Enumerable.Range(0, inst.Length).Where(i => !withInstitutionOnly || !double.IsNaN(inst[i])).ToArray();
        double[] Take(string c) => keep.Select(i => d.Numbers(c)[i]).ToArray();
        return SurvivalData.RightCensored(Take("time"), Take("status").Select(s => s == 1).ToArray(),
            Matrix(Take("age"), Take("sex")), ["age", "sex"],
            clusters: withInstitutionOnly ? Take("inst").Select(v => (int)v).ToArray() : null);
    }

    [Fact]
    public void Lung_age_sex_Efron()
    {
        var r = Cox.Fit(Lung(Ties.Efron, false));
        Assert.Equal(0.017045, r.Coefficients[0].Estimate, 6);
        Assert.Equal(-0.513219, r.Coefficients[1].Estimate, 6);
        Assert.Equal(0.009223, r.Coefficients[0].Se, 6);
        Assert.Equal(0.167458, r.Coefficients[1].Se, 6);
        AssertCox("lung_efron", r);
    }

    [Fact]
    public void Lung_age_sex_Breslow() => AssertCox("lung_breslow", Cox.Fit(Lung(Ties.Breslow, false), Ties.Breslow));

    [Theory]
    [InlineData(Ties.Efron, "lung_cluster_efron")]
    [InlineData(Ties.Breslow, "lung_cluster_breslow")]
    public void Robust_score_test_matches_summary_coxph(Ties ties, string key)
    {
        var R = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("glm-summary.json"))).RootElement.GetProperty(key);
        var r = Cox.Fit(Lung(ties, true), ties);
        Close(R.GetProperty("robust_score").GetDouble(), r.RobustScore!.Statistic, 1e-8, "robust score");
        Close(R.GetProperty("score").GetDouble(), r.Score.Statistic, 1e-8, "score");
        Close(R.GetProperty("wald").GetDouble(), r.RobustWald!.Statistic, 1e-6, "robust Wald");
        Close(R.GetProperty("concordance").GetDouble(), r.Concordance, 1e-10, "concordance");
        Close(R.GetProperty("concordance_se").GetDouble(), r.ConcordanceSe, 1e-8, "concordance se (clustered)");
        Assert.Null(Cox.Fit(Lung(ties, false), ties).RobustScore);
    }

    [Fact]
    public void Concordance_standard_error_matches_summary_coxph_without_clusters()
    {
        var R = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("glm-summary.json"))).RootElement.GetProperty("lung_efron");
        var r = Cox.Fit(Lung(Ties.Efron, false));
        Close(R.GetProperty("concordance").GetDouble(), r.Concordance, 1e-10, "concordance");
        Close(R.GetProperty("concordance_se").GetDouble(), r.ConcordanceSe, 1e-8, "concordance se");
    }

    [Fact]
    public void Lung_robust_standard_errors_clustered_by_institution() =>
        AssertCox("lung_cluster_inst", Cox.Fit(Lung(Ties.Efron, true)), robust: true);

    private static SurvivalData Veteran()
    {
        var d = Csv("veteran.csv");
        var cell = d["celltype"];
        double Is(int i, string level) => cell[i] == level ? 1 : 0;
        var n = cell.Length;
        // Treatment contrasts with squamous (R's first level) as the baseline.
        var x = new double[n, 5];
        var trt = d.Numbers("trt"); var karno = d.Numbers("karno");
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = trt[i]; x[i, 1] = Is(i, "smallcell"); x[i, 2] = Is(i, "adeno"); x[i, 3] = Is(i, "large"); x[i, 4] = karno[i];
        }
        return SurvivalData.RightCensored(d.Numbers("time"), d.Numbers("status").Select(s => s == 1).ToArray(), x,
            ["trt", "celltype=smallcell", "celltype=adeno", "celltype=large", "karno"]);
    }

    [Fact]
    public void Veteran_trt_celltype_karno_Efron() => AssertCox("veteran_efron", Cox.Fit(Veteran()));

    [Fact]
    public void Veteran_trt_celltype_karno_Breslow() => AssertCox("veteran_breslow", Cox.Fit(Veteran(), Ties.Breslow));

    private static SurvivalData Heart()
    {
        var d = Csv("heart.csv");
        return new SurvivalData(d.Numbers("start"), d.Numbers("stop"), d.Numbers("event").Select(e => e == 1).ToArray(),
            Matrix(d.Numbers("age"), d.Numbers("surgery"), d.Numbers("transplant")), ["age", "surgery", "transplant"],
            clusters: d.Numbers("id").Select(v => (int)v).ToArray());
    }

    [Fact]
    public void Heart_counting_process_with_robust_SE_Efron() => AssertCox("heart_cluster_id", Cox.Fit(Heart()), robust: true);

    [Fact]
    public void Heart_counting_process_with_robust_SE_Breslow() =>
        AssertCox("heart_breslow_cluster_id", Cox.Fit(Heart(), Ties.Breslow), robust: true);

    [Fact]
    public void Kaplan_Meier_with_Greenwood_matches_survfit()
    {
        var d = Csv("lung.csv");
        var sex = d.Numbers("sex"); var time = d.Numbers("time"); var status = d.Numbers("status");
        var strata = Strings("km_lung_sex", "strata");
        var expTime = Values("km_lung_sex", "time");
        foreach (var s in new[] { 1, 2 })
        {
            var rows = Enumerable.Range(0, sex.Length).Where(i => sex[i] == s).ToArray();
            var curve = KaplanMeier.Fit($"sex={s}", rows.Select(i => time[i]).ToList(), rows.Select(i => status[i] == 1).ToList());
            var idx = Enumerable.Range(0, strata.Length).Where(i => strata[i] == $"sex={s}").ToArray();
            Assert.Equal(idx.Length, curve.Steps.Count);
            for (var k = 0; k < idx.Length; k++)
            {
                var step = curve.Steps[k];
                var what = $"sex={s} t={step.Time}";
                Close(expTime[idx[k]], step.Time, what: what);
                Close(Values("km_lung_sex", "n_risk")[idx[k]], step.AtRisk, what: what + " n.risk");
                Close(Values("km_lung_sex", "n_event")[idx[k]], step.Events, what: what + " n.event");
                Close(Values("km_lung_sex", "surv")[idx[k]], step.Survival, what: what + " surv");
                Close(Values("km_lung_sex", "std_err")[idx[k]], step.StdErr, what: what + " std.err");
                Close(Values("km_lung_sex", "lower")[idx[k]], step.Lower95, what: what + " lower");
                Close(Values("km_lung_sex", "upper")[idx[k]], step.Upper95, what: what + " upper");
            }
        }
    }

    [Fact]
    public void Log_rank_matches_survdiff_two_and_four_groups()
    {
        var d = Csv("lung.csv");
        var r = LogRank.Test(["1", "2"], d.Numbers("sex").Select(s => (int)s - 1).ToList(), d.Numbers("time"), d.Numbers("status").Select(s => s == 1).ToList());
        Close(Values("logrank_lung_sex", "chisq")[0], r.Test.Statistic, what: "lung sex");
        Assert.Equal(1, r.Test.Df);

        var v = Csv("veteran.csv");
        string[] levels = ["squamous", "smallcell", "adeno", "large"];
        var r4 = LogRank.Test(levels, v["celltype"].Select(c => Array.IndexOf(levels, c)).ToList(), v.Numbers("time"), v.Numbers("status").Select(s => s == 1).ToList());
        Close(Values("logrank_veteran_celltype", "chisq")[0], r4.Test.Statistic, what: "veteran celltype");
        Close(Values("logrank_veteran_celltype", "observed"), r4.Observed, what: "observed");
        Close(Values("logrank_veteran_celltype", "expected"), r4.Expected, what: "expected");
        Assert.Equal(3, r4.Test.Df);
    }

    [Fact]
    public void Logit_matches_glm_and_clustered_SE_matches_sandwich()
    {
        var d = Csv("infert.csv");
        var n = d["case"].Length;
        var x = Matrix(Enumerable.Repeat(1.0, n).ToArray(), d.Numbers("spontaneous"), d.Numbers("induced"), d.Numbers("age"));
        var r = Logistic.Fit(x, ["(Intercept)", "spontaneous", "induced", "age"], d.Numbers("case"), Enumerable.Repeat(1.0, n).ToArray(),
            clusters: d.Numbers("stratum").Select(s => (int)s).ToArray());
        Close(Values("logit_infert", "coef"), r.Coefficients.Select(c => c.Estimate).ToList(), what: "coef");
        Close(Values("logit_infert", "se"), r.Coefficients.Select(c => c.Se).ToList(), what: "se");
        Close(Values("logit_infert", "cluster_se"), r.Coefficients.Select(c => c.RobustSe!.Value).ToList(), what: "cluster se");
        Close(Values("logit_infert", "loglik")[0], r.LogLikelihood, what: "loglik");
        Close(Values("logit_infert", "deviance")[0], r.Deviance, what: "deviance");
    }

    [Fact]
    public void Wilson_interval_matches_prop_test()
    {
        var a = Wilson.Interval(7, 20);
        Close(Values("wilson_7_of_20", "ci"), [a.Lower, a.Upper], 1e-9);
        var b = Wilson.Interval(0, 9);
        Close(Values("wilson_0_of_9", "ci"), [b.Lower, b.Upper], 1e-9);
    }
}
