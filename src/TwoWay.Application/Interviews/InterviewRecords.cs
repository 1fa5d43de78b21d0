using System.Text.Json.Serialization;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Application.Interviews;

// Requests of the interview workbench (InterviewWorkbench) and the results it returns. The results
// are the public JSON of `twoway sources|codes|memos|code|qdpx|qdc … --json` (docs/json.md,
// "Qualitative commands"); retrievals and analyses return the records of the core
// (QuotationList, CodeCaseMatrixResult, CoOccurrenceResult, AgreementResult, SearchResult).
// Sources and codes are named as the user gives them: a transcript's name or id, a code's path or GUID.

/// <summary>
/// A transcript to add: the file (.txt, .md, .docx) and what is known about the interview (the date
/// as YYYY-MM-DD, the language as a tag such as "en"; give role and pseudonym together).
/// </summary>
public sealed record AddSourceRequest(string File, string? Name = null, string? Case = null, int? Round = null, string? Role = null,
    string? Pseudonym = null, string? Date = null, string? Language = null);

/// <summary><c>sources add</c>: the new transcript.</summary>
public sealed record SourceAdded(Guid SourceId, string Name, int Characters);

/// <summary>A transcript to remove; a coded one (or one with memos) only with <paramref name="Force"/>.</summary>
public sealed record RemoveSourceRequest(string Source, bool Force = false);

/// <summary><c>sources remove</c>: what was removed with the transcript.</summary>
public sealed record SourceRemoved(Guid SourceId, string Name, int Codings, int Memos, int EvidenceLinks);

/// <summary><c>sources list</c>.</summary>
public sealed record SourceList(IReadOnlyList<SourceRow> Sources);

/// <summary>One transcript of <see cref="SourceList"/>.</summary>
public sealed record SourceRow(Guid SourceId, string Name, string? Case, int? Round, string? Role, string? Pseudonym, DateOnly? Date,
    string? Language, int Characters, int Codings);

/// <summary><c>codes list</c>, ordered by path.</summary>
public sealed record CodeList(IReadOnlyList<CodeRow> Codes);

/// <summary>
/// One code of <see cref="CodeList"/> (colour as #RRGGBB). <c>Version</c> is the stored row's version:
/// send it back as the expected version of a rename, move or merge to have an edit made from an
/// outdated view refused. It is not part of the CLI's JSON (docs/json.md).
/// </summary>
public sealed record CodeRow(Guid CodeId, string Path, string Name, Guid? ParentId, bool Codable, string? Colour, string? Description, int Codings,
    [property: JsonIgnore] long Version);

/// <summary>
/// A new code by its path, e.g. "Mechanisms/Learning" (the parent must exist); colour as #RRGGBB;
/// a group is not codable: it only groups others.
/// </summary>
public sealed record AddCodeRequest(string Path, string? Description = null, string? Colour = null, bool Group = false);

/// <summary>Renames a code (path or GUID); with <paramref name="ExpectedVersion"/>, only if the code is unchanged since that version.</summary>
public sealed record RenameCodeRequest(string Code, string NewName, long? ExpectedVersion = null);

/// <summary>Moves a code under <paramref name="To"/> (path or GUID), or to the top when null.</summary>
public sealed record MoveCodeRequest(string Code, string? To, long? ExpectedVersion = null);

/// <summary>
/// Merges <paramref name="From"/> into <paramref name="Into"/>: codings and subcodes move, <paramref name="From"/> is removed.
/// The expected versions are those of <paramref name="From"/> and <paramref name="Into"/> the decision was made on.
/// </summary>
public sealed record MergeCodesRequest(string From, string Into, long? ExpectedVersion = null, long? ExpectedIntoVersion = null);

/// <summary><c>codes add</c>, <c>rename</c>, <c>move</c>: the code and its path now.</summary>
public sealed record CodePlaced(Guid CodeId, string Path)
{
    /// <summary><c>codes add</c>: the parents that did not exist and were created on the way, top first.</summary>
    public IReadOnlyList<string> CreatedParents { get; init; } = [];
}

/// <summary><c>codes merge</c>: the merged code, its codings now, and the code removed.</summary>
public sealed record CodesMerged(Guid CodeId, string Path, int Codings, Guid RemovedCodeId);

/// <summary><c>codes starter</c>.</summary>
public sealed record StarterCodebookAdded(int Added, int AlreadyThere);

/// <summary>A memo on a code (path or GUID), a transcript (name or id), a case (firm id) or, with none of them, the project.</summary>
public sealed record AddMemoRequest(string Text, string? Code = null, string? Source = null, string? Case = null, string? Author = null);

/// <summary><c>memos add</c>.</summary>
public sealed record MemoAdded(Guid MemoId, MemoTarget Target, string TargetId);

/// <summary><c>memos list</c>.</summary>
public sealed record MemoList(IReadOnlyList<MemoRow> Memos);

/// <summary>One memo of <see cref="MemoList"/>; <paramref name="About"/> is the code's path, the transcript's name or the firm id.</summary>
public sealed record MemoRow(Guid MemoId, MemoTarget Target, string TargetId, string About, string? Author, string Text);

/// <summary>
/// Codes a passage of a transcript: give exactly one of <paramref name="Span"/> ("START-END", UTF-16
/// indices, end exclusive) or <paramref name="Phrase"/> (an exact phrase that occurs once).
/// </summary>
public sealed record CodePassageRequest(string Source, string Code, string Coder, string? Span = null, string? Phrase = null, string? Memo = null);

