namespace TwoWay.Qualitative;

/// <summary>One code's binary unitizing α (ATLAS.ti's α-binary).</summary>
public sealed record CodeUnitizing(Guid CodeId, string CodePath, UnitizingMeasures Binary);

/// <summary>
/// One code group (a top-level code and every code under it, ATLAS.ti's semantic domain): its codes'
/// binary α pooled (Σ D_o / Σ D_e) and the coding-only cuα with the group's codes as the values.
/// </summary>
public sealed record CodeGroupUnitizing(string Group, int Codes, UnitizingMeasures Binary, CodingOnlyAlpha CodingOnly);

/// <summary>
/// Krippendorff's unitizing α family for two or more coders over the transcripts they coded, one
/// continuum of transcripts end to end: per code, per code group and overall (binary α pooled over
/// every code; Cuα with the code groups as the values).
/// </summary>
public sealed record UnitizingAgreementResult(long Characters, IReadOnlyList<CodeUnitizing> ByCode, IReadOnlyList<CodeGroupUnitizing> ByGroup,
    UnitizingMeasures? Binary, CodingOnlyAlpha GroupsCodingOnly);

public static class UnitizingAgreement
{
    /// <summary>
    /// Each coder's codings are their units: per code for the binary α and cuα (codings of a code by
    /// one coder that overlap are one unit), per code group for Cuα (a coder's codings of a group's
    /// codes that overlap are one unit of that group). The transcripts compared are those any of the
    /// coders coded; the codes, those any applied (optionally only <paramref name="codes"/>).
    /// </summary>
    public static UnitizingAgreementResult Compute(QualitativeProject project, IReadOnlyList<string> coders, IReadOnlyCollection<Guid>? codes = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(coders);
        if (coders.Count < 2 || coders.Distinct().Count() != coders.Count) throw new ArgumentException("Compare at least two different coders.", nameof(coders));
        var index = coders.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var relevant = project.Codings.Where(c => index.ContainsKey(c.Coder) && (codes is null || codes.Contains(c.CodeId))).ToList();
        var sourceIds = relevant.Select(c => c.SourceId).ToHashSet();
        var sources = project.Sources.Where(s => sourceIds.Contains(s.Id) && s.Text.Length > 0).ToList();
        var stretchOf = sources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        long[] stretches = [.. sources.Select(s => (long)s.Text.Length)];
        var book = project.Codebook;
        var codeIds = relevant.Select(c => c.CodeId).ToHashSet();
        var codeList = book.Codes.Where(c => codeIds.Contains(c.Id)).ToList();
        var units = relevant.Where(c => stretchOf.ContainsKey(c.SourceId))
            .Select(c => (c.CodeId, Unit: new UnitizedUnit(index[c.Coder], stretchOf[c.SourceId], c.Span.Start, c.Span.End, c.CodeId.ToString())))
            .ToLookup(x => x.CodeId, x => x.Unit);
        if (stretches.Length == 0) return new UnitizingAgreementResult(0, [], [], null, new CodingOnlyAlpha(0, 0, null));

        var byCode = codeList.Select(c => new CodeUnitizing(c.Id, book.PathText(c.Id), UnitizingAlpha.Binary(stretches, coders.Count, units[c.Id]))).ToList();
        var groups = codeList.GroupBy(c => InterCoderAgreement.GroupOf(book, c.Id), StringComparer.Ordinal).ToList();
        var byGroup = groups.Select(g => new CodeGroupUnitizing(g.Key, g.Count(),
            UnitizingMeasures.Pool(byCode.Where(b => g.Any(c => c.Id == b.CodeId)).Select(b => b.Binary).ToList())!,
            UnitizingAlpha.CodingOnly(g.SelectMany(c => units[c.Id])))).ToList();
        // Cuα: a coder's codings of one group's codes carry the group as value (overlapping ones become one unit).
        var groupUnits = groups.SelectMany(g => g.SelectMany(c => units[c.Id]).Select(u => u with { Value = g.Key }));
        return new UnitizingAgreementResult(stretches.Sum(), byCode, byGroup, UnitizingMeasures.Pool(byCode.Select(b => b.Binary).ToList()),
            UnitizingAlpha.CodingOnly(groupUnits));
    }
}
