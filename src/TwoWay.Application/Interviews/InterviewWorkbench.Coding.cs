using System.Globalization;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Reports.Html;
using TableWriter = TwoWay.Interchange.Tables.TableWriter;

namespace TwoWay.Application.Interviews;

// Coding and everything that reads codings: quotations, matrix, co-occurrence, agreement, search.
public sealed partial class InterviewWorkbench
{
    /// <summary><c>code</c>: codes a span (or the one occurrence of a phrase) of a transcript; returns the new quotation.</summary>
    public Task<Quotation> CodeAsync(CodePassageRequest request, CancellationToken ct = default)
    {
        if ((request.Span is null) == (request.Phrase is null)) throw new InputException("code", null, "span", "give exactly one of a span or a phrase");
        if (string.IsNullOrWhiteSpace(request.Coder)) throw new InputException("code", null, "coder", "give the coder's name");
        return EditAsync(s =>
        {
            var p = s.Project;
            var source = WorkbenchLookup.FindSource(p, request.Source);
            var code = WorkbenchLookup.FindCode(p, request.Code);
            var span = request.Phrase is not null ? TextSearch.LocateUnique(source.Text, request.Phrase, source.Name) : ParseSpan(request.Span!, source.Name);
            var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, span, request.Coder, request.Memo);
            var result = p.AddCoding(coding);
            return (result, Quotations.Of(result.Codebook, source, coding));
        }, ct);
    }

    /// <summary><c>code edit</c>: moves a coding's boundaries, recodes it or changes its memo, with the checks of <c>code</c>.</summary>
    public Task<Quotation> EditCodingAsync(EditCodingRequest request, CancellationToken ct = default)
    {
        if (request.Span is not null && request.Phrase is not null) throw new InputException("code edit", null, "span", "give at most one of a span or a phrase");
        if (request.Span is null && request.Phrase is null && request.Code is null && request.Memo is null)
            throw new InputException("code edit", null, "coding", "nothing to change: give --span, --phrase, --code or --memo");
        return EditAsync(s =>
        {
            var p = s.Project;
            var old = CodingIds.Find(p.Codings, request.Coding, "code edit");
            s.Expect(old.Id, request.Version, $"coding {CodingIds.Short(old.Id)}");
            var source = p.Source(old.SourceId);
            var span = request.Phrase is not null ? TextSearch.LocateUnique(source.Text, request.Phrase, source.Name)
                : request.Span is not null ? ParseSpan(request.Span, source.Name) : old.Span;
            if (request.Span is not null) CheckedSelection(source, span.Start, span.End, request.Text);
            var code = request.Code is not null ? WorkbenchLookup.FindCode(p, request.Code).Id : old.CodeId;
            var memo = request.Memo is null ? old.Memo : string.IsNullOrWhiteSpace(request.Memo) ? null : request.Memo;
            var edited = new Coding(old.Id, old.SourceId, code, span, old.Coder, memo);
            if (edited == old) return (null, Quotations.Of(p.Codebook, source, old));
            var result = p.ReplaceCoding(edited);
            return (result, Quotations.Of(result.Codebook, source, edited));
        }, ct);
    }

    /// <summary><c>code remove</c>: removes a coding (and, with force, the evidence links resting on it).</summary>
    public Task<CodingRemoved> RemoveCodingAsync(RemoveCodingRequest request, CancellationToken ct = default) =>
        EditAsync(s =>
        {
            var p = s.Project;
            var old = CodingIds.Find(p.Codings, request.Coding, "code remove");
            s.Expect(old.Id, request.Version, $"coding {CodingIds.Short(old.Id)}");
            var links = s.Links.Where(l => l.CodingId == old.Id).Select(l => $"{l.Target.Kind} {l.Target}").ToList();
            if (links.Count > 0 && !request.Force)
                throw new InputException("code remove", null, "coding",
                    $"coding {CodingIds.Short(old.Id)} is evidence for {string.Join(", ", links)}; pass --force to remove it and those links, or unlink them first");
            return (p.RemoveCoding(old.Id), new CodingRemoved(Quotations.Of(p.Codebook, p.Source(old.SourceId), old), links));
        }, ct, unlinkLostEvidence: request.Force);

    private static TextSpan ParseSpan(string text, string sourceName)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b))
            throw new InputException(sourceName, null, "span", $"'{text}' is not START-END");
        try { return new TextSpan(a, b); }
        catch (ArgumentException e) { throw new InputException(sourceName, null, "span", e.Message.Split(" (Parameter")[0]); }
    }

    /// <summary>
    /// <c>quotes</c>: the quotations of a code in transcript order, then position; also written as an
    /// XLSX workbook and an HTML page when the request names files.
    /// </summary>
    public async Task<QuotationList> QuotesAsync(QuotesRequest request, CancellationToken ct = default)
    {
        var list = await ReadAsync(s =>
        {
            if (request.Case is not null && !FirmId.IsValid(request.Case)) throw new InputException("quotes", null, "case", $"'{request.Case}' is not a firm id");
            var filter = new QuotationFilter(request.Case is null ? null : new FirmId(request.Case), request.Round, request.Coder);
            if (request.Code is null) return Quotations.All(s.Project, filter);
            var code = WorkbenchLookup.FindCode(s.Project, request.Code);
            return Quotations.For(s.Project, code.Id, filter, request.Subcodes);
        }, ct);
        var inputs = Files.ProtectedFile.Study(studyLocation);
        foreach (var (path, option) in new[] { (request.Xlsx, "--xlsx"), (request.Html, "--html") })
            if (path is not null) Files.OutputFile.Check(path, option, request.Force, inputs);
        if (request.Xlsx is not null)
            Files.OutputFile.Write(request.Xlsx, temp => TableWriter.WriteWorkbook(temp, [new TableWriter.Sheet("Quotations",
                ["case", "round", "respondent", "source", "start", "end", "code", "coder", "quotation", "memo", "coding_id"],
                list.Quotations.Select(q => (IReadOnlyList<string?>)[q.Case, q.Round?.ToString(CultureInfo.InvariantCulture), q.Respondent, q.SourceName,
                    q.Start.ToString(CultureInfo.InvariantCulture), q.End.ToString(CultureInfo.InvariantCulture), q.CodePath, q.Coder, q.Text, q.Memo,
                    q.CodingId.ToString()]))]), "--xlsx", request.Force, inputs);
        if (request.Html is not null) Files.OutputFile.WriteText(request.Html, QuotationsPage.Render(list), "--html", request.Force, inputs);
        return list;
    }

    /// <summary><c>matrix</c>: codings per code and case (with quotations on request).</summary>
    public Task<CodeCaseMatrixResult> MatrixAsync(MatrixRequest request, CancellationToken ct = default) =>
        ReadAsync(s =>
        {
            if (request.Coder is { } coder && !s.Project.Codings.Any(c => c.Coder == coder))
                throw new InputException("matrix", null, "coder", $"no codings by '{coder}'; coders: {string.Join(", ", s.Project.Codings.Select(c => c.Coder).Distinct().Order(StringComparer.Ordinal))}");
            return CodeCaseMatrix.Compute(s.Project, request.Round, request.Quotes, request.Coder) with
            {
                Coders = s.Project.Codings.Where(c => request.Coder is null || c.Coder == request.Coder).Select(c => c.Coder).Distinct().Order(StringComparer.Ordinal).ToList(),
            };
        }, ct);

    /// <summary><c>cooccurrence</c>: pairs of codes applied to overlapping passages.</summary>
    public Task<CoOccurrenceResult> CoOccurrenceAsync(CoOccurrenceRequest request, CancellationToken ct = default) =>
        ReadAsync(s => CoOccurrence.Compute(s.Project, request.Round, request.Coder), ct);

    /// <summary><c>agreement</c>: inter-coder agreement of two coders who both have codings.</summary>
    public Task<AgreementResult> AgreementAsync(AgreementRequest request, CancellationToken ct = default)
    {
        if (request.CoderA == request.CoderB) throw new InputException("agreement", null, "coder", "compare two different coders");
        return ReadAsync(s =>
        {
            var coders = s.Project.Codings.Select(c => c.Coder).ToHashSet();
            foreach (var c in new[] { request.CoderA, request.CoderB }.Where(c => !coders.Contains(c)))
                throw new InputException("agreement", null, "coder", $"'{c}' has no codings in this study");
            return InterCoderAgreement.Compute(s.Project, request.CoderA, request.CoderB).WithAlphaIntervals();
        }, ct);
    }

    /// <summary><c>coders</c>: everyone who coded, with their codings and transcripts.</summary>
    public Task<CoderList> CodersAsync(CancellationToken ct = default) =>
        ReadAsync(s => new CoderList(s.Project.Codings.GroupBy(c => c.Coder)
            .Select(g => new CoderRow(g.Key, g.Count(), g.Select(c => c.SourceId).Distinct().Count(), g.Select(c => c.CodeId).Distinct().Count()))
            .OrderBy(r => r.Coder, StringComparer.Ordinal).ToList()), ct);

    /// <summary><c>agreement</c> with three or more coders: Fleiss' κ and Krippendorff's α per code and pooled.</summary>
    public Task<TeamAgreementResult> TeamAgreementAsync(IReadOnlyList<string> coders, CancellationToken ct = default)
    {
        if (coders.Count < 2 || coders.Distinct().Count() != coders.Count) throw new InputException("agreement", null, "coder", "compare at least two different coders");
        return ReadAsync(s =>
        {
            var known = s.Project.Codings.Select(c => c.Coder).ToHashSet();
            foreach (var c in coders.Where(c => !known.Contains(c)))
                throw new InputException("agreement", null, "coder", $"'{c}' has no codings in this study{DidYouMean.Hint(c, known)}");
            return TeamAgreement.Compute(s.Project, coders);
        }, ct);
    }

    /// <summary><c>search</c>: case-insensitive full-text search across the transcripts.</summary>
    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct = default) =>
        ReadAsync(s => string.IsNullOrWhiteSpace(request.Phrase)
            ? throw new InputException("search", null, "phrase", "search for a non-empty phrase")
            : TextSearch.Find(s.Project, request.Phrase, limit: request.Limit), ct);
}
