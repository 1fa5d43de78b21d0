// Web workbench benchmark (issue 11). Usage, from the repository root: bench/web/run.sh [runs]
//   dotnet run -c Release --project bench/web -- CASES_DIR OUT_DIR [runs]
// CASES_DIR holds firms.csv and operations.csv (bench/import's seeded generator, 1,000 firms).
// Builds two studies in OUT_DIR: one with those firms, one with a seeded 300,000-character
// transcript (six scripts, CRLF lines, emoji) and 2,000 codings by two coders. Starts the real
// server on loopback, signs in through the one-time link, then times over HTTP, each `runs` times:
//   open     GET the coding screen (the whole page: text, segments, margin, code list)
//   code     POST a new coding, then GET the page again (what the browser's script does)
//   overview GET the overview of the 1,000-firm study
// then in Debian's Chromium (Playwright, /usr/bin/chromium), each `runs` times:
//   browser open   navigate to the coding screen until the load event
//   browser code   select a passage, tick a code, Apply, until the page says "Coded" (the script posts
//                  the coding and refreshes the text and margin)
// and prints every run and the medians (wall clock, milliseconds).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TwoWay.Application.Cases;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.Web.Hosting;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 2) { Console.Error.WriteLine("usage: CASES_DIR OUT_DIR [runs]"); return 2; }
var (casesDir, outDir) = (args[0], args[1]);
// Selects two characters of a piece of text far into the transcript, as a mouse would.
const string SelectPiece = "(i) => { const b = document.getElementById('transcript'); " +
    "const xs = [...b.children].filter(x => !x.dataset.raw && x.textContent.length > 3); const s = xs[(300 + i * 900) % xs.length]; " +
    "const r = document.createRange(); r.setStart(s.firstChild, 0); r.setEnd(s.firstChild, 2); " +
    "document.getSelection().removeAllRanges(); document.getSelection().addRange(r); }";

var runs = args.Length > 2 ? int.Parse(args[2], inv) : 7;
Directory.CreateDirectory(outDir);

// 1. The 1,000-firm study.
var firmsStudy = Path.Combine(outDir, "firms.twoway");
if (!File.Exists(firmsStudy))
{
    var s = new StudyService(firmsStudy);
    await s.InitAsync();
    await s.ImportAsync(new ImportRequest([Path.Combine(casesDir, "firms.csv"), Path.Combine(casesDir, "operations.csv")]));
}

