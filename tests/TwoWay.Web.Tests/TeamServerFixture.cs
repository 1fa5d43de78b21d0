using System.Text.Json;
using Microsoft.Playwright;
using TwoWay.Application.Interviews;
using TwoWay.Application.Team;
using TwoWay.Storage.Team;
using TwoWay.TestKit;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Tests;

/// <summary>
/// The team server on a real PostgreSQL (a throwaway cluster on loopback) with a study pushed from a
/// laptop file: an owner, two coders, a viewer and an account that is not a member. bob has already
/// coded the transcript once; a code's name is markup. Chromium signs in as each of them.
/// </summary>
public sealed class TeamServerFixture : IAsyncLifetime
{
    public const string Owner = "Мария Đorđević";
    public const string Password = "correct horse battery staple";
    public const string HostileCode = "Hostile/<script>alert('code')</script>";
    public const string Transcript =
        "Interviewer: How did you start exporting?\n" +
        "CEO: We imported machines from Germany first; the German partner later opened the Swedish market for us.\n" +
        "Директор: Немецкий опыт помог нам выйти на шведский рынок.\n" +
        "End.";

    private readonly TempDir _dir = new();
    private IPlaywright? _playwright;

    public string Database { get; private set; } = "";
    public string SourceId { get; private set; } = "";
    public WorkbenchServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public TeamAccounts Accounts => new(Database);
    public InterviewWorkbench Workbench => new(Database);
    public TempDir Dir => _dir;

    public async Task InitializeAsync()
    {
        var file = SmallStudy.Create(_dir, "team.twoway");
        Expect(CliRunner.Run("codes", "starter", file));
        Expect(CliRunner.Run("codes", "add", file, HostileCode));
        var text = _dir.Write("interview.txt", Transcript);
        var added = Expect(CliRunner.Run("sources", "add", file, text, "--case", "RS-01", "--round", "1", "--json"));
        SourceId = JsonDocument.Parse(added).RootElement.GetProperty("source_id").GetString()!;
        Expect(CliRunner.Run("code", file, "interview", "Inward modes/Importing goods", "--coder", "bob", "--phrase", "We imported machines from Germany first"));
        Database = PostgresCluster.Instance.NewDatabase("team");
        Expect(CliRunner.Run("study", "push", file, "--database", Database));

        foreach (var (name, role) in new (string, StudyRole?)[] { (Owner, StudyRole.Owner), ("alice", StudyRole.Coder), ("bob", StudyRole.Coder), ("vera", StudyRole.Viewer), ("nina", null), ("dora", StudyRole.Coder), ("carl", StudyRole.Coder) })
            await Accounts.AddAsync(new AddAccountRequest(name, role, Password), "test");

        Server = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(Database));
        _playwright = await Playwright.CreateAsync();
        Browser = await WorkbenchFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A fresh browser (no cookies) on the server.</summary>
    public async Task<WatchedPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await WatchedPage.OpenAsync(context);
    }

    /// <summary>A browser signed in through the login form as <paramref name="name"/>.</summary>
    public async Task<WatchedPage> SignedInAsync(string name, string password = Password)
    {
        var w = await AnonymousPageAsync();
        await w.Page.GotoAsync("/login");
        await w.Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await w.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await w.Page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return w;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _dir.Dispose();
    }

    private static string Expect(CliRunner.Result r) =>
        r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"setting up the team study failed (exit {r.ExitCode}): {r.Error}");
}

[CollectionDefinition(Name)]
public sealed class TeamServerCollection : ICollectionFixture<TeamServerFixture>
{
    public const string Name = "team server";
}
