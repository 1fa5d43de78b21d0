using TwoWay.Input;
using TwoWay.Qualitative;

namespace TwoWay.Application.Interviews;

// The coding screen's use cases: one transcript with its codings, and coding a selection.
public sealed partial class InterviewWorkbench
{
    /// <summary>
    /// One transcript as the coding screen shows it: the stored text, its codings (only
    /// <see cref="TranscriptRequest.OnlyCoder"/>'s in blind mode, so another coder's work never
    /// leaves the server) and the text cut into segments at every coding boundary.
    /// </summary>
    public Task<TranscriptView> TranscriptAsync(TranscriptRequest request, CancellationToken ct = default) =>
        ReadAsync(s =>
        {
            var p = s.Project;
            var source = WorkbenchLookup.FindSource(p, request.Source);
            var book = p.Codebook;
            var codings = p.CodingsOf(source.Id)
                .Where(c => request.OnlyCoder is null || string.Equals(c.Coder, request.OnlyCoder, StringComparison.Ordinal))
                .OrderBy(c => c.Span).ThenBy(c => c.Coder, StringComparer.Ordinal)
                .Select(c => new TranscriptCoding(c.Id, c.CodeId, book.PathText(c.CodeId), book.Find(c.CodeId)?.Colour?.Hex, c.Coder,
                    c.Span.Start, c.Span.End, c.Span.Of(source.Text), c.Memo, s.VersionOf(c.Id)))
                .ToList();
            var coders = p.CodingsOf(source.Id).Select(c => c.Coder).Distinct().Order(StringComparer.Ordinal).ToList();
            var row = new SourceRow(source.Id, source.Name, source.Case?.Value, source.Round, source.Respondent?.Role, source.Respondent?.Pseudonym,
                source.Date, source.Language, source.Text.Length, p.CodingsOf(source.Id).Count());
            return new TranscriptView(row, source.Text, codings, CodedSegments.Of(source.Text.Length, codings.Select(c => (c.CodingId, new TextSpan(c.Start, c.End)))),
                request.OnlyCoder is null ? coders : [.. coders.Where(c => c == request.OnlyCoder)]);
        }, ct);

    /// <summary>
    /// Codes a selection made on screen with one or more codes, all or nothing. The selection is
    /// checked against the stored text: within it, not splitting a character, and its text equal to
    /// what the screen showed (so a selection made on an outdated or mis-rendered page is refused).
    /// </summary>
    public Task<IReadOnlyList<Quotation>> CodeSelectionAsync(CodeSelectionRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Coder)) throw new InputException("code", null, "coder", "give the coder's name");
        if (request.Codes.Count == 0) throw new InputException("code", null, "code", "choose at least one code");
        return EditAsync(s =>
        {
            var p = s.Project;
            var source = WorkbenchLookup.FindSource(p, request.Source);
            var span = CheckedSelection(source, request.Start, request.End, request.Text);
            var codings = request.Codes.Distinct(StringComparer.Ordinal)
                .Select(code => new Coding(Guid.NewGuid(), source.Id, WorkbenchLookup.FindCode(p, code).Id, span, request.Coder,
                    string.IsNullOrWhiteSpace(request.Memo) ? null : request.Memo))
                .ToList();
            var edited = p.AddCodings(codings);
            return (edited, (IReadOnlyList<Quotation>)codings.Select(c => Quotations.Of(edited.Codebook, source, c)).ToList());
        }, ct);
    }

    /// <summary>The selection [start, end) of a source as a span, refused with the reason when it does not match the stored text.</summary>
    internal static TextSpan CheckedSelection(Source source, int start, int end, string? expectedText)
    {
        if (start < 0 || end > source.Text.Length || end <= start)
            throw new InputException(source.Name, null, "span", $"the selection {start}–{end} is not within the text (0–{source.Text.Length})");
        var span = new TextSpan(start, end);
        if (span.SplitsSurrogatePair(source.Text))
            throw new InputException(source.Name, null, "span", $"the selection {start}–{end} splits a character in two (inside a surrogate pair, e.g. an emoji)");
        if (expectedText is not null && !string.Equals(span.Of(source.Text), expectedText, StringComparison.Ordinal))
            throw new InputException(source.Name, null, "text", $"the selected text does not match the stored text at {start}–{end}; reload the transcript and select again");
        return span;
    }
}
