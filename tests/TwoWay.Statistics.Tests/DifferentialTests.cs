using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using static TwoWay.Statistics.Tests.ReferenceData;

namespace TwoWay.Statistics.Tests;

/// <summary>
/// Runs R (Rscript, survival, sandwich) on generated data of several shapes and compares every
/// coefficient, standard error (model and robust), log-likelihood, score test and concordance to
/// 1e-6. R must be installed (test.sh installs it); the test fails, never skips, without it.
/// </summary>
[Trait("Category", "R")]
public class DifferentialTests
{
    public enum Shape { HeavyTies, TinyGroup, CountingProcessWeighted, Continuous }

    private sealed record Generated(double[] Start, double[] Stop, bool[] Event, double[,] X, double[] W, int[] Cluster);

    private static Generated Generate(Shape shape, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<(double start, double stop, bool ev, double x1, double x2, double x3, double w, int c)>();
        var subjects = shape == Shape.TinyGroup ? 60 : 150;
        for (var s = 0; s < subjects; s++)
        {
            var x1 = shape == Shape.TinyGroup ? (s < 6 ? 1.0 : 0.0) : rng.Next(2);
            var x2 = shape == Shape.Continuous ? rng.NextDouble() * 10 : rng.Next(3);
            var x3 = Math.Round(rng.NextDouble() * 2 - 1, 3);
            var w = shape == Shape.CountingProcessWeighted ? 0.5 + rng.Next(4) * 0.5 : 1.0;
            var hazard = 0.15 * Math.Exp(0.5 * x1 - 0.2 * x2 + 0.3 * x3);
            if (shape == Shape.CountingProcessWeighted)
            {
                // Annual intervals of a firm followed up to 6 years, with a time-varying x1.
                var years = 1 + rng.Next(6);
                for (var k = 1; k <= years; k++)
                {
                    var xk = rng.Next(2);
                    var ev = rng.NextDouble() < 1 - Math.Exp(-hazard * Math.Exp(0.5 * xk));
                    rows.Add((k - 1, k, ev, xk, x2, x3, w, s / 3));
                    if (ev) break;
                }
                continue;
            }
            var t = -Math.Log(1 - rng.NextDouble()) / hazard;
            var cens = 1 + rng.NextDouble() * 12;
            var time = Math.Min(t, cens);
            // Heavy ties: whole time units, as annual data has.
            time = shape == Shape.HeavyTies || shape == Shape.TinyGroup ? Math.Ceiling(time) : Math.Round(time, 4) + 1e-3;
            // The tiny group keeps one censored subject, so the logit is not perfectly separated.
            var ev0 = t <= cens && !(shape == Shape.TinyGroup && s == 0);
            rows.Add((0, time, ev0, x1, x2, x3, w, s / 2));
        }
        var n = rows.Count;
        var x = new double[n, 3];
        for (var i = 0; i < n; i++) { x[i, 0] = rows[i].x1; x[i, 1] = rows[i].x2; x[i, 2] = rows[i].x3; }
        return new Generated(rows.Select(r => r.start).ToArray(), rows.Select(r => r.stop).ToArray(), rows.Select(r => r.ev).ToArray(),
            x, rows.Select(r => r.w).ToArray(), rows.Select(r => r.c).ToArray());
    }

