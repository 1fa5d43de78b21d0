using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TwoWay.Application.Interviews;
using TwoWay.Application.Team;
using TwoWay.Storage.Team;

namespace TwoWay.Web.Tests;

/// <summary>
/// The team server's roles, sessions and live work in Chromium against PostgreSQL: each role sees
/// and may do what docs/security.md says, and nothing else.
/// </summary>
[Collection(TeamServerCollection.Name)]
[Trait("Category", "PostgreSQL")]
public sealed class TeamServerTests(TeamServerFixture team)
{
    private static async Task<string> CsrfAsync(IPage page) =>
        await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content") ?? throw new InvalidOperationException("no form token in the page");

    private static async Task<IAPIResponse> PostJsonAsync(IPage page, string url, object body, string csrf) =>
        await page.APIRequest.PostAsync(url, new() { DataObject = body, Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = csrf } });

    private async Task<int> CodingsAsync() => (await team.Workbench.TranscriptAsync(new TranscriptRequest(team.SourceId))).Codings.Count;

    [Fact]
    public async Task A_viewer_reads_every_page_but_a_direct_POST_is_refused()
    {
        await using var w = await team.SignedInAsync("vera");
        var page = await w.Page.GotoAsync($"/transcripts/{team.SourceId}");
        Assert.Equal(200, page!.Status);
        await Assertions.Expect(w.Page.GetByText("You read this study as a viewer")).ToBeVisibleAsync();
        var csrf = await CsrfAsync(w.Page);
        var before = await CodingsAsync();

        var coding = await PostJsonAsync(w.Page, "/api/codings", new { source = team.SourceId, start = 0, end = 11, text = "Interviewer", codes = new[] { "Inward modes/Importing goods" } }, csrf);
        Assert.Equal(403, coding.Status);
        Assert.Contains("viewer", (await coding.JsonAsync())?.GetProperty("error").GetString());
        // A page form posted directly (the codebook's add) is refused the same way.
        var form = await w.Page.APIRequest.PostAsync("/codebook?handler=Add", new() { Form = w.Page.APIRequest.CreateFormData().Set("path", "Viewer/was here").Set("__RequestVerificationToken", csrf) });
        Assert.Equal(403, form.Status);
        Assert.Equal(before, await CodingsAsync());
        Assert.DoesNotContain((await team.Workbench.ListCodesAsync()).Codes, c => c.Path.StartsWith("Viewer", StringComparison.Ordinal));
        // The owner's page is not the viewer's.
        Assert.Equal(403, (await w.Page.APIRequest.GetAsync("/members")).Status);
        // No editing controls are offered to a viewer; an analysis of an uploaded file (nothing stored) is theirs to run.
        await w.Page.GotoAsync("/codebook");
        Assert.Equal(0, await w.Page.Locator("form[method=post]:not(.who)").CountAsync());
        await w.Page.GotoAsync("/firms/RS-01?edit=new");
        Assert.Equal(0, await w.Page.GetByRole(AriaRole.Link, new() { Name = "Add an operation" }).CountAsync());
        Assert.Equal(0, await w.Page.Locator("form.operation-form").CountAsync());
        await w.Page.GotoAsync("/programmes");
        await w.Page.GetByLabel("Catalogue").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalogue.csv"));
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(w.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "compared with the study's firms" })).ToBeVisibleAsync();
        w.AssertClean();
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_gets_404_for_every_study_address()
    {
        await using var w = await team.SignedInAsync("nina");
        foreach (var path in new[] { "/", $"/transcripts/{team.SourceId}", "/codebook", "/firms/RS-01", "/export/report.html", "/members" })
            Assert.True((await w.Page.GotoAsync(path))!.Status == 404, path);
        var api = await w.Page.APIRequest.GetAsync($"/api/transcripts/{team.SourceId}/region?from=0&to=10");
        Assert.Equal(404, api.Status);
        Assert.DoesNotContain("Importing goods", await w.Page.ContentAsync());
        // Nothing of the study, but their own account and the way out.
        await Assertions.Expect(w.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        Assert.Equal(0, await w.Page.GetByRole(AriaRole.Navigation, new() { Name = "Study" }).CountAsync());
        Assert.Equal(200, (await w.Page.GotoAsync("/account"))!.Status);
    }

    [Fact]
    public async Task After_logout_a_replayed_cookie_is_refused()
    {
        await using var w = await team.SignedInAsync("alice");
        Assert.Equal(200, (await w.Page.GotoAsync("/"))!.Status);
        var copied = await w.Context.StorageStateAsync();
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(w.Page.GetByRole(AriaRole.Heading, new() { Name = "Signed out" })).ToBeVisibleAsync();

        var replay = await team.Browser.NewContextAsync(new() { StorageState = copied, BaseURL = team.Server.BaseAddress.ToString() });
        var page = await replay.NewPageAsync();
        await page.GotoAsync("/codebook");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        Assert.Equal(401, (await page.APIRequest.GetAsync($"/api/transcripts/{team.SourceId}/region?from=0&to=10")).Status);
        await replay.CloseAsync();
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_at_once()
    {
        await using var w = await team.SignedInAsync("carl");
        Assert.Equal(200, (await w.Page.GotoAsync("/codebook"))!.Status);
        await team.Accounts.SetDisabledAsync("carl", true, "test");
        try
        {
            await w.Page.GotoAsync("/codebook");
            Assert.Contains("/login", w.Page.Url, StringComparison.Ordinal);
        }
        finally { await team.Accounts.SetDisabledAsync("carl", false, "test"); }
    }

    [Fact]
    public async Task A_script_in_a_code_name_stays_text()
    {
        await using var w = await team.SignedInAsync(TeamServerFixture.Owner);
        await w.Page.GotoAsync("/codebook");
        await Assertions.Expect(w.Page.GetByText(TeamServerFixture.HostileCode.Split('/')[1]).First).ToBeVisibleAsync();
        await w.Page.GotoAsync($"/transcripts/{team.SourceId}");
        Assert.Equal(0, await w.Page.Locator("script:not([src])").CountAsync());
        Assert.Contains("&lt;script&gt;", await w.Page.ContentAsync(), StringComparison.Ordinal);
        w.AssertClean(); // no dialog opened, no script error
    }

    [Fact]
    public async Task The_sixth_failed_login_answers_429()
    {
        await using var w = await team.AnonymousPageAsync();
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            await w.Page.GotoAsync("/login");
            await w.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("dora");
            // The seventh try has the right password: still refused while the window lasts.
            await w.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(i == 6 ? TeamServerFixture.Password : "wrong password " + i);
            var response = await w.Page.RunAndWaitForResponseAsync(() => w.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                r => r.Url.Contains("/login", StringComparison.Ordinal) && r.Request.Method == "POST");
            statuses.Add(response.Status);
        }
        Assert.Equal([401, 401, 401, 401, 401, 429, 429], statuses);
        await Assertions.Expect(w.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-ins");
        // Another person signing in from elsewhere in the same window is not affected, and the log has every try.
        await using var other = await team.SignedInAsync("alice");
        var audit = await new TeamActivity(TwoWay.Storage.StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(200);
        Assert.Equal(5, audit.Count(a => a.Actor == "dora" && a.Action == "login failed"));
        Assert.Equal(2, audit.Count(a => a.Actor == "dora" && a.Action.StartsWith("login refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Blind_mode_hides_the_other_coder_until_the_owner_opens_the_comparison()
    {
        await using var owner = await team.SignedInAsync(TeamServerFixture.Owner);
        await owner.Page.GotoAsync("/members");
        await owner.Page.GetByLabel("Blind coding: each coder sees only their own codings").CheckAsync();
        await owner.Page.GetByLabel("Open the comparison: coders see each other's codings and the agreement page").UncheckAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Blind coding is on" })).ToBeVisibleAsync();
        try
        {
            await using var alice = await team.SignedInAsync("alice");
            await alice.Page.GotoAsync($"/transcripts/{team.SourceId}");
            await Assertions.Expect(alice.Page.GetByText("Blind coding: you see only your own codings")).ToBeVisibleAsync();
            Assert.Equal(0, await alice.Page.Locator("#margin li").CountAsync());
            Assert.Equal(0, await alice.Page.Locator("#code-list .count").CountAsync()); // how often others used a code is theirs too
            Assert.DoesNotContain("bob", await alice.Page.Locator("#margin").InnerTextAsync(), StringComparison.Ordinal);
            // Asking for bob's codings by address gives nothing either.
            var region = await alice.Page.APIRequest.GetAsync($"/api/transcripts/{team.SourceId}/region?from=0&to=200&coder=bob&ids=" + await BobsCodingAsync());
            Assert.Empty((await region.JsonAsync())!.Value.GetProperty("items").EnumerateArray());
            await alice.Page.GotoAsync("/agreement");
            await Assertions.Expect(alice.Page.GetByText("Coding is blind")).ToBeVisibleAsync();
            // Alice codes blind: the same code as bob, on a passage of her own choosing.
            await alice.Page.GotoAsync($"/transcripts/{team.SourceId}");
            var phrase = "Немецкий опыт помог нам";
            var at = TeamServerFixture.Transcript.IndexOf(phrase, StringComparison.Ordinal);
            Assert.True((await PostJsonAsync(alice.Page, "/api/codings", new { source = team.SourceId, start = at, end = at + phrase.Length, text = phrase, codes = new[] { "Inward modes/Importing goods" } },
                await CsrfAsync(alice.Page))).Ok);
            Assert.Equal(403, (await alice.Page.APIRequest.GetAsync("/export/quotations.xlsx")).Status);
            // The owner sees both, and opens the comparison.
            await owner.Page.GotoAsync($"/transcripts/{team.SourceId}");
            Assert.Contains("bob", await owner.Page.Locator("#margin").InnerTextAsync(), StringComparison.Ordinal);
            await owner.Page.GotoAsync("/members");
            await owner.Page.GetByLabel("Open the comparison: coders see each other's codings and the agreement page").CheckAsync();
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await alice.Page.GotoAsync($"/transcripts/{team.SourceId}");
            Assert.Contains("bob", await alice.Page.Locator("#margin").InnerTextAsync(), StringComparison.Ordinal);
            // The comparison: κ and α per code, and the places they differ side by side.
            await alice.Page.GotoAsync("/agreement?coder=alice&coder=bob");
            await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Where alice and bob differ" })).ToBeVisibleAsync();
            var differ = alice.Page.Locator("table.differ");
            await Assertions.Expect(differ.Locator("tr", new() { HasText = phrase })).ToHaveCountAsync(1);
            await Assertions.Expect(differ.Locator("tr", new() { HasText = "We imported machines from Germany first" })).ToHaveCountAsync(1);
            var aliceAxe = await alice.Page.RunAxe();
            Assert.DoesNotContain(aliceAxe.Violations, v => v.Impact is "serious" or "critical");
            var axe = await owner.Page.RunAxe();
            Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
            alice.AssertClean();
        }
        finally { await new TeamActivity(TwoWay.Storage.StudyLocation.ForPostgreSql(team.Database)).SetSettingsAsync(new TeamSettings(false, false), "test", null); }
        var log = await new TeamActivity(TwoWay.Storage.StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(100);
        Assert.Contains(log, a => a.Actor == TeamServerFixture.Owner && a.Action == "blind coding on");
        Assert.Contains(log, a => a.Actor == TeamServerFixture.Owner && a.Action == "comparison opened");
    }

    private async Task<string> BobsCodingAsync() =>
        (await team.Workbench.TranscriptAsync(new TranscriptRequest(team.SourceId, "bob"))).Codings[0].CodingId.ToString();

    [Fact]
    public async Task Another_members_coding_appears_on_an_open_page_and_a_conflicting_edit_is_shown()
    {
        await using var alice = await team.SignedInAsync("alice");
        await alice.Page.GotoAsync($"/transcripts/{team.SourceId}");
        await using var bob = await team.SignedInAsync("bob");
        await bob.Page.GotoAsync($"/transcripts/{team.SourceId}");
        var csrf = await CsrfAsync(bob.Page);
        var text = TeamServerFixture.Transcript;
        var phrase = "the German partner later opened the Swedish market";
        var start = text.IndexOf(phrase, StringComparison.Ordinal);
        var made = await PostJsonAsync(bob.Page, "/api/codings", new { source = team.SourceId, start, end = start + phrase.Length, text = phrase, codes = new[] { "Outward modes/Exporting goods" } }, csrf);
        Assert.True(made.Ok, await made.TextAsync());
        var id = (await made.JsonAsync())!.Value.GetProperty("codings")[0].GetProperty("codingId").GetString()!;
        // Alice's page draws it without a reload (server-sent events), and says who changed what.
        await Assertions.Expect(alice.Page.Locator($"#c-{id}")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(alice.Page.Locator("#live")).ToContainTextAsync("bob changed a coding");
        // A change from the command line on the server's database reaches the open page the same way:
        // every save of the study writes its event in its own transaction.
        var cli = TwoWay.TestKit.CliRunner.Run("code", team.Database, "interview", "Mechanisms/Learning", "--phrase", "End.", "--coder", "carla", "--json");
        Assert.True(cli.ExitCode == 0, cli.Error);
        var cliId = System.Text.Json.JsonDocument.Parse(cli.Out).RootElement.GetProperty("coding_id").GetString();
        await Assertions.Expect(alice.Page.Locator($"#c-{cliId}")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(alice.Page.Locator("#live")).ToContainTextAsync("carla changed a coding");

        // Both pages show version 1 of the coding; bob saves a memo first, alice's save from the old view is refused and told.
        var version = (await team.Workbench.TranscriptAsync(new TranscriptRequest(team.SourceId))).Codings.Single(c => c.CodingId.ToString() == id).Version;
        Assert.True((await PostJsonAsync(bob.Page, $"/api/codings/{id}/edit", new { memo = "bob's memo", version }, csrf)).Ok);
        var late = await PostJsonAsync(alice.Page, $"/api/codings/{id}/edit", new { memo = "alice's memo", version }, await CsrfAsync(alice.Page));
        Assert.Equal(409, late.Status);
        Assert.True((await late.JsonAsync())!.Value.GetProperty("conflict").GetBoolean());
        var kept = (await team.Workbench.TranscriptAsync(new TranscriptRequest(team.SourceId))).Codings.Single(c => c.CodingId.ToString() == id);
        Assert.Equal("bob's memo", kept.Memo);
        alice.AssertClean();
    }

    [Fact]
    public async Task The_owner_changes_a_role_and_it_takes_effect_at_once_and_is_audited()
    {
        await using var owner = await team.SignedInAsync(TeamServerFixture.Owner);
        await using var dora = await team.SignedInAsync("carl");
        await owner.Page.GotoAsync("/members");
        await owner.Page.GetByLabel("Role of carl").SelectOptionAsync("viewer");
        await owner.Page.Locator("form:has(input[value='carl'])").GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "carl is now viewer" })).ToBeVisibleAsync();
        try
        {
            // The role change ended carl's session (a narrower role must not ride on an old cookie).
            await dora.Page.GotoAsync("/");
            Assert.Contains("/login", dora.Page.Url, StringComparison.Ordinal);
            await using var again = await team.SignedInAsync("carl");
            await again.Page.GotoAsync("/");
            await Assertions.Expect(again.Page.Locator("header")).ToContainTextAsync("Reading as");
            var axe = await owner.Page.RunAxe();
            Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
            owner.AssertClean();
        }
        finally { await team.Accounts.SetRoleAsync("carl", StudyRole.Coder, "test"); }
        var log = await new TeamActivity(TwoWay.Storage.StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(100);
        Assert.Contains(log, a => a.Actor == TeamServerFixture.Owner && a.Action == "role changed" && a.Subject == "carl: coder → viewer");
    }

    [Fact]
    public async Task The_login_page_passes_axe_and_never_redirects_off_the_server()
    {
        await using var w = await team.AnonymousPageAsync();
        await w.Page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString("//evil.example/x"));
        var axe = await w.Page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
        await w.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("alice");
        await w.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(TeamServerFixture.Password);
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await w.Page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        Assert.StartsWith(team.Server.BaseAddress.ToString(), w.Page.Url, StringComparison.Ordinal);
        // The account page (password, two-step sign-in) passes axe too.
        await w.Page.GotoAsync("/account");
        var accountAxe = await w.Page.RunAxe();
        Assert.DoesNotContain(accountAxe.Violations, v => v.Impact is "serious" or "critical");
        // Asking for a study page while signed out comes back to it after the login.
        await using var anon = await team.AnonymousPageAsync();
        await anon.Page.GotoAsync("/codebook");
        Assert.Contains("/login?returnUrl=%2Fcodebook", anon.Page.Url, StringComparison.Ordinal);
        w.AssertClean();
    }

    [Theory]
    [InlineData(TeamServerFixture.Owner)]
    [InlineData("vera")]
    public async Task Every_page_of_the_team_server_loads_cleanly_and_passes_axe(string member)
    {
        await using var w = await team.SignedInAsync(member);
        var pages = new List<string> { "/", "/firms/RS-01", $"/transcripts/{team.SourceId}", "/codebook", "/matrix?quotes=true", "/agreement", "/search?q=%D1%80%D1%8B%D0%BD%D0%BE%D0%BA", "/export", "/programmes", "/panel", "/account" };
        if (member == TeamServerFixture.Owner) pages.Add("/members");
        var failures = new List<string>();
        foreach (var path in pages)
        {
            var response = await w.Page.GotoAsync(path);
            if (response?.Status != 200) { failures.Add($"{path} answered {response?.Status}"); continue; }
            var axe = await w.Page.RunAxe();
            failures.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: axe {v.Impact} {v.Id}: {v.Help}"));
            var overflow = await w.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0) failures.Add($"{path}: the page is {overflow}px wider than a 1280px screen");
        }
        failures.AddRange(w.Problems);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
