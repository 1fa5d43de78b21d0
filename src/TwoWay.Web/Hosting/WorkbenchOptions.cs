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
public sealed record TeamServerOptions(string Database, int Port = 0, IReadOnlyList<string>? Urls = null, IReadOnlyList<System.Net.IPAddress>? Proxies = null)
{
    public IReadOnlyList<string> Urls { get; init; } = Urls ?? [];
    public IReadOnlyList<System.Net.IPAddress> Proxies { get; init; } = Proxies ?? [];
}

/// <summary>The study and coder the running workbench serves, for its pages and endpoints (Coder is empty on the team server: it is the account).</summary>
public sealed record WorkbenchContext(string Study, string Coder, string StudyName, bool Team = false);
