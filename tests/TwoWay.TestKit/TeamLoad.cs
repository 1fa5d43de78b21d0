using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TwoWay.TestKit;

/// <summary>
/// Simulated coders on a running team server, over HTTP as the browser's script does it: each signs
/// in, opens the coding screen (for its form token), holds the page's live-event stream open, and
/// codes random passages of one transcript with a think time between codings, until the time or
/// its count is up. Used by the load benchmark (bench/team) and, small, by a test.
/// </summary>
public static partial class TeamLoad
{
    public sealed record Options(Uri Server, IReadOnlyList<(string Name, string Password)> Coders, string SourceId, int TextLength,
        IReadOnlyList<string> Codes, TimeSpan Duration, int MaxPerCoder, TimeSpan Think, int Seed);

    /// <summary>What happened: every coding request's latency, the codings each coder was told were stored, what failed, and how late events reached the first coder's stream.</summary>
    public sealed record Result(IReadOnlyList<double> LatenciesMs, IReadOnlyDictionary<string, IReadOnlyList<Guid>> Stored, IReadOnlyList<string> Failures,
        IReadOnlyList<double> EventDelaysMs, TimeSpan Elapsed)
    {
        public double Percentile(double p) => Percentile(LatenciesMs, p);

        public static double Percentile(IReadOnlyList<double> values, double p)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.Order().ToArray();
            var rank = p / 100 * (sorted.Length - 1); // linear between closest ranks (R type 7)
            var lo = (int)Math.Floor(rank);
            return lo + 1 < sorted.Length ? sorted[lo] + (rank - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
    }

    /// <summary>The study the coders work on, pushed to <paramref name="database"/>: the sample firms, the starter codebook, one long multilingual transcript (fictional, seeded) and <paramref name="coders"/> coder accounts.</summary>
    public sealed record Study(string SourceId, int TextLength, IReadOnlyList<string> Codes, IReadOnlyList<(string Name, string Password)> Coders);

    public static async Task<Study> PrepareAsync(TempDir dir, string database, int coders, int seed = 5)
    {
        var file = SmallStudy.Create(dir, "load.twoway");
        Check(CliRunner.Run("codes", "starter", file));
        var rng = new Random(seed);
        string[] words = ["we", "imported", "machines", "from", "Germany", "экспорт", "рынок", "ექსპორტი", "Čačak", "partner", "licence", "fiera", "cliente", "الاستيراد"];
        var text = new System.Text.StringBuilder("(A fictional interview, generated for a load test.)\n");
        while (text.Length < 20_000)
        {
            text.Append(rng.Next(2) == 0 ? "Q: " : "A: ");
            for (var i = 0; i < 10 + rng.Next(30); i++) text.Append(words[rng.Next(words.Length)]).Append(' ');
            text.Append(".\n");
        }
        var transcript = dir.Write("load-interview.txt", text.ToString());
        var added = Check(CliRunner.Run("sources", "add", file, transcript, "--case", "RS-01", "--json"));
        var sourceId = JsonDocument.Parse(added).RootElement.GetProperty("source_id").GetString()!;
        var codes = JsonDocument.Parse(Check(CliRunner.Run("codes", "list", file, "--json"))).RootElement.GetProperty("codes").EnumerateArray()
            .Where(c => c.GetProperty("codable").GetBoolean()).Select(c => c.GetProperty("path").GetString()!).ToList();
        Check(CliRunner.Run("study", "push", file, "--database", database));
        var accounts = new List<(string, string)>();
        var users = new TwoWay.Application.Team.TeamAccounts(database);
        for (var i = 1; i <= coders; i++)
        {
            var name = $"coder-{i:00}";
            await users.AddAsync(new TwoWay.Application.Team.AddAccountRequest(name, TwoWay.Storage.Team.StudyRole.Coder, "load test passphrase " + i), "load test");
            accounts.Add((name, "load test passphrase " + i));
        }
        return new Study(sourceId, text.Length, codes, accounts);
    }

    private static string Check(CliRunner.Result r) =>
        r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"preparing the load study failed (exit {r.ExitCode}): {r.Error}");

