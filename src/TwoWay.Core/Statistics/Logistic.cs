using MathNet.Numerics;

namespace TwoWay.Statistics;

/// <summary>The result of a logistic regression, as printed, serialised and reported.</summary>
public sealed record LogisticResult(
    IReadOnlyList<Coefficient> Coefficients,
    double Observations,
    double LogLikelihood,
    double Deviance,
    int Iterations,
    int? Clusters,
    double[][] Variance,
    double[][]? ClusteredVariance)
{
    /// <summary>Deviance of the intercept-only model against the same saturated model (null when the model has no intercept).</summary>
    public double? NullDeviance { get; init; }

    /// <summary>
    /// Akaike's criterion as <c>glm</c>'s binomial family reports it for the rows given:
    /// −2 (ℓ + Σ w log C(n, y)) + 2p (the binomial coefficient vanishes for 0/1 rows).
    /// </summary>
    public double Aic { get; init; }
}

/// <summary>
/// Binomial logistic regression by maximum likelihood (iteratively reweighted least squares, i.e.
/// Newton–Raphson on ℓ(β) = Σ w_i [y_i η_i − n_i log(1 + e^{η_i})]), as R's
/// <c>glm(cbind(y, n − y) ~ X, family = binomial, weights = w)</c>. Rows are grouped binomial
/// counts (y events of n trials), so aggregated cells and single firm-years fit the same way.
/// Model variance (XᵀWX)⁻¹; cluster-robust variance B (Σ_g s_g s_gᵀ) B with s_g = Σ_{i∈g} w_i (y_i − n_i p_i) x_i
/// (Liang &amp; Zeger 1986; the CR0 form, no small-sample factor, as coxph's robust variance;
/// equals R's <c>sandwich::vcovCL(fit, cluster, type = "HC0", cadjust = FALSE)</c>).
/// </summary>
public static class Logistic
{
    public static LogisticResult Fit(double[,] x, IReadOnlyList<string> names, double[] events, double[] trials,
        double[]? weights = null, int[]? clusters = null, double[,]? clusterMeat = null, int? clusterCount = null)
    {
        var (beta, inv, ll, iterations) = Estimate(x, names, events, trials, weights);
        int n = events.Length, p = names.Count;
        double[,]? robust = null;
        int? g = clusterCount;
        if (clusterMeat is not null) robust = Matrices.Sandwich(inv, clusterMeat);
        else if (clusters is not null)
        {
            var sums = new Dictionary<int, double[]>();
            for (var i = 0; i < n; i++)
            {
                if (!sums.TryGetValue(clusters[i], out var s)) sums[clusters[i]] = s = new double[p];
                var score = Score(beta, x, i, events[i], trials[i]);
                var w = weights?[i] ?? 1;
                for (var j = 0; j < p; j++) s[j] += w * score[j];
            }
            robust = Matrices.Sandwich(inv, CoxFit.OuterSum(sums.Values, p));
            g = sums.Count;
        }
        var coefficients = Enumerable.Range(0, p).Select(j =>
            Coefficient.Of(names[j], beta[j], Math.Sqrt(inv[j, j]), robust is null ? null : Math.Sqrt(robust[j, j]))).ToList();
        // Deviance against the saturated model of the grouped rows, as glm reports it.
        var saturated = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = weights?[i] ?? 1;
            double y = events[i], m = trials[i];
            if (y > 0) saturated += w * y * Math.Log(y / m);
            if (m - y > 0) saturated += w * (m - y) * Math.Log((m - y) / m);
        }
        // Null model: intercept only, p̄ = Σ w y / Σ w n (its maximum likelihood estimate).
        double? nullDeviance = null;
        if (names.Contains("(Intercept)"))
        {
            double swy = 0, swn = 0;
            for (var i = 0; i < n; i++) { var w = weights?[i] ?? 1; swy += w * events[i]; swn += w * trials[i]; }
            var pbar = swy / swn;
            var ll0 = 0.0;
            for (var i = 0; i < n; i++)
            {
                var w = weights?[i] ?? 1;
                if (events[i] > 0) ll0 += w * events[i] * Math.Log(pbar);
                if (trials[i] - events[i] > 0) ll0 += w * (trials[i] - events[i]) * Math.Log(1 - pbar);
            }
            nullDeviance = 2 * (saturated - ll0);
        }
        var logChoose = 0.0;
        for (var i = 0; i < n; i++)
            logChoose += (weights?[i] ?? 1) * (SpecialFunctions.FactorialLn((int)Math.Round(trials[i]))
                - SpecialFunctions.FactorialLn((int)Math.Round(events[i])) - SpecialFunctions.FactorialLn((int)Math.Round(trials[i] - events[i])));
        return new LogisticResult(coefficients, trials.Sum(), ll, 2 * (saturated - ll), iterations, g,
            Matrices.Jagged(inv), robust is null ? null : Matrices.Jagged(robust))
        {
            NullDeviance = nullDeviance,
            Aic = -2 * (ll + logChoose) + 2 * p,
        };
    }

    /// <summary>
    /// The model block of a logit fitted on binomial counts that stand for 0/1 rows (firm-years aggregated
    /// into cells): deviance −2ℓ, null deviance −2ℓ₀ (ℓ₀ at p̄ = Σy/Σn) and AIC −2ℓ + 2p of the 0/1 rows, whose
    /// saturated log-likelihood is 0 and binomial coefficients 1 — what <c>glm</c> reports on the rows themselves.
    /// </summary>
    public static LogisticResult OnBinaryRows(LogisticResult r, double[] events, double[] trials)
    {
        double y = events.Sum(), n = trials.Sum();
        var pbar = y / n;
        var ll0 = (y > 0 ? y * Math.Log(pbar) : 0) + (n - y > 0 ? (n - y) * Math.Log(1 - pbar) : 0);
        return r with { Deviance = -2 * r.LogLikelihood, NullDeviance = -2 * ll0, Aic = -2 * r.LogLikelihood + 2 * r.Coefficients.Count };
    }

    /// <summary>The score contribution (y − n·p)·x of one row at β (before its weight).</summary>
    public static double[] Score(double[] beta, double[,] x, int row, double events, double trials)
    {
        var p = beta.Length;
        var eta = 0.0;
        for (var j = 0; j < p; j++) eta += beta[j] * x[row, j];
        var mu = trials / (1 + Math.Exp(-eta));
        var s = new double[p];
        for (var j = 0; j < p; j++) s[j] = (events - mu) * x[row, j];
        return s;
    }

    internal static (double[] Beta, double[,] Inverse, double LogLik, int Iterations) Estimate(
        double[,] x, IReadOnlyList<string> names, double[] events, double[] trials, double[]? weights)
    {
        int n = events.Length, p = names.Count;
        if (x.GetLength(0) != n || x.GetLength(1) != p || trials.Length != n) throw new ArgumentException("dimensions differ");
        for (var j = 0; j < p; j++)
        {
            var first = double.NaN; var varies = false;
            for (var i = 0; i < n && !varies; i++)
            {
                if (trials[i] == 0) continue;
                if (double.IsNaN(first)) first = x[i, j]; else varies = x[i, j] != first;
            }
            if (!varies && !names[j].Equals("(Intercept)", StringComparison.Ordinal))
                throw new EstimationException($"covariate '{names[j]}' has no variation (every row has the same value), so its effect cannot be estimated; drop it from the model");
        }
        var beta = new double[p];
        double ll = LogLik(beta, x, events, trials, weights);
        for (var iteration = 1; iteration <= 50; iteration++)
        {
            var (u, info) = Derivatives(beta, x, events, trials, weights);
            var inv = Matrices.InverseSpd(info)
                ?? throw new EstimationException($"the covariates ({string.Join(", ", names)}) are collinear, or an outcome is perfectly predicted: the logit cannot be estimated");
            var step = Matrices.Multiply(inv, u);
            var candidate = beta.Select((b, j) => b + step[j]).ToArray();
            var llNew = LogLik(candidate, x, events, trials, weights);
            for (var h = 0; h < 30 && (double.IsNaN(llNew) || llNew < ll - 1e-12 * Math.Abs(ll)); h++)
            {
                candidate = candidate.Select((c, j) => (c + beta[j]) / 2).ToArray();
                llNew = LogLik(candidate, x, events, trials, weights);
            }
            var change = Math.Abs(llNew - ll);
            beta = candidate; ll = llNew;
            if (change <= 1e-13 * Math.Max(1, Math.Abs(ll)) && step.Max(Math.Abs) < 1e-9)
            {
                var (_, finalInfo) = Derivatives(beta, x, events, trials, weights);
                return (beta, Matrices.InverseSpd(finalInfo)!, ll, iteration);
            }
        }
        var big = Enumerable.Range(0, p).OrderByDescending(j => Math.Abs(beta[j])).First();
        throw new EstimationException($"the logit did not converge; coefficient '{names[big]}' may be infinite (an outcome is perfectly predicted by it)");
    }

    private static double LogLik(double[] beta, double[,] x, double[] y, double[] m, double[]? w)
    {
        var ll = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (m[i] == 0) continue;
            var eta = 0.0;
            for (var j = 0; j < beta.Length; j++) eta += beta[j] * x[i, j];
            // log(1 + e^η) computed without overflow.
            var softplus = eta > 0 ? eta + double.LogP1(Math.Exp(-eta)) : double.LogP1(Math.Exp(eta));
            ll += (w?[i] ?? 1) * (y[i] * eta - m[i] * softplus);
        }
        return ll;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double[] U, double[,] I) Derivatives(double[] beta, double[,] x, double[] y, double[] m, double[]? w)
    {
        var p = beta.Length;
        var u = new double[p]; var info = new double[p, p];
        for (var i = 0; i < y.Length; i++)
        {
            if (m[i] == 0) continue;
            var eta = 0.0;
            for (var j = 0; j < p; j++) eta += beta[j] * x[i, j];
            var pr = 1 / (1 + Math.Exp(-eta));
            var wi = w?[i] ?? 1;
            var resid = wi * (y[i] - m[i] * pr);
            var v = wi * m[i] * pr * (1 - pr);
            for (var j = 0; j < p; j++)
            {
                u[j] += resid * x[i, j];
                for (var l = 0; l <= j; l++) info[j, l] += v * x[i, j] * x[i, l];
            }
        }
        for (var j = 0; j < p; j++)
            for (var l = j + 1; l < p; l++) info[j, l] = info[l, j];
        return (u, info);
    }
}
