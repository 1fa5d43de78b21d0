using MathNet.Numerics.Distributions;

namespace TwoWay.Statistics;

/// <summary>One step of a Kaplan–Meier curve: at risk just before, events and censorings at the time.</summary>
public sealed record KaplanMeierStep(double Time, double AtRisk, double Events, double Censored,
    double Survival, double StdErr, double Lower95, double Upper95);

public sealed record KaplanMeierCurve(string Group, double Subjects, double Events, IReadOnlyList<KaplanMeierStep> Steps);

/// <summary>
/// Kaplan–Meier product-limit estimate Ŝ(t) = Π_{s≤t} (1 − d_s/n_s) (Kaplan &amp; Meier 1958) with
/// Greenwood's variance Var(log Ŝ) = Σ d_s / (n_s (n_s − d_s)) (Greenwood 1926) and the log-scale
/// 95% interval Ŝ·exp(±1.96 √Var), as R's <c>survfit(..., conf.type = "log")</c> (its default).
/// <see cref="KaplanMeierStep.StdErr"/> is the standard error of Ŝ itself, as <c>summary(survfit)</c>.
/// Input rows are (time, event, count) with counts as frequencies; only times with an event or a
/// censoring are listed.
/// </summary>
public static class KaplanMeier
{
    public static KaplanMeierCurve Fit(string group, IReadOnlyList<double> time, IReadOnlyList<bool> @event, IReadOnlyList<double>? counts = null)
    {
        var n = time.Count;
        var byTime = new SortedDictionary<double, (double d, double c)>();
        var total = 0.0; var totalEvents = 0.0;
        for (var i = 0; i < n; i++)
        {
            var c = counts?[i] ?? 1;
            if (c == 0) continue;
            byTime.TryGetValue(time[i], out var v);
            byTime[time[i]] = @event[i] ? (v.d + c, v.c) : (v.d, v.c + c);
            total += c;
            if (@event[i]) totalEvents += c;
        }
        var z = Normal.InvCDF(0, 1, 0.975);
        var steps = new List<KaplanMeierStep>();
        double atRisk = total, s = 1, greenwood = 0;
        foreach (var (t, (d, c)) in byTime)
        {
            if (d > 0)
            {
                s *= 1 - d / atRisk;
                greenwood += atRisk > d ? d / (atRisk * (atRisk - d)) : double.PositiveInfinity;
            }
            var sdLog = Math.Sqrt(greenwood);
            var lower = s > 0 && !double.IsInfinity(greenwood) ? s * Math.Exp(-z * sdLog) : double.NaN;
            var upper = s > 0 && !double.IsInfinity(greenwood) ? Math.Min(1, s * Math.Exp(z * sdLog)) : double.NaN;
            steps.Add(new KaplanMeierStep(t, atRisk, d, c, s, s > 0 ? s * sdLog : double.NaN, lower, upper));
            atRisk -= d + c;
        }
        return new KaplanMeierCurve(group, total, totalEvents, steps);
    }
}

/// <summary>The log-rank test between groups, as R's <c>survdiff(rho = 0)</c>.</summary>
public sealed record LogRankResult(IReadOnlyList<string> Groups, IReadOnlyList<double> Observed, IReadOnlyList<double> Expected, ChiSquareTest Test);

/// <summary>
/// Mantel–Haenszel log-rank test (Mantel 1966; Peto &amp; Peto 1972): at each event time t with
/// n_t at risk and d_t events, E_g = Σ d_t n_gt/n_t and V_gh = Σ d_t (n_t − d_t)/(n_t − 1) ·
/// (n_gt/n_t)(δ_gh − n_ht/n_t); χ² = (O − E)ᵀ V⁻ (O − E) on G − 1 degrees of freedom, using the first
/// G − 1 groups (as survdiff).
/// </summary>
public static class LogRank
{
    public static LogRankResult Test(IReadOnlyList<string> groupNames, IReadOnlyList<int> group, IReadOnlyList<double> time, IReadOnlyList<bool> @event, IReadOnlyList<double>? counts = null)
    {
        var g = groupNames.Count;
        if (g < 2) throw new EstimationException("the log-rank test needs at least two groups");
        var rows = Enumerable.Range(0, time.Count).Where(i => (counts?[i] ?? 1) > 0).OrderBy(i => time[i]).ToArray();
        var atRisk = new double[g];
        foreach (var i in rows) atRisk[group[i]] += counts?[i] ?? 1;
        for (var k = 0; k < g; k++)
            if (atRisk[k] == 0) throw new EstimationException($"group '{groupNames[k]}' has no subjects");
        var o = new double[g]; var e = new double[g]; var v = new double[g, g];
        var idx = 0;
        while (idx < rows.Length)
        {
            var t = time[rows[idx]];
            var d = new double[g]; var leaving = new double[g];
            while (idx < rows.Length && time[rows[idx]] == t)
            {
                var i = rows[idx++];
                var c = counts?[i] ?? 1;
                if (@event[i]) d[group[i]] += c;
                leaving[group[i]] += c;
            }
            var dt = d.Sum(); var nt = atRisk.Sum();
            if (dt > 0)
            {
                for (var a = 0; a < g; a++)
                {
                    o[a] += d[a];
                    e[a] += dt * atRisk[a] / nt;
                    if (nt > 1)
                        for (var b = 0; b < g; b++)
                            v[a, b] += dt * (nt - dt) / (nt - 1) * (atRisk[a] / nt) * ((a == b ? 1 : 0) - atRisk[b] / nt);
                }
            }
            for (var a = 0; a < g; a++) atRisk[a] -= leaving[a];
        }
        var m = g - 1;
        var diff = new double[m]; var vm = new double[m, m];
        for (var a = 0; a < m; a++)
        {
            diff[a] = o[a] - e[a];
            for (var b = 0; b < m; b++) vm[a, b] = v[a, b];
        }
        var inv = Matrices.InverseSpd(vm) ?? throw new EstimationException("the log-rank variance is singular (a group has no one at risk at any event time)");
        return new LogRankResult(groupNames, o, e, ChiSquareTest.Of(Matrices.Quadratic(diff, inv), m));
    }
}
