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
using TwoWay.Storage;
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

    private WorkbenchServer(WebApplication app, Uri baseAddress, OneTimeToken token)
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

    /// <summary>The one-time token of <see cref="OpenAddress"/>.</summary>
    public OneTimeToken Token { get; }

    /// <summary>The URL to open once: it exchanges the token for the session cookie.</summary>
    public Uri OpenAddress => new(BaseAddress, "open?token=" + Token.Text);

    /// <summary>
    /// Checks the study opens (migrating an older file as every command does), then starts the server.
    /// A study that cannot be opened throws the usual <see cref="TwoWay.Input.InputException"/> before anything listens.
    /// </summary>
    public static async Task<WorkbenchServer> StartAsync(WorkbenchOptions options, CancellationToken ct = default)
    {
        string studyName;
        await using (var study = await Study.OpenAsync(options.Study, ct).ConfigureAwait(false)) studyName = study.Location.ShortName;

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
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxPanelUploadBytes; // each request's own limit is set below, by its path
        });

        var token = new OneTimeToken();
        var services = builder.Services;
        services.AddSingleton(new WorkbenchContext(options.Study, options.Coder, studyName));
        services.AddSingleton(token);
        services.AddSingleton(new InterviewWorkbench(options.Study));
        services.AddSingleton(new ReportService(options.Study));
        services.AddSingleton(new EvidenceService(options.Study));
        services.AddSingleton(new CaseAnalysisService(options.Study));
        services.AddSingleton(new StudyService(options.Study));
        services.AddSingleton(new OperationEditing(options.Study));
        services.AddSingleton(new TwoWay.Application.Assessment.AssessmentService(options.Study));
        // Laptop mode: keys live as long as the server, so every session ends with it.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "twoway.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/welcome";
            o.AccessDeniedPath = "/welcome";
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect("/welcome");
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "twoway.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        // Names and transcripts in every script are written as they are (only markup characters are
        // encoded); the default encoder would turn each Cyrillic or Georgian letter into an entity.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o => o.Conventions.AllowAnonymousToPage("/Welcome")).AddApplicationPart(assembly);

        var app = builder.Build();
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
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/open", async (HttpContext http, string? token, OneTimeToken expected, WorkbenchContext wb) =>
        {
            if (!expected.TryRedeem(token)) return Results.Redirect("/welcome?used=1");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, wb.Coder)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        }).AllowAnonymous();
        app.MapGet("/assets/{name}", (HttpContext http, string name) => Assets.Serve(http, name)).AllowAnonymous();
        app.MapGet("/codes.css", async (InterviewWorkbench w, CancellationToken c) =>
            Results.Text(CodeColours.Stylesheet(await w.ListCodesAsync(c)), "text/css; charset=utf-8"));
        CodingApi.Map(app);
        ChartEndpoints.Map(app);
        ExportEndpoints.Map(app);
        app.MapRazorPages();

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