// 2. The long transcript with 2,000 codings.
var textStudy = Path.Combine(outDir, "transcript.twoway");
if (File.Exists(textStudy)) File.Delete(textStudy);
await new StudyService(textStudy).InitAsync();
var rng = new Random(11);
string[] words = ["import", "export", "партнёр", "рынок", "ექსპორტი", "იმპორტი", "partner", "Čačak", "naïve", "الاستيراد", "הייבוא", "🙂", "licence", "Nemačka", "fiera", "cliente"];
var text = new StringBuilder();
while (text.Length < 300_000)
{
    text.Append(rng.Next(2) == 0 ? "Q: " : "A: ");
    var n = 8 + rng.Next(40);
    for (var i = 0; i < n; i++) text.Append(words[rng.Next(words.Length)]).Append(i + 1 < n ? " " : ".\r\n");
}
var transcriptFile = Path.Combine(outDir, "long.txt");
await File.WriteAllTextAsync(transcriptFile, text.ToString(0, 300_000 - 2) + "\r\n");
var w = new InterviewWorkbench(textStudy);
await w.AddCodeAsync(new AddCodeRequest("Learning"));
await w.AddCodeAsync(new AddCodeRequest("Networks"));
await w.AddCodeAsync(new AddCodeRequest("Trust"));
await w.AddCodeAsync(new AddCodeRequest("Bench"));
var source = await w.AddSourceAsync(new AddSourceRequest(transcriptFile, Name: "long"));
await using (var study = await Study.OpenAsync(textStudy))
{
    await QualitativeStore.EditAsync(study, snap =>
    {
        var p = snap.Project;
        var stored = p.Source(source.SourceId).Text;
        string[] codes = ["Learning", "Networks", "Trust"];
        var codings = new List<Coding>();
        for (var i = 0; i < 2_000; i++)
        {
            // 1,000 per coder, spread over the text, 40–400 characters long, never inside a surrogate pair.
            var coder = i % 2 == 0 ? "ana" : "ben";
            var start = (int)((long)(i / 2) * (stored.Length - 500) / 1_000) + (i % 2) * 20;
            var end = start + 40 + (i * 37) % 360;
            if (char.IsLowSurrogate(stored[start])) start++;
            if (char.IsLowSurrogate(stored[end])) end++;
            codings.Add(new Coding(Guid.NewGuid(), source.SourceId, p.Codebook.FindByPath(codes[i % 3])!.Id, new TextSpan(start, end), coder, null));
        }
        return (p.AddCodings(codings), 0);
    }, unlinkLostEvidence: false);
}

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; transcript {text.Length:N0} → 300,000 characters, 2,000 codings; 1,000 firms");
var open = new List<double>();
var code = new List<double>();
var overview = new List<double>();
await using (var server = await WorkbenchServer.StartAsync(new WorkbenchOptions(textStudy, "bench")))
{
    using var http = await SignedIn(server);
    var page = $"transcripts/{source.SourceId}";
    await http.GetStringAsync(page); // warm-up: JIT, the first opening of the study
    for (var run = 0; run < runs; run++)
    {
        var sw = Stopwatch.StartNew();
        var html = await http.GetStringAsync(page);
        open.Add(sw.Elapsed.TotalMilliseconds);
        var csrf = Regex.Match(html, "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var at = 1_000 + run * 37_000;
        var selection = Segment(at);
        sw.Restart();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/codings")
        {
            Content = JsonContent.Create(new { source = source.SourceId.ToString(), start = selection.Start, end = selection.End, text = selection.Text, codes = new[] { "Bench" } }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        await http.GetStringAsync(page);
        code.Add(sw.Elapsed.TotalMilliseconds);
        Console.WriteLine($"run {run + 1}: open {open[^1]:F0} ms, code + reopen {code[^1]:F0} ms (page {html.Length / 1024:N0} KiB)");
    }
}
await using (var server = await WorkbenchServer.StartAsync(new WorkbenchOptions(firmsStudy, "bench")))
{
    using var http = await SignedIn(server);
    await http.GetStringAsync("");
    for (var run = 0; run < runs; run++)
    {
        var sw = Stopwatch.StartNew();
        var html = await http.GetStringAsync("");
        overview.Add(sw.Elapsed.TotalMilliseconds);
        Console.WriteLine($"run {run + 1}: overview of 1,000 firms {overview[^1]:F0} ms (page {html.Length / 1024:N0} KiB)");
    }
}
var browserOpen = new List<double>();
var browserCode = new List<double>();
await using (var server = await WorkbenchServer.StartAsync(new WorkbenchOptions(textStudy, "browser")))
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
    await page.GotoAsync(server.OpenAddress.ToString());
    var url = server.BaseAddress + $"transcripts/{source.SourceId}";
    await page.GotoAsync(url);
    for (var run = 0; run < runs; run++)
    {
        var sw = Stopwatch.StartNew();
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        browserOpen.Add(sw.Elapsed.TotalMilliseconds);
        await page.EvaluateAsync(SelectPiece, run);
        await Assertions.Expect(page.Locator("#apply")).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bench" }).CheckAsync();
        sw.Restart();
        await page.Locator("#apply").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Coded", new() { Timeout = 30_000 });
        browserCode.Add(sw.Elapsed.TotalMilliseconds);
        Console.WriteLine($"run {run + 1}: in Chromium: open {browserOpen[^1]:F0} ms, code {browserCode[^1]:F0} ms");
    }
}
Console.WriteLine($"median: open {Median(open):F0} ms, code + reopen {Median(code):F0} ms, overview {Median(overview):F0} ms; " +
    $"in Chromium: open {Median(browserOpen):F0} ms, code {Median(browserCode):F0} ms");
return 0;

(int Start, int End, string Text) Segment(int at)
{
    var stored = File.ReadAllText(transcriptFile);
    var end = at + 25;
    if (char.IsLowSurrogate(stored[at])) at++;
    if (char.IsLowSurrogate(stored[end])) end++;
    return (at, end, stored[at..end]);
}

static async Task<HttpClient> SignedIn(WorkbenchServer server)
{
    var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = server.BaseAddress };
    (await http.GetAsync(server.OpenAddress)).EnsureSuccessStatusCode();
    return http;
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}
