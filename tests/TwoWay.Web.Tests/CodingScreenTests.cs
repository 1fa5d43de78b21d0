using Microsoft.Playwright;
using TwoWay.Application.Interviews;

namespace TwoWay.Web.Tests;

/// <summary>
/// Coding in the browser: a selection made on the page is stored with the exact UTF-16 offsets of
/// the stored text and the exact quotation, across emoji, combining accents, right-to-left text,
/// CRLF and paragraph boundaries; by keyboard too; with undo/redo, boundary moves and removal.
/// </summary>
[Collection(WorkbenchCollection.Name)]
[Trait("Category", "Browser")]
public sealed class CodingScreenTests(WorkbenchFixture wb)
{
    // Selects the shown form of `phrase` with a DOM range on the page's own text nodes, as a mouse drag does.
    private const string SelectShown = """
        (phrase) => {
          const box = document.getElementById('transcript');
          const pieces = []; let shown = '';
          for (const span of box.children) { pieces.push([shown.length, span]); shown += span.textContent; }
          const at = shown.indexOf(phrase);
          if (at < 0) throw new Error('not on the page: ' + phrase);
          const locate = pos => {
            for (let k = pieces.length - 1; k >= 0; k--) {
              const [start, span] = pieces[k];
              if (start <= pos) return span.dataset.raw ? [span, pos > start ? 1 : 0] : [span.firstChild, pos - start];
            }
          };
          const range = document.createRange();
          range.setStart(...locate(at));
          range.setEnd(...locate(at + phrase.length));
          const sel = document.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        }
        """;

    private async Task<WatchedPage> OpenTranscriptAsync(string query = "")
    {
        var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync($"/transcripts/{wb.SourceId}{query}");
        return w;
    }

    private static async Task ApplyAsync(IPage page, string code)
    {
        await page.GetByLabel(code, new() { Exact = false }).First.CheckAsync();
        await Assertions.Expect(page.Locator("#apply")).ToBeEnabledAsync();
        await page.Locator("#apply").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Coded");
    }

    // The page redraws only the region a change touched: it must then be exactly what a fresh load draws.
    private static async Task AssertSameAsReloadedAsync(IPage page)
    {
        // Text, colour, overlap and codings per stretch, with neighbouring pieces of equal drawing merged
        // (a region may be cut where a fresh page is not) and the passing "flash" highlight ignored.
        const string Drawn = """
            () => {
              const runs = [];
              for (const s of document.getElementById('transcript').children) {
                const key = [s.className.replace('flash', '').trim(), s.dataset.c ?? '', s.dataset.raw ?? ''].join('|');
                const last = runs[runs.length - 1];
                if (last && last.key === key && !s.dataset.raw) last.text += s.textContent;
                else runs.push({ key, start: s.dataset.s, text: s.textContent });
              }
              const margin = [...document.querySelectorAll('#margin li')].map(li => li.id + ' ' + li.dataset.start + '-' + li.dataset.end);
              return [JSON.stringify(runs), margin.join(',')];
            }
            """;
        var updated = await page.EvaluateAsync<string[]>(Drawn);
        await page.ReloadAsync();
        var reloaded = await page.EvaluateAsync<string[]>(Drawn);
        Assert.Equal(reloaded[1], updated[1]);
        Assert.True(reloaded[0] == updated[0], "the updated text differs from a fresh page's");
    }

    private async Task<TranscriptCoding?> StoredAsync(string code, string coder = "alice") =>
        (await wb.Workbench.TranscriptAsync(new TranscriptRequest(wb.SourceId))).Codings.SingleOrDefault(c => c.CodePath == code && c.Coder == coder);

    public static TheoryData<string, string> Selections => new()
    {
        { "emoji and a flag", "German experience 🇩🇪 was the key 😀" },
        { "across CRLF and a blank paragraph", "opened the door.\r\n\r\nДиректор: Немецкий" },
        { "combining accents", "C\u030Ca\u010Dak — Ćao, nai\u0308ve cafe\u0301" },
        { "right-to-left Arabic", "الاستيراد من ألمانيا فتح الباب" },
        { "Georgian to Arabic over a line end", "იმპორტით.\r\nArabic: المدير" },
        { "right-to-left Hebrew quotation", "\"הייבוא פתח לנו את הדלת\"" },
    };

