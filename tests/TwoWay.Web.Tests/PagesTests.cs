using System.IO.Compression;
using System.Xml.Linq;
using System.Xml.Schema;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TwoWay.Application.Interviews;
using TwoWay.TestKit;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Tests;

/// <summary>
/// Every page loads in real Chromium without a console error, passes axe-core without a serious or
/// critical violation, and fits a 1280 px laptop screen; the one-time link, the security headers,
/// antiforgery, the codebook forms and the REFI-QDA export work as a user meets them.
/// </summary>
[Collection(WorkbenchCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PagesTests(WorkbenchFixture wb)
{
    private string[] Pages =>
    [
        "/", "/firms/RS-01", "/firms/GE-02", $"/transcripts/{wb.SourceId}", $"/transcripts/{wb.SourceId}?mine=true", "/codebook",
        "/matrix", "/matrix?quotes=true&all=true", "/agreement", "/search?q=%D0%BD%D0%B5%D0%BC%D0%B5%D1%86%D0%BA%D0%B8%D0%B9", "/export", "/firms/PL-01/assess", "/programmes", "/panel",
    ];

    [Fact]
    public async Task Every_page_loads_cleanly_passes_axe_and_fits_a_laptop_screen()
    {
        var shots = Environment.GetEnvironmentVariable("TWOWAY_SCREENSHOTS");
        var failures = new List<string>();
        foreach (var path in Pages)
        {
            await using var w = await wb.SignedInPageAsync();
            var response = await w.Page.GotoAsync(path);
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}");
            var axe = await w.Page.RunAxe();
            failures.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: axe {v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})"));
            // Nothing is cut off: the page itself never scrolls sideways (wide tables scroll in their own box).
            var overflow = await w.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0) failures.Add($"{path}: the page is {overflow}px wider than a 1280px screen");
            failures.AddRange(w.Problems.Select(p => $"{path}: {p}"));
            if (shots is not null)
            {
                Directory.CreateDirectory(shots);
                await w.Page.ScreenshotAsync(new() { Path = Path.Combine(shots, path.Trim('/').Split('?')[0].Replace('/', '-') is { Length: > 0 } n ? n + ".png" : "overview.png"), FullPage = true });
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_link_opens_the_study_once_and_nothing_is_shown_without_it()
    {
        var context = await wb.Browser.NewContextAsync(new() { BaseURL = wb.Server.BaseAddress.ToString() });
        await using var w = await WatchedPage.OpenAsync(context);
        await w.Page.GotoAsync("/firms/RS-01");
        Assert.EndsWith("/welcome", w.Page.Url);
        Assert.DoesNotContain("RS-01", await w.Page.ContentAsync());
        // The fixture already used the link: a second use opens nothing.
        await w.Page.GotoAsync(wb.Server.OpenAddress.ToString());
        Assert.Contains("/welcome", w.Page.Url);
        await Assertions.Expect(w.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already used");
        await w.Page.GotoAsync("/open?token=guess");
        Assert.Contains("/welcome", w.Page.Url);
        var api = await context.APIRequest.GetAsync($"/transcripts/{wb.SourceId}", new() { MaxRedirects = 0 });
        Assert.Equal(302, api.Status);
        w.AssertClean();
    }

    [Fact]
    public void The_token_is_compared_exactly_and_used_once()
    {
        var token = new Security.OneTimeToken();
        Assert.True(token.Text.Length >= 43);
        Assert.False(token.TryRedeem(null));
        Assert.False(token.TryRedeem(token.Text[..^1] + (token.Text[^1] == 'A' ? 'B' : 'A')));
        Assert.False(token.TryRedeem(token.Text + "x"));
        Assert.True(token.TryRedeem(token.Text));
        Assert.False(token.TryRedeem(token.Text));
    }

    [Fact]
    public async Task Transcripts_are_not_cached_and_no_inline_script_or_framing_is_allowed()
    {
        await using var w = await wb.SignedInPageAsync();
        var response = await w.Page.GotoAsync($"/transcripts/{wb.SourceId}");
        var headers = await response!.AllHeadersAsync();
        Assert.Equal("no-store", headers["cache-control"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"]);
        Assert.Equal(0, await w.Page.Locator("script:not([src]), [style]").CountAsync());
        w.AssertClean();
    }

    [Fact]
    public async Task A_change_without_the_pages_form_token_is_refused_and_nothing_is_stored()
    {
        await using var w = await wb.SignedInPageAsync();
        var before = (await wb.Workbench.TranscriptAsync(new TranscriptRequest(wb.SourceId))).Codings.Count;
        var r = await w.Context.APIRequest.PostAsync("/api/codings", new()
        {
            DataObject = new { source = wb.SourceId, start = 0, end = 5, text = "Inter", codes = new[] { "Mechanisms/Trust" } },
        });
        Assert.Equal(400, r.Status);
        var fields = w.Context.APIRequest.CreateFormData();
        fields.Set("path", "Forged/Code");
        var form = await w.Context.APIRequest.PostAsync("/codebook?handler=Add", new() { Form = fields });
        Assert.Equal(400, form.Status);
        Assert.Equal(before, (await wb.Workbench.TranscriptAsync(new TranscriptRequest(wb.SourceId))).Codings.Count);
        Assert.DoesNotContain((await wb.Workbench.ListCodesAsync()).Codes, c => c.Path.StartsWith("Forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_selection_that_does_not_match_the_stored_text_is_refused_with_the_reason()
    {
        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync($"/transcripts/{wb.SourceId}");
        var token = await w.Page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");
        var emoji = WorkbenchFixture.Transcript.IndexOf("😀", StringComparison.Ordinal);
        foreach (var (start, end, text, expected) in new[]
        {
            (0, 5, "Xnter", "does not match"),
            (emoji + 1, emoji + 4, (string?)null, "splits a character"),
            (0, WorkbenchFixture.Transcript.Length + 1, null, "not within the text"),
        })
        {
            var r = await w.Context.APIRequest.PostAsync("/api/codings", new()
            {
                Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token! },
                DataObject = new { source = wb.SourceId, start, end, text, codes = new[] { "Mechanisms/Trust" } },
            });
            Assert.Equal(400, r.Status);
            Assert.Contains(expected, await r.TextAsync());
        }
    }

    [Fact]
    public async Task The_codebook_creates_renames_and_merges_keeping_codings_and_refuses_an_outdated_rename()
    {
        await using var w = await wb.SignedInPageAsync();
        var page = w.Page;
        await page.GotoAsync("/codebook");
        var add = page.Locator("form").Filter(new() { HasText = "New code" });
        await add.GetByLabel("Path").FillAsync("Web/Серверный код");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added Web/Серверный код");

        var rename = page.Locator("form").Filter(new() { HasText = "New name" });
        await rename.GetByLabel("Code").SelectOptionAsync(new SelectOptionValue { Label = "Web/Серверный код" });
        // Someone else renames it meanwhile: this page's version is out of date.
        await wb.Workbench.RenameCodeAsync(new RenameCodeRequest("Web/Серверный код", "Код"));
        await rename.GetByLabel("New name").FillAsync("Mine");
        await rename.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed by someone else");
        Assert.Contains((await wb.Workbench.ListCodesAsync()).Codes, c => c.Path == "Web/Код");

        // Merge a code with a coding into another: the coding is kept under the other.
        await wb.Workbench.AddCodeAsync(new AddCodeRequest("Web/Merged away"));
        await wb.Workbench.AddCodeAsync(new AddCodeRequest("Web/Kept"));
        await wb.Workbench.CodeAsync(new CodePassageRequest(wb.SourceId, "Web/Merged away", "carol", Phrase: "End."));
        await page.GotoAsync("/codebook");
        var merge = page.Locator("form").Filter(new() { HasText = "Merge (codings kept)" });
        await merge.GetByLabel("Code to merge").SelectOptionAsync(new SelectOptionValue { Label = "Web/Merged away" });
        await merge.GetByLabel("Merge it into").SelectOptionAsync(new SelectOptionValue { Label = "Web/Kept" });
        await merge.GetByRole(AriaRole.Button, new() { Name = "Merge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Merged into Web/Kept: it now has 1 coding");
        var codes = (await wb.Workbench.ListCodesAsync()).Codes;
        Assert.DoesNotContain(codes, c => c.Path == "Web/Merged away");
        Assert.Equal(1, codes.Single(c => c.Path == "Web/Kept").Codings);
        w.AssertClean();
    }

    [Fact]
    public async Task A_qdpx_export_of_web_made_codings_validates_and_imports_back_identically()
    {
        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync($"/transcripts/{wb.SourceId}");
        await w.Page.EvaluateAsync("""
            () => { const box = document.getElementById('transcript'); const t = [...box.children].find(s => s.textContent.includes('Hebrew'));
                    const r = document.createRange(); r.setStart(t.firstChild, 0); r.setEnd(t.firstChild, t.textContent.length);
                    document.getSelection().removeAllRanges(); document.getSelection().addRange(r); }
            """);
        await w.Page.GetByLabel("Connection kinds/Network").CheckAsync();
        await w.Page.Locator("#apply").ClickAsync();
        await Assertions.Expect(w.Page.Locator("#status")).ToContainTextAsync("Coded");

        var download = await w.Context.APIRequest.GetAsync("/export/study.qdpx");
        Assert.Equal(200, download.Status);
        var file = wb.Dir.File("web.qdpx");
        await File.WriteAllBytesAsync(file, await download.BodyAsync());
        using (var zip = ZipFile.OpenRead(file))
        {
            using var reader = new StreamReader(zip.GetEntry("project.qde")!.Open());
            var schemas = new XmlSchemaSet();
            schemas.Add("urn:QDA-XML:project:1.0", Path.Combine(AppContext.BaseDirectory, "Fixtures", "Project.xsd"));
            var errors = new List<string>();
            XDocument.Parse(await reader.ReadToEndAsync()).Validate(schemas, (_, e) => errors.Add(e.Message));
            Assert.Empty(errors);
        }
        var copy = wb.Dir.File("copy.twoway");
        Assert.Equal(0, CliRunner.Run("init", copy).ExitCode);
        var imported = CliRunner.Run("qdpx", "import", copy, file);
        Assert.True(imported.ExitCode == 0, imported.Error);
        static IEnumerable<string> Codings(InterviewWorkbench x) =>
            x.QuotesAsync(new QuotesRequest(null)).GetAwaiter().GetResult().Quotations
                .Select(q => $"{q.SourceName}|{q.CodePath}|{q.Coder}|{q.Start}|{q.End}|{q.Text}|{q.Memo}").Order(StringComparer.Ordinal);
        Assert.Equal(Codings(wb.Workbench), Codings(new InterviewWorkbench(copy)));
    }

    [Fact]
    public async Task A_panel_larger_than_other_uploads_is_analysed_with_its_charts_and_a_bad_one_is_named_by_file_and_column()
    {
        // 25,000 fictional firms over 6 years: about 5 MB, over the 4 MB other uploads may have.
        var panel = wb.Dir.File("trade-panel.csv");
        var made = CliRunner.Run("panel", "simulate", panel, "--firms", "25000", "--years", "6", "--seed", "3", "--force");
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.True(new FileInfo(panel).Length > WorkbenchServer.MaxUploadBytes);

        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync("/panel");
        await w.Page.GetByLabel("Panel file").SetInputFilesAsync(panel);
        await w.Page.GetByLabel("Covariates (comma-separated, optional)").FillAsync("sector, size_class");
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();
        await Assertions.Expect(w.Page.Locator("[role=status]")).ToContainTextAsync("trade-panel.csv analysed", new() { Timeout = 60_000 });
        Assert.DoesNotContain("twoway-panel-", await w.Page.ContentAsync()); // not the server's temporary copy
        Assert.True(await w.Page.Locator("figure.chart img[src^='data:image/svg+xml']").CountAsync() >= 2);
        Assert.Contains("sector", await w.Page.ContentAsync());
        var axe = await w.Page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

        // The same panel under disclosure control: the report says what was held back.
        await w.Page.GetByLabel("Panel file").SetInputFilesAsync(panel);
        await w.Page.GetByLabel("Hold back figures resting on fewer firms than (optional, e.g. 10)").FillAsync("10");
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();
        await Assertions.Expect(w.Page.GetByText("Disclosure control (at least 10 firms)")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var bad = wb.Dir.Write("bad-panel.csv", "firm,year,import_value,export_value\n1,2001,5,0\n");
        await w.Page.GetByLabel("Panel file").SetInputFilesAsync(bad);
        await w.Page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();
        var alert = w.Page.Locator("[role=alert]");
        await Assertions.Expect(alert).ToContainTextAsync("bad-panel.csv");
        await Assertions.Expect(alert).ToContainTextAsync("firm_id");
        Assert.DoesNotContain("twoway-panel-", await alert.TextContentAsync() ?? ""); // the temporary folder is not shown
        w.AssertClean();
    }

    [Fact]
    public async Task The_tables_download_as_workbooks_and_the_pseudonymized_one_names_no_firm()
    {
        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync("/export");
        async Task<TwoWay.Interchange.Tables.Table> Sheet(string link, string file, string? sheet)
        {
            var download = await w.Page.RunAndWaitForDownloadAsync(() => w.Page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync());
            await download.SaveAsAsync(wb.Dir.File(file));
            return TwoWay.Interchange.Tables.TableReader.Read(wb.Dir.File(file), sheet);
        }
        var plain = await Sheet("Firms and operations (XLSX)", "cases.xlsx", "firms");
        Assert.Contains(plain.Rows, r => r["name"] == "Dunavski Ventili d.o.o.");
        var masked = await Sheet("Firms and operations with pseudonyms (XLSX)", "masked.xlsx", "operations");
        Assert.Equal(plain.Rows.Count > 0, masked.Rows.Count > 0);
        Assert.DoesNotContain(masked.Rows, r => r.Cells.Values.Any(v => v?.Contains("Kessler", StringComparison.Ordinal) == true));
        Assert.Contains(masked.Rows, r => r["partner"]?.StartsWith("Partner ", StringComparison.Ordinal) == true);
        var quotes = await Sheet("Every quotation (XLSX)", "quotes.xlsx", null);
        Assert.NotEmpty(quotes.Rows);
        Assert.Empty(w.Problems);
    }

    [Fact]
    public async Task The_self_assessment_form_asks_in_plain_language_and_stores_the_answers_with_the_firm()
    {
        await using var w = await wb.SignedInPageAsync();
        var page = w.Page;
        await page.GotoAsync("/firms/GE-02/assess");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Mtskheta BioLab LLC");
        for (var step = 0; step < 200 && await page.Locator("form.question").CountAsync() > 0; step++)
        {
            var legend = await page.Locator("legend").InnerTextAsync();
            Assert.DoesNotMatch(@"\b[a-z]+_[a-z]+\b", legend); // no internal codes such as goods_export
            var radios = page.Locator("input[type=radio]");
            if (await radios.CountAsync() > 0) await radios.Nth(await radios.CountAsync() > 2 ? 2 : 0).CheckAsync();
            else if (await page.Locator("input[type=checkbox][name=choice]").CountAsync() > 0) await page.Locator("input[type=checkbox][name=choice]").First.CheckAsync();
            else await page.Locator("input[name=answer]").FillAsync("10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            if (await page.Locator(".problem").CountAsync() > 0)
            {
                var skip = page.GetByRole(AriaRole.Button, new() { Name = "Skip" });
                Assert.True(await skip.CountAsync() > 0, "a required question refused the answer: " + await page.Locator(".problem").InnerTextAsync());
                await skip.ClickAsync();
            }
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stored with GE-02 as assessment #");
        await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();
        w.AssertClean();
    }

    [Fact]
    public async Task An_uploaded_catalogue_is_compared_with_the_study_and_a_bad_one_is_refused_with_its_row()
    {
        await using var w = await wb.SignedInPageAsync();
        var page = w.Page;
        await page.GotoAsync("/programmes");
        await page.GetByLabel("Catalogue").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalogue.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("catalogue.csv compared with the study's firms");
        Assert.True(await page.Locator("table").CountAsync() >= 2);
        var axe = await page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

        var bad = wb.Dir.Write("broken catalogue.csv", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalogue.csv")) + "X1,not enough columns\n");
        await page.GetByLabel("Catalogue").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("broken catalogue.csv.*(row|line) \\d+"));

        // A file over the upload limit is refused before it is read.
        var huge = wb.Dir.File("huge.csv");
        await File.WriteAllBytesAsync(huge, new byte[5 * 1024 * 1024]);
        await page.GetByLabel("Catalogue").SetInputFilesAsync(huge);
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync(),
            r => r.Url.Contains("/programmes"));
        Assert.Equal(413, response.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("too large");
        w.Problems.RemoveAll(p => p.Contains("413"));
        w.AssertClean();
    }
}
