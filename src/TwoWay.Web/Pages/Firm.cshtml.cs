using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Application.Reports;
using TwoWay.Qualitative;
using TwoWay.Reports.Charts;
using TwoWay.Reports.Html;

namespace TwoWay.Web.Pages;

/// <summary>One firm: timeline, operations, stages and degrees, connections with their basis and quotations, memos, transcripts.</summary>
public sealed class FirmModel(ReportService reports, InterviewWorkbench workbench) : PageModel
{
    public FirmReport Firm { get; private set; } = null!;
    public StudyView View { get; private set; } = null!;
    public TimelineChart? Timeline { get; private set; }
    public IReadOnlyList<SourceRow> Transcripts { get; private set; } = [];
    public IReadOnlyList<MemoRow> Memos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        View = await reports.ViewAsync(new ReportRequest(), ct);
        var firm = View.Report.Firms.FirstOrDefault(f => string.Equals(f.Case.Firm.Id.Value, id, StringComparison.Ordinal));
        if (firm is null) return NotFound();
        Firm = firm;
        if (firm.Case.Operations.Length > 0) Timeline = CaseTimeline.Build(firm.Case, View.Report.AsOfYear, firm.Connections, View.Naming);
        Transcripts = (await workbench.ListSourcesAsync(ct)).Sources.Where(s => s.Case == id).ToList();
        Memos = (await workbench.ListMemosAsync(ct)).Memos.Where(m => m.Target == MemoTarget.Case && m.TargetId == id).ToList();
        return Page();
    }
}
