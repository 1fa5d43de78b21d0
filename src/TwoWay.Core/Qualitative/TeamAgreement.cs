namespace TwoWay.Qualitative;

/// <summary>
/// Agreement of k ≥ 2 coders on one code (or pooled), character by character as
/// <see cref="InterCoderAgreement"/> compares two: every character of a compared transcript is a
/// unit that each coder either coded with the code or not. <paramref name="Histogram"/>[m] counts
/// the characters exactly m of the k coders coded (m = 0…k).
/// </summary>
/// <param name="Coders">k, the coders compared.</param>
/// <param name="Characters">N, the units: characters of the compared transcripts.</param>
/// <param name="Histogram">h[m] for m = 0…k.</param>
/// <param name="FleissKappa">Fleiss' κ over the N characters with k ratings each; null when no coder coded anything, or every coder coded everything.</param>
/// <param name="Alpha">Krippendorff's nominal α over the same data (no rating missing); null when undefined.</param>
/// <param name="UnanimousShare">Share of the characters that at least one coder coded on which all k agree.</param>
public sealed record TeamMeasures(int Coders, long Characters, IReadOnlyList<long> Histogram, double? FleissKappa, double? Alpha, double? UnanimousShare)
{
    /// <summary>
    /// The measures from the histogram alone, with Fleiss' (1971) formulas for binary categories:
    /// P(m) = (m² + (k−m)² − k)/(k(k−1)); P̄ = Σ h[m]·P(m)/N; p = Σ h[m]·m/(N·k); Pₑ = p² + (1−p)²;
    /// κ = (P̄ − Pₑ)/(1 − Pₑ); α = 1 − (1 − κ)(N·k − 1)/(N·k) (Krippendorff's nominal α without
    /// missing ratings; see <see cref="Qualitative.FleissKappa"/>).
    /// </summary>
    public static TeamMeasures From(IReadOnlyList<long> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var k = histogram.Count - 1;
        if (k < 2) throw new ArgumentException("Agreement needs at least two coders (a histogram of k + 1 ≥ 3 counts).", nameof(histogram));
        if (histogram.Any(h => h < 0)) throw new ArgumentException("Counts cannot be negative.", nameof(histogram));
        double n = histogram.Sum();
        double? kappa = null, alpha = null, unanimous = null;
        if (n > 0)
        {
            double pbar = 0, marks = 0;
            for (var m = 0; m <= k; m++)
            {
                pbar += histogram[m] * ((double)m * m + (double)(k - m) * (k - m) - k) / (k * (k - 1.0));
                marks += (double)histogram[m] * m;
            }
            pbar /= n;
            var p = marks / (n * k);
            var pe = p * p + (1 - p) * (1 - p);
            if (pe < 1)
            {
                kappa = (pbar - pe) / (1 - pe);
                alpha = 1 - (1 - kappa.Value) * (n * k - 1) / (n * k);
            }
            var coded = n - histogram[0];
            if (coded > 0) unanimous = histogram[k] / coded;
        }
        return new TeamMeasures(k, (long)n, histogram, kappa, alpha, unanimous);
    }
}

/// <summary>One code's agreement among the coders.</summary>
public sealed record CodeTeamAgreement(Guid CodeId, string CodePath, TeamMeasures Measures)
{
    /// <summary>The 95 % bootstrap interval of α over transcripts (<see cref="AlphaBootstrap"/>); null with fewer than two transcripts.</summary>
    public BootstrapInterval? AlphaInterval { get; init; }
}

/// <summary>What <c>twoway agreement STUDY A B C…</c> reports for three or more coders: per code and pooled.</summary>
public sealed record TeamAgreementResult(IReadOnlyList<string> Coders, int Sources, IReadOnlyList<CodeTeamAgreement> ByCode, TeamMeasures? Overall)
{
    /// <summary>Per code group (a top-level code and every code under it): the codes' histograms pooled.</summary>
    public IReadOnlyList<CodeGroupTeamAgreement> ByGroup { get; init; } = [];

    /// <summary>The 95 % bootstrap interval of the overall α over transcripts (<see cref="AlphaBootstrap"/>); null with fewer than two transcripts.</summary>
    public BootstrapInterval? AlphaInterval { get; init; }

    /// <summary>Krippendorff's unitizing α family (ATLAS.ti's α-binary, cu-α and Cu-α) on the same codings.</summary>
    public UnitizingAgreementResult? Unitizing { get; init; }
}

