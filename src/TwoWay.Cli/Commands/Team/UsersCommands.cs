using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Team;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Team;

public class UsersSettings : OutputSettings
{
    [CommandOption("--database <CONNECTION>")]
    [Description("The team server's PostgreSQL study: a connection string (Host=…;Database=…) or a postgresql:// URL.")]
    public string Database { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Database) ? ValidationResult.Error("give the team server's database with --database") : ValidationResult.Success();
}

public class UserNameSettings : UsersSettings
{
    [CommandArgument(0, "<name>")]
    [Description("The account's user name (any script; as people sign in with it).")]
    public string Name { get; init; } = "";
}

public sealed class UsersAddSettings : UserNameSettings
{
    [CommandOption("--role <ROLE>")]
    [Description("The account's role in the study: owner, coder, viewer, or none (an account that is not yet a member). Default: coder.")]
    public string Role { get; init; } = "coder";

    [CommandOption("--password-stdin")]
    [Description("Read the password from the first line of standard input (at least 8 characters, not a common one); without it a password is generated and printed once.")]
    public bool PasswordStdin { get; init; }
}

public sealed class UsersResetSettings : UserNameSettings
{
    [CommandOption("--password-stdin")]
    [Description("Read the new password from the first line of standard input; without it one is generated and printed once.")]
    public bool PasswordStdin { get; init; }
}

public sealed class UsersRoleSettings : UserNameSettings
{
    [CommandArgument(1, "<role>")]
    [Description("owner, coder, viewer, or none (removes the account from the study).")]
    public string Role { get; init; } = "";
}

/// <summary><c>twoway users add NAME --database …</c>: a new account of the team server.</summary>
public sealed class UsersAddCommand(Terminal terminal) : Command<UsersAddSettings>
{
    public override int Execute(CommandContext context, UsersAddSettings s, CancellationToken ct)
    {
        var change = new TeamAccounts(s.Database).AddAsync(new AddAccountRequest(s.Name, TeamAccounts.ParseRole(s.Role), s.PasswordStdin ? UsersOutput.ReadPassword() : null),
            TeamAccounts.CommandLineActor, ct).GetAwaiter().GetResult();
        return UsersOutput.Change(terminal, s, change);
    }
}

/// <summary><c>twoway users list --database …</c>.</summary>
public sealed class UsersListCommand(Terminal terminal) : Command<UsersSettings>
{
    public override int Execute(CommandContext context, UsersSettings s, CancellationToken ct)
    {
        var list = new TeamAccounts(s.Database).ListAsync(ct).GetAwaiter().GetResult();
        if (s.Json) { terminal.WriteRaw(PublicJson.Serialize(list) + Environment.NewLine); return ExitCodes.Ok; }
        var table = new Table().Title($"Accounts of {list.Study}").AddColumns("Name", "Role", "Account", "Two-step", "Last sign-in (UTC)");
        foreach (var a in list.Accounts)
            table.AddRow(Markup.Escape(a.Name), a.Role ?? "not a member", a.Disabled ? "disabled" : a.LockedOut ? "locked for a while" : "active", a.TwoStep ? "yes" : "no",
                a.LastLoginAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never");
        if (list.Accounts.Count == 0) terminal.Out.MarkupLine("No accounts yet: add the first owner with 'twoway users add NAME --role owner --database …'.");
        else terminal.Out.Write(table);
        return ExitCodes.Ok;
    }
}

/// <summary><c>twoway users disable NAME --database …</c>: the account can no longer sign in; its sessions end at once.</summary>
public sealed class UsersDisableCommand(Terminal terminal) : Command<UserNameSettings>
{
    public override int Execute(CommandContext context, UserNameSettings s, CancellationToken ct) =>
        UsersOutput.Change(terminal, s, new TeamAccounts(s.Database).SetDisabledAsync(s.Name, true, TeamAccounts.CommandLineActor, ct).GetAwaiter().GetResult());
}

/// <summary><c>twoway users enable NAME --database …</c>.</summary>
public sealed class UsersEnableCommand(Terminal terminal) : Command<UserNameSettings>
{
    public override int Execute(CommandContext context, UserNameSettings s, CancellationToken ct) =>
        UsersOutput.Change(terminal, s, new TeamAccounts(s.Database).SetDisabledAsync(s.Name, false, TeamAccounts.CommandLineActor, ct).GetAwaiter().GetResult());
}

/// <summary><c>twoway users end-sessions NAME --database …</c>: every open session of the account ends at once.</summary>
public sealed class UsersEndSessionsCommand(Terminal terminal) : Command<UserNameSettings>
{
    public override int Execute(CommandContext context, UserNameSettings s, CancellationToken ct) =>
        UsersOutput.Change(terminal, s, new TeamAccounts(s.Database).EndSessionsAsync(s.Name, TeamAccounts.CommandLineActor, ct).GetAwaiter().GetResult());
}

/// <summary><c>twoway users reset-password NAME --database …</c>: a new password; the account's sessions end.</summary>
public sealed class UsersResetPasswordCommand(Terminal terminal) : Command<UsersResetSettings>
{
    public override int Execute(CommandContext context, UsersResetSettings s, CancellationToken ct) =>
        UsersOutput.Change(terminal, s, new TeamAccounts(s.Database).ResetPasswordAsync(s.Name, s.PasswordStdin ? UsersOutput.ReadPassword() : null,
            TeamAccounts.CommandLineActor, ct).GetAwaiter().GetResult());
}

/// <summary><c>twoway users role NAME ROLE --database …</c>: owner, coder, viewer or none.</summary>
public sealed class UsersRoleCommand(Terminal terminal) : Command<UsersRoleSettings>
{
    public override int Execute(CommandContext context, UsersRoleSettings s, CancellationToken ct) =>
        UsersOutput.Change(terminal, s, new TeamAccounts(s.Database).SetRoleAsync(s.Name, TeamAccounts.ParseRole(s.Role), TeamAccounts.CommandLineActor, null, ct).GetAwaiter().GetResult());
}

internal static class UsersOutput
{
    public static string ReadPassword() =>
        Console.In.ReadLine()?.TrimEnd('\r', '\n') is { Length: > 0 } p ? p
            : throw new TwoWay.Input.InputException("stdin", 1, "password", "no password on standard input");

    public static int Change(Terminal terminal, OutputSettings s, TeamAccountChange change)
    {
        if (s.Json) { terminal.WriteRaw(PublicJson.Serialize(change) + Environment.NewLine); return ExitCodes.Ok; }
        var a = change.Account;
        terminal.Out.MarkupLineInterpolated($"{a.Name}: {change.Action} ({a.Role ?? "not a member"}{(a.Disabled ? ", disabled" : "")}) on {change.Study}.");
        if (change.Password is { } p)
        {
            terminal.Out.MarkupLine("Its password (shown only now; give it to the person, who can sign in with it):");
            terminal.WriteRaw("  " + p + Environment.NewLine);
        }
        return ExitCodes.Ok;
    }
}
