using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Application.Team;
using TwoWay.Input;
using TwoWay.Web.Hosting;
using TwoWay.Web.Security;

namespace TwoWay.Web.Pages;

/// <summary>
/// The owner's page of the team server: who is a member with which role, blind double-coding and
/// the comparison, and the audit log. Accounts themselves are added on the server (<c>twoway users</c>).
/// </summary>
[OwnerOnly]
public sealed class MembersModel(WorkbenchContext wb, StudyAccess access, IServiceProvider services) : PageModel
{
    public TeamAccountList Accounts { get; private set; } = null!;
    public TeamSettings Settings { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public string? Done { get; private set; }

    private TeamAccounts Accounts_ => new(wb.Study);
    private TeamActivity Activity => services.GetRequiredService<TeamActivity>();
    private string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!wb.Team) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string name, string role, CancellationToken ct)
    {
        if (!wb.Team) return NotFound();
        var change = await Accounts_.SetRoleAsync(name, TeamAccounts.ParseRole(role), access.Name, Address, ct);
        LiveEvents.Note(HttpContext, "members", null, new { name = change.Account.Name, role = change.Account.Role });
        Done = $"{change.Account.Name} is now {change.Account.Role ?? "not a member"}.";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBlindAsync(bool blind, bool comparison, CancellationToken ct)
    {
        if (!wb.Team) return NotFound();
        var s = await Activity.SetSettingsAsync(new TeamSettings(blind, comparison), access.Name, Address, ct);
        LiveEvents.Note(HttpContext, "blind", null, new { blind = s.Blind, comparison = s.ComparisonOpen });
        Done = !s.Blind ? "Blind coding is off: every member sees every coding."
            : s.ComparisonOpen ? "The comparison is open: coders now see each other's codings and the agreement."
            : "Blind coding is on: each coder sees only their own codings until you open the comparison.";
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await Accounts_.ListAsync(ct);
        Settings = await Activity.SettingsAsync(ct);
        Audit = await Activity.AuditLogAsync(50, ct);
    }
}
