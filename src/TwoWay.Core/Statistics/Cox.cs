using System.Runtime.Intrinsics;

namespace TwoWay.Statistics;

/// <summary>How tied event times enter the partial likelihood.</summary>
public enum Ties
{
    /// <summary>Efron (1977): the tied events leave the risk set gradually, in k/d steps. R's default.</summary>
    Efron,
    /// <summary>Breslow (1974): every tied event sees the full risk set.</summary>
    Breslow,
}

/// <summary>The result of a Cox proportional-hazards fit, as printed, serialised and reported.</summary>
public sealed record CoxResult(
    Ties Ties,
    double Subjects,
    double Events,
    IReadOnlyList<Coefficient> Coefficients,
    double LogLikelihoodNull,
    double LogLikelihood,
    ChiSquareTest LikelihoodRatio,
    ChiSquareTest Wald,
    ChiSquareTest Score,
    ChiSquareTest? RobustWald,
    double Concordance,
    int Iterations,
    double[][] Variance,
    double[][]? RobustVariance)
{
    /// <summary>
    /// The robust score test of β = 0 (Lin &amp; Wei 1989), as <c>summary(coxph(cluster =))</c> prints "Robust":
    /// U(0)ᵀ (Σ_g s_g(0) s_g(0)ᵀ)⁻¹ U(0), s_g(0) the cluster sums of weighted score residuals at β = 0; null without clusters.
    /// </summary>
    public ChiSquareTest? RobustScore { get; init; }

    /// <summary>Standard error of the concordance (infinitesimal jackknife over clusters when given), as <c>summary(coxph)</c>'s "se".</summary>
    public double ConcordanceSe { get; init; }
}

/// <summary>
/// Cox proportional-hazards regression on counting-process (start, stop] data, fitted by
/// Newton–Raphson on the partial likelihood with Breslow or Efron handling of ties, exactly as
/// R's <c>survival::coxph</c> (Therneau &amp; Grambsch 2000, ch. 3; algorithm of agfit4.c):
/// ℓ(β) = Σ_t [ Σ_{i∈D(t)} w_i η_i − w̄_t Σ_{k=0}^{d_t−1} log(S0(t) − (k/d_t) E0(t)) ] (Efron), with
/// S0 the weighted sum of exp(η) over the risk set {start &lt; t ≤ stop}, E0 the same over the d_t
/// tied events and w̄_t their mean weight; Breslow drops the k/d_t term. Model variance I(β̂)⁻¹;
/// robust variance I⁻¹ (Σ_g U_g U_gᵀ) I⁻¹ over clusters g of weighted score residuals
/// (Lin &amp; Wei 1989), R's <c>cluster=</c>. Concordance as R's <c>concordance()</c> (Harrell's C).
/// </summary>
public static class Cox
{
    public static CoxResult Fit(SurvivalData data, Ties ties = Ties.Efron) => FitModel(data, ties).Result;

