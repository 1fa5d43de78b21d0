using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TwoWay.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy without inline script or style
/// (scripts and styles come only from the workbench's own files), framing refused, no MIME
/// sniffing, no referrer, and no caching of anything but the static assets (transcripts are confidential).
/// </summary>
internal static class SecurityHeaders
{
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = Policy;
                h.XFrameOptions = "DENY";
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "no-referrer";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!context.Request.Path.StartsWithSegments("/assets")) h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
}
