using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Cases;
using TwoWay.Application.Interviews;
using TwoWay.Application.Reports;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Qualitative;
using TwoWay.Reports.Charts;
using TwoWay.Reports.Html;

namespace TwoWay.Web.Pages;

/// <summary>
/// One firm: timeline, operations (editable in place: the form's cells go through the operations
/// import's own checks, and its messages are shown by the field they concern), stages and degrees,
/// connections with their basis and quotations, memos, transcripts.
/// </summary>
public sealed class FirmModel(ReportService reports, InterviewWorkbench workbench, OperationEditing operations) : PageModel
{
    public FirmReport Firm { get; private set; } = null!;
    public StudyView View { get; private set; } = null!;
    public TimelineChart? Timeline { get; private set; }
    public IReadOnlyList<SourceRow> Transcripts { get; private set; } = [];
    public IReadOnlyList<MemoRow> Memos { get; private set; } = [];

    /// <summary>The operation being edited ("new" for a new one), from <c>?edit=</c> or the form posted.</summary>
    public string? Editing { get; private set; }

    /// <summary>The form's cells: the stored ones, or those posted back after a refusal.</summary>
    public OperationForm? Form { get; private set; }

    /// <summary>Why the form was refused, as the import words it; by column.</summary>
    public IReadOnlyList<InputError> Problems { get; private set; } = [];

    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, string? edit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (edit is not null)
        {
            if (edit != "new" && !Firm.Case.Operations.Any(o => o.Id.Value == edit)) return NotFound();
            Editing = edit;
            Form = await operations.FormAsync(id, edit == "new" ? null : edit, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostOperationAsync(string id, string? operation, string? version, CancellationToken ct)
    {
        var cells = CaseColumns.Names(CaseTableKind.Operations).ToDictionary(c => c, c => (string?)Request.Form[c].ToString(), StringComparer.Ordinal);
        var existing = string.IsNullOrEmpty(operation) ? null : operation;
        try
        {
            var saved = await operations.SaveAsync(new SaveOperationRequest(id, existing, cells, version), ct);
            Done = saved.Added ? $"Added operation {saved.Operation}." : $"Saved operation {saved.Operation}.";
            return Redirect($"/firms/{Uri.EscapeDataString(id)}#operations");
        }
        catch (InputException e)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Editing = existing ?? "new";
            Problems = e.Errors;
            Form = new OperationForm(id, existing, cells, 0, version ?? "");
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        View = await reports.ViewAsync(new ReportRequest(), ct);
        var firm = View.Report.Firms.FirstOrDefault(f => string.Equals(f.Case.Firm.Id.Value, id, StringComparison.Ordinal));
        if (firm is null) return false;
        Firm = firm;
        if (firm.Case.Operations.Length > 0) Timeline = CaseTimeline.Build(firm.Case, View.Report.AsOfYear, firm.Connections, View.Naming);
        Transcripts = (await workbench.ListSourcesAsync(ct)).Sources.Where(s => s.Case == id).ToList();
        Memos = (await workbench.ListMemosAsync(ct)).Memos.Where(m => m.Target == MemoTarget.Case && m.TargetId == id).ToList();
        return true;
    }

    /// <summary>The messages about one column of the form.</summary>
    public IEnumerable<string> ProblemsOf(string column) => Problems.Where(p => p.Field == column).Select(p => p.Message);
}
