using Spectre.Console.Cli;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The study's project file and its case data: init, import, export, template, firms. The commands
/// (in Commands/Cases/) parse arguments, call <see cref="Application.Cases.StudyService"/> and render.
/// </summary>
public static class StudyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<InitCommand>("init")
            .WithDescription("Create a new, empty study project file (refuses to overwrite an existing file).")
            .WithExample("init", "study.twoway")
            .WithExample("init", "new-study.twoway", "--as-of", "2024");
        config.AddCommand<ImportCommand>("import")
            .WithDescription("Import firms and operations from CSV/TSV/XLSX files, all or nothing.")
            .WithExample("import", "study.twoway", "demo-study/firms.csv", "demo-study/operations.csv")
            .WithExample("import", "study.twoway", "cases.xlsx", "--replace");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export all firms and operations to CSV (two files) or one XLSX workbook, in the import format.")
            .WithExample("export", "study.twoway", "cases.xlsx");
        config.AddCommand<TemplateCommand>("template")
            .WithDescription("Write an empty input file whose header comments (CSV) or About sheet (XLSX) explain each column: firms, operations (a study), codings (bulk coding), programmes (a policy catalogue) or answers (batch self-assessment).")
            .WithExample("template", "operations", "operations.csv")
            .WithExample("template", "programmes", "catalogue.xlsx")
            .WithExample("template", "codings", "codings.csv");
        config.AddCommand<Web.ServeCommand>("serve")
            .WithDescription("Open the study in the browser: overview, firms with their timelines, the coding screen for transcripts, codebook, matrices, agreement, search and exports (127.0.0.1 only; runs until Ctrl-C).")
            .WithExample("serve", "study.twoway")
            .WithExample("serve", "study.twoway", "--port", "5117", "--no-browser", "--coder", "alice")
            .WithExample("serve", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"", "--port", "8080", "--proxy", "127.0.0.1");
        config.AddBranch("users", users =>
        {
            users.SetDescription("The team server's accounts (serve --database): add, list, set a role in the study, reset a password, end sessions, disable, enable. No e-mail is needed.");
            users.AddCommand<Team.UsersAddCommand>("add")
                .WithDescription("Add an account with a role (owner, coder, viewer or none); prints a generated password once unless --password-stdin gives one")
                .WithExample("users", "add", "Мария", "--role", "owner", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"")
                .WithExample("users", "add", "bob", "--role", "coder", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersListCommand>("list")
                .WithDescription("The accounts with their roles, state and last sign-in")
                .WithExample("users", "list", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersRoleCommand>("role")
                .WithDescription("Set an account's role in the study: owner, coder, viewer, or none (no longer a member); audited")
                .WithExample("users", "role", "bob", "viewer", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersResetPasswordCommand>("reset-password")
                .WithDescription("Give an account a new password (generated and printed once, or from --password-stdin); two-step sign-in is turned off (a lost phone) and its sessions end at once")
                .WithExample("users", "reset-password", "bob", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersEndSessionsCommand>("end-sessions")
                .WithDescription("End every open session of an account at once (a lost laptop); the person signs in again")
                .WithExample("users", "end-sessions", "bob", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersDisableCommand>("disable")
                .WithDescription("Stop an account from signing in; its open sessions end at once")
                .WithExample("users", "disable", "bob", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
            users.AddCommand<Team.UsersEnableCommand>("enable")
                .WithDescription("Let a disabled account sign in again")
                .WithExample("users", "enable", "bob", "--database", "\"Host=db.example.org;Database=twoway_study;Username=twoway\"");
        });
        config.AddCommand<FirmsCommand>("firms")
            .WithDescription("List the firms of a study with their numbers of inward and outward operations.")
            .WithExample("firms", "study.twoway", "--json");
    }
}