    public static async Task<Result> RunAsync(Options o, CancellationToken ct = default)
    {
        var latencies = new List<double>();
        var failures = new List<string>();
        var delays = new List<double>();
        var stored = new Dictionary<string, IReadOnlyList<Guid>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var coders = new List<Task>();
        var streams = new List<Task>();
        // Sign in one after another (as a team arrives), then start together.
        var sessions = new List<(string Name, HttpClient Http, string Csrf, long Seq)>();
        foreach (var (name, password) in o.Coders) sessions.Add(await SignInAsync(o, name, password, ct));
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + o.Duration;
        for (var i = 0; i < sessions.Count; i++)
        {
            var (name, http, csrf, seq) = sessions[i];
            var rng = new Random(o.Seed * 1000 + i);
            streams.Add(FollowAsync(http, seq, i == 0 ? delays : null, stop.Token));
            coders.Add(Task.Run(async () =>
            {
                var mine = new List<Guid>();
                var spans = new List<(int Start, int End, string Code)>();
                for (var n = 0; n < o.MaxPerCoder && DateTime.UtcNow < deadline; n++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(o.Think.TotalMilliseconds * (0.5 + rng.NextDouble())), ct);
                    // A coder does not code a passage overlapping their own coding of the same code
                    // (the workbench refuses that: they would move its boundary instead).
                    int start, end;
                    string code;
                    do
                    {
                        start = rng.Next(0, Math.Max(1, o.TextLength - 60));
                        end = start + 5 + rng.Next(50);
                        code = o.Codes[rng.Next(o.Codes.Count)];
                    }
                    while (spans.Any(x => x.Code == code && x.Start < end && start < x.End));
                    spans.Add((start, end, code));
                    var body = new { source = o.SourceId, start, end, codes = new[] { code } };
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/codings") { Content = JsonContent.Create(body) };
                    request.Headers.Add("X-CSRF-TOKEN", csrf);
                    var t = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.SendAsync(request, ct);
                        var text = await response.Content.ReadAsStringAsync(ct);
                        t.Stop();
                        lock (latencies) latencies.Add(t.Elapsed.TotalMilliseconds);
                        if (!response.IsSuccessStatusCode) { lock (failures) failures.Add($"{name}: {(int)response.StatusCode} {text}"); continue; }
                        foreach (var c in JsonDocument.Parse(text).RootElement.GetProperty("codings").EnumerateArray())
                            mine.Add(c.GetProperty("codingId").GetGuid());
                    }
                    catch (HttpRequestException e) { lock (failures) failures.Add($"{name}: {e.Message}"); }
                }
                lock (stored) stored[name] = mine;
            }, ct));
        }
        await Task.WhenAll(coders);
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the last events reach the streams
        await stop.CancelAsync();
        await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var s in sessions) s.Http.Dispose();
        return new Result(latencies, stored, failures, delays, elapsed);
    }

    private static async Task<(string, HttpClient, string, long)> SignInAsync(Options o, string name, string password, CancellationToken ct)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = o.Server, Timeout = TimeSpan.FromSeconds(60) };
        var token = FormToken().Match(await http.GetStringAsync("/login", ct)).Groups[1].Value;
        var login = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token }), ct);
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{name} could not sign in: {(int)login.StatusCode}");
        var page = await http.GetStringAsync($"/transcripts/{o.SourceId}", ct);
        return (name, http, PageToken().Match(page).Groups[1].Value, long.Parse(EventSeq().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The page's live stream from where the page was drawn, read to the end; with a list, how late
    // each event arrived (the server's time of the change to the time it was read here, one clock).
    private static async Task FollowAsync(HttpClient http, long after, List<double>? delays, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"/api/events?after={after}", HttpCompletionOption.ResponseHeadersRead, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (delays is null || !line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var at = JsonDocument.Parse(line[6..]).RootElement.GetProperty("at").GetDateTimeOffset();
                lock (delays) delays.Add((DateTimeOffset.UtcNow - at).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException) { }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("data-events=\"([0-9]+)\"")]
    private static partial Regex EventSeq();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex PageToken();
}
