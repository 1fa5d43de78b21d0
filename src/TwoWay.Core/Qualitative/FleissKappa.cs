namespace TwoWay.Qualitative;

/// <summary>Fleiss' kappa with its parts: mean observed agreement P̄, chance agreement P̄ₑ, subjects N and raters n per subject.</summary>
public sealed record FleissKappaResult(double Kappa, double ObservedAgreement, double ExpectedAgreement, int Subjects, int RatersPerSubject);

/// <summary>
/// Fleiss' kappa for a fixed number n ≥ 2 of ratings per subject into nominal categories (Fleiss 1971):
/// with n_ij the ratings of subject i into category j, p_j = Σ_i n_ij/(N n), P_i = (Σ_j n_ij² − n)/(n(n − 1)),
/// P̄ = mean of P_i, P̄ₑ = Σ_j p_j², κ = (P̄ − P̄ₑ)/(1 − P̄ₑ). Equals Krippendorff's nominal α through
/// α = 1 − (1 − κ)(Nn − 1)/(Nn) when no rating is missing. Missing ratings are not allowed (every subject needs
/// n ratings; use <see cref="KrippendorffAlpha.Nominal{T}"/> with missing data).
/// </summary>
public static class FleissKappa
{
    /// <summary>From the subject × category counts n_ij (every row summing to the same n). Null when P̄ₑ = 1 (one category only).</summary>
    public static FleissKappaResult? FromCounts(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        if (counts.Count == 0) throw new ArgumentException("Fleiss' kappa needs at least one subject.", nameof(counts));
        var n = counts[0].Sum();
        var k = counts[0].Count;
        if (n < 2) throw new ArgumentException("Fleiss' kappa needs at least two ratings per subject.", nameof(counts));
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i].Count != k || counts[i].Any(c => c < 0)) throw new ArgumentException($"Subject {i + 1}: counts must be non-negative, one per category.", nameof(counts));
            if (counts[i].Sum() != n) throw new ArgumentException($"Subject {i + 1} has {counts[i].Sum()} ratings, the first has {n}: Fleiss' kappa needs the same number for every subject (Krippendorff's alpha allows missing ratings).", nameof(counts));
        }
        var N = counts.Count;
        var pbar = counts.Average(row => (row.Sum(c => (double)c * c) - n) / (n * (n - 1.0)));
        var pe = 0.0;
        for (var j = 0; j < k; j++)
        {
            var pj = counts.Sum(row => (double)row[j]) / (N * (double)n);
            pe += pj * pj;
        }
        return pe >= 1 ? null : new FleissKappaResult((pbar - pe) / (1 - pe), pbar, pe, N, n);
    }

    /// <summary>From each subject's ratings (one value per rater, none missing).</summary>
    public static FleissKappaResult? Of<T>(IEnumerable<IReadOnlyList<T>> subjects) where T : notnull
    {
        var list = subjects.ToList();
        var categories = list.SelectMany(s => s).Distinct().ToList();
        return FromCounts(list.Select(s => (IReadOnlyList<int>)categories.Select(c => s.Count(v => v.Equals(c))).ToList()).ToList());
    }
}