    private static JsonElement RunR(Generated g)
    {
        var dir = Path.Combine(Path.GetTempPath(), "twoway-diff-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var csv = new StringBuilder("start,stop,event,x1,x2,x3,w,cluster\n");
            for (var i = 0; i < g.Stop.Length; i++)
                csv.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Start[i]:R},{g.Stop[i]:R},{(g.Event[i] ? 1 : 0)},{g.X[i, 0]:R},{g.X[i, 1]:R},{g.X[i, 2]:R},{g.W[i]:R},{g.Cluster[i]}\n"));
            File.WriteAllText(Path.Combine(dir, "d.csv"), csv.ToString());
            var psi = new ProcessStartInfo("Rscript", [PathOf("differential.R"), Path.Combine(dir, "d.csv"), Path.Combine(dir, "o.json")])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("Rscript is not installed: the differential tests need R with survival, jsonlite and sandwich (run ./test.sh, which installs them).");
                throw;
            }
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "Rscript failed: " + err.Result);
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "o.json"))).RootElement.Clone();
        }
        finally { Directory.Delete(dir, true); }
    }

    private static double[] Arr(JsonElement e, string model, string key) =>
        e.GetProperty(model).GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData(Shape.HeavyTies, 11)]
    [InlineData(Shape.TinyGroup, 12)]
    [InlineData(Shape.CountingProcessWeighted, 13)]
    [InlineData(Shape.Continuous, 14)]
    public void Cox_and_logit_agree_with_R(Shape shape, int seed)
    {
        var g = Generate(shape, seed);
        var r = RunR(g);
        string[] names = ["x1", "x2", "x3"];
        foreach (var (ties, key) in new[] { (Ties.Efron, "efron"), (Ties.Breslow, "breslow") })
        {
            var data = new SurvivalData(g.Start, g.Stop, g.Event, g.X, names, weights: g.W, clusters: g.Cluster);
            var fit = Cox.Fit(data, ties);
            Close(Arr(r, key, "coef"), fit.Coefficients.Select(c => c.Estimate).ToList(), what: $"{shape} {key} coef");
            Close(Arr(r, key, "se"), fit.Coefficients.Select(c => c.Se).ToList(), what: $"{shape} {key} se");
            Close(Arr(r, key, "robust_se"), fit.Coefficients.Select(c => c.RobustSe!.Value).ToList(), what: $"{shape} {key} robust se");
            Close(Arr(r, key, "loglik"), [fit.LogLikelihoodNull, fit.LogLikelihood], what: $"{shape} {key} loglik");
            Close(Arr(r, key, "score")[0], fit.Score.Statistic, what: $"{shape} {key} score");
            Close(Arr(r, key, "concordance")[0], fit.Concordance, what: $"{shape} {key} concordance");
        }
        var n = g.Stop.Length;
        var x = new double[n, 4];
        for (var i = 0; i < n; i++) { x[i, 0] = 1; for (var j = 0; j < 3; j++) x[i, j + 1] = g.X[i, j]; }
        var logit = Logistic.Fit(x, ["(Intercept)", .. names], g.Event.Select(e => e ? 1.0 : 0).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), g.W, g.Cluster);
        Close(Arr(r, "logit", "coef"), logit.Coefficients.Select(c => c.Estimate).ToList(), what: $"{shape} logit coef");
        Close(Arr(r, "logit", "se"), logit.Coefficients.Select(c => c.Se).ToList(), what: $"{shape} logit se");
        Close(Arr(r, "logit", "cluster_se"), logit.Coefficients.Select(c => c.RobustSe!.Value).ToList(), what: $"{shape} logit cluster se");
    }

    [Fact]
    public void A_covariate_with_no_variation_is_a_clear_error_not_an_NA()
    {
        var g = Generate(Shape.HeavyTies, 21);
        var x = (double[,])g.X.Clone();
        for (var i = 0; i < g.Stop.Length; i++) x[i, 1] = 2;
        var data = new SurvivalData(g.Start, g.Stop, g.Event, x, ["x1", "x2", "x3"]);
        var ex = Assert.Throws<EstimationException>(() => Cox.Fit(data));
        Assert.Contains("'x2' has no variation", ex.Message);
        var ones = Enumerable.Repeat(1.0, g.Stop.Length).ToArray();
        var lx = new double[g.Stop.Length, 2];
        for (var i = 0; i < g.Stop.Length; i++) { lx[i, 0] = 1; lx[i, 1] = 5; }
        Assert.Contains("'x' has no variation", Assert.Throws<EstimationException>(() =>
            Logistic.Fit(lx, ["(Intercept)", "x"], g.Event.Select(e => e ? 1.0 : 0).ToArray(), ones)).Message);
    }

    [Fact]
    public void Collinear_covariates_and_no_events_are_clear_errors()
    {
        var g = Generate(Shape.HeavyTies, 22);
        var x = (double[,])g.X.Clone();
        for (var i = 0; i < g.Stop.Length; i++) x[i, 2] = 2 * x[i, 0] + 1;
        Assert.Contains("collinear", Assert.Throws<EstimationException>(() => Cox.Fit(new SurvivalData(g.Start, g.Stop, g.Event, x, ["x1", "x2", "x3"]))).Message);
        var none = new bool[g.Stop.Length];
        Assert.Contains("no events", Assert.Throws<EstimationException>(() => Cox.Fit(new SurvivalData(g.Start, g.Stop, none, g.X, ["x1", "x2", "x3"]))).Message);
    }

    [Fact]
    public void Frequency_counts_give_the_same_fit_as_expanded_rows()
    {
        // A cell of c identical subjects must enter the Efron correction as c tied events.
        var g = Generate(Shape.HeavyTies, 23);
        var groups = Enumerable.Range(0, g.Stop.Length)
            .GroupBy(i => (g.Stop[i], g.Event[i], g.X[i, 0], g.X[i, 1])).ToList();
        var stop = groups.Select(k => k.Key.Item1).ToArray();
        var ev = groups.Select(k => k.Key.Item2).ToArray();
        var cx = new double[groups.Count, 2];
        for (var k = 0; k < groups.Count; k++) { cx[k, 0] = groups[k].Key.Item3; cx[k, 1] = groups[k].Key.Item4; }
        var counts = groups.Select(k => (double)k.Count()).ToArray();
        Assert.True(groups.Count < g.Stop.Length, "the test needs rows that share a cell");
        var ex = new double[g.Stop.Length, 2];
        for (var i = 0; i < g.Stop.Length; i++) { ex[i, 0] = g.X[i, 0]; ex[i, 1] = g.X[i, 1]; }
        foreach (var ties in new[] { Ties.Efron, Ties.Breslow })
        {
            var a = Cox.Fit(SurvivalData.RightCensored(stop, ev, cx, ["x1", "x2"], counts), ties);
            var b = Cox.Fit(SurvivalData.RightCensored(g.Stop, g.Event, ex, ["x1", "x2"]), ties);
            Close(b.Coefficients.Select(c => c.Estimate).ToArray(), a.Coefficients.Select(c => c.Estimate).ToList(), 1e-9);
            Close(b.Coefficients.Select(c => c.Se).ToArray(), a.Coefficients.Select(c => c.Se).ToList(), 1e-9);
            Close(b.LogLikelihood, a.LogLikelihood, 1e-9);
            Close(b.Concordance, a.Concordance, 1e-9);
        }
    }
}