/// <summary>
/// Edits a coding (<c>code edit</c>): its id or a unique prefix of it, then what changes — a new
/// span (<paramref name="Span"/> "START-END" or <paramref name="Phrase"/>), another code, a new memo
/// (empty text removes it). <paramref name="Version"/>, when given, is the row version the caller
/// saw: an edit made from an older view is refused as a conflict. <paramref name="Text"/>, with a
/// span, is the text the screen showed there: the edit is refused when the stored text differs.
/// </summary>
public sealed record EditCodingRequest(string Coding, string? Span = null, string? Phrase = null, string? Code = null, string? Memo = null, long? Version = null,
    string? Text = null);

/// <summary>
/// Removes a coding (<c>code remove</c>). A coding that is evidence for operations or connections is
/// removed only with <paramref name="Force"/>, its links with it.
/// </summary>
public sealed record RemoveCodingRequest(string Coding, bool Force = false, long? Version = null);

/// <summary>What <c>code remove</c> removed: the quotation as it was, and the evidence links removed with it.</summary>
public sealed record CodingRemoved(Quotation Quotation, IReadOnlyList<string> UnlinkedEvidence);

/// <summary>
/// The quotations of a code (path or GUID), optionally by case, round or coder. <paramref name="Xlsx"/>
/// and <paramref name="Html"/> also write them as an XLSX workbook and a self-contained HTML page.
/// </summary>
public sealed record QuotesRequest(string? Code, string? Case = null, int? Round = null, string? Coder = null, bool Subcodes = false,
    string? Xlsx = null, string? Html = null, bool Force = false);

/// <summary>The code × case matrix, with <paramref name="Quotes"/> the framework matrix with quotations.</summary>
public sealed record MatrixRequest(int? Round = null, bool Quotes = false, string? Coder = null);

/// <summary>Pairs of codes applied to overlapping passages.</summary>
public sealed record CoOccurrenceRequest(int? Round = null, string? Coder = null);

/// <summary>Inter-coder agreement of two different coders.</summary>
public sealed record AgreementRequest(string CoderA, string CoderB);

/// <summary>Full-text search; at most <paramref name="Limit"/> hits are listed.</summary>
public sealed record SearchRequest(string Phrase, int Limit = 50);

/// <summary>
/// Imports a .qdpx into the study's workbench, which must be empty unless <paramref name="Replace"/>.
/// <paramref name="Offsets"/>: utf16, crlf_as_one or code_points (default: guessed from the exporting tool).
/// </summary>
public sealed record QdpxImportRequest(string File, bool Replace = false, string? Offsets = null);

/// <summary><c>qdpx import</c>: what was imported and every repair made.</summary>
public sealed record QdpxImported(string File, string? Origin, OffsetConvention Offsets, int Sources, int Codes, int Codings, int Memos,
    IReadOnlyList<string> Repairs);

/// <summary>Writes the workbench (or, for .qdc, the codebook) to <paramref name="File"/>.</summary>
public sealed record RefiExportRequest(string File, bool Force = false);

/// <summary><c>qdpx export</c>.</summary>
public sealed record QdpxExported(string File, int Sources, int Codes, int Codings);

/// <summary>Merges a .qdc codebook into the study's codebook (codes matched by GUID or path).</summary>
public sealed record QdcImportRequest(string File);

/// <summary><c>qdc import</c>.</summary>
public sealed record QdcImported(string File, string? Origin, int MatchedByGuid, int MatchedByPath, int Added, IReadOnlyList<string> Repairs);

/// <summary><c>qdc export</c>.</summary>
public sealed record QdcExported(string File, int Codes);

/// <summary><c>coders</c>: one row per coder.</summary>
public sealed record CoderList(IReadOnlyList<CoderRow> Coders);

/// <summary>A coder's codings, the transcripts and the codes they touch.</summary>
public sealed record CoderRow(string Coder, int Codings, int Sources, int Codes);

/// <summary>A transcript (name or id) for the coding screen; with <paramref name="OnlyCoder"/>, only that coder's codings (blind mode).</summary>
public sealed record TranscriptRequest(string Source, string? OnlyCoder = null);

/// <summary>
/// A transcript as the coding screen shows it: what is known about it, the stored text, its codings
/// in text order, the text cut at every coding boundary (<see cref="CodedSegment"/>), and the coders shown.
/// </summary>
public sealed record TranscriptView(SourceRow Source, string Text, IReadOnlyList<TranscriptCoding> Codings, IReadOnlyList<CodedSegment> Segments,
    IReadOnlyList<string> Coders);

/// <summary>One coding of a <see cref="TranscriptView"/>, with the stored row's version to send back with an edit.</summary>
public sealed record TranscriptCoding(Guid CodingId, Guid CodeId, string CodePath, string? Colour, string Coder, int Start, int End, string Text,
    string? Memo, long Version);

/// <summary>
/// A selection [<paramref name="Start"/>, <paramref name="End"/>) of a transcript (UTF-16 units over the
/// stored text) to code with each of <paramref name="Codes"/> (paths or GUIDs); <paramref name="Text"/>
/// is the text the screen showed there, checked against the stored text.
/// </summary>
public sealed record CodeSelectionRequest(string Source, int Start, int End, string? Text, IReadOnlyList<string> Codes, string Coder, string? Memo = null);
