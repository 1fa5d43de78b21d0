using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwoWay.Application.Team;
using TwoWay.Web.Security;

namespace TwoWay.Web.Hosting;

/// <summary>
/// Live updates on the team server: <c>GET /api/events</c> is a server-sent event stream of the
/// study's event log after the sequence number the page was drawn at (<c>?after=</c>) or, after a
/// dropped connection, the browser's <c>Last-Event-ID</c>: nothing is missed and the order is the
/// log's. The log is read from the database, so several server processes behind one proxy agree;
/// a change made by this process wakes the streams at once, others within the poll interval.
/// </summary>
internal static class LiveEvents
{
    public const string KindKey = "twoway.event.kind";
    public const string SourceKey = "twoway.event.source";
    public const string DetailKey = "twoway.event.detail";

    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Wakes every open stream when this process appended an event.</summary>
    public static readonly WakeUp Signal = new();

    /// <summary>What an endpoint tells the event log about the change it made (kind, transcript, a small JSON detail).</summary>
    public static void Note(HttpContext http, string kind, string? sourceId, object? detail)
    {
        http.Items[KindKey] = kind;
        http.Items[SourceKey] = sourceId;
        http.Items[DetailKey] = detail is null ? null : JsonSerializer.Serialize(detail);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/events", async (HttpContext http, long? after, TeamActivity activity, StudyAccess access) =>
        {
            var last = after ?? 0;
            if (long.TryParse(http.Request.Headers["Last-Event-ID"], out var resumed)) last = resumed;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through at once
            var ct = http.RequestAborted;
            var quiet = DateTime.UtcNow;
            await http.Response.WriteAsync("retry: 1000\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var wake = Signal.Next();
                    foreach (var e in await activity.AfterAsync(last, 200, ct))
                    {
                        last = e.Seq;
                        // Blind coding: another coder's coding changes do not reach a coder who sees only their own.
                        if (access.SeesOnlyOwn && e.Kind == "coding" && e.Actor != access.Name) continue;
                        var data = JsonSerializer.Serialize(new { seq = e.Seq, actor = e.Actor, kind = e.Kind, source = e.SourceId, detail = e.Detail is null ? (JsonElement?)null : JsonDocument.Parse(e.Detail).RootElement });
                        await http.Response.WriteAsync($"id: {e.Seq}\nevent: change\ndata: {data}\n\n", ct);
                        quiet = DateTime.UtcNow;
                    }
                    if (DateTime.UtcNow - quiet > Heartbeat)
                    {
                        await http.Response.WriteAsync($"id: {last}\n: still here\n\n", ct);
                        quiet = DateTime.UtcNow;
                    }
                    await http.Response.Body.FlushAsync(ct);
                    await Task.WhenAny(wake, Task.Delay(Poll, ct));
                }
            }
            catch (OperationCanceledException) { }
        });
}

/// <summary>A reusable wake-up: waiters get a task completed by the next <see cref="Pulse"/>.</summary>
internal sealed class WakeUp
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next() => Volatile.Read(ref _next).Task;

    public void Pulse()
    {
        var old = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        old.TrySetResult();
    }
}
