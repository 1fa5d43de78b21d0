using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;
using TwoWay.Web.Hosting;
using TwoWay.Web.Security;

namespace TwoWay.Web.Api;

/// <summary>A selection to code, as the coding screen's script sends it (UTF-16 offsets over the stored text).</summary>
public sealed record CodeSelectionBody(string Source, int Start, int End, string? Text, IReadOnlyList<string> Codes, string? Memo);

/// <summary>A change to one coding: new boundaries (with the text they hold), another code, or a memo.</summary>
public sealed record EditCodingBody(int? Start, int? End, string? Text, string? Code, string? Memo, long? Version);

/// <summary>Removing a coding; <see cref="Force"/> also removes the evidence links resting on it.</summary>
public sealed record RemoveCodingBody(long? Version, bool Force = false);

/// <summary>
/// The coding screen's endpoints. Each checks the antiforgery header, takes the coder from the
/// session (never from the request), calls one use case of <see cref="InterviewWorkbench"/> and
/// returns its quotation(s) as JSON; bad input is answered by <see cref="Hosting.ProblemResponses"/>.
/// </summary>
internal static class CodingApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method))
            {
                var antiforgery = http.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
                if (antiforgery is null || !await antiforgery.IsRequestValidAsync(http))
                    return Results.Json(new { error = "the page's form token is missing or out of date; reload the page" }, statusCode: StatusCodes.Status400BadRequest);
            }
            return await next(context);
        });

        // A region of the coding screen drawn again after a change: the text's pieces in [from, to)
        // and the margin entries of the codings named (those still shown), with the codes' counts.
        api.MapGet("/transcripts/{id}/region", async (string id, int from, int to, string? ids, bool? mine, string? coder, HttpContext http,
            InterviewWorkbench w, StudyAccess access, CancellationToken ct) =>
        {
            // Blind coding: a coder who sees only their own codings gets only theirs, whatever was asked.
            var only = mine == true || access.SeesOnlyOwn ? Coder(http) : string.IsNullOrEmpty(coder) ? null : coder;
            var view = await w.TranscriptAsync(new TranscriptRequest(id, only), ct);
            (from, to) = (Math.Clamp(from, 0, view.Text.Length), Math.Clamp(to, 0, view.Text.Length));
            var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => Guid.TryParse(x, out var g) ? g : Guid.Empty).ToHashSet();
            var items = view.Codings.Where(c => wanted.Contains(c.CodingId))
                .Select(c => new { id = c.CodingId, start = c.Start, end = c.End, html = Pages.TranscriptModel.MarginHtml([c]).ToString() });
            // Blind coding: how often the others used a code is theirs too; a blind coder gets no counts.
            var counts = access.SeesOnlyOwn ? new Dictionary<string, int>() : (await w.ListCodesAsync(ct)).Codes.ToDictionary(c => c.Path, c => c.Codings);
            return Results.Json(new
            {
                text = Pages.TranscriptModel.TextHtml(view, from, to).ToString(),
                items,
                counts,
                shown = $"{view.Codings.Count} codings shown{(only is null ? "" : $" ({only})")}",
            });
        });

        api.MapPost("/codings", async (CodeSelectionBody body, HttpContext http, InterviewWorkbench w, CancellationToken ct) =>
        {
            var quotations = await w.CodeSelectionAsync(new CodeSelectionRequest(body.Source, body.Start, body.End, body.Text, body.Codes ?? [],
                Coder(http), body.Memo), ct);
            return Results.Json(new { codings = quotations.Select(View) });
        });

        api.MapPost("/codings/{id}/edit", async (string id, EditCodingBody body, HttpContext http, InterviewWorkbench w, CancellationToken ct) =>
        {
            var span = body.Start is { } s && body.End is { } e ? $"{s}-{e}" : null;
            var q = await w.EditCodingAsync(new EditCodingRequest(id, span, null, body.Code, body.Memo, body.Version, body.Text), ct);
            return Results.Json(new { coding = View(q) });
        });

        api.MapPost("/codings/{id}/remove", async (string id, RemoveCodingBody body, HttpContext http, InterviewWorkbench w, CancellationToken ct) =>
        {
            var removed = await w.RemoveCodingAsync(new RemoveCodingRequest(id, body.Force, body.Version), ct);
            return Results.Json(new { coding = View(removed.Quotation), unlinkedEvidence = removed.UnlinkedEvidence });
        });
    }

    private static string Coder(HttpContext http) => http.User.Identity?.Name ?? throw new InvalidOperationException("no signed-in coder");

    private static object View(Quotation q) => new
    {
        codingId = q.CodingId, codeId = q.CodeId, codePath = q.CodePath, sourceId = q.SourceId, coder = q.Coder,
        start = q.Start, end = q.End, text = q.Text, memo = q.Memo,
    };
}
