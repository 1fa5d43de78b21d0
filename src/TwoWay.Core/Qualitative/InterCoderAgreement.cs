namespace TwoWay.Qualitative;

/// <summary>
/// Agreement between two coders over a number of characters. <see cref="CodedByA"/> and
/// <see cref="CodedByB"/> count characters each coder coded, <see cref="CodedByBoth"/> those both did.
/// </summary>
public sealed record AgreementMeasures(long Characters, long CodedByA, long CodedByB, long CodedByBoth,
    double PercentAgreement, double Kappa, double? KrippendorffAlpha)
{
    /// <summary>
    /// Character-by-character agreement, NVivo's method (Coding Comparison query): over N characters,
    /// agreement = (AB + (N − A − B + AB)) / N; Cohen's (1960) κ = (P_o − P_e)/(1 − P_e) with
    /// P_e = (EF1 + EF2)/N, EF1 = A·B/N (both code by chance) and EF2 = (N − A)(N − B)/N (neither).
    /// The two chance terms are ADDED (QualCoder multiplies them, which is wrong). When P_e = 1 (both
    /// coders coded everything or nothing) κ is 0/0; like NVivo we report κ = 1, as the coders agree
    /// on every character. α is Krippendorff's nominal alpha on the same characters, null when undefined.
    /// </summary>
    public static AgreementMeasures From(long n, long a, long b, long both)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Agreement needs at least one character.");
        if (both > Math.Min(a, b) || a > n || b > n || a + b - both > n || both < 0)
            throw new ArgumentException($"Inconsistent counts: N={n}, A={a}, B={b}, both={both}.");
        double N = n;
        var observed = (n - a - b + 2.0 * both) / N;
        var expected = (a * (double)b / N + (N - a) * (N - b) / N) / N;
        var kappa = expected >= 1 ? 1.0 : (observed - expected) / (1 - expected);
        return new AgreementMeasures(n, a, b, both, 100 * observed, kappa, global::TwoWay.Qualitative.KrippendorffAlpha.BinaryTwoCoders(n, a, b, both));
    }
}

public sealed record CodeSourceAgreement(Guid CodeId, string CodePath, Guid SourceId, string SourceName, AgreementMeasures Measures);
public sealed record CodeAgreement(Guid CodeId, string CodePath, AgreementMeasures Measures)
{
    /// <summary>The 95 % bootstrap interval of α over transcripts (<see cref="AlphaBootstrap"/>); null when not computed or fewer than two transcripts.</summary>
    public BootstrapInterval? AlphaInterval { get; init; }
}
public sealed record SourceAgreement(Guid SourceId, string SourceName, AgreementMeasures Measures);

/// <summary>Agreement between two coders per code and source, per code, per source and overall.</summary>
public sealed record AgreementResult(string CoderA, string CoderB, int Codes, int Sources,
    IReadOnlyList<CodeSourceAgreement> ByCodeAndSource, IReadOnlyList<CodeAgreement> ByCode,
    IReadOnlyList<SourceAgreement> BySource, AgreementMeasures? Overall)
{
    /// <summary>
    /// Per code group — the codes under one top-level code of the codebook ("Mechanisms",
    /// "Connection kinds") — their code × transcript counts pooled, as <see cref="Overall"/> pools all.
    /// </summary>
    public IReadOnlyList<CodeGroupAgreement> ByGroup { get; init; } = [];

    /// <summary>The 95 % bootstrap interval of the overall α over transcripts (<see cref="AlphaBootstrap"/>); null when not computed or fewer than two transcripts.</summary>
    public BootstrapInterval? AlphaInterval { get; init; }

    /// <summary>Krippendorff's unitizing α family (ATLAS.ti's α-binary, cu-α and Cu-α) on the same codings.</summary>
    public UnitizingAgreementResult? Unitizing { get; init; }

    /// <summary>
    /// Where the two coders differ: each stretch of a transcript that one of them coded with a code
    /// and the other did not, by code, transcript and position — the comparison read side by side.
    /// </summary>
    public IReadOnlyList<Disagreement> Disagreements { get; init; } = [];

    /// <summary>This result with the bootstrap intervals of α (overall and per code) filled in.</summary>
    public AgreementResult WithAlphaIntervals(int replicates = AlphaBootstrap.DefaultReplicates, int seed = AlphaBootstrap.DefaultSeed)
    {
        var (overall, byCode) = AlphaBootstrap.Compute(this, replicates, seed);
        return this with
        {
            ByCode = ByCode.Select(c => c with { AlphaInterval = byCode.GetValueOrDefault(c.CodeId) }).ToList(),
            AlphaInterval = overall,
        };
    }
}

/// <summary>
/// A stretch [<paramref name="Start"/>, <paramref name="End"/>) of a transcript (UTF-16 offsets in its
/// stored text) that <paramref name="CodedBy"/> coded with the code and the other coder did not.
/// </summary>
public sealed record Disagreement(Guid CodeId, string CodePath, Guid SourceId, string SourceName, int Start, int End, string CodedBy, string Text);

/// <summary>Agreement pooled over the codes of one code group (a top-level code and every code under it).</summary>
public sealed record CodeGroupAgreement(string Group, int Codes, AgreementMeasures Measures);

