using System.Globalization;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Application.Interviews;

/// <summary>
/// The interview workbench of one study: transcripts, codebook, memos, coding, retrieval, matrices,
/// agreement, search and REFI-QDA exchange. Each use case opens the study for its own unit of work:
/// a reading one reads one consistent snapshot (<see cref="QualitativeStore.SnapshotAsync"/>); an
/// editing one runs its pure edit inside <see cref="QualitativeStore.EditAsync{T}"/> (the writer lock,
/// a fresh read, only changed rows written, one commit), so concurrent edits take turns and none is
/// lost. Files are read before the unit of work begins. Bad input throws <see cref="InputException"/>
/// naming the field, and then nothing is stored; an edit of a code made from an outdated version
/// throws <see cref="EditConflictException"/>.
/// </summary>
/// <param name="studyLocation">The study file or PostgreSQL connection string, as the user gives it.</param>
public sealed partial class InterviewWorkbench(string studyLocation)
{
    private Task<Study> OpenAsync(CancellationToken ct) => Study.OpenAsync(studyLocation, ct);

    private async Task<T> ReadAsync<T>(Func<WorkbenchSnapshot, T> read, CancellationToken ct)
    {
        await using var study = await OpenAsync(ct);
        return read(await QualitativeStore.SnapshotAsync(study, ct));
    }

    private async Task<T> EditAsync<T>(Func<WorkbenchSnapshot, (QualitativeProject? Edited, T Result)> edit, CancellationToken ct,
        bool unlinkLostEvidence = false)
    {
        await using var study = await OpenAsync(ct);
        return (await QualitativeStore.EditAsync(study, edit, unlinkLostEvidence, ct)).Result;
    }

