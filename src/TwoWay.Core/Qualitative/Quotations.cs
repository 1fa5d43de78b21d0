using TwoWay.Domain;

namespace TwoWay.Qualitative;

/// <summary>Which codings to look at. Null means "any".</summary>
public sealed record QuotationFilter(FirmId? Case = null, int? Round = null, string? Coder = null)
{
    public static QuotationFilter All { get; } = new();

    public bool Admits(Source source, Coding coding) =>
        (Case is null || source.Case == Case) &&
        (Round is null || source.Round == Round) &&
        (Coder is null || string.Equals(coding.Coder, Coder, StringComparison.Ordinal));
}

/// <summary>A coded passage with everything a reader needs to place it.</summary>
public sealed record Quotation(
    Guid CodingId, Guid CodeId, string CodePath, Guid SourceId, string SourceName, string? Case, int? Round,
    string? Respondent, string Coder, int Start, int End, string Text, string? Memo)
{
    /// <summary>The quotation as interview evidence for an operation or connection in the case model.</summary>
    public Evidence ToEvidence() =>
        new(EvidenceKind.Interview, $"{SourceName} [{Start}–{End}] coding {CodingId}", Round, Text);
}

/// <summary>Result of a retrieval: the quotations for a code, in source order then position.</summary>
public sealed record QuotationList(Guid CodeId, string CodePath, bool IncludesSubcodes, QuotationFilter Filter, IReadOnlyList<Quotation> Quotations);

public static class Quotations
{
    /// <summary>
    /// All quotations coded with <paramref name="codeId"/> (and, if asked, with any code below it),
    /// optionally only for one case, round or coder.
    /// </summary>
    public static QuotationList For(QualitativeProject project, Guid codeId, QuotationFilter? filter = null, bool includeSubcodes = false)
    {
        filter ??= QuotationFilter.All;
        var book = project.Codebook;
        var path = book.PathText(codeId);
        var codes = includeSubcodes ? book.SelfAndDescendants(codeId).ToHashSet() : [codeId];
        var sourceIndex = project.Sources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var list = project.Codings
            .Where(c => codes.Contains(c.CodeId))
            .Select(c => (Coding: c, Source: project.Source(c.SourceId)))
            .Where(x => filter.Admits(x.Source, x.Coding))
            .OrderBy(x => sourceIndex[x.Source.Id]).ThenBy(x => x.Coding.Span).ThenBy(x => x.Coding.Coder, StringComparer.Ordinal)
            .Select(x => Of(book, x.Source, x.Coding))
            .ToList();
        return new QuotationList(codeId, path, includeSubcodes, filter, list);
    }

    /// <summary>Every quotation of every code (optionally one case, round or coder), in transcript order: <c>quotes STUDY</c> without a code.</summary>
    public static QuotationList All(QualitativeProject project, QuotationFilter? filter = null)
    {
        filter ??= QuotationFilter.All;
        var book = project.Codebook;
        var sourceIndex = project.Sources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var list = project.Codings
            .Select(c => (Coding: c, Source: project.Source(c.SourceId)))
            .Where(x => filter.Admits(x.Source, x.Coding))
            .OrderBy(x => sourceIndex[x.Source.Id]).ThenBy(x => x.Coding.Span).ThenBy(x => book.PathText(x.Coding.CodeId), StringComparer.Ordinal)
            .ThenBy(x => x.Coding.Coder, StringComparer.Ordinal)
            .Select(x => Of(book, x.Source, x.Coding))
            .ToList();
        return new QuotationList(Guid.Empty, "(all codes)", true, filter, list);
    }

    public static Quotation Of(Codebook book, Source source, Coding c) =>
        new(c.Id, c.CodeId, book.PathText(c.CodeId), source.Id, source.Name, source.Case?.Value, source.Round,
            source.Respondent?.Pseudonym, c.Coder, c.Span.Start, c.Span.End, c.Span.Of(source.Text), c.Memo);
}
