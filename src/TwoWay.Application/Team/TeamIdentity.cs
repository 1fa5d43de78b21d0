using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Storage.Team;

namespace TwoWay.Application.Team;

/// <summary>
/// The one account policy of the team server, used by the web app and by <c>twoway users</c>:
/// passwords of at least 8 characters with no composition rules, common passwords refused (NIST
/// SP 800-63B §5.1.1.2, ASVS V6.2), lockout after repeated failures, any script in a user name.
/// </summary>
public static class TeamIdentity
{
    public const int MinPasswordLength = 8;
    public const int MaxFailedLogins = 10;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>Registers the team tables of <paramref name="connectionString"/> and Identity's user manager over them.</summary>
    public static IdentityBuilder AddTeamIdentity(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<TeamDbContext>(o => o.UseNpgsql(connectionString, n => n.MigrationsHistoryTable(TeamDbContext.HistoryTable)));
        return services.AddIdentityCore<TeamUser>(Configure)
            .AddEntityFrameworkStores<TeamDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            // Two-step sign-in with an authenticator app (TOTP, RFC 6238); the only token provider,
            // so the command line needs no Data Protection keys.
            .AddTokenProvider<AuthenticatorTokenProvider<TeamUser>>(TokenOptions.DefaultAuthenticatorProvider);
    }

    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
        o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
        // Names are people's names, in any script ("Мария", "Đorđe"); TeamAccounts refuses control characters.
        o.User.AllowedUserNameCharacters = "";
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
    }
}

/// <summary>Refuses a password on the list of common passwords, or one equal to the user's name (case folded).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<TeamUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>On the list as it is, or once the digits and symbols added at its end are taken off ("Password123!" is "password").</summary>
    public static bool IsCommon(string password)
    {
        var folded = password.Trim().ToLowerInvariant();
        var stem = folded.TrimEnd("0123456789!@#$%^&*?.,;:-_+=~ ".ToCharArray());
        return Common.Value.Contains(folded) || (stem.Length >= 4 && Common.Value.Contains(stem));
    }

    public Task<IdentityResult> ValidateAsync(UserManager<TeamUser> manager, TeamUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "this password is on the list of common passwords; choose a longer phrase of your own" }));
        if (user.UserName is { } name && string.Equals(name.Trim(), password.Trim(), StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordIsName", Description = "the password must not be the user name" }));
        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TwoWay.Application.common-passwords.txt")
            ?? throw new InvalidOperationException("the list of common passwords is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