    private static readonly string[] Codes =
    [
        "Mechanisms/Learning", "Mechanisms/Networks", "Mechanisms/Trust", "Mechanisms/Resources", "Mechanisms/Absorptive capacity",
        "Contexts/Sanctions",
    ];

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task A_selection_is_stored_with_the_offsets_and_text_of_the_stored_transcript(string what, string phrase)
    {
        var code = Codes[Selections.Select(r => (string)r[1]).ToList().IndexOf(phrase)];
        var start = WorkbenchFixture.Transcript.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(start >= 0, what);
        await using var w = await OpenTranscriptAsync();
        await w.Page.EvaluateAsync(SelectShown, phrase.Replace("\r\n", "\n"));
        await Assertions.Expect(w.Page.Locator("#selection")).ToContainTextAsync($"{start}–{start + phrase.Length}");
        await ApplyAsync(w.Page, code);
        var stored = await StoredAsync(code);
        Assert.NotNull(stored);
        Assert.Equal((start, start + phrase.Length), (stored!.Start, stored.End));
        Assert.Equal(phrase, stored.Text);
        // The new coding is drawn: its margin entry and highlighted pieces are on the page.
        await Assertions.Expect(w.Page.Locator($"#c-{stored.CodingId}")).ToBeVisibleAsync();
        await AssertSameAsReloadedAsync(w.Page);
        var key = await w.Page.Locator($"#c-{stored.CodingId}").GetAttributeAsync("data-k");
        Assert.True(await w.Page.Locator($"#transcript [data-c~='{key}']").CountAsync() > 0);
        w.AssertClean();
    }

