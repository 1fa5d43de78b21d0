namespace TwoWay.Qualitative;

/// <summary>A percentile bootstrap interval: the bounds, the level, how many replicates gave a value and of how many.</summary>
public sealed record BootstrapInterval(double Lower, double Upper, double Level, int Replicates, int Drawn, string Resampled);

/// <summary>
/// Confidence intervals for two coders' Krippendorff's α (nominal, character by character) by a
/// cluster bootstrap over transcripts: the characters of one transcript are not independent units
/// (a coding covers hundreds of them), so whole transcripts are drawn with replacement, as many as
/// were compared, their code × transcript counts pooled as the point estimate pools them, and α
/// computed again; the interval is the 2.5 % and 97.5 % quantiles of the replicates (R's type 7).
/// Krippendorff (2004, ch. 11.4; Hayes &amp; Krippendorff 2007) bootstraps α's sampling distribution
/// for the same reason; drawing transcripts is the resampling unit that fits coded text. Seeded:
/// the same study and seed give the same interval. Pure: no I/O.
/// </summary>
public static class AlphaBootstrap
{
    public const int DefaultReplicates = 2000;
    public const int DefaultSeed = 20261204;

    /// <summary>The interval of the overall α and of each code's α; null where fewer than two transcripts were compared.</summary>
    public static (BootstrapInterval? Overall, IReadOnlyDictionary<Guid, BootstrapInterval> ByCode) Compute(
        AgreementResult result, int replicates = DefaultReplicates, int seed = DefaultSeed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "At least one replicate.");
        var sources = result.ByCodeAndSource.Select(p => p.SourceId).Distinct().ToList();
        var byCode = new Dictionary<Guid, BootstrapInterval>();
        if (sources.Count < 2) return (null, byCode);
        static long[] Counts(IEnumerable<CodeSourceAgreement> pairs) =>
            pairs.Aggregate(new long[4], (a, p) => { a[0] += p.Measures.Characters; a[1] += p.Measures.CodedByA; a[2] += p.Measures.CodedByB; a[3] += p.Measures.CodedByBoth; return a; });
        var overall = Interval(sources.Select(s => Counts(result.ByCodeAndSource.Where(p => p.SourceId == s))).ToList(), replicates, seed, level);
        foreach (var code in result.ByCode)
            if (Interval(sources.Select(s => Counts(result.ByCodeAndSource.Where(p => p.SourceId == s && p.CodeId == code.CodeId))).ToList(), replicates, seed, level) is { } ci)
                byCode[code.CodeId] = ci;
        return (overall, byCode);
    }

    /// <summary>The percentile interval of α over <paramref name="clusters"/> (each N, A, B, AB) drawn with replacement.</summary>
    public static BootstrapInterval? Interval(IReadOnlyList<long[]> clusters, int replicates, int seed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return Percentile(clusters.Count, replicates, seed, level, drawn =>
        {
            long n = 0, a = 0, b = 0, ab = 0;
            foreach (var i in drawn) { var c = clusters[i]; n += c[0]; a += c[1]; b += c[2]; ab += c[3]; }
            return n > 0 ? KrippendorffAlpha.BinaryTwoCoders(n, a, b, ab) : null;
        });
    }

    /// <summary>
    /// The percentile interval of a team's α (<see cref="TeamMeasures.Alpha"/>) over <paramref name="clusters"/>,
    /// each a transcript's histogram h[0…k], drawn with replacement and added up.
    /// </summary>
    public static BootstrapInterval? TeamInterval(IReadOnlyList<long[]> clusters, int replicates, int seed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        if (clusters.Count == 0) return null;
        var width = clusters[0].Length;
        return Percentile(clusters.Count, replicates, seed, level, drawn =>
        {
            var h = new long[width];
            foreach (var i in drawn) for (var m = 0; m < width; m++) h[m] += clusters[i][m];
            return TeamMeasures.From(h).Alpha;
        });
    }

    /// <summary>
    /// The bootstrap itself: <paramref name="replicates"/> times, draw as many cluster indexes as there are
    /// clusters, with replacement, and compute <paramref name="statistic"/>; the quantiles of the values it gives.
    /// </summary>
    private static BootstrapInterval? Percentile(int clusters, int replicates, int seed, double level, Func<int[], double?> statistic)
    {
        if (clusters < 2) return null;
        // System.Random with a seed is the same sequence on every platform and run.
        var random = new Random(seed);
        var values = new List<double>(replicates);
        var drawn = new int[clusters];
        for (var r = 0; r < replicates; r++)
        {
            for (var i = 0; i < clusters; i++) drawn[i] = random.Next(clusters);
            if (statistic(drawn) is { } value) values.Add(value);
        }
        if (values.Count == 0) return null;
        values.Sort();
        return new BootstrapInterval(Quantile(values, (1 - level) / 2), Quantile(values, 1 - (1 - level) / 2), level, values.Count, replicates, "transcripts");
    }

    /// <summary>R's type-7 quantile of sorted values: x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)p (0-based).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
