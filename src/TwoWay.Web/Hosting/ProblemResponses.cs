using System.Net;
using Microsoft.AspNetCore.Http;
using TwoWay.Input;

namespace TwoWay.Web.Hosting;

/// <summary>
/// Bad input reaches the browser as the command line reports it: every error with its file, row and
/// field. The script's requests get JSON (400, or 409 for an edit made from an outdated view);
/// a page gets a short page (404 when what it names does not exist). Nothing else leaks: other
/// exceptions become a plain 500 without details.
/// </summary>
internal sealed class ProblemResponses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try { await next(context); }
        catch (InputException e) when (!context.Response.HasStarted)
        {
            var conflict = e is EditConflictException;
            var api = context.Request.Path.StartsWithSegments("/api");
            context.Response.Clear();
            context.Response.StatusCode = conflict ? StatusCodes.Status409Conflict
                : !api && HttpMethods.IsGet(context.Request.Method) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            if (api)
            {
                await context.Response.WriteAsJsonAsync(new
                {
                    error = e.Errors.Count > 0 ? e.Errors[0].Message : e.Message,
                    conflict,
                    errors = e.Errors.Select(x => new { source = x.Source, row = x.Row, field = x.Field, message = x.Message }),
                });
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            var items = string.Concat(e.Errors.Select(x => "<li>" + WebUtility.HtmlEncode(x.ToString()) + "</li>"));
            await context.Response.WriteAsync(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TwoWay: not found</title>" +
                "<link rel=\"icon\" href=\"/assets/icon.svg\"><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main><h1>Not possible</h1><ul>" + items +
                "</ul><p><a href=\"/\">Back to the study</a></p></main></body></html>");
        }
    }
}
