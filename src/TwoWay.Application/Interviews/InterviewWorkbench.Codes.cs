using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Application.Interviews;

// The codebook: list, add, rename, move, merge, starter codebook.
public sealed partial class InterviewWorkbench
{
    /// <summary><c>codes list</c>: every code with its path and number of codings, ordered by path.</summary>
    public Task<CodeList> ListCodesAsync(CancellationToken ct = default) =>
        ReadAsync(s =>
        {
            var p = s.Project;
            var counts = p.Codings.GroupBy(c => c.CodeId).ToDictionary(g => g.Key, g => g.Count());
            return new CodeList(p.Codebook.Codes.Select(c => new CodeRow(c.Id, p.Codebook.PathText(c.Id), c.Name, c.ParentId, c.IsCodable,
                    c.Colour?.Hex, c.Description, counts.GetValueOrDefault(c.Id), s.VersionOf(c.Id)))
                .OrderBy(r => r.Path, StringComparer.Ordinal).ToList());
        }, ct);

    /// <summary>
    /// <c>codes add</c>: a new code under the parent its path names. Missing parents are created on
    /// the way (codable, as NVivo and QualCoder do), and named in the result.
    /// </summary>
    public Task<CodePlaced> AddCodeAsync(AddCodeRequest request, CancellationToken ct = default) =>
        EditAsync(s =>
        {
            var p = s.Project;
            var parts = request.Path.Split(Codebook.PathSeparator).Select(x => x.Trim()).ToArray();
            if (parts.Any(string.IsNullOrWhiteSpace)) throw new InputException("codebook", null, "path", $"'{request.Path}' has an empty part; a path is names joined by '{Codebook.PathSeparator}'");
            CodeColour? colour = null;
            if (request.Colour is not null)
                colour = CodeColour.TryParse(request.Colour, out var c) ? c : throw new InputException("codebook", null, "colour", $"'{request.Colour}' is not #RRGGBB");
            Guid? parent = null;
            var created = new List<string>();
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var path = string.Join(Codebook.PathSeparator, parts[..(i + 1)]);
                if (p.Codebook.FindByPath(path) is { } existing) { parent = existing.Id; continue; }
                var made = new Code(Guid.NewGuid(), parts[i], null, null, true, parent);
                p = p.AddCode(made);
                created.Add(path);
                parent = made.Id;
            }
            var code = new Code(Guid.NewGuid(), parts[^1], request.Description, colour, !request.Group, parent);
            var result = p.AddCode(code);
            return (result, new CodePlaced(code.Id, result.Codebook.PathText(code.Id)) { CreatedParents = created });
        }, ct);

    /// <summary><c>codes rename</c>: the code's codings stay.</summary>
    /// <exception cref="EditConflictException">The code changed since <see cref="RenameCodeRequest.ExpectedVersion"/>.</exception>
    public Task<CodePlaced> RenameCodeAsync(RenameCodeRequest request, CancellationToken ct = default) =>
        EditAsync(s =>
        {
            var code = WorkbenchLookup.FindCode(s.Project, request.Code);
            s.Expect(code.Id, request.ExpectedVersion, $"code '{s.Project.Codebook.PathText(code.Id)}'");
            var result = s.Project.RenameCode(code.Id, request.NewName);
            return (result, new CodePlaced(code.Id, result.Codebook.PathText(code.Id)));
        }, ct);

    /// <summary><c>codes move</c>: under another code, or to the top.</summary>
    /// <exception cref="EditConflictException">The code changed since <see cref="MoveCodeRequest.ExpectedVersion"/>.</exception>
    public Task<CodePlaced> MoveCodeAsync(MoveCodeRequest request, CancellationToken ct = default) =>
        EditAsync(s =>
        {
            var code = WorkbenchLookup.FindCode(s.Project, request.Code);
            var parent = request.To is null ? (Guid?)null : WorkbenchLookup.FindCode(s.Project, request.To).Id;
            s.Expect(code.Id, request.ExpectedVersion, $"code '{s.Project.Codebook.PathText(code.Id)}'");
            var result = s.Project.MoveCode(code.Id, parent);
            return (result, new CodePlaced(code.Id, result.Codebook.PathText(code.Id)));
        }, ct);

    /// <summary><c>codes merge</c>: codings and subcodes of the first code move to the second; the first is removed.</summary>
    /// <exception cref="EditConflictException">Either code changed since the version expected.</exception>
    public Task<CodesMerged> MergeCodesAsync(MergeCodesRequest request, CancellationToken ct = default) =>
        EditAsync(s =>
        {
            var from = WorkbenchLookup.FindCode(s.Project, request.From);
            var into = WorkbenchLookup.FindCode(s.Project, request.Into);
            s.Expect(from.Id, request.ExpectedVersion, $"code '{s.Project.Codebook.PathText(from.Id)}'");
            s.Expect(into.Id, request.ExpectedIntoVersion, $"code '{s.Project.Codebook.PathText(into.Id)}'");
            var result = s.Project.MergeCodes(from.Id, into.Id);
            var path = result.Codebook.PathText(into.Id);
            return (result, new CodesMerged(into.Id, path, result.Codings.Count(c => c.CodeId == into.Id), from.Id));
        }, ct);

    /// <summary><c>codes starter</c>: adds the starter codebook's codes that are not there yet (matched by GUID or path).</summary>
    public Task<StarterCodebookAdded> AddStarterCodebookAsync(CancellationToken ct = default)
    {
        var starter = StarterCodebook.Load();
        return EditAsync(s =>
        {
            var p = s.Project;
            var (book, byGuid, byPath, added) = RefiImport.MergeCodebook(p.Codebook, starter);
            return (QualitativeProject.Create(p.Name, p.Sources, book, p.Codings, p.Memos, "starter codebook"),
                new StarterCodebookAdded(added, byGuid + byPath));
        }, ct);
    }
}
