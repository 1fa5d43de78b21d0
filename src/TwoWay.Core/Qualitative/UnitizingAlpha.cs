namespace TwoWay.Qualitative;

/// <summary>
/// One coder's unit on a continuum of stretches (the transcripts): [Start, End) in characters of
/// stretch <see cref="Stretch"/>, carrying <see cref="Value"/> (a code, or a code group).
/// </summary>
public readonly record struct UnitizedUnit(int Coder, int Stretch, long Start, long End, string Value = "");

/// <summary>
/// Krippendorff's binary unitizing α for one category (ATLAS.ti's "α-binary"): observed and expected
/// disagreement per squared character, and α = 1 − D_o/D_e (null when D_e is 0: nobody marked anything).
/// </summary>
public sealed record UnitizingMeasures(long Units, double ObservedDisagreement, double ExpectedDisagreement, double? Alpha)
{
    /// <summary>Krippendorff's (2004) rule for several categories: α = 1 − Σ D_o / Σ D_e.</summary>
    public static UnitizingMeasures? Pool(IReadOnlyCollection<UnitizingMeasures> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0) return null;
        var observed = categories.Sum(c => c.ObservedDisagreement);
        var expected = categories.Sum(c => c.ExpectedDisagreement);
        return new UnitizingMeasures(categories.Sum(c => c.Units), observed, expected, expected > 0 ? 1 - observed / expected : null);
    }
}

/// <summary>
/// Coding-only α (ATLAS.ti's "cu-α", or "Cu-α" when the values are code groups): nominal α over the
/// characters that units of two or more coders cover, with each coder's values there.
/// </summary>
/// <param name="PairableCharacters">Characters covered by units of at least two coders.</param>
/// <param name="Values">Distinct values seen on those characters.</param>
/// <param name="Alpha">cuα; null when only one value occurs there (no variation).</param>
public sealed record CodingOnlyAlpha(long PairableCharacters, int Values, double? Alpha);

/// <summary>
/// Krippendorff's α family for unitized text (coders choose where units begin and end): the binary
/// |uα per category (Krippendorff 1995; 2004, §12.4) and the coding-only cuα of Krippendorff,
/// Mathet, Bouvry &amp; Bouvry (2016). Formulas in docs/methods.md ("Unitizing α").
/// </summary>
public static class UnitizingAlpha
{
    /// <summary>
    /// |uα of one category. Each coder's units are merged where they overlap (abutting units stay
    /// two units); the rest of each stretch is that coder's gaps, which never cross into another stretch.
    /// Observed: D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m(m−1)L²), where for a unit g of coder i and a
    /// segment h of coder j: δ² = (b_g − b_h)² + (e_g − e_h)² when h is an overlapping unit,
    /// l_g² when h is a gap holding all of g, 0 otherwise (and symmetrically).
    /// Expected: D_e = (2/L) Σ_g [ (N−1)/3 · (2l_g³ − 3l_g² + l_g) + l_g² Σ_{gaps γ, l_γ ≥ l_g} (l_γ − l_g + 1) ]
    ///               / [ mL(mL − 1) − Σ_g l_g(l_g − 1) ], over all N units g and all gaps γ of all coders.
    /// </summary>
    /// <param name="stretches">The length of each stretch (transcript); L is their sum.</param>
    /// <param name="coders">m ≥ 2, the number of coders (a coder without units has only gaps).</param>
    /// <param name="units">Every coder's units of the category.</param>
    public static UnitizingMeasures Binary(IReadOnlyList<long> stretches, int coders, IEnumerable<UnitizedUnit> units)
    {
        ArgumentNullException.ThrowIfNull(stretches);
        ArgumentOutOfRangeException.ThrowIfLessThan(coders, 2);
        double length = stretches.Sum();
        if (length <= 0) throw new ArgumentException("The continuum is empty.", nameof(stretches));
        var byCoder = Merge(stretches, coders, units);

        // Observed: over unordered coder pairs, then doubled for the ordered sum.
        double observed = 0;
        for (var i = 0; i < coders; i++)
            for (var j = i + 1; j < coders; j++)
                for (var s = 0; s < stretches.Count; s++)
                    observed += PairDisagreement(byCoder[i][s], byCoder[j][s]);
        observed = 2 * observed / (coders * (coders - 1.0) * length * length);

        // Expected: every unit against every gap long enough to hold it.
        var unitLengths = new List<double>();
        var gapLengths = new List<double>();
        for (var i = 0; i < coders; i++)
            for (var s = 0; s < stretches.Count; s++)
            {
                long at = 0;
                foreach (var (b, e) in byCoder[i][s])
                {
                    if (b > at) gapLengths.Add(b - at);
                    unitLengths.Add(e - b);
                    at = e;
                }
                if (stretches[s] > at) gapLengths.Add(stretches[s] - at);
            }
        double n = unitLengths.Count;
        if (n == 0) return new UnitizingMeasures(0, observed, 0, null);
        gapLengths.Sort();
        // Suffix sums over the sorted gaps: count and total length of gaps at least l long.
        var suffix = new double[gapLengths.Count + 1];
        for (var g = gapLengths.Count - 1; g >= 0; g--) suffix[g] = suffix[g + 1] + gapLengths[g];
        double numerator = 0, withinUnits = 0;
        foreach (var l in unitLengths)
        {
            var first = LowerBound(gapLengths, l);
            var count = gapLengths.Count - first;
            var fits = suffix[first] - (l - 1) * count;
            numerator += (n - 1) / 3 * (2 * l * l * l - 3 * l * l + l) + l * l * fits;
            withinUnits += l * (l - 1);
        }
        var mL = coders * length;
        var expected = 2 / length * numerator / (mL * (mL - 1) - withinUnits);
        return new UnitizingMeasures((long)n, observed, expected, expected > 0 ? 1 - observed / expected : null);
    }

