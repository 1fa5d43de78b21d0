namespace TwoWay.Web.Hosting;

/// <summary>
/// How <c>twoway serve</c> runs the workbench on a laptop.
/// </summary>
/// <param name="Study">The study file (or PostgreSQL connection string) the pages read and edit.</param>
/// <param name="Coder">Whose codings new codings are (the name shown in the margin and in agreement).</param>
/// <param name="Port">The loopback port; 0 picks a free one.</param>
public sealed record WorkbenchOptions(string Study, string Coder, int Port = 0);

/// <summary>
/// How <c>twoway serve --database</c> runs the team server.
/// </summary>
/// <param name="Database">The PostgreSQL study (connection string or postgresql:// URL); its team tables hold the accounts.</param>
/// <param name="Port">The loopback port when no <paramref name="Urls"/> are given; 0 picks a free one.</param>
/// <param name="Urls">Addresses to listen on instead (e.g. http://127.0.0.1:8080 behind a TLS proxy, or https://… with a certificate configured).</param>
/// <param name="Proxies">The reverse proxies whose X-Forwarded-For/-Proto headers are believed; none by default.</param>
/// <param name="SessionLifetime">The absolute session lifetime (default <see cref="DefaultSessionLifetime"/>): after it, sign in again however active the session was.</param>
/// <param name="RequireTwoStep">Every member must sign in with an authenticator code too: until they set it up, only their account page opens.</param>
public sealed record TeamServerOptions(string Database, int Port = 0, IReadOnlyList<string>? Urls = null, IReadOnlyList<System.Net.IPAddress>? Proxies = null, TimeSpan? SessionLifetime = null,
    bool RequireTwoStep = false)
{
    /// <summary>A session unused this long ends (sliding).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after its sign-in, used or not: a working day.</summary>
    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(12);

    public IReadOnlyList<string> Urls { get; init; } = Urls ?? [];
    public IReadOnlyList<System.Net.IPAddress> Proxies { get; init; } = Proxies ?? [];

    /// <summary>Reached over TLS (a trusted proxy, or an https:// address): cookies are then always Secure and named __Host-.</summary>
    public bool BehindTls => Proxies.Count > 0 || Urls.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The study and coder the running workbench serves, for its pages and endpoints (Coder is empty on the team server: it is the account).</summary>
public sealed record WorkbenchContext(string Study, string Coder, string StudyName, bool Team = false);