    /// <summary>
    /// Fits and keeps what is needed to compute score residuals of further rows (for clustered SE over aggregated data).
    /// <c>clusterMeat</c> (Σ_g U_g U_gᵀ at β̂) gives the robust variance; with it, <c>clusterMeatAtZero</c> (the same at β = 0)
    /// gives the robust score test; <c>concordanceVariance</c> is Var(Somers' d) summed over clusters (see
    /// <see cref="Concordance.WithInfluence"/>) when the rows are cells of clustered data.
    /// </summary>
    public static CoxFit FitModel(SurvivalData data, Ties ties = Ties.Efron, double[,]? clusterMeat = null, double[,]? clusterMeatAtZero = null,
        double? concordanceVariance = null)
    {
        var p = data.Covariates;
        if (p == 0) throw new EstimationException("the model has no covariates");
        var events = 0.0;
        for (var i = 0; i < data.Rows; i++) if (data.Event[i]) events += data.Counts[i];
        if (events == 0) throw new EstimationException("there are no events: a hazard ratio cannot be estimated");
        CheckVariation(data);

        var engine = new Engine(data, ties);
        var beta = new double[p];
        var (ll0, u0, i0) = engine.Evaluate(beta);
        var inv0 = Matrices.InverseSpd(i0) ?? throw Collinear(data);
        var score = ChiSquareTest.Of(Matrices.Quadratic(u0, inv0), p);

        double ll = ll0; var u = u0; var info = i0; var inv = inv0;
        var iterations = 0;
        const int maxIterations = 50;
        while (true)
        {
            var step = Matrices.Multiply(inv, u);
            var candidate = new double[p];
            for (var j = 0; j < p; j++) candidate[j] = beta[j] + step[j];
            var (llNew, uNew, iNew) = engine.Evaluate(candidate);
            iterations++;
            // Step-halving as in R: a Newton step that lowers the likelihood is shortened.
            var halvings = 0;
            while ((double.IsNaN(llNew) || llNew < ll - 1e-12 * Math.Abs(ll)) && halvings < 30)
            {
                for (var j = 0; j < p; j++) candidate[j] = (candidate[j] + beta[j]) / 2;
                (llNew, uNew, iNew) = engine.Evaluate(candidate);
                halvings++;
            }
            var invNew = Matrices.InverseSpd(iNew) ?? throw Collinear(data);
            var change = Math.Abs(llNew - ll);
            beta = candidate; ll = llNew; u = uNew; info = iNew; inv = invNew;
            if (change <= 1e-13 * Math.Max(1, Math.Abs(ll)) && MaxAbs(Matrices.Multiply(inv, u)) < 1e-10) break;
            if (iterations >= maxIterations)
            {
                var big = Enumerable.Range(0, p).OrderByDescending(j => Math.Abs(beta[j])).First();
                throw new EstimationException(
                    $"the Cox model did not converge in {maxIterations} iterations; coefficient '{data.CovariateNames[big]}' may be infinite (no events, or only events, in one of its groups)");
            }
        }

        var fit = new CoxFit(engine, beta, inv) { Fitted = new CoxFit.Likelihoods(ll0, ll, u0, info, score, iterations) };
        fit.AtZero = new CoxFit(engine, new double[p], inv0);
        if (clusterMeat is null && data.Clusters is not null)
        {
            clusterMeat = fit.ClusterMeat(data);
            clusterMeatAtZero = fit.AtZero.ClusterMeat(data);
        }
        fit.Result = fit.WithClusterMeat(clusterMeat, clusterMeatAtZero, concordanceVariance);
        return fit;
    }

    /// <summary>The result of a fit, with robust variance and tests when the cluster sums are given.</summary>
    internal static CoxResult Summarise(CoxFit fit, double[,]? clusterMeat, double[,]? clusterMeatAtZero, double? concordanceVariance)
    {
        var data = fit.Engine.Data;
        var (ll0, ll, u0, info, score, iterations) = fit.Fitted;
        var (beta, inv) = (fit.Beta, fit.Variance);
        var p = beta.Length;
        double[,]? robust = clusterMeat is null ? null : Matrices.Sandwich(inv, clusterMeat);
        ChiSquareTest? robustScore = null;
        if (robust is not null && clusterMeatAtZero is not null && Matrices.InverseSpd(clusterMeatAtZero) is { } m0inv)
            robustScore = ChiSquareTest.Of(Matrices.Quadratic(u0, m0inv), p);

        var coefficients = new List<Coefficient>(p);
        for (var j = 0; j < p; j++)
            coefficients.Add(Coefficient.Of(data.CovariateNames[j], beta[j], Math.Sqrt(inv[j, j]), robust is null ? null : Math.Sqrt(robust[j, j])));
        ChiSquareTest? robustWald = null;
        if (robust is not null)
        {
            var rinv = Matrices.InverseSpd(robust);
            robustWald = rinv is null ? null : ChiSquareTest.Of(Matrices.Quadratic(beta, rinv), p);
        }
        var events = 0.0;
        for (var i = 0; i < data.Rows; i++) if (data.Event[i]) events += data.Counts[i];
        var lp = fit.LinearPredictors(data);
        return new CoxResult(fit.Engine.Ties, data.Counts.Sum(), events, coefficients, ll0, ll,
            ChiSquareTest.Of(2 * (ll - ll0), p), ChiSquareTest.Of(Matrices.Quadratic(beta, info), p), score, robustWald,
            Concordance.OfCox(data, lp), iterations,
            Matrices.Jagged(inv), robust is null ? null : Matrices.Jagged(robust))
        {
            RobustScore = robustScore,
            ConcordanceSe = Math.Sqrt((concordanceVariance ?? SomersVariance(data, lp)) / 4),
        };
    }

