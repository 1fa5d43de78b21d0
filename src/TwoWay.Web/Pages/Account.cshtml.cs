using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Application.Team;
using TwoWay.Storage.Team;
using TwoWay.Web.Hosting;
using TwoWay.Web.Security;

namespace TwoWay.Web.Pages;

/// <summary>
/// One's own account on the team server: change the password (the current one is asked for) and
/// end one's other sessions. A changed password ends every other session at once; this one goes on
/// with its original sign-in time (the absolute lifetime still counts from then).
/// </summary>
public sealed class AccountModel(WorkbenchContext wb, IServiceProvider services) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string New { get; set; } = "";
    [BindProperty] public string Repeat { get; set; } = "";
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public string Name { get; private set; } = "";

    private SignInManager<TeamUser> Manager => services.GetRequiredService<SignInManager<TeamUser>>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!wb.Team) return NotFound();
        Name = (await Manager.UserManager.GetUserAsync(User))?.UserName ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        Name = user.UserName ?? "";
        if (New != Repeat) { Problem = "The new password and its repetition differ."; return Page(); }
        var result = await Manager.UserManager.ChangePasswordAsync(user, Current ?? "", New ?? "");
        if (!result.Succeeded)
        {
            Problem = string.Join(" ", result.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description.TrimEnd('.') + "."));
            return Page();
        }
        await KeepThisSessionAsync(user);
        await services.GetRequiredService<TeamActivity>().AuditAsync(Name, "password changed", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        Done = "Your password is changed; your other sessions have ended.";
        return Page();
    }

    public async Task<IActionResult> OnPostOthersAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        Name = user.UserName ?? "";
        await Manager.UserManager.UpdateSecurityStampAsync(user);
        await KeepThisSessionAsync(user);
        await services.GetRequiredService<TeamActivity>().AuditAsync(Name, "other sessions ended", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        Done = "Your sessions on other browsers and devices have ended.";
        return Page();
    }

    // The stamp changed: this browser gets a new cookie that keeps its original sign-in time.
    private async Task KeepThisSessionAsync(TeamUser user)
    {
        var signedIn = User.FindFirst(TeamSessions.SignedInAt);
        await Manager.SignInWithClaimsAsync(user, isPersistent: false,
            [signedIn ?? TeamSessions.SignInClaim(DateTimeOffset.UtcNow)]);
    }
}