public static class InterCoderAgreement
{
    /// <summary>
    /// Compares two coders' codings character by character over the whole text of each source,
    /// uncoded text included (NVivo's method, see <see cref="AgreementMeasures.From"/>). The sources
    /// compared are those either coder coded anything in; the codes compared are those either coder
    /// applied anywhere (optionally only <paramref name="codes"/>). Each code × source pair is one
    /// comparison over the source's characters; per-code, per-source and overall figures pool the
    /// character counts of their pairs (a size-weighted aggregate, so long transcripts weigh more).
    /// </summary>
    public static AgreementResult Compute(QualitativeProject project, string coderA, string coderB, IReadOnlyCollection<Guid>? codes = null)
    {
        if (coderA == coderB) throw new ArgumentException("Compare two different coders.");
        var relevant = project.Codings.Where(c => (c.Coder == coderA || c.Coder == coderB) && (codes is null || codes.Contains(c.CodeId))).ToList();
        var sourceIds = relevant.Select(c => c.SourceId).ToHashSet();
        var sources = project.Sources.Where(s => sourceIds.Contains(s.Id) && s.Text.Length > 0).ToList();
        var codeIds = relevant.Select(c => c.CodeId).ToHashSet();
        var book = project.Codebook;
        var codeList = book.Codes.Where(c => codeIds.Contains(c.Id)).ToList();
        var spans = relevant.ToLookup(c => (c.CodeId, c.SourceId, c.Coder), c => c.Span);

        var pairs = new List<(Code Code, Source Source, long N, long A, long B, long AB)>();
        var differences = new List<Disagreement>();
        foreach (var code in codeList)
            foreach (var s in sources)
            {
                var a = Union(spans[(code.Id, s.Id, coderA)]);
                var b = Union(spans[(code.Id, s.Id, coderB)]);
                pairs.Add((code, s, s.Text.Length, Total(a), Total(b), Intersection(a, b)));
                foreach (var (start, end, byA) in Difference(a, b))
                    differences.Add(new Disagreement(code.Id, book.PathText(code.Id), s.Id, s.Name, start, end, byA ? coderA : coderB, s.Text[start..end]));
            }

        static AgreementMeasures Pool(IEnumerable<(Code, Source, long N, long A, long B, long AB)> xs)
        {
            long n = 0, a = 0, b = 0, ab = 0;
            foreach (var x in xs) { n += x.N; a += x.A; b += x.B; ab += x.AB; }
            return AgreementMeasures.From(n, a, b, ab);
        }

        return new AgreementResult(coderA, coderB, codeList.Count, sources.Count,
            pairs.Select(p => new CodeSourceAgreement(p.Code.Id, book.PathText(p.Code.Id), p.Source.Id, p.Source.Name, AgreementMeasures.From(p.N, p.A, p.B, p.AB))).ToList(),
            codeList.Select(c => new CodeAgreement(c.Id, book.PathText(c.Id), Pool(pairs.Where(p => p.Code.Id == c.Id)))).ToList(),
            sources.Select(s => new SourceAgreement(s.Id, s.Name, Pool(pairs.Where(p => p.Source.Id == s.Id)))).ToList(),
            pairs.Count == 0 ? null : Pool(pairs))
        {
            ByGroup = codeList.GroupBy(c => GroupOf(book, c.Id), StringComparer.Ordinal)
                .Select(g => new CodeGroupAgreement(g.Key, g.Count(), Pool(pairs.Where(p => g.Any(c => c.Id == p.Code.Id))))).ToList(),
            Unitizing = UnitizingAgreement.Compute(project, [coderA, coderB], codes),
            Disagreements = differences.OrderBy(d => d.CodePath, StringComparer.Ordinal).ThenBy(d => d.SourceName, StringComparer.Ordinal).ThenBy(d => d.Start).ToList(),
        };
    }

    /// <summary>The code group of a code: the first step of its path ("Mechanisms" for "Mechanisms/Learning").</summary>
    public static string GroupOf(Codebook book, Guid code)
    {
        ArgumentNullException.ThrowIfNull(book);
        var path = book.PathText(code);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>Sorted, non-overlapping intervals covering the same characters.</summary>
    internal static List<(int Start, int End)> Union(IEnumerable<TextSpan> spans)
    {
        var result = new List<(int Start, int End)>();
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            if (result.Count > 0 && s.Start <= result[^1].End)
                result[^1] = (result[^1].Start, Math.Max(result[^1].End, s.End));
            else
                result.Add((s.Start, s.End));
        }
        return result;
    }

    /// <summary>
    /// The symmetric difference of two sorted, disjoint interval lists: the stretches covered by
    /// exactly one of them, with whose they are (true: <paramref name="a"/>'s). Adjacent stretches of
    /// the same side are one stretch.
    /// </summary>
    internal static List<(int Start, int End, bool InA)> Difference(List<(int Start, int End)> a, List<(int Start, int End)> b)
    {
        var points = a.SelectMany(x => new[] { x.Start, x.End }).Concat(b.SelectMany(x => new[] { x.Start, x.End })).Distinct().Order().ToList();
        var result = new List<(int Start, int End, bool InA)>();
        int i = 0, j = 0;
        for (var k = 0; k + 1 < points.Count; k++)
        {
            var (lo, hi) = (points[k], points[k + 1]);
            while (i < a.Count && a[i].End <= lo) i++;
            while (j < b.Count && b[j].End <= lo) j++;
            var inA = i < a.Count && a[i].Start <= lo;
            var inB = j < b.Count && b[j].Start <= lo;
            if (inA == inB) continue;
            if (result.Count > 0 && result[^1].End == lo && result[^1].InA == inA) result[^1] = (result[^1].Start, hi, inA);
            else result.Add((lo, hi, inA));
        }
        return result;
    }

    private static long Total(List<(int Start, int End)> xs) => xs.Sum(x => (long)(x.End - x.Start));

    private static long Intersection(List<(int Start, int End)> a, List<(int Start, int End)> b)
    {
        long total = 0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var lo = Math.Max(a[i].Start, b[j].Start);
            var hi = Math.Min(a[i].End, b[j].End);
            if (hi > lo) total += hi - lo;
            if (a[i].End < b[j].End) i++; else j++;
        }
        return total;
    }
}
