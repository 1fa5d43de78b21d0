namespace TwoWay.Statistics;

/// <summary>
/// Harrell's concordance C for survival data (Harrell et al. 1982), in the form of R's
/// <c>survival::concordance()</c> with its default time weight n(t)^0: over every event at time t
/// and every other subject at risk at t that has no event at t (start &lt; t ≤ stop), the pair is
/// concordant when the subject with the event has the higher risk score, discordant when lower,
/// tied when equal; pairs are weighted by the product of their case weights (and counts), pairs of
/// tied event times are not comparable. C = (concordant + tied/2) / (concordant + discordant + tied).
/// </summary>
public static class Concordance
{
    public static double OfCox(SurvivalData data, double[] riskScore)
    {
        var n = data.Rows;
        var times = Enumerable.Range(0, n).Where(i => data.Event[i] && data.Counts[i] > 0).Select(i => data.Stop[i]).Distinct().Order().ToArray();
        // Rows sorted by score once; at each time, prefix sums of at-risk non-event weight by score.
        var order = Enumerable.Range(0, n).OrderBy(i => riskScore[i]).ToArray();
        double concordant = 0, discordant = 0, tied = 0;
        var weights = new double[n];
        var scores = new double[n];
        var isEvent = new bool[n];
        foreach (var t in times)
        {
            var m = 0;
            foreach (var i in order)
            {
                if (!(data.Start[i] < t && t <= data.Stop[i])) continue;
                var w = data.Counts[i] * data.Weights[i];
                if (w == 0) continue;
                scores[m] = riskScore[i]; weights[m] = w; isEvent[m] = data.Event[i] && data.Stop[i] == t; m++;
            }
            // Group equal scores; for each group: event weight E_g, non-event weight N_g.
            double below = 0; // non-event weight with lower score seen so far
            double totalNon = 0;
            for (var k = 0; k < m; k++) if (!isEvent[k]) totalNon += weights[k];
            var g = 0;
            while (g < m)
            {
                var h = g;
                double ev = 0, non = 0;
                while (h < m && scores[h] == scores[g]) { if (isEvent[h]) ev += weights[h]; else non += weights[h]; h++; }
                concordant += ev * below;
                tied += ev * non;
                discordant += ev * (totalNon - below - non);
                below += non;
                g = h;
            }
        }
        var denom = concordant + discordant + tied;
        return denom == 0 ? double.NaN : (concordant + tied / 2) / denom;
    }

    /// <summary>
    /// Each row's influence on Somers' d = (concordant − discordant)/pairs for one unit of the row (case weight
    /// and count 1), as R's <c>concordancefit</c>: g_i = (c_i − d_i)/P − (d/P)(c_i + d_i + t_i), with c_i, d_i, t_i
    /// the weights of the rows the unit forms concordant, discordant and score-tied pairs with, and P the total
    /// pair weight. Var(d) = Σ_clusters (Σ_{i∈g} count_i w_i g_i)² (each row its own cluster: Σ count_i (w_i g_i)²);
    /// se(C) = √Var(d)/2 (the infinitesimal jackknife, R's <c>concordance(fit)$var</c>).
    /// </summary>
    public static (double Concordance, double[] Influence) WithInfluence(SurvivalData data, double[] riskScore)
    {
        var n = data.Rows;
        var times = Enumerable.Range(0, n).Where(i => data.Event[i] && data.Counts[i] > 0).Select(i => data.Stop[i]).Distinct().Order().ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => riskScore[i]).ToArray();
        double concordant = 0, discordant = 0, tied = 0;
        var c = new double[n]; var d = new double[n]; var t = new double[n];
        var rows = new int[n]; var weights = new double[n]; var scores = new double[n]; var isEvent = new bool[n];
        foreach (var time in times)
        {
            var m = 0;
            foreach (var i in order)
            {
                if (!(data.Start[i] < time && time <= data.Stop[i])) continue;
                var w = data.Counts[i] * data.Weights[i];
                if (w == 0) continue;
                rows[m] = i; scores[m] = riskScore[i]; weights[m] = w; isEvent[m] = data.Event[i] && data.Stop[i] == time; m++;
            }
            double totalNon = 0, totalEv = 0;
            for (var k = 0; k < m; k++) if (isEvent[k]) totalEv += weights[k]; else totalNon += weights[k];
            double nonBelow = 0, evBelow = 0;
            var g = 0;
            while (g < m)
            {
                var h = g;
                double ev = 0, non = 0;
                while (h < m && scores[h] == scores[g]) { if (isEvent[h]) ev += weights[h]; else non += weights[h]; h++; }
                concordant += ev * nonBelow;
                tied += ev * non;
                discordant += ev * (totalNon - nonBelow - non);
                for (var k = g; k < h; k++)
                {
                    var i = rows[k];
                    if (isEvent[k]) { c[i] += nonBelow; d[i] += totalNon - nonBelow - non; t[i] += non; }
                    else { c[i] += totalEv - evBelow - ev; d[i] += evBelow; t[i] += ev; }
                }
                nonBelow += non; evBelow += ev;
                g = h;
            }
        }
        var pairs = concordant + discordant + tied;
        var influence = new double[n];
        if (pairs == 0) return (double.NaN, influence);
        var somers = (concordant - discordant) / pairs;
        for (var i = 0; i < n; i++) influence[i] = (c[i] - d[i]) / pairs - somers / pairs * (c[i] + d[i] + t[i]);
        return ((concordant + tied / 2) / pairs, influence);
    }
}