    /// <summary>Var(Somers' d) by the infinitesimal jackknife: Σ over clusters (or rows) of the summed weighted influences, squared.</summary>
    private static double SomersVariance(SurvivalData data, double[] lp)
    {
        var (_, g) = Concordance.WithInfluence(data, lp);
        if (data.Clusters is null)
            return Enumerable.Range(0, data.Rows).Sum(i => data.Counts[i] * Math.Pow(data.Weights[i] * g[i], 2));
        var sums = new Dictionary<int, double>();
        for (var i = 0; i < data.Rows; i++)
            sums[data.Clusters[i]] = sums.GetValueOrDefault(data.Clusters[i]) + data.Counts[i] * data.Weights[i] * g[i];
        return sums.Values.Sum(v => v * v);
    }

    private static double MaxAbs(double[] v) => v.Length == 0 ? 0 : v.Max(Math.Abs);

    private static EstimationException Collinear(SurvivalData data) =>
        new($"the covariates ({string.Join(", ", data.CovariateNames)}) are collinear: one is a combination of others, so their effects cannot be separated");

    internal static void CheckVariation(SurvivalData data)
    {
        for (var j = 0; j < data.Covariates; j++)
        {
            double? first = null;
            var varies = false;
            for (var i = 0; i < data.Rows && !varies; i++)
            {
                if (data.Counts[i] == 0) continue;
                first ??= data.X[i, j];
                varies = data.X[i, j] != first;
            }
            if (!varies)
                throw new EstimationException($"covariate '{data.CovariateNames[j]}' has no variation (every row has the same value), so its effect cannot be estimated; drop it from the model");
        }
    }

    /// <summary>The sweep over event times shared by the fit and the residuals.</summary>
    internal sealed class Engine
    {
        public readonly SurvivalData Data;
        public readonly Ties Ties;
        public readonly int N, P;
        public readonly double[] X;       // centred, row-major
        public readonly double[] Centre;
        public readonly double[] EventTimes; // descending
        private readonly int[] _byStop, _byStart;

        public Engine(SurvivalData data, Ties ties)
        {
            Data = data; Ties = ties; N = data.Rows; P = data.Covariates;
            Centre = new double[P];
            var total = 0.0;
            for (var i = 0; i < N; i++)
            {
                var cw = data.Counts[i] * data.Weights[i];
                total += cw;
                for (var j = 0; j < P; j++) Centre[j] += cw * data.X[i, j];
            }
            for (var j = 0; j < P; j++) Centre[j] /= total;
            X = new double[N * P];
            for (var i = 0; i < N; i++)
                for (var j = 0; j < P; j++) X[i * P + j] = data.X[i, j] - Centre[j];
            _byStop = Enumerable.Range(0, N).OrderByDescending(i => data.Stop[i]).ToArray();
            _byStart = Enumerable.Range(0, N).OrderByDescending(i => data.Start[i]).ToArray();
            EventTimes = Enumerable.Range(0, N).Where(i => data.Event[i] && data.Counts[i] > 0)
                .Select(i => data.Stop[i]).Distinct().OrderByDescending(t => t).ToArray();
        }

        public double Eta(double[] beta, int i)
        {
            var s = 0.0;
            for (var j = 0; j < P; j++) s += beta[j] * X[i * P + j];
            return s;
        }

        /// <summary>Per event time (descending): the quantities residuals need.</summary>
        public sealed record TimeTerms(double Time, double H, double[] Hx, double HDeath, double[] HxDeath, double[] MeanXbar);

