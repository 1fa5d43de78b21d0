using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Application.Team;
using TwoWay.Storage.Team;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Pages;

/// <summary>
/// Ends the session. On the team server the account's security stamp changes too, so a copy of the
/// cookie (a replayed one) is refused from that moment, and the logout is audited.
/// </summary>
public sealed class SignoutModel(WorkbenchContext wb, IServiceProvider services) : PageModel
{
    public bool Team => wb.Team;

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? RedirectToPage("/Index") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!wb.Team)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return RedirectToPage("/Welcome");
        }
        var signIn = services.GetRequiredService<SignInManager<TeamUser>>();
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await services.GetRequiredService<TeamActivity>().AuditAsync(user.UserName ?? "", "logout", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        }
        await signIn.SignOutAsync();
        // The browser forgets what it kept of the study (ASVS 14.3.1).
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
        return Page();
    }
}
