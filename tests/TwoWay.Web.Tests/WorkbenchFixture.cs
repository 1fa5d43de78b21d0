using System.Text.Json;
using Microsoft.Playwright;
using TwoWay.Application.Interviews;
using TwoWay.TestKit;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Tests;

/// <summary>
/// One study served by a real <see cref="WorkbenchServer"/> on a loopback port, and Debian's
/// Chromium driven by Playwright. The study holds the sample firms, the starter codebook, a code
/// whose name is markup, and a transcript in six scripts with CRLF line ends, emoji and combining
/// accents, which bob has already coded once.
/// </summary>
public sealed class WorkbenchFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The transcript exactly as stored (CRLF kept): positions are UTF-16 units over this text.</summary>
    public const string Transcript =
        "Interviewer: How did it start?\r\n" +
        "CEO: The German experience 🇩🇪 was the key 😀 that opened the door.\r\n" +
        "\r\n" +
        "Директор: Немецкий опыт помог нам выйти на шведский рынок.\r\n" +
        "Serbian: C\u030Ca\u010Dak — Ćao, nai\u0308ve cafe\u0301 in Šabac.\r\n" +
        "Georgian: ქართული ექსპორტი იწყება იმპორტით.\r\n" +
        "Arabic: المدير: قال إن الاستيراد من ألمانيا فتح الباب للتصدير.\r\n" +
        "Hebrew: \"הייבוא פתח לנו את הדלת\" she said.\r\n" +
        "End.";

    public const string HostileCode = "Hostile/<img src=x onerror=alert(1)>";
    public const string HostileMemo = "<script>alert('memo')</script> & \"quotes\"";

    private readonly TempDir _dir = new();
    private IPlaywright? _playwright;

    public string Study { get; private set; } = "";
    public string SourceId { get; private set; } = "";
    public string BobCodingId { get; private set; } = "";
    public WorkbenchServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string SessionState { get; private set; } = "";
    public InterviewWorkbench Workbench => new(Study);
    public TempDir Dir => _dir;

    public async Task InitializeAsync()
    {
        Study = SmallStudy.Create(_dir, "web.twoway");
        Expect(CliRunner.Run("codes", "starter", Study));
        Expect(CliRunner.Run("codes", "add", Study, HostileCode));
        Expect(CliRunner.Run("codes", "add", Study, "Механизмы/Обучение"));
        var file = _dir.Write("multilingual.txt", Transcript);
        var added = Expect(CliRunner.Run("sources", "add", Study, file, "--case", "RS-01", "--round", "1", "--language", "sr", "--json"));
        SourceId = JsonDocument.Parse(added).RootElement.GetProperty("source_id").GetString()!;
        Expect(CliRunner.Run("code", Study, "multilingual", "Inward modes/Importing goods", "--coder", "bob", "--phrase", "Interviewer: How did it start?",
            "--memo", HostileMemo));
        BobCodingId = (await Workbench.TranscriptAsync(new TranscriptRequest(SourceId))).Codings.Single().CodingId.ToString();

        Server = await WorkbenchServer.StartAsync(new WorkbenchOptions(Study, "alice"));
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
        // Redeem the one-time link once and keep the session for every test's pages.
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Server.OpenAddress.ToString());
        if (!page.Url.EndsWith('/')) throw new InvalidOperationException("the one-time link did not open the overview: " + page.Url);
        SessionState = await context.StorageStateAsync();
        await context.CloseAsync();
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (test.sh does)");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A signed-in page whose console errors, failed scripts and dialogs are collected.</summary>
    public async Task<WatchedPage> SignedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = SessionState, BaseURL = Server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await WatchedPage.OpenAsync(context);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _dir.Dispose();
    }

    private static string Expect(CliRunner.Result r) =>
        r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"setting up the study failed (exit {r.ExitCode}): {r.Error}");
}

/// <summary>A page and what went wrong in it: console errors, uncaught script errors, dialogs (which a hostile name could open).</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, m) => { if (m.Type == "error") Problems.Add("console: " + m.Text); };
        page.PageError += (_, e) => Problems.Add("script: " + e);
        page.Dialog += async (_, d) => { Problems.Add("dialog: " + d.Message); await d.DismissAsync(); };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public List<string> Problems { get; } = [];

    public static async Task<WatchedPage> OpenAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Fails when the browser reported any console error, script error or dialog.</summary>
    public void AssertClean() => Assert.True(Problems.Count == 0, "the browser reported:\n" + string.Join("\n", Problems));

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchFixture>
{
    public const string Name = "workbench";
}
