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
    [BindProperty] public string Code { get; set; } = "";
    public bool TwoStep { get; private set; }
    /// <summary>The authenticator key to enter in the app (while two-step sign-in is not on), in groups of four.</summary>
    public string? Key { get; private set; }
    /// <summary>The otpauth:// address an authenticator app reads (the same key).</summary>
    public string? KeyUri { get; private set; }
    /// <summary>Recovery codes, shown once when two-step sign-in is turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    private SignInManager<TeamUser> Manager => services.GetRequiredService<SignInManager<TeamUser>>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostTwoStepOnAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        var users = Manager.UserManager;
        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Problem = "That code does not match: check the key in the app and the phone's clock, then try the next code.";
            await LoadAsync(user);
            return Page();
        }
        await users.SetAuthenticationTokenAsync(user, "TwoWay", LoginCodeModel.LastCodeToken, code);
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await KeepThisSessionAsync(user);
        await services.GetRequiredService<TeamActivity>().AuditAsync(user.UserName ?? "", "two-step sign-in on", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        Done = "Two-step sign-in is on. Keep the recovery codes below somewhere safe: each signs you in once without the phone.";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostTwoStepOffAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        var users = Manager.UserManager;
        if (!await users.CheckPasswordAsync(user, Current ?? ""))
        {
            Problem = "The current password is wrong.";
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await KeepThisSessionAsync(user);
        await services.GetRequiredService<TeamActivity>().AuditAsync(user.UserName ?? "", "two-step sign-in off", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        Done = "Two-step sign-in is off.";
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(TeamUser user)
    {
        var users = Manager.UserManager;
        Name = user.UserName ?? "";
        TwoStep = await users.GetTwoFactorEnabledAsync(user);
        if (TwoStep) { Key = KeyUri = null; return; }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await KeepThisSessionAsync(user); // the reset changed the security stamp
        }
        Key = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        KeyUri = $"otpauth://totp/TwoWay:{Uri.EscapeDataString(Name)}?secret={key}&issuer=TwoWay&digits=6";
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!wb.Team) return NotFound();
        var user = await Manager.UserManager.GetUserAsync(User);
        if (user is null) return Redirect("/login");
        await LoadAsync(user);
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
        await LoadAsync(user);
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
