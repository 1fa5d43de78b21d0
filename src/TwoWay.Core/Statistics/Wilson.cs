using MathNet.Numerics.Distributions;

namespace TwoWay.Statistics;

/// <summary>A proportion with its confidence interval.</summary>
public sealed record Proportion(double Successes, double Trials, double Estimate, double Lower, double Upper);

public static class Wilson
{
    /// <summary>
    /// Wilson score interval for a binomial proportion (Wilson 1927; Agresti &amp; Coull 1998):
    /// centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
    /// Agrees with R's <c>prop.test(x, n, correct = FALSE)$conf.int</c>. With n = 0 the estimate
    /// is NaN and the interval [0, 1]. Trials may be weighted (non-integer) counts.
    /// </summary>
    public static Proportion Interval(double successes, double trials, double level = 0.95)
    {
        if (successes < 0 || trials < 0 || successes > trials + 1e-9)
            throw new ArgumentOutOfRangeException(nameof(successes), $"need 0 ≤ successes ≤ trials, got {successes}/{trials}");
        if (trials == 0) return new Proportion(0, 0, double.NaN, 0, 1);
        var z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        var p = successes / trials;
        var z2 = z * z;
        var denom = 1 + z2 / trials;
        var centre = (p + z2 / (2 * trials)) / denom;
        var half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denom;
        return new Proportion(successes, trials, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
