using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Input;
using TwoWay.Qualitative;

namespace TwoWay.Web.Pages;

/// <summary>
/// The codebook: the tree with counts and memos; create, rename, move and merge (codings kept).
/// A rename, move or merge carries the version of each code the page showed, so a change made
/// meanwhile by someone else is refused rather than overwritten.
/// </summary>
public sealed class CodebookModel(InterviewWorkbench workbench) : PageModel
{
    public CodeList Codes { get; private set; } = null!;
    public ILookup<string, MemoRow> Memos { get; private set; } = null!;
    [TempData] public string? Done { get; set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAddAsync(string path, string? colour, string? description, CancellationToken ct) =>
        Change(async () => $"Added {(await workbench.AddCodeAsync(new AddCodeRequest(path ?? "", Blank(description), Blank(colour)), ct)).Path}.", ct);

    public Task<IActionResult> OnPostRenameAsync(string code, string name, CancellationToken ct) =>
        Change(async () =>
        {
            var (id, version) = Choice(code);
            return $"Renamed to {(await workbench.RenameCodeAsync(new RenameCodeRequest(id, name ?? "", version), ct)).Path}.";
        }, ct);

    public Task<IActionResult> OnPostMoveAsync(string code, string? to, CancellationToken ct) =>
        Change(async () =>
        {
            var (id, version) = Choice(code);
            var target = string.IsNullOrEmpty(to) ? null : Choice(to).Id;
            return $"Moved to {(await workbench.MoveCodeAsync(new MoveCodeRequest(id, target, version), ct)).Path}.";
        }, ct);

    public Task<IActionResult> OnPostMergeAsync(string from, string into, CancellationToken ct) =>
        Change(async () =>
        {
            var (f, fv) = Choice(from);
            var (i, iv) = Choice(into);
            var merged = await workbench.MergeCodesAsync(new MergeCodesRequest(f, i, fv, iv), ct);
            return $"Merged into {merged.Path}: it now has {(merged.Codings == 1 ? "1 coding" : $"{merged.Codings} codings")}.";
        }, ct);

    public Task<IActionResult> OnPostMemoAsync(string code, string text, CancellationToken ct) =>
        Change(async () =>
        {
            await workbench.AddMemoAsync(new AddMemoRequest(text ?? "", Code: Choice(code).Id, Author: User.Identity?.Name), ct);
            return "Memo added.";
        }, ct);

    public Task<IActionResult> OnPostStarterAsync(CancellationToken ct) =>
        Change(async () =>
        {
            var r = await workbench.AddStarterCodebookAsync(ct);
            return $"Starter codebook: {r.Added} codes added, {r.AlreadyThere} already there.";
        }, ct);

    // Each code in a form is sent as "GUID:version": the version the page showed.
    private static (string Id, long? Version) Choice(string? value)
    {
        var parts = (value ?? "").Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out _) || !long.TryParse(parts[1], out var v))
            throw new InputException("codebook", null, "code", "choose a code from the list");
        return (parts[0], v);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<IActionResult> Change(Func<Task<string>> change, CancellationToken ct)
    {
        try
        {
            Done = await change();
            return RedirectToPage();
        }
        catch (InputException e)
        {
            // The page is shown again with the problems (as a form with invalid fields is), nothing changed.
            Problems = e.Errors.Select(x => x.Message).ToList();
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Codes = await workbench.ListCodesAsync(ct);
        Memos = (await workbench.ListMemosAsync(ct)).Memos.Where(m => m.Target == MemoTarget.Code).ToLookup(m => m.TargetId);
    }

    public static string ChoiceOf(CodeRow c) => $"{c.CodeId}:{c.Version}";
}
