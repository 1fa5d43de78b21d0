namespace TwoWay.Statistics;

/// <summary>
/// Counting-process survival data, one row per (start, stop] interval, in columns (no row objects,
/// so a million rows cost a few arrays). A row may stand for several identical subjects:
/// <see cref="Counts"/> is a frequency (how many subjects share the row: ties and the Efron
/// correction count them one by one), <see cref="Weights"/> a case weight per subject (as R's
/// <c>weights=</c>). Aggregated panel cells are rows whose count is the number of firms in the cell.
/// </summary>
public sealed class SurvivalData
{
    public SurvivalData(double[] start, double[] stop, bool[] @event, double[,] x, IReadOnlyList<string> covariateNames,
        double[]? counts = null, double[]? weights = null, int[]? clusters = null)
    {
        var n = stop.Length;
        if (start.Length != n || @event.Length != n || x.GetLength(0) != n)
            throw new ArgumentException("start, stop, event and covariates need the same number of rows");
        if (x.GetLength(1) != covariateNames.Count)
            throw new ArgumentException("one name per covariate column is needed");
        if (counts is not null && counts.Length != n) throw new ArgumentException("counts: wrong length");
        if (weights is not null && weights.Length != n) throw new ArgumentException("weights: wrong length");
        if (clusters is not null && clusters.Length != n) throw new ArgumentException("clusters: wrong length");
        for (var i = 0; i < n; i++)
        {
            if (!(stop[i] > start[i])) throw new ArgumentException($"row {i + 1}: stop must be after start");
            if (counts is not null && (counts[i] < 0 || counts[i] != Math.Floor(counts[i])))
                throw new ArgumentException($"row {i + 1}: a count must be a whole number ≥ 0");
            if (weights is not null && !(weights[i] > 0)) throw new ArgumentException($"row {i + 1}: a weight must be > 0");
        }
        Start = start; Stop = stop; Event = @event; X = x; CovariateNames = covariateNames;
        Counts = counts ?? Enumerable.Repeat(1.0, n).ToArray();
        Weights = weights ?? Enumerable.Repeat(1.0, n).ToArray();
        Clusters = clusters;
    }

    /// <summary>Right-censored data: every row starts at time 0.</summary>
    public static SurvivalData RightCensored(double[] time, bool[] @event, double[,] x, IReadOnlyList<string> names,
        double[]? counts = null, double[]? weights = null, int[]? clusters = null) =>
        new(new double[time.Length], time, @event, x, names, counts, weights, clusters);

    public double[] Start { get; }
    public double[] Stop { get; }
    public bool[] Event { get; }
    public double[,] X { get; }
    public IReadOnlyList<string> CovariateNames { get; }
    public double[] Counts { get; }
    public double[] Weights { get; }
    public int[]? Clusters { get; }
    public int Rows => Stop.Length;
    public int Covariates => X.GetLength(1);
}