    [Fact]
    public async Task Shift_and_the_arrow_keys_select_whole_characters_and_ctrl_enter_codes()
    {
        await using var w = await OpenTranscriptAsync();
        var page = w.Page;
        // Caret just before the flag; five presses take "🇩🇪 was" (the flag is one character of four UTF-16 units).
        await page.Locator("#transcript").FocusAsync();
        await page.EvaluateAsync(SelectShown, "🇩🇪");
        await page.EvaluateAsync("() => document.getSelection().collapseToStart()");
        for (var i = 0; i < 5; i++) await page.Keyboard.PressAsync("Shift+ArrowRight");
        var start = WorkbenchFixture.Transcript.IndexOf("🇩🇪", StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#selection")).ToContainTextAsync($"{start}–{start + "🇩🇪 was".Length}");
        await page.GetByLabel("Contexts/Resource constraints").CheckAsync();
        await page.Locator("#transcript").FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Coded");
        var stored = await StoredAsync("Contexts/Resource constraints");
        Assert.Equal("🇩🇪 was", stored?.Text);
        // Typing does not change the transcript: coded text is read-only.
        await page.Keyboard.TypeAsync("xyz");
        await page.Keyboard.PressAsync("Backspace");
        Assert.Equal(WorkbenchFixture.Transcript, (await wb.Workbench.TranscriptAsync(new TranscriptRequest(wb.SourceId))).Text);
        Assert.DoesNotContain("xyz", await page.Locator("#transcript").InnerTextAsync());
        w.AssertClean();
    }

    [Fact]
    public async Task Undo_and_redo_take_back_and_repeat_a_coding_and_a_boundary_moves_to_a_new_selection()
    {
        const string code = "Connection kinds/Technology";
        await using var w = await OpenTranscriptAsync();
        var page = w.Page;
        await page.EvaluateAsync(SelectShown, "Немецкий опыт");
        await Assertions.Expect(page.Locator("#selection")).ToContainTextAsync("Немецкий опыт");
        await ApplyAsync(page, code);
        Assert.NotNull(await StoredAsync(code));

        await page.Locator("#undo").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Undone");
        Assert.Null(await StoredAsync(code));
        await page.Locator("#redo").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Redone");
        var redone = await StoredAsync(code);
        Assert.Equal("Немецкий опыт", redone?.Text);

        // Move its boundaries: select the longer passage, then "Set to selection" on the coding.
        await page.EvaluateAsync(SelectShown, "Немецкий опыт помог нам");
        await Assertions.Expect(page.Locator("#selection")).ToContainTextAsync("Немецкий опыт помог нам");
        await page.Locator($"#c-{redone!.CodingId} button[data-action=go]").ClickAsync();
        await page.Locator($"#c-{redone.CodingId} button[data-action=reselect]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("now covers");
        Assert.Equal("Немецкий опыт помог нам", (await StoredAsync(code))?.Text);
        await page.Locator("#undo").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Undone");
        Assert.Equal("Немецкий опыт", (await StoredAsync(code))?.Text);

        await page.Locator($"#c-{redone.CodingId} button[data-action=go]").ClickAsync();
        await page.Locator($"#c-{redone.CodingId} button[data-action=remove]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("removed");
        Assert.Null(await StoredAsync(code));
        await AssertSameAsReloadedAsync(page);
        w.AssertClean();
    }

    [Fact]
    public async Task A_boundary_moves_by_dragging_its_handle_or_by_the_arrow_keys_and_undo_moves_it_back()
    {
        const string code = "Contexts/Geopolitical barriers";
        await using var w = await OpenTranscriptAsync();
        var page = w.Page;
        await page.EvaluateAsync(SelectShown, "Немецкий опыт");
        await ApplyAsync(page, code);
        var coding = (await StoredAsync(code))!;
        await page.Locator($"#c-{coding.CodingId} button[data-action=go]").ClickAsync();
        var end = page.Locator(".handle.end");
        await Assertions.Expect(end).ToBeVisibleAsync();

        // Drag the end handle onto the middle of the word after next ("помог нам"): the coding ends there.
        var target = await page.EvaluateAsync<double[]>("""
            (phrase) => {
              const box = document.getElementById('transcript');
              const span = [...box.children].find(s => s.textContent.includes(phrase));
              const at = span.textContent.indexOf(phrase) + phrase.length;
              const r = document.createRange(); r.setStart(span.firstChild, at - 1); r.setEnd(span.firstChild, at);
              const b = r.getBoundingClientRect();
              return [b.right - 1, b.top + b.height / 2];
            }
            """, "помог");
        var box = (await end.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)target[0], (float)target[1], new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("now covers");
        Assert.Equal("Немецкий опыт помог", (await StoredAsync(code))?.Text);

        // The keyboard does the same: focus the start handle, one character right, Enter.
        await page.Locator(".handle.start").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("емецкий опыт помог", await page.EvaluateAsync<string>("() => document.getSelection().toString()")); // the new extent, shown
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"now covers {coding.Start + 1}–");
        Assert.Equal("емецкий опыт помог", (await StoredAsync(code))?.Text);

        await page.Locator("#undo").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"to {coding.Start + 1}–");
        await page.Locator("#undo").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"Undone: moving coding {coding.CodingId.ToString()[..8]} to {coding.Start}–");
        Assert.Equal("Немецкий опыт", (await StoredAsync(code))?.Text);
        await AssertSameAsReloadedAsync(page);
        await page.Locator($"#c-{coding.CodingId} button[data-action=go]").ClickAsync();
        await page.Locator($"#c-{coding.CodingId} button[data-action=remove]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("removed");
        w.AssertClean();
    }

    [Fact]
    public async Task A_quotation_link_jumps_to_its_place_and_selects_it()
    {
        await using var w = await OpenTranscriptAsync($"#c-{wb.BobCodingId}");
        var end = "Interviewer: How did it start?".Length;
        await Assertions.Expect(w.Page.Locator("#selection")).ToContainTextAsync($"0–{end}");
        await Assertions.Expect(w.Page.Locator($"#c-{wb.BobCodingId}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        w.AssertClean();
    }

    [Fact]
    public async Task Only_mine_hides_the_other_coders_codings_from_the_page()
    {
        await using (var all = await OpenTranscriptAsync())
        {
            Assert.Contains(wb.BobCodingId, await all.Page.ContentAsync());
            all.AssertClean();
        }
        await using var mine = await OpenTranscriptAsync("?mine=true");
        var html = await mine.Page.ContentAsync();
        Assert.DoesNotContain(wb.BobCodingId, html);
        Assert.DoesNotContain(">bob<", html);
        mine.AssertClean();
    }

    [Fact]
    public async Task A_memo_and_a_code_name_that_look_like_markup_stay_text()
    {
        await using var w = await OpenTranscriptAsync();
        await Assertions.Expect(w.Page.Locator($"#c-{wb.BobCodingId} .memo")).ToContainTextAsync(WorkbenchFixture.HostileMemo);
        await Assertions.Expect(w.Page.Locator("#code-list")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await w.Page.Locator("#code-list img, .memo script").CountAsync());
        w.AssertClean();
    }

    [Fact]
    public async Task The_code_search_folds_case_in_every_script()
    {
        await using var w = await OpenTranscriptAsync();
        await w.Page.Locator("#code-filter").FillAsync("LEARN");
        await Assertions.Expect(w.Page.Locator("#code-list li:not([hidden])")).ToHaveCountAsync(1);
        await w.Page.Locator("#code-filter").FillAsync("ОБУЧ");
        await Assertions.Expect(w.Page.Locator("#code-list li:not([hidden])")).ToHaveCountAsync(1);
        await w.Page.Locator("#code-filter").FillAsync("");
        Assert.True(await w.Page.Locator("#code-list li:not([hidden])").CountAsync() > 10);
        w.AssertClean();
    }

    [Fact]
    public async Task Two_browser_sessions_coding_at_the_same_moment_both_keep_their_codings()
    {
        await using var a = await OpenTranscriptAsync();
        await using var b = await OpenTranscriptAsync();
        await a.Page.EvaluateAsync(SelectShown, "Interviewer: How");
        await b.Page.EvaluateAsync(SelectShown, "she said.");
        foreach (var w in new[] { a, b })
        {
            await Assertions.Expect(w.Page.Locator("#apply")).ToBeEnabledAsync();
            await w.Page.GetByLabel("Connection kinds/Outward to inward").CheckAsync();
        }
        await Task.WhenAll(a.Page.Locator("#apply").ClickAsync(), b.Page.Locator("#apply").ClickAsync());
        await Assertions.Expect(a.Page.Locator("#status")).ToContainTextAsync("Coded");
        await Assertions.Expect(b.Page.Locator("#status")).ToContainTextAsync("Coded");
        var texts = (await wb.Workbench.TranscriptAsync(new TranscriptRequest(wb.SourceId))).Codings
            .Where(c => c.CodePath == "Connection kinds/Outward to inward").Select(c => c.Text).Order().ToList();
        Assert.Equal(["Interviewer: How", "she said."], texts);
        a.AssertClean();
        b.AssertClean();
    }
}
