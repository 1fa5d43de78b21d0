namespace TwoWay.Qualitative;

/// <summary>Krippendorff's alpha for nominal data.</summary>
public static class KrippendorffAlpha
{
    /// <summary>
    /// α = 1 − D_o/D_e = 1 − (n−1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, from the coincidence matrix
    /// o_ck = Σ_u (number of c–k pairs in unit u)/(m_u − 1), where m_u is the number of values unit u
    /// received (units with fewer than two are not pairable and are skipped), n_c = Σ_k o_ck and
    /// n = Σ_c n_c (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C).
    /// <paramref name="units"/>: one list per unit holding each coder's value or null where missing.
    /// Returns null when there is no variation at all (every pairable value the same): α is then undefined.
    /// </summary>
    public static double? Nominal<T>(IEnumerable<IReadOnlyList<T?>> units) where T : struct, IEquatable<T>
    {
        var o = new Dictionary<(T, T), double>();
        foreach (var unit in units)
        {
            var values = unit.Where(v => v.HasValue).Select(v => v!.Value).ToList();
            var m = values.Count;
            if (m < 2) continue;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                    if (i != j) o[(values[i], values[j])] = o.GetValueOrDefault((values[i], values[j])) + 1.0 / (m - 1);
        }
        var nc = new Dictionary<T, double>();
        foreach (var ((c, _), v) in o) nc[c] = nc.GetValueOrDefault(c) + v;
        var n = nc.Values.Sum();
        var disagree = o.Where(kv => !kv.Key.Item1.Equals(kv.Key.Item2)).Sum(kv => kv.Value);
        var expected = 0.0;
        foreach (var (c, a) in nc)
            foreach (var (k, b) in nc)
                if (!c.Equals(k)) expected += a * b;
        if (expected == 0) return null;
        return 1 - (n - 1) * disagree / expected;
    }

    /// <summary>
    /// The same α for two coders, binary values (coded / not coded) and no missing data, from counts
    /// alone: with N units, A and B units marked by each coder and D = A + B − 2·AB units where they
    /// differ, n = 2N, n₁ = A + B, n₀ = 2N − A − B and α = 1 − (n − 1)·D / (n₀·n₁). Null when n₀ or n₁ is 0.
    /// </summary>
    public static double? BinaryTwoCoders(long units, long markedByA, long markedByB, long markedByBoth)
    {
        var n1 = (double)(markedByA + markedByB);
        var n0 = 2.0 * units - n1;
        if (n0 <= 0 || n1 <= 0) return null;
        var d = markedByA + markedByB - 2.0 * markedByBoth;
        return 1 - (2.0 * units - 1) * d / (n0 * n1);
    }
}
