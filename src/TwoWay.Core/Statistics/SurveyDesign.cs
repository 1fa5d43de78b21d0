using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace TwoWay.Statistics;

/// <summary>
/// What to do with a stratum that has a single sampled PSU, whose variance contribution is undefined
/// (R's <c>options(survey.lonely.psu = …)</c>; Stata's <c>svyset, singleunit()</c>).
/// </summary>
public enum LonelyPsu
{
    /// <summary>Stop with an error naming the stratum (R's default).</summary>
    Fail,
    /// <summary>The stratum contributes no variance (as if it were not there).</summary>
    Remove,
    /// <summary>The PSU was sampled with certainty: no first-stage variance (single-stage designs: the same as <see cref="Remove"/>).</summary>
    Certainty,
    /// <summary>Centre the lonely PSU's total at the mean PSU total of the whole sample instead of its stratum's (conservative).</summary>
    Adjust,
    /// <summary>Scale the variance up by H / (strata with more than one PSU): a lonely stratum gets the average stratum's contribution.</summary>
    Average,
}

/// <summary>
/// A design-based mean (or ratio) with its Taylor-linearisation standard error and design effect
/// Var_design / Var_SRS (SRS without replacement of n from N̂ = Σw, as <c>svymean(deff = TRUE)</c>; null when
/// undefined: Σw ≤ n, or no variation).
/// </summary>
public sealed record DesignEstimate(double Estimate, double Se, double? Deff);

/// <summary>
/// The Rao–Scott second-order corrected Pearson test of independence, <c>svychisq(statistic = "F")</c>:
/// F on its two degrees of freedom, p; <c>Pearson</c> is Pearson's X² on the weighted table scaled to the n
/// sampled rows, <c>MeanEigenvalue</c> δ̄ = tr Δ / (r−1)(c−1), the average generalised design effect.
/// </summary>
public sealed record RaoScottTest(double F, double NumeratorDf, double DenominatorDf, double P, double Pearson, double MeanEigenvalue);

/// <summary>
/// A one-stage (ultimate cluster) survey design: strata, PSUs nested in strata, sampling weights and
/// an optional finite population correction, as R's <c>svydesign(ids = ~psu, strata = ~stratum,
/// weights = ~w, fpc = ~fpc, nest = TRUE)</c> or Stata's <c>svyset psu [pw = w], strata(stratum) fpc(fpc)</c>.
/// Variances by Taylor linearisation (Wolter 2007 ch. 6; Binder 1983): for an estimator with
/// influence values z_i (on the total scale), V = Σ_h (1 − f_h) n_h/(n_h − 1) Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ
/// with z_hj the PSU totals, z̄_h their stratum mean, n_h the PSUs in stratum h and f_h = n_h/N_h
/// (N_h from the fpc: a population count of PSUs when every value is ≥ 1, else a sampling fraction,
/// N_h = n_h / fraction, as <c>survey:::as.fpc</c>). Without PSUs each row is its own PSU; without
/// strata there is one stratum.
/// </summary>
public sealed class SurveyDesign
{
    private readonly double[] weights;
    private readonly int[] psu;          // global PSU index per row (nested in strata)
    private readonly int[] psuStratum;   // stratum of each PSU
    private readonly int[] psusIn;       // n_h
    private readonly double[] fraction;  // f_h (0 without fpc)
    private readonly LonelyPsu lonely;

    public int Rows => weights.Length;
    public int Strata => psusIn.Length;
    public int Psus => psuStratum.Length;
    /// <summary>Design degrees of freedom: PSUs − strata (R's <c>degf</c>).</summary>
    public int DegreesOfFreedom => Psus - Strata;
    public IReadOnlyList<double> Weights => weights;
    /// <summary>Stratum labels in order of first appearance.</summary>
    public IReadOnlyList<string> StrataNames { get; }
    /// <summary>The strata with a single PSU that is not a certainty unit (f_h &lt; 1).</summary>
    public IReadOnlyList<string> LonelyStrata { get; }