    /// <summary>
    /// cuα: every character covered by units of at least two coders is a unit of nominal α whose
    /// values are the values of the units covering it; each ordered pair of values from different
    /// coders adds 1/(m_u − 1) to the coincidence matrix (m_u values there), weighted by the run of
    /// characters sharing them. α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k; null without variation.
    /// </summary>
    public static CodingOnlyAlpha CodingOnly(IEnumerable<UnitizedUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var o = new Dictionary<(string, string), double>();
        long pairable = 0;
        // A coder's overlapping units with the same value are one unit (one value per coder there).
        var merged = units.GroupBy(u => (u.Coder, u.Stretch, u.Value)).SelectMany(g => MergeOverlapping(g));
        foreach (var stretch in merged.GroupBy(u => u.Stretch))
        {
            var list = stretch.OrderBy(u => u.Start).ToList();
            var cuts = list.SelectMany(u => new[] { u.Start, u.End }).Distinct().Order().ToArray();
            var active = new List<UnitizedUnit>();
            var next = 0;
            for (var c = 0; c + 1 < cuts.Length; c++)
            {
                var (lo, hi) = (cuts[c], cuts[c + 1]);
                active.RemoveAll(u => u.End <= lo);
                while (next < list.Count && list[next].Start <= lo) active.Add(list[next++]);
                if (active.Select(u => u.Coder).Distinct().Count() < 2) continue;
                pairable += hi - lo;
                var weight = (hi - lo) / (active.Count - 1.0);
                foreach (var a in active)
                    foreach (var b in active)
                        if (a.Coder != b.Coder) o[(a.Value, b.Value)] = o.GetValueOrDefault((a.Value, b.Value)) + weight;
            }
        }
        var nc = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((c, _), v) in o) nc[c] = nc.GetValueOrDefault(c) + v;
        var total = nc.Values.Sum();
        var disagree = o.Where(kv => !string.Equals(kv.Key.Item1, kv.Key.Item2, StringComparison.Ordinal)).Sum(kv => kv.Value);
        double expected = 0;
        foreach (var (c, a) in nc)
            foreach (var (k, b) in nc)
                if (!string.Equals(c, k, StringComparison.Ordinal)) expected += a * b;
        return new CodingOnlyAlpha(pairable, nc.Count, expected > 0 ? 1 - (total - 1) * disagree / expected : null);
    }

    /// <summary>Units (of one coder, stretch and value) with overlapping ones merged; abutting ones stay apart.</summary>
    internal static IEnumerable<UnitizedUnit> MergeOverlapping(IEnumerable<UnitizedUnit> units)
    {
        UnitizedUnit? open = null;
        foreach (var u in units.OrderBy(u => u.Start))
        {
            if (open is { } o && u.Start < o.End) { open = o with { End = Math.Max(o.End, u.End) }; continue; }
            if (open is { } done) yield return done;
            open = u;
        }
        if (open is { } last) yield return last;
    }

    /// <summary>Each coder's units per stretch, sorted, overlapping ones merged (abutting ones kept apart).</summary>
    private static List<(long Start, long End)>[][] Merge(IReadOnlyList<long> stretches, int coders, IEnumerable<UnitizedUnit> units)
    {
        var result = new List<(long, long)>[coders][];
        for (var i = 0; i < coders; i++)
        {
            result[i] = new List<(long, long)>[stretches.Count];
            for (var s = 0; s < stretches.Count; s++) result[i][s] = [];
        }
        foreach (var u in units.OrderBy(u => u.Start))
        {
            if (u.Coder < 0 || u.Coder >= coders) throw new ArgumentOutOfRangeException(nameof(units), u.Coder, "A unit's coder is not one of the coders compared.");
            if (u.Stretch < 0 || u.Stretch >= stretches.Count || u.Start < 0 || u.End <= u.Start || u.End > stretches[u.Stretch])
                throw new ArgumentOutOfRangeException(nameof(units), $"The unit [{u.Start}, {u.End}) does not lie inside stretch {u.Stretch}.");
            var list = result[u.Coder][u.Stretch];
            if (list.Count > 0 && u.Start < list[^1].Item2) list[^1] = (list[^1].Item1, Math.Max(list[^1].Item2, u.End));
            else list.Add((u.Start, u.End));
        }
        return result;
    }

    /// <summary>Σ δ² over the units of two coders on one stretch, each unordered pair of segments once.</summary>
    private static double PairDisagreement(List<(long Start, long End)> a, List<(long Start, long End)> b)
    {
        double sum = 0;
        var bHit = new bool[b.Count];
        var j0 = 0;
        foreach (var (s, e) in a)
        {
            while (j0 < b.Count && b[j0].End <= s) j0++;
            var hit = false;
            for (var j = j0; j < b.Count && b[j].Start < e; j++)
            {
                hit = bHit[j] = true;
                double ds = s - b[j].Start, de = e - b[j].End;
                sum += ds * ds + de * de;
            }
            // No unit of the other coder touches it: it lies inside one of their gaps.
            if (!hit) sum += (double)(e - s) * (e - s);
        }
        for (var j = 0; j < b.Count; j++)
            if (!bHit[j]) sum += (double)(b[j].End - b[j].Start) * (b[j].End - b[j].Start);
        return sum;
    }

    private static int LowerBound(List<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