    /// <summary><c>sources add</c>: reads the transcript and stores it with what is known about the interview.</summary>
    public async Task<SourceAdded> AddSourceAsync(AddSourceRequest request, CancellationToken ct = default)
    {
        await using var study = await OpenAsync(ct);
        var file = Path.GetFileName(request.File);
        var text = TranscriptReader.Read(request.File);
        var errors = new InputErrorCollector();
        if (request.Case is not null && !FirmId.IsValid(request.Case)) errors.Add(file, null, "case", $"'{request.Case}' is not a valid firm id");
        if (request.Case is not null && FirmId.IsValid(request.Case) && study.LoadCase(new FirmId(request.Case)) is null)
            errors.Add(file, null, "case", $"firm '{request.Case}' is not in the study{DidYouMean.Hint(request.Case, study.LoadFirms().Select(f => f.Id.Value))}; import it first");
        if (request.Round is < 1) errors.Add(file, null, "round", "rounds are numbered from 1");
        if ((request.Role is null) != (request.Pseudonym is null)) errors.Add(file, null, "respondent", "give both --role and --pseudonym");
        DateOnly? date = null;
        if (request.Date is not null)
        {
            if (DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date = d;
            else errors.Add(file, null, "date", $"'{request.Date}' is not a date YYYY-MM-DD");
        }
        if (request.Language is not null && !Source.IsLanguageTag(request.Language))
            errors.Add(file, null, "language", $"'{request.Language}' is not a language tag such as 'en'");
        errors.ThrowIfAny();
        var source = new Source(Guid.NewGuid(), request.Name ?? Path.GetFileNameWithoutExtension(file), text,
            request.Case is null ? null : new FirmId(request.Case), request.Role is null ? null : new Respondent(request.Role, request.Pseudonym!),
            request.Round, date, request.Language);
        await QualitativeStore.EditAsync(study, s => (s.Project.AddSource(source), 0), unlinkLostEvidence: false, ct);
        return new SourceAdded(source.Id, source.Name, text.Length);
    }

    /// <summary><c>sources list</c>: the transcripts in the order they were added.</summary>
    public Task<SourceList> ListSourcesAsync(CancellationToken ct = default) =>
        ReadAsync(s =>
        {
            var p = s.Project;
            return new SourceList(p.Sources.Select(x => new SourceRow(x.Id, x.Name, x.Case?.Value, x.Round, x.Respondent?.Role,
                x.Respondent?.Pseudonym, x.Date, x.Language, x.Text.Length, p.CodingsOf(x.Id).Count())).ToList());
        }, ct);

    /// <summary>
    /// <c>sources remove</c>: removes a transcript (e.g. when consent is withdrawn); one with codings or
    /// memos only with <see cref="RemoveSourceRequest.Force"/>, which also removes them and the evidence
    /// links of those codings, all in one unit of work.
    /// </summary>
    public async Task<SourceRemoved> RemoveSourceAsync(RemoveSourceRequest request, CancellationToken ct = default)
    {
        await using var study = await OpenAsync(ct);
        var edit = await QualitativeStore.EditAsync(study, s =>
        {
            var p = s.Project;
            var source = WorkbenchLookup.FindSource(p, request.Source);
            var codings = p.CodingsOf(source.Id).Count();
            var result = p.RemoveSource(source.Id);
            var memos = p.Memos.Count - result.Memos.Count;
            if (!request.Force && codings + memos > 0)
                throw new InputException(source.Name, null, "source",
                    $"the transcript has {codings} codings and {memos} memos; pass --force to remove them with it");
            return (result, (source, codings, memos));
        }, unlinkLostEvidence: request.Force, ct);
        var (removed, removedCodings, removedMemos) = edit.Result;
        return new SourceRemoved(removed.Id, removed.Name, removedCodings, removedMemos, edit.UnlinkedEvidence);
    }

    /// <summary><c>memos add</c>.</summary>
    public async Task<MemoAdded> AddMemoAsync(AddMemoRequest request, CancellationToken ct = default)
    {
        if (new[] { request.Code, request.Source, request.Case }.Count(x => x is not null) > 1)
            throw new InputException("memo", null, "target", "give at most one of code, source, case");
        await using var study = await OpenAsync(ct);
        if (string.IsNullOrWhiteSpace(request.Text)) throw new InputException("memo", null, "text", "a memo needs text");
        if (request.Case is { } firm && (!FirmId.IsValid(firm) || study.LoadCase(new FirmId(firm)) is null))
            throw new InputException("memo", null, "case", $"'{firm}' is not a firm of this study");
        var edit = await QualitativeStore.EditAsync(study, s =>
        {
            var p = s.Project;
            var (target, id) =
                request.Code is not null ? (MemoTarget.Code, WorkbenchLookup.FindCode(p, request.Code).Id.ToString()) :
                request.Source is not null ? (MemoTarget.Source, WorkbenchLookup.FindSource(p, request.Source).Id.ToString()) :
                request.Case is not null ? (MemoTarget.Case, request.Case) :
                (MemoTarget.Project, "");
            var memo = new Memo(Guid.NewGuid(), target, id, request.Text, request.Author);
            return (p.AddMemo(memo), new MemoAdded(memo.Id, target, id));
        }, unlinkLostEvidence: false, ct);
        return edit.Result;
    }

    /// <summary><c>memos list</c>: the memos in the order they were written, each with what it is about.</summary>
    public Task<MemoList> ListMemosAsync(CancellationToken ct = default) =>
        ReadAsync(s =>
        {
            var p = s.Project;
            string About(Memo m) => m.Target switch
            {
                MemoTarget.Code when Guid.TryParse(m.TargetId, out var g) && p.Codebook.Contains(g) => p.Codebook.PathText(g),
                MemoTarget.Source when Guid.TryParse(m.TargetId, out var g) && p.FindSource(g) is { } src => src.Name,
                _ => m.TargetId,
            };
            return new MemoList(p.Memos.Select(m => new MemoRow(m.Id, m.Target, m.TargetId, About(m), m.Author, m.Text)).ToList());
        }, ct);

    /// <summary>The demo's fictional interviews from <paramref name="folder"/> (see <see cref="DemoInterviewImport"/>).</summary>
    public async Task<DemoInterviewsSummary> ImportDemoAsync(string folder, CancellationToken ct = default)
    {
        await using var study = await OpenAsync(ct);
        return await DemoInterviewImport.ImportAsync(study, folder, ct);
    }
}