    private SurveyDesign(double[] weights, int[] psu, int[] psuStratum, int[] psusIn, double[] fraction,
        string[] strataNames, LonelyPsu lonely)
    {
        this.weights = weights; this.psu = psu; this.psuStratum = psuStratum;
        this.psusIn = psusIn; this.fraction = fraction; StrataNames = strataNames; this.lonely = lonely;
        LonelyStrata = Enumerable.Range(0, psusIn.Length).Where(h => psusIn[h] == 1 && fraction[h] < 1).Select(h => strataNames[h]).ToList();
        if (lonely == LonelyPsu.Fail && LonelyStrata.Count > 0)
            throw new EstimationException($"stratum '{LonelyStrata[0]}' has only one PSU, so its variance is undefined; choose --lonely-psu remove, certainty, adjust or average (R's options(survey.lonely.psu))");
    }

    /// <summary>
    /// Builds a design. <paramref name="strata"/> and <paramref name="psus"/> may be null (one stratum;
    /// each row its own PSU); PSU labels are nested in strata (the same label in two strata is two PSUs).
    /// <paramref name="fpc"/>: per row, constant within a stratum; null for sampling with replacement.
    /// </summary>
    public static SurveyDesign Create(IReadOnlyList<double> weights, IReadOnlyList<string>? strata = null,
        IReadOnlyList<string>? psus = null, IReadOnlyList<double>? fpc = null, LonelyPsu lonely = LonelyPsu.Fail)
    {
        var n = weights.Count;
        if (n == 0) throw new EstimationException("the survey has no rows");
        if (weights.Any(w => !(w > 0) || double.IsInfinity(w))) throw new EstimationException("sampling weights must be positive numbers");
        var strataIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var psuIndex = new Dictionary<(int, string), int>();
        var stratumOf = new int[n]; var psuOf = new int[n];
        var psuStratum = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var s = strata?[i] ?? "";
            if (!strataIndex.TryGetValue(s, out var h)) strataIndex[s] = h = strataIndex.Count;
            stratumOf[i] = h;
            var key = (h, psus?[i] ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!psuIndex.TryGetValue(key, out var j)) { psuIndex[key] = j = psuIndex.Count; psuStratum.Add(h); }
            psuOf[i] = j;
        }
        var names = strataIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var nh = new int[names.Length];
        foreach (var h in psuStratum) nh[h]++;
        var f = new double[names.Length];
        if (fpc is not null)
        {
            bool anyAbove = fpc.Any(v => v > 1), allAtLeastOne = fpc.All(v => v >= 1);
            if (fpc.Any(v => !(v > 0) || double.IsInfinity(v))) throw new EstimationException("fpc values must be positive numbers (population PSU counts, or sampling fractions ≤ 1)");
            if (anyAbove != allAtLeastOne) throw new EstimationException("fpc values must all be population counts (≥ 1) or all sampling fractions (≤ 1)");
            var population = new double[names.Length];
            for (var h = 0; h < names.Length; h++) population[h] = double.NaN;
            for (var i = 0; i < n; i++)
            {
                var h = stratumOf[i];
                var N = anyAbove ? fpc[i] : nh[h] / fpc[i];
                if (double.IsNaN(population[h])) population[h] = N;
                else if (Math.Abs(population[h] - N) > 1e-9 * N)
                    throw new EstimationException($"fpc varies within stratum '{names[h]}' ({population[h]} and {N})");
            }
            for (var h = 0; h < names.Length; h++)
            {
                if (population[h] < nh[h] - 1e-9)
                    throw new EstimationException($"fpc of stratum '{names[h]}' implies {population[h]} PSUs in the population but {nh[h]} were sampled");
                f[h] = Math.Min(1, nh[h] / population[h]);
            }
        }
        return new SurveyDesign(weights.ToArray(), psuOf, psuStratum.ToArray(), nh, f, names, lonely);
    }

    /// <summary>
    /// The linearisation variance of totals with per-row influence values <paramref name="z"/> (n × p; already
    /// multiplied by the weight): Σ_h (1 − f_h) n_h/(n_h−1) Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ, lonely strata as chosen.
    /// </summary>
    public double[,] Variance(double[,] z)
    {
        var p = z.GetLength(1);
        if (z.GetLength(0) != Rows) throw new ArgumentException("one influence row per survey row");
        var totals = new double[Psus, p];
        for (var i = 0; i < Rows; i++)
            for (var k = 0; k < p; k++) totals[psu[i], k] += z[i, k];
        var means = new double[Strata, p];
        for (var j = 0; j < Psus; j++)
            for (var k = 0; k < p; k++) means[psuStratum[j], k] += totals[j, k] / psusIn[psuStratum[j]];
        // Adjust: a lonely PSU is centred at the mean PSU total over all strata (Σ z / Σ_h n_h).
        var grand = new double[p];
        for (var j = 0; j < Psus; j++)
            for (var k = 0; k < p; k++) grand[k] += totals[j, k] / Psus;
        var v = new double[p, p];
        var isLonely = new bool[Strata];
        for (var h = 0; h < Strata; h++) isLonely[h] = psusIn[h] == 1 && fraction[h] < 1;
        for (var j = 0; j < Psus; j++)
        {
            var h = psuStratum[j];
            if (fraction[h] >= 1) continue; // a census stratum: no sampling variance
            double scale;
            var centre = new double[p];
            if (isLonely[h])
            {
                if (lonely != LonelyPsu.Adjust) continue; // remove, certainty, average: no own contribution
                scale = 1 - fraction[h];
                centre = grand;
            }
            else
            {
                scale = (1 - fraction[h]) * psusIn[h] / (psusIn[h] - 1.0);
                for (var k = 0; k < p; k++) centre[k] = means[h, k];
            }
            for (var a = 0; a < p; a++)
            {
                var da = totals[j, a] - centre[a];
                for (var b = 0; b < p; b++) v[a, b] += scale * da * (totals[j, b] - centre[b]);
            }
        }
        var lonelyCount = isLonely.Count(x => x);
        if (lonely == LonelyPsu.Average && lonelyCount > 0)
        {
            var factor = lonelyCount == Strata ? double.NaN : Strata / (double)(Strata - lonelyCount);
            for (var a = 0; a < p; a++)
                for (var b = 0; b < p; b++) v[a, b] *= factor;
        }
        return v;
    }

    /// <summary>
    /// The weighted mean of <paramref name="y"/> over the rows in <paramref name="domain"/> (all rows when null):
    /// ŷ = Σ_d w y / Σ_d w, a ratio estimator whose influence values are z_i = 1{i∈d} w_i (y_i − ŷ)/Σ_d w
    /// (as <c>svyratio</c>, and <c>svymean</c> on <c>subset(design, domain)</c>). Design effect as
    /// <c>svymean(deff = TRUE)</c>: V / (s² (N̂ − n)/(N̂ n)) with n the domain's rows, N̂ = Σ_d w and
    /// s² = n/(n−1) Σ_d w (y − ŷ)²/Σ_d w.
    /// </summary>
    public DesignEstimate Mean(IReadOnlyList<double> y, IReadOnlyList<bool>? domain = null)
    {
        double sw = 0, swy = 0; var nd = 0;
        for (var i = 0; i < Rows; i++)
        {
            if (domain is not null && !domain[i]) continue;
            sw += weights[i]; swy += weights[i] * y[i]; nd++;
        }
        if (nd == 0) return new DesignEstimate(double.NaN, double.NaN, null);
        var mean = swy / sw;
        var z = new double[Rows, 1];
        double ss = 0;
        for (var i = 0; i < Rows; i++)
        {
            if (domain is not null && !domain[i]) continue;
            z[i, 0] = weights[i] * (y[i] - mean) / sw;
            ss += weights[i] * (y[i] - mean) * (y[i] - mean);
        }
        var variance = Variance(z)[0, 0];
        double? deff = null;
        if (nd > 1 && sw > nd)
        {
            var s2 = nd / (nd - 1.0) * ss / sw;
            var srs = s2 * (sw - nd) / (sw * nd);
            if (srs > 0) deff = variance / srs;
        }
        return new DesignEstimate(mean, Math.Sqrt(variance), deff);
    }

    /// <summary>
    /// Rao–Scott second-order corrected Pearson test of independence of two categorical variables
    /// (Rao &amp; Scott 1984; as R's <c>svychisq(statistic = "F")</c>): with p̂ the design-based cell
    /// proportions (r·c cells) and V their linearisation variance, C the interaction contrasts
    /// residualised on the main effects, D = diag(p̂), Δ = (Cᵀ D⁻¹ C / n)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C);
    /// F = X² / tr Δ on d = (tr Δ)²/tr Δ² and d·(PSUs − strata) degrees of freedom, X² Pearson's on the
    /// weighted table scaled to the n sampled rows.
    /// </summary>
    public RaoScottTest RaoScott(IReadOnlyList<int> row, IReadOnlyList<int> column, int rows, int columns)
    {
        var n = Rows;
        var cells = rows * columns;
        var cellOf = new int[n];
        for (var i = 0; i < n; i++) cellOf[i] = row[i] + rows * column[i]; // rows vary fastest, as expand.grid
        var sw = weights.Sum();
        var p = new double[cells];
        for (var i = 0; i < n; i++) p[cellOf[i]] += weights[i] / sw;
        var z = new double[n, cells];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < cells; k++) z[i, k] = weights[i] * ((cellOf[i] == k ? 1 : 0) - p[k]) / sw;
        var V = Matrix<double>.Build.DenseOfArray(Variance(z));

        // Pearson's X² on the table scaled to n.
        var pr = new double[rows]; var pc = new double[columns];
        for (var k = 0; k < cells; k++) { pr[k % rows] += p[k]; pc[k / rows] += p[k]; }
        var x2 = 0.0;
        for (var k = 0; k < cells; k++)
        {
            var e = pr[k % rows] * pc[k / rows];
            if (e > 0) x2 += n * (p[k] - e) * (p[k] - e) / e;
        }

        // Main effects X1 (intercept, row and column dummies) and interaction contrasts X12.
        var mainCols = 1 + (rows - 1) + (columns - 1);
        var interactions = (rows - 1) * (columns - 1);
        if (interactions == 0) throw new EstimationException("a test of independence needs at least two categories in each variable");
        var X1 = Matrix<double>.Build.Dense(cells, mainCols);
        var X12 = Matrix<double>.Build.Dense(cells, interactions);
        for (var k = 0; k < cells; k++)
        {
            int a = k % rows, b = k / rows;
            X1[k, 0] = 1;
            if (a > 0) X1[k, a] = 1;
            if (b > 0) X1[k, rows - 1 + b] = 1;
            if (a > 0 && b > 0) X12[k, (a - 1) + (rows - 1) * (b - 1)] = 1;
        }
        var C = X12 - X1 * X1.TransposeThisAndMultiply(X1).Inverse() * X1.TransposeThisAndMultiply(X12);
        var iD = Matrix<double>.Build.DenseOfDiagonalArray(p.Select(v => v == 0 ? 0 : 1 / v).ToArray());
        var denominator = C.TransposeThisAndMultiply(iD / n) * C;
        var numerator = C.TransposeThisAndMultiply(iD) * V * iD * C;
        var delta = denominator.Solve(numerator);
        var trace = delta.Trace();
        var d0 = trace * trace / (delta * delta).Trace();
        var f = x2 / trace;
        var ddf = d0 * DegreesOfFreedom;
        return new RaoScottTest(f, d0, ddf, FUpper(f, d0, ddf), x2, trace / interactions);
    }

    /// <summary>
    /// The design-based (sandwich) "meat" of an estimating equation with per-row scores u_i (already
    /// weighted): the linearisation variance of Σ u_i. With B the inverse information, B·meat·B is
    /// <c>svyglm</c>'s variance (Binder 1983).
    /// </summary>
    public double[,] ScoreVariance(double[,] scores) => Variance(scores);

    /// <summary>P(F(d1, d2) > f), R's <c>pf(f, d1, d2, lower.tail = FALSE)</c>.</summary>
    public static double FUpper(double f, double d1, double d2) =>
        double.IsNaN(f) || !(d1 > 0) || !(d2 > 0) ? double.NaN
        : f <= 0 ? 1 : SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));

    /// <summary>Two-sided P(|T| > |t|) for Student's t on <paramref name="df"/> degrees of freedom.</summary>
    public static double TTwoSided(double t, double df) =>
        double.IsNaN(t) || !(df > 0) ? double.NaN : SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
}