        public (double LogLik, double[] U, double[,] I) Evaluate(double[] beta) => Sweep(beta, null);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public (double LogLik, double[] U, double[,] I) Sweep(double[] beta, List<TimeTerms>? terms)
        {
            int p = P, n = N;
            var r = new double[n];
            for (var i = 0; i < n; i++) r[i] = Math.Exp(Eta(beta, i));
            double s0 = 0; var s1 = new double[p]; var s2 = new double[p * p];
            var u = new double[p]; var info = new double[p, p];
            double ll = 0;
            int ip = 0, iq = 0;
            var e1 = new double[p]; var e2 = new double[p * p];
            foreach (var t in EventTimes)
            {
                double nd = 0, dw = 0, e0 = 0;
                Array.Clear(e1); Array.Clear(e2);
                while (ip < n && Data.Stop[_byStop[ip]] >= t)
                {
                    var i = _byStop[ip++];
                    var cw = Data.Counts[i] * Data.Weights[i];
                    if (cw == 0) continue;
                    var risk = cw * r[i];
                    Accumulate(i, risk, ref s0, s1, s2);
                    if (Data.Event[i] && Data.Stop[i] == t)
                    {
                        nd += Data.Counts[i]; dw += cw;
                        Accumulate(i, risk, ref e0, e1, e2);
                        ll += cw * Math.Log(r[i]);
                        for (var j = 0; j < p; j++) u[j] += cw * X[i * p + j];
                    }
                }
                while (iq < n && Data.Start[_byStart[iq]] >= t)
                {
                    var i = _byStart[iq++];
                    var cw = Data.Counts[i] * Data.Weights[i];
                    if (cw == 0) continue;
                    Accumulate(i, -cw * r[i], ref s0, s1, s2);
                }
                // Efron's d steps (k = 0…d−1, f = k/d, d2 = S0 − f·E0) touch the p-vectors only through
                // a_k = (S1 − f·E1)/d2, so the steps are summed as scalars and the vectors combined once:
                // with aggregated rows d is a count of firms (10⁵ at one time), and a p² loop per step
                // made the fit take seconds.
                var dSteps = Ties == Ties.Efron ? (long)nd : 1;
                if (dSteps == 0) // the events at t all have weight 0: they add nothing
                {
                    terms?.Add(new TimeTerms(t, 0, new double[p], 0, new double[p], new double[p]));
                    continue;
                }
                var meanWeight = dw / dSteps;
                var (logSum, sInv, sFInv, sInv2, sFInv2, sFFInv2) = Ties == Ties.Efron ? EfronSteps(s0, e0, dSteps) : BreslowStep(s0);
                ll -= meanWeight * logSum;
                // With (1 − f) weights (the death-weighted hazard of the residuals).
                double sDInv = sInv - sFInv, sDInv2 = sInv2 - sFInv2, sDFInv2 = sFInv2 - sFFInv2;
                // Σ_k a_k = S1 Σ1/d2 − E1 Σf/d2; Σ_k a_k a_kᵀ = S1S1ᵀ Σ1/d2² − (S1E1ᵀ + E1S1ᵀ) Σf/d2² + E1E1ᵀ Σf²/d2².
                for (var j = 0; j < p; j++)
                {
                    u[j] -= meanWeight * (s1[j] * sInv - e1[j] * sFInv);
                    for (var l = 0; l <= j; l++)
                    {
                        var outer = s1[j] * s1[l] * sInv2 - (s1[j] * e1[l] + e1[j] * s1[l]) * sFInv2 + e1[j] * e1[l] * sFFInv2;
                        info[j, l] += meanWeight * (s2[j * p + l] * sInv - e2[j * p + l] * sFInv - outer);
                    }
                }
                double h = 0, hDeath = 0;
                var hx = new double[p]; var hxDeath = new double[p]; var meanXbar = new double[p];
                if (terms is not null)
                {
                    // hazard_k = w̄/d2_k; H = Σ hazard, H_death = Σ (1 − f) hazard, Hx = Σ hazard·a_k, x̄ = mean of a_k.
                    h = meanWeight * sInv; hDeath = meanWeight * sDInv;
                    for (var j = 0; j < p; j++)
                    {
                        hx[j] = meanWeight * (s1[j] * sInv2 - e1[j] * sFInv2);
                        hxDeath[j] = meanWeight * (s1[j] * sDInv2 - e1[j] * sDFInv2);
                        meanXbar[j] = (s1[j] * sInv - e1[j] * sFInv) / dSteps;
                    }
                }
                terms?.Add(new TimeTerms(t, h, hx, hDeath, hxDeath, meanXbar));
            }
            for (var j = 0; j < p; j++)
                for (var l = j + 1; l < p; l++) info[j, l] = info[l, j];
            return (ll, u, info);
        }

        private static (double Log, double Inv, double FInv, double Inv2, double FInv2, double FFInv2) BreslowStep(double s0) =>
            (Math.Log(s0), 1 / s0, 0, 1 / (s0 * s0), 0, 0);

