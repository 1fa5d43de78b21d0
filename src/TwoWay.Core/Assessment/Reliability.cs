namespace TwoWay.Assessment;

/// <summary>Cronbach's alpha of a set of items, with the cases it was computed on.</summary>
public sealed record AlphaResult(double? Alpha, int Items, int CompleteCases)
{
    /// <summary>Fewer complete cases than this and alpha is too unstable to read alone (Bonett 2002; Bujang, Omar &amp; Baharum 2018).</summary>
    public const int FewCases = 30;

    /// <summary>What a reader must know before reading <see cref="Alpha"/>: few cases, or a negative value and what it means; null when neither.</summary>
    public string? Caution => (Alpha, CompleteCases) switch
    {
        (null, _) => null,
        ({ } a, var n) when a < 0 => $"alpha is negative ({a.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}): in these {n} firms the items do not vary together "
            + "(their covariances are negative on average), so they do not measure one thing here" + (n < FewCases ? $"; with fewer than {FewCases} firms this is common and says little" : ""),
        (_, var n) when n < FewCases => $"based on {n} complete case{(n == 1 ? "" : "s")}, fewer than {FewCases}: too few for a stable alpha; read it with care",
        _ => null,
    };
}

public static class Reliability
{
    /// <summary>
    /// Cronbach's (1951) alpha, α = k/(k−1) · (1 − Σᵢ s²ᵢ / s²ₜ), where k is the number of items,
    /// s²ᵢ the sample variance of item i and s²ₜ that of the sum score; computed on complete cases
    /// (listwise deletion). Equals <c>psych::alpha(x)$total$raw_alpha</c> in R on complete data
    /// (tested to 1e-9). Null when k &lt; 2, fewer than 2 complete cases, or the total has no variance.
    /// </summary>
    /// <param name="cases">One row per respondent, one column per item; NaN marks a missing answer.</param>
    public static AlphaResult CronbachAlpha(IReadOnlyList<double[]> cases)
    {
        var k = cases.Count > 0 ? cases[0].Length : 0;
        var complete = new List<double[]>(cases.Count);
        foreach (var c in cases)
            if (c.Length == k && Array.TrueForAll(c, v => !double.IsNaN(v))) complete.Add(c);
        var n = complete.Count;
        if (k < 2 || n < 2) return new AlphaResult(null, k, n);
        // Two-pass variances (mean first) avoid the cancellation of the one-pass formula.
        var means = new double[k];
        double totalMean = 0;
        foreach (var c in complete)
            for (var j = 0; j < k; j++) { means[j] += c[j]; totalMean += c[j]; }
        for (var j = 0; j < k; j++) means[j] /= n;
        totalMean /= n;
        var itemVar = new double[k];
        double totalVar = 0;
        foreach (var c in complete)
        {
            double sum = 0;
            for (var j = 0; j < k; j++)
            {
                var d = c[j] - means[j];
                itemVar[j] += d * d;
                sum += c[j];
            }
            totalVar += (sum - totalMean) * (sum - totalMean);
        }
        if (totalVar <= 0) return new AlphaResult(null, k, n);
        // Both variances share the n−1 denominator, which cancels in the ratio.
        var alpha = k / (k - 1.0) * (1 - itemVar.Sum() / totalVar);
        return new AlphaResult(alpha, k, n);
    }
}
