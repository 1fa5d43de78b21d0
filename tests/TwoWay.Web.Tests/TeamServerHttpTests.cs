using System.Net;
using System.Text.RegularExpressions;
using TwoWay.Application.Team;
using TwoWay.Input;
using TwoWay.Storage;
using TwoWay.Storage.Team;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Tests;

/// <summary>
/// The team server's HTTP-level guarantees (docs/security.md): cookie flags and HSTS under TLS,
/// forwarded headers believed only from the configured proxy, Data Protection keys kept in the
/// database, Identity's lockout, the password policy, the audit log.
/// </summary>
[Collection(TeamServerCollection.Name)]
[Trait("Category", "PostgreSQL")]
public sealed partial class TeamServerHttpTests(TeamServerFixture team)
{
    /// <summary>
    /// A client keeping its own cookies: behind the TLS proxy they are Secure, which .NET's cookie
    /// container would not send over the loopback's plain HTTP (as the proxy in front would).
    /// </summary>
    private sealed class Client(Uri server, Action<HttpRequestMessage>? everyRequest = null) : IDisposable
    {
        public HttpClient Http { get; } = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server };
        public Dictionary<string, string> Jar { get; } = new(StringComparer.Ordinal);

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            everyRequest?.Invoke(request);
            if (Jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Jar.Select(kv => kv.Key + "=" + kv.Value)));
            var response = await Http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var c in set)
                {
                    var pair = c.Split(';')[0].Split('=', 2);
                    if (pair[1].Length == 0 || c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Jar.Remove(pair[0]);
                    else Jar[pair[0]] = pair[1];
                }
            return response;
        }

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public async Task<string> GetStringAsync(string path)
        {
            var r = await GetAsync(path);
            r.EnsureSuccessStatusCode();
            return await r.Content.ReadAsStringAsync();
        }

        public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

        public void Dispose() => Http.Dispose();
    }

    private static Client NewClient(Uri server, Action<HttpRequestMessage>? everyRequest = null) => new(server, everyRequest);

    /// <summary>What the TLS proxy adds to every request it passes on.</summary>
    private static Action<HttpRequestMessage> ViaProxy(string client) => r =>
    {
        r.Headers.Add("X-Forwarded-Proto", "https");
        r.Headers.Add("X-Forwarded-For", client);
    };

    private static async Task<HttpResponseMessage> LoginAsync(Client c, string name, string password)
    {
        var token = Token().Match(await c.GetStringAsync("/login")).Groups[1].Value;
        return await c.PostFormAsync("/login", new Dictionary<string, string> { ["Name"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static string SessionCookie(HttpResponseMessage r) =>
        r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("twoway.session=", StringComparison.Ordinal) || c.StartsWith("__Host-twoway.session=", StringComparison.Ordinal)).ToLowerInvariant();

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite_Strict_and_Secure_with_HSTS_behind_TLS()
    {
        using var plain = NewClient(team.Server.BaseAddress);
        var direct = await LoginAsync(plain, "alice", TeamServerFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
        var cookie = SessionCookie(direct);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie); // plain HTTP on loopback: a Secure cookie would never come back
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"));

        // A stranger's X-Forwarded-Proto is not believed: this server names no proxy.
        using var spoof = NewClient(team.Server.BaseAddress, ViaProxy("198.51.100.1"));
        var spoofed = await LoginAsync(spoof, "alice", TeamServerFixture.Password);
        Assert.DoesNotContain("secure", SessionCookie(spoofed));
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));

        // Behind the configured TLS proxy (here: loopback) the cookie is Secure and HSTS is sent.
        await using var proxied = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(team.Database, Proxies: [IPAddress.Loopback]));
        using var tls = NewClient(proxied.BaseAddress, ViaProxy("203.0.113.7"));
        var behind = await LoginAsync(tls, "alice", TeamServerFixture.Password);
        Assert.StartsWith("__host-twoway.session=", SessionCookie(behind));
        Assert.Contains("; secure", SessionCookie(behind));
        Assert.Contains("; path=/", SessionCookie(behind));
        Assert.DoesNotContain("domain=", SessionCookie(behind));
        Assert.Contains("max-age=31536000", behind.Headers.GetValues("Strict-Transport-Security").Single());
        // The audit log has the client's address as the proxy gave it, the direct login the real one.
        var audit = await new TeamActivity(StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(50);
        Assert.Contains(audit, a => a.Actor == "alice" && a.Action == "login" && a.Address == "203.0.113.7");
        Assert.DoesNotContain(audit, a => a.Address == "198.51.100.1");
    }

    [Fact]
    public async Task Sessions_survive_a_restart_because_the_keys_are_in_the_database()
    {
        using var c = NewClient(team.Server.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(c, "bob", TeamServerFixture.Password)).StatusCode);
        var session = c.Jar["twoway.session"];
        await using var second = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(team.Database));
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = second.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/codebook");
        request.Headers.Add("Cookie", "twoway.session=" + session);
        var page = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Coding as", await page.Content.ReadAsStringAsync());
        Assert.True(await CountKeysAsync() >= 1);
    }

    private async Task<long> CountKeysAsync()
    {
        await using var db = new TeamDbContext(TeamDbContext.Options(StudyLocation.ForPostgreSql(team.Database).ConnectionString));
        return db.DataProtectionKeys.LongCount();
    }

    [Fact]
    public async Task Ten_failed_logins_lock_the_account_even_from_many_addresses()
    {
        await team.Accounts.AddAsync(new AddAccountRequest("lena", StudyRole.Coder, TeamServerFixture.Password), "test");
        await using var proxied = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(team.Database, Proxies: [IPAddress.Loopback]));
        for (var i = 0; i < TeamIdentity.MaxFailedLogins; i++)
        {
            using var c = NewClient(proxied.BaseAddress, ViaProxy($"192.0.2.{i + 1}"));
            var r = await LoginAsync(c, "lena", "not the password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using var right = NewClient(proxied.BaseAddress, ViaProxy("192.0.2.200"));
        var locked = await LoginAsync(right, "lena", TeamServerFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.True((await team.Accounts.ListAsync()).Accounts.Single(a => a.Name == "lena").LockedOut);
        // The administrator's reset lifts the lockout.
        await team.Accounts.ResetPasswordAsync("lena", "a new long passphrase", "test");
        using var after = NewClient(proxied.BaseAddress, ViaProxy("192.0.2.201"));
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(after, "lena", "a new long passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("short7!", "at least 8")]
    [InlineData("password", "common")]
    [InlineData("Password123!", "common")]
    [InlineData("qwertyuiop", "common")]
    [InlineData("1q2w3e4r", "common")]
    public async Task Short_and_common_passwords_are_refused(string password, string says)
    {
        var e = await Assert.ThrowsAsync<InputException>(() => team.Accounts.AddAsync(new AddAccountRequest("pat-" + Guid.NewGuid().ToString("N")[..6], StudyRole.Coder, password), "test"));
        Assert.Contains(says, e.Errors[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("password", e.Errors[0].Field);
    }

    [Fact]
    public async Task Long_passphrases_in_any_script_are_accepted_without_composition_rules()
    {
        var change = await team.Accounts.AddAsync(new AddAccountRequest("Đorđe Petrović", StudyRole.Viewer, "наш экспорт начался с импорта"), "test");
        Assert.Equal("Đorđe Petrović", change.Account.Name);
        Assert.Null(change.Password); // given, so not shown back
        var generated = await team.Accounts.AddAsync(new AddAccountRequest("ნინო", null, null), "test");
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", generated.Password!);
        Assert.Null(generated.Account.Role);
    }

    [Fact]
    public async Task The_only_owner_cannot_be_demoted_and_unknown_names_are_named()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => team.Accounts.SetRoleAsync(TeamServerFixture.Owner, StudyRole.Coder, "test"));
        Assert.Contains("only owner", e.Errors[0].Message);
        var missing = await Assert.ThrowsAsync<InputException>(() => team.Accounts.SetDisabledAsync("nobody-here", true, "test"));
        Assert.Contains("no account named 'nobody-here'", missing.Errors[0].Message);
        Assert.Throws<InputException>(() => TeamAccounts.ParseRole("admin"));
        var control = await Assert.ThrowsAsync<InputException>(() => team.Accounts.AddAsync(new AddAccountRequest("bell\u0007", StudyRole.Coder, TeamServerFixture.Password), "test"));
        Assert.Contains("control characters", control.Errors[0].Message);
        var huge = await Assert.ThrowsAsync<InputException>(() => team.Accounts.AddAsync(new AddAccountRequest(new string('a', 500), StudyRole.Coder, TeamServerFixture.Password), "test"));
        Assert.Contains("at most 128", huge.Errors[0].Message);
    }

    [Fact]
    public async Task Exports_are_audited_with_who_and_what()
    {
        using var c = NewClient(team.Server.BaseAddress);
        await LoginAsync(c, TeamServerFixture.Owner, TeamServerFixture.Password);
        var file = await c.GetAsync("/export/codebook.qdc");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var audit = await new TeamActivity(StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(50);
        Assert.Contains(audit, a => a.Actor == TeamServerFixture.Owner && a.Action == "export" && a.Subject == "/export/codebook.qdc" && a.Address == "127.0.0.1");
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active()
    {
        await using var shortLived = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(team.Database, SessionLifetime: TimeSpan.FromSeconds(3)));
        using var c = NewClient(shortLived.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(c, "bob", TeamServerFixture.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/codebook")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var late = await c.GetAsync("/codebook");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.StartsWith("/login", late.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_member_changes_their_password_with_the_current_one_and_other_sessions_end()
    {
        await team.Accounts.AddAsync(new AddAccountRequest("olga", StudyRole.Viewer, TeamServerFixture.Password), "test");
        using var laptop = NewClient(team.Server.BaseAddress);
        using var phone = NewClient(team.Server.BaseAddress);
        await LoginAsync(laptop, "olga", TeamServerFixture.Password);
        await LoginAsync(phone, "olga", TeamServerFixture.Password);
        async Task<HttpResponseMessage> Change(string current, string next)
        {
            var token = Token().Match(await laptop.GetStringAsync("/account")).Groups[1].Value;
            return await laptop.PostFormAsync("/account?handler=Password", new Dictionary<string, string>
            {
                ["Current"] = current, ["New"] = next, ["Repeat"] = next, ["__RequestVerificationToken"] = token,
            });
        }
        Assert.Contains("The current password is wrong", await (await Change("not it", "a brand new long phrase")).Content.ReadAsStringAsync());
        Assert.Contains("common passwords", await (await Change(TeamServerFixture.Password, "iloveyou1")).Content.ReadAsStringAsync());
        var sixtyFour = new string('ж', 70); // long passwords in any script are fine
        Assert.Contains("Your password is changed", await (await Change(TeamServerFixture.Password, sixtyFour)).Content.ReadAsStringAsync());
        // A viewer may change their own password (a POST outside the study), this session goes on, the phone's has ended.
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/codebook")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/codebook")).StatusCode);
        using var again = NewClient(team.Server.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(again, "olga", sixtyFour)).StatusCode);
    }

    [Fact]
    public async Task TRACE_is_not_answered_and_refusals_are_audited()
    {
        using var c = NewClient(team.Server.BaseAddress);
        var trace = await c.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/"));
        Assert.NotEqual(HttpStatusCode.OK, trace.StatusCode);
        await LoginAsync(c, "nina", TeamServerFixture.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("/codebook")).StatusCode);
        var audit = await new TeamActivity(StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(50);
        Assert.Contains(audit, a => a.Actor == "nina" && a.Action == "refused (not a member)" && a.Subject == "GET /codebook");
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for a base32 key, at a time step offset from now.</summary>
    internal static string Totp(string base32Key, int stepOffset = 0, long? unixTime = null)
    {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().Where(c => c != ' ' && c != '=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        return Totp(key, (unixTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()) / 30 + stepOffset);
    }

    private static string Totp(byte[] key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_test_TOTP_matches_RFC_6238_appendix_B()
    {
        // RFC 6238, Appendix B: SHA1 key "12345678901234567890", T = 59 s → 94287082 (8 digits; the last 6 here).
        Assert.Equal("287082", Totp(System.Text.Encoding.ASCII.GetBytes("12345678901234567890"), 59 / 30));
        Assert.Equal("081804", Totp(System.Text.Encoding.ASCII.GetBytes("12345678901234567890"), 1111111109 / 30)); // 07081804
    }

    [GeneratedRegex("Key: <code class=\"key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    private static async Task<HttpResponseMessage> PostWithTokenAsync(Client c, string page, string path, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Token().Match(await c.GetStringAsync(page)).Groups[1].Value;
        return await c.PostFormAsync(path, form);
    }

    [Fact]
    public async Task Two_step_sign_in_with_an_authenticator_code_used_once_and_recovery_codes()
    {
        await team.Accounts.AddAsync(new AddAccountRequest("tom", StudyRole.Coder, TeamServerFixture.Password), "test");
        using var first = NewClient(team.Server.BaseAddress);
        await LoginAsync(first, "tom", TeamServerFixture.Password);
        var key = KeyOnPage().Match(await first.GetStringAsync("/account")).Groups[1].Value;
        Assert.True(key.Replace(" ", "").Length >= 16, "no authenticator key on the account page");
        var wrong = await PostWithTokenAsync(first, "/account", "/account?handler=TwoStepOn", new() { ["Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Contains("does not match", await wrong.Content.ReadAsStringAsync());
        var on = await (await PostWithTokenAsync(first, "/account", "/account?handler=TwoStepOn", new() { ["Code"] = Totp(key) })).Content.ReadAsStringAsync();
        Assert.Contains("Two-step sign-in is on", on);
        var recovery = RecoveryCode().Matches(on).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recovery.Count);
        Assert.True((await team.Accounts.ListAsync()).Accounts.Single(a => a.Name == "tom").TwoStep);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/codebook")).StatusCode); // this session goes on

        // The password alone no longer opens the study: the code page follows, and a wrong code is refused.
        using var second = NewClient(team.Server.BaseAddress);
        var half = await LoginAsync(second, "tom", TeamServerFixture.Password);
        Assert.StartsWith("/login/code", half.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/codebook")).StatusCode);
        var bad = await PostWithTokenAsync(second, "/login/code", "/login/code", new() { ["Code"] = "12345" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        var code = Totp(key, stepOffset: 1); // the next step's code (accepted within the app's clock drift), not the one used to turn it on
        var good = await PostWithTokenAsync(second, "/login/code", "/login/code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/codebook")).StatusCode);

        // The same code again is refused (used once); a recovery code works, once.
        using var third = NewClient(team.Server.BaseAddress);
        await LoginAsync(third, "tom", TeamServerFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWithTokenAsync(third, "/login/code", "/login/code", new() { ["Code"] = code })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostWithTokenAsync(third, "/login/code", "/login/code", new() { ["Code"] = recovery[0] })).StatusCode);
        using var fourth = NewClient(team.Server.BaseAddress);
        await LoginAsync(fourth, "tom", TeamServerFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWithTokenAsync(fourth, "/login/code", "/login/code", new() { ["Code"] = recovery[0] })).StatusCode);

        // A lost phone: the administrator's reset turns it off.
        await team.Accounts.ResetPasswordAsync("tom", "after the lost phone", "test");
        Assert.False((await team.Accounts.ListAsync()).Accounts.Single(a => a.Name == "tom").TwoStep);
        using var fifth = NewClient(team.Server.BaseAddress);
        Assert.Equal("/", (await LoginAsync(fifth, "tom", "after the lost phone")).Headers.Location!.OriginalString);
        var audit = await new TeamActivity(StudyLocation.ForPostgreSql(team.Database)).AuditLogAsync(100);
        Assert.Contains(audit, a => a.Actor == "tom" && a.Action == "two-step sign-in on");
        Assert.Contains(audit, a => a.Actor == "tom" && a.Action == "login (two-step)");
        Assert.Contains(audit, a => a.Actor == "tom" && a.Action == "login failed (second step)");
    }

    [Fact]
    public async Task A_server_that_requires_two_steps_opens_only_the_account_page_until_it_is_set_up()
    {
        await team.Accounts.AddAsync(new AddAccountRequest("uma", StudyRole.Coder, TeamServerFixture.Password), "test");
        await using var strict = await WorkbenchServer.StartTeamAsync(new TeamServerOptions(team.Database, RequireTwoStep: true));
        using var c = NewClient(strict.BaseAddress);
        await LoginAsync(c, "uma", TeamServerFixture.Password);
        var page = await c.GetAsync("/codebook");
        Assert.Equal("/account?setup=1", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/api/transcripts/{team.SourceId}/region?from=0&to=5")).StatusCode);
        var account = await c.GetStringAsync("/account?setup=1");
        Assert.Contains("asks every member to sign in in two steps", account);
        var key = KeyOnPage().Match(account).Groups[1].Value;
        await PostWithTokenAsync(c, "/account", "/account?handler=TwoStepOn", new() { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/codebook")).StatusCode);
    }

    [Fact]
    public async Task A_page_that_lost_its_stream_catches_up_in_order_from_its_last_event()
    {
        using var c = NewClient(team.Server.BaseAddress);
        await LoginAsync(c, TeamServerFixture.Owner, TeamServerFixture.Password);
        var activity = new TeamActivity(StudyLocation.ForPostgreSql(team.Database));
        var seen = await activity.LatestAsync();
        // Three changes while the page was away (e.g. the laptop slept).
        var made = new List<long>();
        for (var i = 0; i < 3; i++) made.Add(await activity.AppendAsync("bob", "codebook", null, null));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?after=0");
        request.Headers.Add("Last-Event-ID", seen.ToString(System.Globalization.CultureInfo.InvariantCulture)); // what EventSource sends when it reconnects
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await c.Http.SendAsync(WithCookies(c, request), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var ids = new List<long>();
        while (ids.Count < 3 && await reader.ReadLineAsync(cts.Token) is { } line)
            if (line.StartsWith("id: ", StringComparison.Ordinal) && long.TryParse(line[4..], out var id) && id > seen) ids.Add(id);
        Assert.Equal(made, ids);
    }

    private static HttpRequestMessage WithCookies(Client c, HttpRequestMessage request)
    {
        request.Headers.Add("Cookie", string.Join("; ", c.Jar.Select(kv => kv.Key + "=" + kv.Value)));
        return request;
    }
}