        /// <summary>
        /// Over Efron's steps k = 0…d−1 with f = k/d and d2 = S0 − f·E0: Σ log d2, Σ 1/d2, Σ f/d2, Σ 1/d2², Σ f/d2², Σ f²/d2².
        /// Four steps at a time in vector registers: with aggregated rows d is a count of firms.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static (double Log, double Inv, double FInv, double Inv2, double FInv2, double FFInv2) EfronSteps(double s0, double e0, long d)
        {
            double log = 0, inv = 0, fInv = 0, inv2 = 0, fInv2 = 0, ffInv2 = 0;
            long k = 0;
            if (Vector256.IsHardwareAccelerated && d >= 8)
            {
                var vk = Vector256.Create(0.0, 1, 2, 3);
                var four = Vector256.Create(4.0);
                var vd = Vector256.Create((double)d);
                var vs0 = Vector256.Create(s0); var ve0 = Vector256.Create(e0);
                var one = Vector256<double>.One;
                Vector256<double> aLog = default, aInv = default, aFInv = default, aInv2 = default, aFInv2 = default, aFFInv2 = default;
                for (; k + 4 <= d; k += 4, vk += four)
                {
                    var f = vk / vd;
                    var d2 = vs0 - f * ve0;
                    var i1 = one / d2;
                    var i2 = i1 * i1;
                    aLog += Vector256.Log(d2);
                    aInv += i1; aFInv += f * i1;
                    aInv2 += i2; aFInv2 += f * i2; aFFInv2 += f * f * i2;
                }
                log = Vector256.Sum(aLog); inv = Vector256.Sum(aInv); fInv = Vector256.Sum(aFInv);
                inv2 = Vector256.Sum(aInv2); fInv2 = Vector256.Sum(aFInv2); ffInv2 = Vector256.Sum(aFFInv2);
            }
            for (; k < d; k++)
            {
                var f = (double)k / d;
                var d2 = s0 - f * e0;
                var i1 = 1 / d2; var i2 = i1 * i1;
                log += Math.Log(d2);
                inv += i1; fInv += f * i1;
                inv2 += i2; fInv2 += f * i2; ffInv2 += f * f * i2;
            }
            return (log, inv, fInv, inv2, fInv2, ffInv2);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Accumulate(int i, double risk, ref double s0, double[] s1, double[] s2)
        {
            s0 += risk;
            var o = i * P;
            for (var j = 0; j < P; j++)
            {
                var xj = X[o + j];
                s1[j] += risk * xj;
                for (var l = 0; l <= j; l++) s2[j * P + l] += risk * xj * X[o + l];
            }
        }
    }
}

/// <summary>
/// A fitted Cox model that can compute the score residual of any (start, stop] row from its
/// covariates, so firm-clustered standard errors can be assembled outside the fit (e.g. by a SQL
/// GROUP BY firm over per-cell residuals, see docs/panel-data.md).
/// </summary>
public sealed class CoxFit
{
    private readonly Cox.Engine _engine;
    private readonly double[] _times;   // ascending
    private readonly double[] _cumH;    // Σ_{s ≤ t} H(s), one more entry than times (index 0 = before all)
    private readonly double[][] _cumHx;
    private readonly Cox.Engine.TimeTerms[] _terms; // ascending

    internal CoxFit(Cox.Engine engine, double[] beta, double[,] variance)
    {
        _engine = engine;
        Engine = engine;
        Beta = beta;
        Variance = variance;
        var terms = new List<Cox.Engine.TimeTerms>();
        engine.Sweep(beta, terms);
        terms.Reverse();
        _terms = terms.ToArray();
        _times = _terms.Select(t => t.Time).ToArray();
        var p = engine.P;
        _cumH = new double[_times.Length + 1];
        _cumHx = new double[_times.Length + 1][];
        _cumHx[0] = new double[p];
        for (var k = 0; k < _times.Length; k++)
        {
            _cumH[k + 1] = _cumH[k] + _terms[k].H;
            _cumHx[k + 1] = new double[p];
            for (var j = 0; j < p; j++) _cumHx[k + 1][j] = _cumHx[k][j] + _terms[k].Hx[j];
        }
    }

    public CoxResult Result { get; internal set; } = null!;

    internal Cox.Engine Engine { get; }

