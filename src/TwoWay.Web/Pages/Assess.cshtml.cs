using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Assessment;
using TwoWay.Application.Reports;
using TwoWay.Input;
using TwoWay.Reports.Html;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Pages;

/// <summary>
/// The self-assessment as a web form, one question per page in plain language (menus and scales,
/// never codes), for a firm of the study. Answers are saved after every step in the workbench's
/// own folder (a stopped form resumes where it was left); the finished answers are scored and
/// stored with the firm, as <c>twoway assess --study … --firm-id …</c> does.
/// </summary>
public sealed class AssessModel(AssessmentService assessments, ReportService reports, WorkbenchContext wb) : PageModel
{
    public string FirmId { get; private set; } = "";
    public string FirmName { get; private set; } = "";
    public QuestionView? Question { get; private set; }
    public string? Problem { get; private set; }
    public AssessmentReport? Result { get; private set; }
    public ReportSection? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? q, CancellationToken ct)
    {
        if (!await LoadFirmAsync(id, ct)) return NotFound();
        var session = await StartAsync(ct);
        if (q is { } wanted) while (session.Position > wanted - 1 && session.Position > 0) session.Back();
        Question = session.Done ? null : session.Current;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int number, string? answer, string[]? choice, string? step, CancellationToken ct)
    {
        if (!await LoadFirmAsync(id, ct)) return NotFound();
        var session = await StartAsync(ct);
        while (session.Position > number - 1 && session.Position > 0) session.Back();
        if (step == "back")
        {
            session.Back();
            return RedirectToPage(new { id, q = session.Position + 1 });
        }
        var text = choice is { Length: > 0 } ? string.Join(" and ", choice) : answer ?? "";
        var result = step == "skip" ? session.Skip() : session.Answer(text);
        if (!result.Accepted)
        {
            Problem = result.Problem;
            Question = session.Current;
            return Page();
        }
        if (!session.Done) return RedirectToPage(new { id, q = session.Position + 1 });
        try
        {
            session.Finish();
            Result = await assessments.AssessAsync(new AssessRequest(new AssessorOptions(), session.SavePath, AttachTo: FirmId, Again: true), ct);
            Profile = PolicyReportBuilder.Profile(Result.Result);
            System.IO.File.Delete(session.SavePath);
        }
        catch (InputException e)
        {
            Problem = string.Join("; ", e.Errors.Select(x => x.Message));
        }
        return Page();
    }

    private async Task<bool> LoadFirmAsync(string id, CancellationToken ct)
    {
        var view = await reports.ViewAsync(new ReportRequest(), ct);
        var firm = view.Report.Firms.FirstOrDefault(f => f.Case.Firm.Id.Value == id);
        if (firm is null) return false;
        (FirmId, FirmName) = (id, view.Naming.Firm(firm.Case.Firm));
        return true;
    }

    // One answers file per study, firm and coder, in the temporary folder: the form's state between requests.
    private Task<QuestionnaireSession> StartAsync(CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "twoway-assess");
        Directory.CreateDirectory(folder);
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{wb.Study}\n{FirmId}\n{User.Identity?.Name}")))[..24];
        return assessments.StartQuestionnaireAsync(new QuestionnaireRequest(new AssessorOptions(), Path.Combine(folder, key + ".json"), FirmName), ct);
    }
}
