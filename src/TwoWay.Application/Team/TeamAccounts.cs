using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.Storage.Team;

namespace TwoWay.Application.Team;

/// <summary>An account as <c>users list</c> and the members page show it (never a hash or a secret).</summary>
/// <param name="Name">The user name (as typed when added, NFC).</param>
/// <param name="Role">owner, coder or viewer; null when the account is not a member of the study.</param>
/// <param name="Disabled">Disabled by the administrator: cannot sign in, sessions ended.</param>
/// <param name="LockedOut">Locked for a while after repeated failed logins.</param>
/// <param name="CreatedAt">When the account was added (UTC).</param>
/// <param name="LastLoginAt">The last successful sign-in (UTC), if any.</param>
/// <param name="TwoStep">Whether the person signs in with a code from an authenticator app as well.</param>
public sealed record TeamAccount(string Name, string? Role, bool Disabled, bool LockedOut, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, bool TwoStep);

/// <summary>The accounts of a study's team server.</summary>
public sealed record TeamAccountList(string Study, IReadOnlyList<TeamAccount> Accounts);

/// <summary>
/// An account after a change. <paramref name="Password"/> is given only when TwoWay generated it
/// (add or reset without a password): shown once, to hand to the person, never stored in clear.
/// </summary>
public sealed record TeamAccountChange(string Study, string Action, TeamAccount Account, string? Password);

/// <summary>Adding an account; a null <paramref name="Password"/> generates one.</summary>
public sealed record AddAccountRequest(string Name, StudyRole? Role, string? Password);

/// <summary>
/// The administrator's use cases for accounts and roles (<c>twoway users …</c>, the members page):
/// each checks the account policy of <see cref="TeamIdentity"/>, ends the sessions it must (a
/// changed security stamp invalidates every cookie at once) and writes the audit log.
/// </summary>
public sealed class TeamAccounts(string database)
{
    /// <summary>Who the command line acts as in the audit log.</summary>
    public static string CommandLineActor => "cli:" + Environment.UserName;

    public Task<TeamAccountChange> AddAsync(AddAccountRequest request, string actor, CancellationToken ct = default) =>
        WithUsers(async (users, db, loc) =>
        {
            var name = CheckName(request.Name);
            if (await users.FindByNameAsync(name).ConfigureAwait(false) is not null)
                throw new InputException("users", null, "name", $"an account named '{name}' already exists");
            var generated = request.Password is null;
            var password = request.Password ?? GeneratePassword();
            var user = new TeamUser { UserName = name, Role = request.Role, CreatedAt = DateTimeOffset.UtcNow };
            Check(await users.CreateAsync(user, password).ConfigureAwait(false), "password");
            await AuditAsync(db, actor, "account added", $"{name} ({RoleName(request.Role) ?? "not a member"})", null, ct).ConfigureAwait(false);
            return new TeamAccountChange(loc.Display, "added", View(user, users), generated ? password : null);
        }, ct);

    public Task<TeamAccountList> ListAsync(CancellationToken ct = default) =>
        WithUsers(async (users, _, loc) =>
        {
            var all = await users.Users.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            return new TeamAccountList(loc.Display, all.OrderBy(u => u.UserName, StringComparer.CurrentCultureIgnoreCase).Select(u => View(u, users)).ToList());
        }, ct);

