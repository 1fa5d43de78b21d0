using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Application.Team;
using TwoWay.Storage.Team;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Security;

/// <summary>Marks a page or endpoint only the study's owner may use (members, blind coding, the comparison).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnerOnlyAttribute : Attribute;

/// <summary>
/// Marks a page whose POST analyses what it is sent and stores nothing in the study (a panel or a
/// programme catalogue uploaded for a report): a viewer may use it, and it makes no event.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ChangesNothingAttribute : Attribute;

/// <summary>
/// What the person behind this request may do in the study, read per request (a changed role takes
/// effect at once). On a laptop the one user is the owner; on the team server it is the account's role.
/// </summary>
public sealed class StudyAccess
{
    public bool Team { get; internal set; }
    public string Name { get; internal set; } = "";
    public StudyRole Role { get; internal set; } = StudyRole.Owner;
    /// <summary>The team's settings this request saw (blind coding, comparison).</summary>
    public TeamSettings Settings { get; internal set; } = new(false, false);

    public bool CanCode => Role >= StudyRole.Coder;
    public bool IsOwner => Role == StudyRole.Owner;

    /// <summary>Blind coding for this person: a coder sees only their own codings until the owner opens the comparison.</summary>
    public bool SeesOnlyOwn => Team && !IsOwner && Settings.HidesOthers;

    /// <summary>The last event the page was drawn after (the live updates start from there).</summary>
    public long EventSeq { get; internal set; }
}

/// <summary>
/// The team server's gate, after authentication: every request of a signed-in account is checked
/// against the account's role in the study (resource-based: the study is the resource). A
/// non-member gets 404 for every study address, a viewer's change is refused (403), an owner-only
/// endpoint refuses the rest; a disabled or removed account is signed out. After a change that
/// succeeded, the change is appended to the study's event log for the other members' pages.
/// </summary>
internal static class TeamGate
{
    // Open to any signed-in account (or anyone): the sign-in pages, assets, status pages, and one's own account.
    private static readonly string[] Open = ["/login", "/assets", "/status", "/welcome", "/favicon.ico"];

    // One's own account and signing out: open to every signed-in account, member of the study or not.
    private static readonly string[] Personal = ["/account", "/signout"];

    public static bool IsOpen(PathString path) => Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsPersonal(PathString path) => Personal.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder UseTeamGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsOpen(http.Request.Path) || http.User.Identity?.IsAuthenticated != true) { await next(http); return; }
            var api = http.Request.Path.StartsWithSegments("/api");
            var users = http.RequestServices.GetRequiredService<UserManager<TeamUser>>();
            var user = await users.GetUserAsync(http.User);
            if (user is null || user.Disabled)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                if (api) await WorkbenchServer.ApiRefusal(http.Response, StatusCodes.Status401Unauthorized, "sign in again");
                else http.Response.Redirect("/login");
                return;
            }
            // A server that requires two-step sign-in opens nothing of the study before it is set up.
            var personal = IsPersonal(http.Request.Path);
            if (http.RequestServices.GetRequiredService<TeamServerOptions>().RequireTwoStep && !user.TwoFactorEnabled && !personal)
            {
                if (api) await WorkbenchServer.ApiRefusal(http.Response, StatusCodes.Status403Forbidden, "set up two-step sign-in on your account page first");
                else http.Response.Redirect("/account?setup=1");
                return;
            }
            if (user.Role is null && personal) { await next(http); return; }
            if (user.Role is not { } role)
            {
                await Refused(http, user.UserName, "not a member");
                // A non-member learns nothing of the study, not even that the address exists.
                if (api) await WorkbenchServer.ApiRefusal(http.Response, StatusCodes.Status404NotFound, "not found");
                else http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var activity = http.RequestServices.GetRequiredService<TeamActivity>();
            var access = http.RequestServices.GetRequiredService<StudyAccess>();
            access.Team = true;
            access.Name = user.UserName ?? "";
            access.Role = role;
            access.Settings = await activity.SettingsAsync(http.RequestAborted);
            var change = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && http.GetEndpoint()?.Metadata.GetMetadata<ChangesNothingAttribute>() is null
                && !personal; // one's own password or sessions: any member's to change
            var ownerOnly = http.GetEndpoint()?.Metadata.GetMetadata<OwnerOnlyAttribute>() is not null;
            if ((change && !access.CanCode) || (ownerOnly && !access.IsOwner))
            {
                await Refused(http, access.Name, TeamAccounts.RoleName(role)!);
                if (api) await WorkbenchServer.ApiRefusal(http.Response, StatusCodes.Status403Forbidden, $"your role in this study ({TeamAccounts.RoleName(role)}) does not allow this");
                else http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            if (!change) access.EventSeq = await activity.LatestAsync(http.RequestAborted);
            // The study's own saves record their events (in their transaction) under this member's name.
            TwoWay.Application.Team.StudyChanges.ActAs(access.Name);
            await next(http);
            if (change && http.Response.StatusCode < 400)
            {
                // Changes to the team itself (members, blind coding) are not study rows: logged here.
                if (http.Items[LiveEvents.KindKey] is string kind)
                    await activity.AppendAsync(access.Name, kind, http.Items[LiveEvents.SourceKey] as string, http.Items[LiveEvents.DetailKey] as string);
                http.RequestServices.GetRequiredService<EventFeed>().Appended();
            }
        });

    // Failed authorization attempts go to the audit log (ASVS 16.3.2): who, what, from where.
    private static Task Refused(HttpContext http, string? name, string why) =>
        http.RequestServices.GetRequiredService<TeamActivity>().AuditAsync(name ?? "", "refused (" + why + ")",
            http.Request.Method + " " + http.Request.Path.Value, http.Connection.RemoteIpAddress?.ToString());
}