    /// <summary>What the fit found, kept so the result can be restated with cluster sums computed later.</summary>
    internal readonly record struct Likelihoods(double Null, double Final, double[] ScoreAtZero, double[,] Information, ChiSquareTest ScoreTest, int Iterations);

    internal Likelihoods Fitted { get; init; }

    /// <summary>
    /// The same fit with firm-clustered (robust) variance from Σ_g U_g U_gᵀ at β̂, the robust score test from the same at
    /// β = 0, and the concordance's variance summed over clusters; nothing is refitted.
    /// </summary>
    public CoxResult WithClusterMeat(double[,]? clusterMeat, double[,]? clusterMeatAtZero = null, double? concordanceVariance = null) =>
        Cox.Summarise(this, clusterMeat, clusterMeatAtZero, concordanceVariance);

    /// <summary>The same model at β = 0 (its score residuals give the robust score test's meat).</summary>
    public CoxFit AtZero { get; internal set; } = null!;
    public double[] Beta { get; }
    public double[,] Variance { get; }

    public double[] LinearPredictors(SurvivalData data)
    {
        var lp = new double[data.Rows];
        for (var i = 0; i < data.Rows; i++)
            for (var j = 0; j < Beta.Length; j++) lp[i] += Beta[j] * (data.X[i, j] - _engine.Centre[j]);
        return lp;
    }

    /// <summary>
    /// Score residual of one subject on the row (start, stop] with covariates x and event status
    /// (Therneau &amp; Grambsch 2000, §4.6; Efron form as R's agscore2): the event term
    /// δ(x − x̄(stop)) minus the risk term exp(η) Σ_{t∈(start,stop]} (x − x̄_k(t)) dΛ_k(t).
    /// </summary>
    public double[] ScoreResidual(double start, double stop, bool @event, ReadOnlySpan<double> x)
    {
        var p = Beta.Length;
        var xc = new double[p];
        var eta = 0.0;
        for (var j = 0; j < p; j++) { xc[j] = x[j] - _engine.Centre[j]; eta += Beta[j] * xc[j]; }
        var r = Math.Exp(eta);
        var lo = CountAtOrBefore(start);
        var hi = CountAtOrBefore(stop);
        var res = new double[p];
        // Event at stop: that time's risk term uses the death-weighted hazard (Efron) instead.
        var last = @event && hi > 0 && _times[hi - 1] == stop ? hi - 1 : hi;
        for (var j = 0; j < p; j++)
            res[j] = -r * (xc[j] * (_cumH[last] - _cumH[lo]) - (_cumHx[last][j] - _cumHx[lo][j]));
        if (last != hi)
        {
            var tt = _terms[last];
            for (var j = 0; j < p; j++)
                res[j] += xc[j] - tt.MeanXbar[j] - r * (xc[j] * tt.HDeath - tt.HxDeath[j]);
        }
        return res;
    }

    /// <summary>Σ_g U_g U_gᵀ over the clusters of the data, U_g = Σ_{i∈g} count_i·weight_i·residual_i.</summary>
    public double[,] ClusterMeat(SurvivalData data)
    {
        var p = Beta.Length;
        var clusters = data.Clusters ?? Enumerable.Range(0, data.Rows).ToArray();
        var sums = new Dictionary<int, double[]>();
        var x = new double[p];
        for (var i = 0; i < data.Rows; i++)
        {
            for (var j = 0; j < p; j++) x[j] = data.X[i, j];
            var res = ScoreResidual(data.Start[i], data.Stop[i], data.Event[i], x);
            if (!sums.TryGetValue(clusters[i], out var s)) sums[clusters[i]] = s = new double[p];
            var cw = data.Counts[i] * data.Weights[i];
            for (var j = 0; j < p; j++) s[j] += cw * res[j];
        }
        return OuterSum(sums.Values, p);
    }

    internal static double[,] OuterSum(IEnumerable<double[]> vectors, int p)
    {
        var meat = new double[p, p];
        foreach (var s in vectors)
            for (var j = 0; j < p; j++)
                for (var l = 0; l < p; l++) meat[j, l] += s[j] * s[l];
        return meat;
    }

    private int CountAtOrBefore(double t)
    {
        var idx = Array.BinarySearch(_times, t);
        return idx >= 0 ? idx + 1 : ~idx;
    }
}
