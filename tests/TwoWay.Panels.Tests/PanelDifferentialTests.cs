using System.Diagnostics;
using System.Text.Json;
using TwoWay.Domain;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>
/// The whole DuckDB path (spells in SQL, cell aggregation, firm-clustered scores in SQL) against R
/// fitting the same models on the individual spell rows. R must be installed (test.sh installs it).
/// </summary>
[Trait("Category", "R")]
public class PanelDifferentialTests
{
    private static void Close(double expected, double actual, string what, double tol = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: R {expected:R}, ours {actual:R}");

    private static double[] Arr(JsonElement e, string m, string k) => e.GetProperty(m).GetProperty(k).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Entry_models_on_aggregated_cells_equal_R_on_the_individual_spell_rows()
    {
        using var tmp = new TempDir();
        PanelWriter.Write(PanelSimulation.Generate(3000, 7, 42, 1.8), tmp.File("p.parquet"));
        var results = new Dictionary<Ties, EntryAnalysis>();
        foreach (var ties in new[] { Ties.Efron, Ties.Breslow })
        {
            using var engine = new PanelEngine();
            engine.Load(new PanelInput(tmp.File("p.parquet")) { Covariates = ["sector", "size_class"] });
            results[ties] = engine.Analyze(ties).ExportEntry;
            if (ties == Ties.Efron) engine.ExportSpellRows(Direction.Outward, tmp.File("spells.csv"));
        }
        var logit = results[Ties.Efron].Logit!;
        var k = logit.Coefficients.Count(c => c.Name.StartsWith("interval=", StringComparison.Ordinal)) + 1;
        var r = RunR(tmp, k);
        foreach (var (ties, key) in new[] { (Ties.Efron, "efron"), (Ties.Breslow, "breslow") })
        {
            var cox = results[ties].Cox!;
            Assert.Equal(["imp_lag", "sector=B", "sector=C", "sector=D", "sector=E", "size_class=micro", "size_class=small"], cox.Coefficients.Select(c => c.Name));
            // R orders size_class levels alphabetically too: medium (baseline), micro, small.
            var coef = Arr(r, key, "coef"); var se = Arr(r, key, "se"); var rse = Arr(r, key, "robust_se");
            Assert.Equal(coef.Length, cox.Coefficients.Count);
            for (var j = 0; j < coef.Length; j++)
            {
                Close(coef[j], cox.Coefficients[j].Estimate, $"{key} coef {cox.Coefficients[j].Name}");
                Close(se[j], cox.Coefficients[j].Se, $"{key} se {cox.Coefficients[j].Name}");
                Close(rse[j], cox.Coefficients[j].RobustSe!.Value, $"{key} robust se {cox.Coefficients[j].Name}");
            }
            Close(Arr(r, key, "loglik")[1], cox.LogLikelihood, $"{key} loglik");
            Close(Arr(r, key, "concordance")[0], cox.Concordance, $"{key} concordance");
            Close(Arr(r, key, "robust_score")[0], cox.RobustScore!.Statistic, $"{key} robust score");
            Close(Arr(r, key, "concordance_se")[0], cox.ConcordanceSe, $"{key} concordance se");
            Assert.Equal(Arr(r, key, "n")[0], cox.Subjects);
            Assert.Equal(Arr(r, key, "nevent")[0], cox.Events);
            var inv = Arr(r, key, "exp_neg_coef");
            for (var j = 0; j < inv.Length; j++) Close(inv[j], cox.Coefficients[j].InverseRatio, $"{key} exp(-coef) {cox.Coefficients[j].Name}");
            foreach (var c in cox.Coefficients.Where(c => c.Name.Contains('=')))
            {
                var variable = c.Name[..c.Name.IndexOf('=')];
                Assert.Equal(r.GetProperty("reference").GetProperty(variable)[0].GetString(), c.Reference);
                Assert.Equal($"{c.Name} (vs {c.Reference})", c.Label);
            }
        }
        var lc = Arr(r, "logit", "coef"); var ls = Arr(r, "logit", "se"); var lcs = Arr(r, "logit", "cluster_se");
        Assert.Equal(lc.Length, logit.Coefficients.Count);
        for (var j = 0; j < lc.Length; j++)
        {
            Close(lc[j], logit.Coefficients[j].Estimate, $"logit coef {logit.Coefficients[j].Name}");
            Close(ls[j], logit.Coefficients[j].Se, $"logit se {logit.Coefficients[j].Name}");
            Close(lcs[j], logit.Coefficients[j].RobustSe!.Value, $"logit cluster se {logit.Coefficients[j].Name}");
        }
        Close(Arr(r, "logit", "null_deviance")[0], logit.NullDeviance!.Value, "logit null deviance");
        Close(Arr(r, "logit", "deviance")[0], logit.Deviance, "logit deviance");
        Close(Arr(r, "logit", "aic")[0], logit.Aic, "logit AIC");
        var entry = results[Ties.Efron];
        Close(Arr(r, "logrank", "chisq")[0], entry.LogRank!.Test.Statistic, "log-rank");
        var strata = r.GetProperty("km").GetProperty("strata").EnumerateArray().Select(s => s.GetString()).ToArray();
        var times = Arr(r, "km", "time"); var surv = Arr(r, "km", "surv"); var sd = Arr(r, "km", "std_err");
        for (var i = 0; i < strata.Length; i++)
        {
            var curve = entry.KaplanMeier[strata[i] == "lag0=1" ? 1 : 0];
            var step = curve.Steps.Single(s => s.Time == times[i]);
            Close(surv[i], step.Survival, $"KM {strata[i]} t={times[i]}");
            Close(sd[i], step.StdErr, $"KM se {strata[i]} t={times[i]}");
        }
    }

    private static JsonElement RunR(TempDir tmp, int k)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "panel-differential.R");
        var psi = new ProcessStartInfo("Rscript", [script, tmp.File("spells.csv"), k.ToString(System.Globalization.CultureInfo.InvariantCulture), tmp.File("r.json")])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("Rscript is not installed: this test needs R with survival, jsonlite and sandwich (./test.sh installs them).");
            throw;
        }
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "Rscript failed: " + err.Result);
        return JsonDocument.Parse(File.ReadAllText(tmp.File("r.json"))).RootElement.Clone();
    }
}
