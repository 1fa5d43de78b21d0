using MathNet.Numerics.Distributions;

namespace TwoWay.Statistics;

/// <summary>A chi-square test statistic with its degrees of freedom and upper-tail p-value.</summary>
public sealed record ChiSquareTest(double Statistic, int Df, double P)
{
    public static ChiSquareTest Of(double statistic, int df) =>
        new(statistic, df, df > 0 && !double.IsNaN(statistic) ? MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, Math.Max(0, statistic) / 2) : double.NaN);
}

/// <summary>
/// One coefficient of a regression as analysts read it in R or Stata: estimate, its exponential
/// (hazard or odds ratio), standard error (the robust one when a cluster was given, the model one
/// otherwise, both reported), z, two-sided p and a 95% interval on the ratio scale. For a level of
/// a categorical covariate (treatment contrast), <see cref="Reference"/> is the baseline level it is
/// compared with and <see cref="Label"/> reads e.g. "sector=B (vs A)"; <see cref="InverseRatio"/> is
/// exp(−coef), as <c>summary(coxph)</c> prints it.
/// </summary>
public sealed record Coefficient(string Name, double Estimate, double Ratio, double Se, double? RobustSe,
    double Z, double P, double RatioLower95, double RatioUpper95)
{
    /// <summary>The baseline level of the factor this coefficient is a level of; null for other terms.</summary>
    public string? Reference { get; init; }

    /// <summary>The term as shown in tables and plots: the name, and for a factor level its baseline.</summary>
    public string Label => Reference is null ? Name : $"{Name} (vs {Reference})";

    /// <summary>exp(−coef): the ratio for the baseline against this level.</summary>
    public double InverseRatio => Math.Exp(-Estimate);

    /// <summary>
    /// Names the baseline level of every factor term: a coefficient named "variable=level" whose variable is a key
    /// of <paramref name="baselines"/> gets that variable's baseline as its <see cref="Reference"/>.
    /// </summary>
    public static IReadOnlyList<Coefficient> WithReferences(IReadOnlyList<Coefficient> coefficients, IReadOnlyDictionary<string, string> baselines) =>
        coefficients.Select(c =>
        {
            var eq = c.Name.IndexOf('=', StringComparison.Ordinal);
            return eq > 0 && baselines.TryGetValue(c.Name[..eq], out var b) ? c with { Reference = b } : c;
        }).ToList();

    public static Coefficient Of(string name, double estimate, double se, double? robustSe)
    {
        var s = robustSe ?? se;
        var z = estimate / s;
        const double q = 1.959963984540054; // Φ⁻¹(0.975)
        return new Coefficient(name, estimate, Math.Exp(estimate), se, robustSe, z,
            2 * Normal.CDF(0, 1, -Math.Abs(z)), Math.Exp(estimate - q * s), Math.Exp(estimate + q * s));
    }
}

internal static class Matrices
{
    /// <summary>Inverse of a symmetric positive-definite matrix via Cholesky; null when not positive definite.</summary>
    public static double[,]? InverseSpd(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            // Relative tolerance: a column with no variation gives a pivot of (almost) exactly zero.
            if (!(d > 1e-10 * Math.Max(1e-300, Math.Abs(a[j, j])))) return null;
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(l);
        var inv = m.Inverse();
        return inv.TransposeThisAndMultiply(inv).ToArray();
    }

    public static double[] Multiply(double[,] a, double[] v)
    {
        var n = v.Length;
        var r = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) r[i] += a[i, j] * v[j];
        return r;
    }

    public static double Quadratic(double[] v, double[,] a)
    {
        var s = 0.0;
        for (var i = 0; i < v.Length; i++)
            for (var j = 0; j < v.Length; j++) s += v[i] * a[i, j] * v[j];
        return s;
    }

    /// <summary>A · M · A for symmetric A (the sandwich bread · meat · bread).</summary>
    public static double[,] Sandwich(double[,] bread, double[,] meat)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build;
        var b = m.DenseOfArray(bread);
        return (b * m.DenseOfArray(meat) * b).ToArray();
    }

    public static double[][] Jagged(double[,] a) =>
        Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]).ToArray()).ToArray();
}
