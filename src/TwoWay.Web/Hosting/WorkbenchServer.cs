using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoWay.Application.Cases;
using TwoWay.Application.Evidence;
using TwoWay.Application.Interviews;
using TwoWay.Application.Reports;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using TwoWay.Application.Team;
using TwoWay.Storage;
using TwoWay.Storage.Team;
using TwoWay.Web.Api;
using TwoWay.Web.Security;

namespace TwoWay.Web.Hosting;

/// <summary>
/// The web workbench of one study on a laptop: Kestrel on 127.0.0.1 only, entered through a
/// one-time URL whose token becomes a session cookie. Pages and endpoints call the application's
/// use cases and render; they compute nothing themselves.
/// </summary>
public sealed class WorkbenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkbenchServer(WebApplication app, Uri baseAddress, OneTimeToken? token)
    {
        _app = app;
        BaseAddress = baseAddress;
        Token = token;
    }

    /// <summary>The largest request (an uploaded file with its form) the workbench reads, except a panel.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

    /// <summary>The largest trade panel the Panel page reads (written to a temporary file as it arrives).</summary>
    public const long MaxPanelUploadBytes = 512L * 1024 * 1024;

    /// <summary>Where a request may carry up to <see cref="MaxPanelUploadBytes"/>.</summary>
    public const string PanelPath = "/panel";

    internal static long LimitOf(PathString path) => path.Equals(PanelPath, StringComparison.OrdinalIgnoreCase) ? MaxPanelUploadBytes : MaxUploadBytes;

    /// <summary>Where the workbench listens, e.g. http://127.0.0.1:5117/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The one-time token of <see cref="OpenAddress"/> (laptop mode; null on the team server, where people sign in).</summary>
    public OneTimeToken? Token { get; }

    /// <summary>The URL to open once: it exchanges the token for the session cookie (the login page on the team server).</summary>
    public Uri OpenAddress => Token is { } t ? new(BaseAddress, "open?token=" + t.Text) : new(BaseAddress, "login");

    /// <summary>
    /// Checks the study opens (migrating an older file as every command does), then starts the server.
    /// A study that cannot be opened throws the usual <see cref="TwoWay.Input.InputException"/> before anything listens.
    /// </summary>
    public static async Task<WorkbenchServer> StartAsync(WorkbenchOptions options, CancellationToken ct = default)
    {
        string studyName;
        await using (var study = await Study.OpenAsync(options.Study, ct).ConfigureAwait(false)) studyName = study.Location.ShortName;

        var builder = CreateBuilder(k => k.Listen(IPAddress.Loopback, options.Port));
        var token = new OneTimeToken();
        var services = builder.Services;
        AddStudy(services, options.Study, new WorkbenchContext(options.Study, options.Coder, studyName));
        services.AddSingleton(token);
        // Laptop mode: keys live as long as the server, so every session ends with it.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            SessionCookie(o.Cookie, tls: false);
            o.LoginPath = "/welcome";
            o.AccessDeniedPath = "/welcome";
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect("/welcome");
                return Task.CompletedTask;
            };
        });
        AddPages(services, tls: false, o => o.Conventions.AllowAnonymousToPage("/Welcome"));

        var app = builder.Build();
        UsePipeline(app, team: false);
        app.MapGet("/open", async (HttpContext http, string? token, OneTimeToken expected, WorkbenchContext wb) =>
        {
            if (!expected.TryRedeem(token)) return Results.Redirect("/welcome?used=1");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, wb.Coder)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        }).AllowAnonymous();
        MapEndpoints(app);
        return await StartedAsync(app, token, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The team server: the same pages over a PostgreSQL study, entered with an account (ASP.NET
    /// Core Identity), each request checked against the account's role in the study
    /// (<see cref="TeamGate"/>), changes streamed to the other members' pages (<see cref="LiveEvents"/>).
    /// The team tables are created on a study's first start; an outdated schema is refused.
    /// </summary>
    public static async Task<WorkbenchServer> StartTeamAsync(TeamServerOptions options, CancellationToken ct = default)
    {
        var location = await TeamStore.OpenAsync(options.Database, ct).ConfigureAwait(false);
        var builder = CreateBuilder(k =>
        {
            if (options.Urls.Count == 0) k.Listen(IPAddress.Loopback, options.Port);
        });
        // A server's unexpected errors go to its log (stderr: journald under systemd), never to the browser.
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; });
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning || (level >= LogLevel.Information && category == "TwoWay.Team"));
        if (options.Urls.Count > 0) builder.WebHost.UseUrls([.. options.Urls]);
        var services = builder.Services;
        AddStudy(services, location.ConnectionString, new WorkbenchContext(location.ConnectionString, "", location.ShortName, Team: true));
        services.AddSingleton(options);
        services.AddSingleton(new TeamActivity(location));
        services.AddSingleton<EventFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<EventFeed>());
        services.AddSingleton<LoginThrottle>();
        services.AddTeamIdentity(location.ConnectionString).AddSignInManager();
        // Sessions are checked against the account on every request: logout, a disabled account or
        // a reset password (each changes the security stamp) ends every session at once.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = TeamSessions.KeepSignInTime;
        });
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        var lifetime = options.SessionLifetime ?? TeamServerOptions.DefaultSessionLifetime;
        services.ConfigureApplicationCookie(o =>
        {
            SessionCookie(o.Cookie, options.BehindTls);
            o.ExpireTimeSpan = TeamServerOptions.IdleTimeout;
            o.SlidingExpiration = true;
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (TeamSessions.Expired(ctx.Principal, lifetime))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await checkStamp(ctx);
            };
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) return ApiRefusal(ctx.Response, StatusCodes.Status401Unauthorized, "sign in first");
                // Only the path is kept for after the login: never an absolute (open-redirect) address.
                else ctx.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString));
                return Task.CompletedTask;
            };
        });
        // The half-way cookie of a two-step sign-in: as strict as the session's.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            SessionCookie(o.Cookie, options.BehindTls);
            o.Cookie.Name = (options.BehindTls ? "__Host-" : "") + "twoway.twostep";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        // Keys in the database: sessions survive a restart and several processes share them.
        services.AddDataProtection().SetApplicationName("TwoWay.TeamServer").PersistKeysToDbContext<TeamDbContext>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Believed only from the proxies named (--proxy). (Empty lists would mean "any sender":
            // without --proxy the middleware is not used at all.)
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.Proxies) o.KnownProxies.Add(proxy);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.ExcludedHosts.Clear(); // sent whenever the request came over TLS, whatever the host is called
        });
        AddPages(services, options.BehindTls, o =>
        {
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/LoginCode");
            o.Conventions.AllowAnonymousToPage("/Welcome");
            o.Conventions.AllowAnonymousToPage("/Status");
        });

        var app = builder.Build();
        if (options.Proxies.Count > 0) app.UseForwardedHeaders();
        app.UseHsts(); // sent only over HTTPS (directly or as the trusted proxy says)
        UsePipeline(app, team: true);
        LiveEvents.Map(app);
        MapEndpoints(app);
        return await StartedAsync(app, null, ct).ConfigureAwait(false);
    }

    /// <summary>A refusal of a script's request: JSON with the reason (never the HTML status page).</summary>
    internal static Task ApiRefusal(HttpResponse response, int status, string error)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { error });
    }

    private static WebApplicationBuilder CreateBuilder(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> listen)
    {
        var assembly = typeof(WorkbenchServer).Assembly;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            listen(k);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxPanelUploadBytes; // each request's own limit is set below, by its path
        });
        return builder;
    }

    private static void SessionCookie(CookieBuilder cookie, bool tls)
    {
        // Behind TLS: always Secure, and __Host- (no Domain, Path=/: no other host may set or read it).
        cookie.Name = tls ? "__Host-twoway.session" : "twoway.session";
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.Path = "/";
        cookie.SecurePolicy = tls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    private static void AddStudy(IServiceCollection services, string study, WorkbenchContext context)
    {
        services.AddSingleton(context);
        services.AddScoped<StudyAccess>();
        services.AddSingleton(new InterviewWorkbench(study));
        services.AddSingleton(new ReportService(study));
        services.AddSingleton(new EvidenceService(study));
        services.AddSingleton(new CaseAnalysisService(study));
        services.AddSingleton(new StudyService(study));
        services.AddSingleton(new OperationEditing(study));
        services.AddSingleton(new TwoWay.Application.Assessment.AssessmentService(study));
    }

    private static void AddPages(IServiceCollection services, bool tls, Action<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions> conventions)
    {
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = tls ? "__Host-twoway.csrf" : "twoway.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = tls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // Names and transcripts in every script are written as they are (only markup characters are
        // encoded); the default encoder would turn each Cyrillic or Georgian letter into an entity.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(conventions).AddApplicationPart(typeof(WorkbenchServer).Assembly);
    }

    private static void UsePipeline(WebApplication app, bool team)
    {
        app.UseSecurityHeaders();
        app.UseMiddleware<ProblemResponses>();
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        // An upload over the limit is refused by its declared length, before anything reads the form
        // (else the antiforgery check would fail first and report a vague 400).
        app.Use((context, next) =>
        {
            var limit = LimitOf(context.Request.Path);
            // A body sent without a declared length is cut at the same limit as it is read.
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            if (context.Request.ContentLength <= limit || context.Request.ContentLength is null) return next(context);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TwoWay: file too large</title>" +
                "<link rel=\"icon\" href=\"/assets/icon.svg\"><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main><h1>The file is too large</h1>" +
                $"<p>The workbench accepts uploads up to {limit / (1024 * 1024)} MB here; nothing was read or stored. <a href=\"/\">Back to the overview</a>.</p></main></body></html>");
        });
        app.UseRouting();
        app.UseAuthentication();
        if (team) app.UseTeamGate();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/assets/{name}", (HttpContext http, string name) => Assets.Serve(http, name)).AllowAnonymous();
        app.MapGet("/codes.css", async (InterviewWorkbench w, CancellationToken c) =>
            Results.Text(CodeColours.Stylesheet(await w.ListCodesAsync(c)), "text/css; charset=utf-8"));
        CodingApi.Map(app);
        ChartEndpoints.Map(app);
        ExportEndpoints.Map(app);
        app.MapRazorPages();
    }

    private static async Task<WorkbenchServer> StartedAsync(WebApplication app, OneTimeToken? token, CancellationToken ct)
    {
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WorkbenchServer(app, new Uri(address.TrimEnd('/') + "/"), token);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (Ctrl-C).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try { await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
