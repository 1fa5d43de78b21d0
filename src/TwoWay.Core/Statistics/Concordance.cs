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
}
