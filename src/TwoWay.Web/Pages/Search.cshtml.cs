using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;

namespace TwoWay.Web.Pages;

/// <summary>Full-text search over the transcripts (case-insensitive in every script), each hit linked to its place.</summary>
public sealed class SearchModel(InterviewWorkbench workbench) : PageModel
{
    public string? Query { get; private set; }
    public SearchResult? Result { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q;
        if (!string.IsNullOrWhiteSpace(q)) Result = await workbench.SearchAsync(new SearchRequest(q, 200), ct);
    }
}