    /// <summary>Disables (or enables again) an account; disabling ends its sessions at once.</summary>
    public Task<TeamAccountChange> SetDisabledAsync(string name, bool disabled, string actor, CancellationToken ct = default) =>
        WithUsers(async (users, db, loc) =>
        {
            var user = await Find(users, name).ConfigureAwait(false);
            user.Disabled = disabled;
            Check(await users.UpdateAsync(user).ConfigureAwait(false), "name");
            if (disabled) Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "name");
            await AuditAsync(db, actor, disabled ? "account disabled" : "account enabled", user.UserName, null, ct).ConfigureAwait(false);
            return new TeamAccountChange(loc.Display, disabled ? "disabled" : "enabled", View(user, users), null);
        }, ct);

    /// <summary>Ends every session of an account at once (a changed security stamp), e.g. for a lost laptop.</summary>
    public Task<TeamAccountChange> EndSessionsAsync(string name, string actor, CancellationToken ct = default) =>
        WithUsers(async (users, db, loc) =>
        {
            var user = await Find(users, name).ConfigureAwait(false);
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "name");
            await AuditAsync(db, actor, "sessions ended", user.UserName, null, ct).ConfigureAwait(false);
            return new TeamAccountChange(loc.Display, "sessions ended", View(user, users), null);
        }, ct);

    /// <summary>Sets a new password (generated when null), lifts a lockout, turns off two-step sign-in and ends the account's sessions.</summary>
    public Task<TeamAccountChange> ResetPasswordAsync(string name, string? password, string actor, CancellationToken ct = default) =>
        WithUsers(async (users, db, loc) =>
        {
            var user = await Find(users, name).ConfigureAwait(false);
            var generated = password is null;
            password ??= GeneratePassword();
            foreach (var v in users.PasswordValidators) Check(await v.ValidateAsync(users, user, password).ConfigureAwait(false), "password");
            Check(await users.RemovePasswordAsync(user).ConfigureAwait(false), "password");
            Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false), "password");
            await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
            await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
            // A reset starts the person over (a lost phone too): two-step sign-in is set up again after it.
            if (user.TwoFactorEnabled) Check(await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false), "name");
            Check(await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false), "name");
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "name");
            await AuditAsync(db, actor, "password reset", user.UserName, null, ct).ConfigureAwait(false);
            return new TeamAccountChange(loc.Display, "password reset", View(user, users), generated ? password : null);
        }, ct);

    /// <summary>Gives an account a role in the study, or (null) removes it from the study; the change is audited.</summary>
    public Task<TeamAccountChange> SetRoleAsync(string name, StudyRole? role, string actor, string? address = null, CancellationToken ct = default) =>
        WithUsers(async (users, db, loc) =>
        {
            var user = await Find(users, name).ConfigureAwait(false);
            if (user.Role == StudyRole.Owner && role != StudyRole.Owner
                && await users.Users.CountAsync(u => u.Role == StudyRole.Owner && !u.Disabled, ct).ConfigureAwait(false) <= 1)
                throw new InputException("users", null, "role", $"{user.UserName} is the study's only owner; make someone else owner first");
            var before = RoleName(user.Role) ?? "not a member";
            user.Role = role;
            Check(await users.UpdateAsync(user).ConfigureAwait(false), "role");
            // A narrower role takes effect on the next request (roles are read per request), and the
            // stamp change ends sessions that a removed member still holds.
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "name");
            await AuditAsync(db, actor, "role changed", $"{user.UserName}: {before} → {RoleName(role) ?? "not a member"}", address, ct).ConfigureAwait(false);
            return new TeamAccountChange(loc.Display, "role changed", View(user, users), null);
        }, ct);

    /// <summary>Reads a role as typed (owner, coder, viewer, or none).</summary>
    public static StudyRole? ParseRole(string text, string field = "role") => text.Trim().ToLowerInvariant() switch
    {
        "owner" => StudyRole.Owner,
        "coder" => StudyRole.Coder,
        "viewer" => StudyRole.Viewer,
        "none" or "" => null,
        _ => throw new InputException("users", null, field, $"'{text}' is not a role; give owner, coder, viewer or none"),
    };

    public static string? RoleName(StudyRole? role) => role?.ToString().ToLowerInvariant();

    /// <summary>Writes one line of the audit log.</summary>
    public static async Task AuditAsync(TeamDbContext db, string actor, string action, string? subject, string? address, CancellationToken ct)
    {
        db.Audit.Add(new AuditRecord { At = DateTimeOffset.UtcNow, Actor = actor, Action = action, Subject = subject, Address = address });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task<T> WithUsers<T>(Func<UserManager<TeamUser>, TeamDbContext, StudyLocation, Task<T>> work, CancellationToken ct)
    {
        var loc = await TeamStore.OpenAsync(database, ct).ConfigureAwait(false);
        var services = new ServiceCollection().AddLogging();
        services.AddTeamIdentity(loc.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TeamUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TeamDbContext>();
        return await StorageFaults.GuardAsync(loc, () => work(users, db, loc)).ConfigureAwait(false);
    }

    private static async Task<TeamUser> Find(UserManager<TeamUser> users, string name) =>
        await users.FindByNameAsync(CheckName(name)).ConfigureAwait(false)
        ?? throw new InputException("users", null, "name", $"no account named '{name.Trim()}'; 'twoway users list' shows them");

    private static string CheckName(string name)
    {
        var n = (name ?? "").Trim().Normalize(NormalizationForm.FormC);
        if (n.Length == 0) throw new InputException("users", null, "name", "a user name is required");
        if (n.Length > 128) throw new InputException("users", null, "name", "a user name has at most 128 characters");
        if (n.Any(char.IsControl)) throw new InputException("users", null, "name", "a user name cannot hold control characters");
        return n;
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new InputException("users", null, field, string.Join("; ", result.Errors.Select(e => e.Description.TrimEnd('.'))));
    }

    private static TeamAccount View(TeamUser u, UserManager<TeamUser> users) =>
        new(u.UserName ?? "", RoleName(u.Role), u.Disabled, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, u.CreatedAt, u.LastLoginAt, u.TwoFactorEnabled);

    /// <summary>Four groups of five letters and digits (about 100 bits): easy to read out, never common.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => new string(Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }
}
