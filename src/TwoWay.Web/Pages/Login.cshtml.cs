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
/// The team server's sign-in. One answer for a wrong name or a wrong password; repeated failures
/// are answered 429 (<see cref="LoginThrottle"/>) and lock the account for a while (Identity's
/// lockout); every attempt is audited. After signing in, only a local path is followed.
/// </summary>
public sealed class LoginModel(WorkbenchContext wb, IServiceProvider services) : PageModel
{
    public const string WrongNameOrPassword = "The name or the password is wrong.";

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        if (!wb.Team) return Redirect("/welcome");
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturn());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!wb.Team) return NotFound();
        var throttle = services.GetRequiredService<LoginThrottle>();
        var signIn = services.GetRequiredService<SignInManager<TeamUser>>();
        var activity = services.GetRequiredService<TeamActivity>();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var name = (Name ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (!throttle.Allows(address, name))
        {
            await activity.AuditAsync(name, "login refused (too many attempts)", null, address);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)LoginThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Problem = "Too many failed sign-ins from here. Wait a quarter of an hour, or ask the study's administrator to reset your password.";
            return Page();
        }
        var user = name.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(name);
        var result = user is null || user.Disabled ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, Password ?? "", lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            throttle.Failed(address, name);
            await activity.AuditAsync(name, result.IsLockedOut ? "login failed (locked out)" : "login failed", null, address);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Problem = result.IsLockedOut
                ? "This account is locked for a while after repeated failed sign-ins. Try later, or ask the administrator."
                : WrongNameOrPassword;
            return Page();
        }
        if (user!.TwoFactorEnabled)
        {
            // The password was right; the session begins only after the authenticator's code
            // (a short-lived cookie of Identity's two-factor scheme remembers who is half-way).
            var pending = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme);
            await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new System.Security.Claims.ClaimsPrincipal(pending),
                new Microsoft.AspNetCore.Authentication.AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(5) });
            return RedirectToPage("/LoginCode", new { returnUrl = SafeReturn() });
        }
        await SignedInAsync(signIn, user, activity, address, twoStep: false);
        return LocalRedirect(SafeReturn());
    }

    /// <summary>Begins the session: a new cookie recording when it began (it ends after the absolute lifetime), audited.</summary>
    internal static async Task SignedInAsync(SignInManager<TeamUser> signIn, TeamUser user, TeamActivity activity, string address, bool twoStep)
    {
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [TeamSessions.SignInClaim(DateTimeOffset.UtcNow)]);
        user.LastLoginAt = DateTimeOffset.UtcNow;
        await signIn.UserManager.UpdateAsync(user);
        await activity.AuditAsync(user.UserName ?? "", twoStep ? "login (two-step)" : "login", null, address);
    }

    // Only a path on this server ("/transcripts/…"), never "//host" or "https://…" (no open redirect).
    internal string SafeReturn() => ReturnUrl is { } r && Url.IsLocalUrl(r) && !r.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? r : "/";
}
