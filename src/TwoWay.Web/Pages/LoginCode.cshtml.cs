using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
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
/// The second step of a two-step sign-in: the 6-digit code of the person's authenticator app, or
/// one of their recovery codes (each usable once). A code is accepted once only (a replayed code is
/// refused); wrong codes count toward the lockout and the throttle like wrong passwords.
/// </summary>
public sealed class LoginCodeModel(WorkbenchContext wb, IServiceProvider services) : PageModel
{
    public const string LastCodeToken = "last_totp";

    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    private SignInManager<TeamUser> Manager => services.GetRequiredService<SignInManager<TeamUser>>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!wb.Team) return NotFound();
        return await Manager.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/login") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect("/login"); // the first step expired (5 minutes) or never happened
        var users = Manager.UserManager;
        var throttle = services.GetRequiredService<LoginThrottle>();
        var activity = services.GetRequiredService<TeamActivity>();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var name = user.UserName ?? "";
        if (!throttle.Allows(address, name) || await users.IsLockedOutAsync(user))
        {
            await activity.AuditAsync(name, "login refused (too many attempts)", null, address);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Problem = "Too many failed sign-ins. Wait a quarter of an hour, or ask the study's administrator.";
            return Page();
        }
        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        bool ok;
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
                // An authenticator code is used once: the same code again (seen or stolen) is refused.
                && await users.GetAuthenticationTokenAsync(user, "TwoWay", LastCodeToken) != code;
            if (ok) await users.SetAuthenticationTokenAsync(user, "TwoWay", LastCodeToken, code);
        }
        else ok = code.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, (Code ?? "").Trim())).Succeeded;
        if (!ok)
        {
            await users.AccessFailedAsync(user);
            throttle.Failed(address, name);
            await activity.AuditAsync(name, "login failed (second step)", null, address);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Problem = "That code is wrong or was already used.";
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await LoginModel.SignedInAsync(Manager, user, activity, address, twoStep: true);
        return LocalRedirect(ReturnUrl is { } r && Url.IsLocalUrl(r) && !r.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? r : "/");
    }
}
