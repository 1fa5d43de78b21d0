using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Application.Reports;

namespace TwoWay.Web.Pages;

/// <summary>The overview: every firm with its trajectory, stages, degrees and balance; the cross-case answer; the transcripts.</summary>
public sealed class IndexModel(ReportService reports, InterviewWorkbench workbench) : PageModel
{
    public StudyView View { get; private set; } = null!;
    public SourceList Sources { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await reports.ViewAsync(new ReportRequest(), ct);
        Sources = await workbench.ListSourcesAsync(ct);
    }
}