/// <summary>Team agreement pooled over the codes of one code group.</summary>
public sealed record CodeGroupTeamAgreement(string Group, int Codes, TeamMeasures Measures);

public static class TeamAgreement
{
    /// <summary>
    /// Compares k coders over the transcripts any of them coded and the codes any of them applied
    /// (optionally only <paramref name="codes"/>): for each code × transcript, each character gets the
    /// number of coders whose codings of that code cover it; per code and overall the histograms of
    /// the code's transcripts are pooled (size-weighted, as for two coders).
    /// </summary>
    public static TeamAgreementResult Compute(QualitativeProject project, IReadOnlyList<string> coders, IReadOnlyCollection<Guid>? codes = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (coders.Count < 2 || coders.Distinct().Count() != coders.Count) throw new ArgumentException("Compare at least two different coders.", nameof(coders));
        var k = coders.Count;
        var index = coders.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var relevant = project.Codings.Where(c => index.ContainsKey(c.Coder) && (codes is null || codes.Contains(c.CodeId))).ToList();
        var sourceIds = relevant.Select(c => c.SourceId).ToHashSet();
        var sources = project.Sources.Where(s => sourceIds.Contains(s.Id) && s.Text.Length > 0).ToList();
        var codeIds = relevant.Select(c => c.CodeId).ToHashSet();
        var book = project.Codebook;
        var spans = relevant.ToLookup(c => (c.CodeId, c.SourceId, c.Coder), c => c.Span);
        var overall = new long[k + 1];
        var byCode = new List<CodeTeamAgreement>();
        var groups = new Dictionary<string, (long[] Hist, int Codes)>(StringComparer.Ordinal);
        // Each transcript's histogram, per code and over all codes: the clusters the bootstrap draws.
        var perSource = sources.Select(_ => new long[k + 1]).ToArray();
        foreach (var code in book.Codes.Where(c => codeIds.Contains(c.Id)))
        {
            var hist = new long[k + 1];
            var codeClusters = new List<long[]>(sources.Count);
            for (var si = 0; si < sources.Count; si++)
            {
                var s = sources[si];
                var own = new long[k + 1];
                // Sweep: +1 where a coder's (unioned) coding starts, −1 where it ends; the running depth is m.
                var events = new List<(int At, int Delta)>();
                foreach (var coder in coders)
                    foreach (var (start, end) in InterCoderAgreement.Union(spans[(code.Id, s.Id, coder)]))
                    {
                        events.Add((start, +1));
                        events.Add((end, -1));
                    }
                events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Delta.CompareTo(b.Delta));
                int depth = 0, at = 0;
                foreach (var (pos, delta) in events)
                {
                    own[depth] += pos - at;
                    at = pos;
                    depth += delta;
                }
                own[depth] += s.Text.Length - at;
                for (var m = 0; m <= k; m++) { hist[m] += own[m]; perSource[si][m] += own[m]; }
                codeClusters.Add(own);
            }
            for (var m = 0; m <= k; m++) overall[m] += hist[m];
            var group = InterCoderAgreement.GroupOf(book, code.Id);
            if (!groups.TryGetValue(group, out var g)) g = (new long[k + 1], 0);
            for (var m = 0; m <= k; m++) g.Hist[m] += hist[m];
            groups[group] = (g.Hist, g.Codes + 1);
            byCode.Add(new CodeTeamAgreement(code.Id, book.PathText(code.Id), TeamMeasures.From(hist))
            {
                AlphaInterval = AlphaBootstrap.TeamInterval(codeClusters, AlphaBootstrap.DefaultReplicates, AlphaBootstrap.DefaultSeed),
            });
        }
        return new TeamAgreementResult(coders, sources.Count, byCode, byCode.Count == 0 ? null : TeamMeasures.From(overall))
        {
            ByGroup = groups.Select(x => new CodeGroupTeamAgreement(x.Key, x.Value.Codes, TeamMeasures.From(x.Value.Hist))).ToList(),
            AlphaInterval = byCode.Count == 0 ? null : AlphaBootstrap.TeamInterval(perSource, AlphaBootstrap.DefaultReplicates, AlphaBootstrap.DefaultSeed),
            Unitizing = UnitizingAgreement.Compute(project, coders, codes),
        };
    }
}
