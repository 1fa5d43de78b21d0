using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using TwoWay.Application.Team;
using TwoWay.Web.Security;

namespace TwoWay.Web.Hosting;

/// <summary>
/// Live updates on the team server: <c>GET /api/events</c> is a server-sent event stream of the
/// study's event log after the sequence number the page was drawn at (<c>?after=</c>) or, after a
/// dropped connection, the browser's <c>Last-Event-ID</c>: nothing is missed and the order is the
/// log's. One <see cref="EventFeed"/> per server reads the log for every open page.
/// </summary>
internal static class LiveEvents
{
    public const string KindKey = "twoway.event.kind";
    public const string SourceKey = "twoway.event.source";
    public const string DetailKey = "twoway.event.detail";

    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>What an endpoint tells the event log about the change it made (kind, transcript, a small JSON detail).</summary>
    public static void Note(HttpContext http, string kind, string? sourceId, object? detail)
    {
        http.Items[KindKey] = kind;
        http.Items[SourceKey] = sourceId;
        http.Items[DetailKey] = detail is null ? null : JsonSerializer.Serialize(detail);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/events", async (HttpContext http, long? after, EventFeed feed, TeamActivity activity, StudyAccess access) =>
        {
            var last = after ?? 0;
            if (long.TryParse(http.Request.Headers["Last-Event-ID"], out var resumed)) last = resumed;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through at once
            var ct = http.RequestAborted;
            await http.Response.WriteAsync("retry: 1000\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var wake = feed.Changed;
                    // Recent events come from the feed's memory; a page far behind reads the log itself.
                    var events = feed.After(last) ?? await activity.AfterAsync(last, 500, ct);
                    foreach (var e in events)
                    {
                        last = e.Seq;
                        // Blind coding: another coder's coding changes do not reach a coder who sees only their own.
                        if (access.SeesOnlyOwn && e.Kind == "coding" && e.Actor != access.Name) continue;
                        var data = JsonSerializer.Serialize(new { seq = e.Seq, at = e.At, actor = e.Actor, kind = e.Kind, source = e.SourceId, detail = e.Detail is null ? (JsonElement?)null : JsonDocument.Parse(e.Detail).RootElement });
                        await http.Response.WriteAsync($"id: {e.Seq}\nevent: change\ndata: {data}\n\n", ct);
                    }
                    if (events.Count > 0) await http.Response.Body.FlushAsync(ct);
                    if (await Task.WhenAny(wake, Task.Delay(Heartbeat, ct)) != wake)
                    {
                        await http.Response.WriteAsync($"id: {last}\n: still here\n\n", ct);
                        await http.Response.Body.FlushAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) { }
        });
}

/// <summary>
/// The server's one reader of the study's event log: it polls the log (every <see cref="Poll"/>, or
/// at once when this process appended), keeps the latest events in memory and wakes the open
/// streams. Several server processes on one study each read the same log, so they agree.
/// </summary>
internal sealed class EventFeed(TeamActivity activity) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private const int Keep = 2000;

    private readonly Lock _gate = new();
    private readonly List<StudyEvent> _recent = [];
    private long _last = -1; // the last sequence number read; -1 until the first read
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when new events have been read.</summary>
    public Task Changed { get { lock (_gate) return _changed.Task; } }

    /// <summary>This process appended an event: read the log now.</summary>
    public void Appended()
    {
        TaskCompletionSource old;
        lock (_gate) { old = _appended; _appended = new(TaskCreationOptions.RunContinuationsAsynchronously); }
        old.TrySetResult();
    }

    /// <summary>The events after <paramref name="seq"/> from memory, or null when memory does not reach back that far.</summary>
    public IReadOnlyList<StudyEvent>? After(long seq)
    {
        lock (_gate)
        {
            if (_last < 0) return null;
            if (seq >= _last) return [];
            var first = _recent.Count > 0 ? _recent[0].Seq : _last + 1;
            if (seq < first - 1) return null; // older than memory: the stream reads the log
            return _recent.Where(e => e.Seq > seq).ToList();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Task appended;
            lock (_gate) appended = _appended.Task;
            try
            {
                long from;
                lock (_gate) from = _last; // only this loop writes _last
                if (from < 0)
                {
                    var latest = await activity.LatestAsync(stop);
                    lock (_gate) _last = latest; // pages drawn before this read the log themselves
                }
                var batch = from < 0 ? [] : await activity.AfterAsync(from, 500, stop);
                TaskCompletionSource? wake = null;
                lock (_gate)
                {
                    if (batch.Count > 0)
                    {
                        _recent.AddRange(batch);
                        if (_recent.Count > Keep) _recent.RemoveRange(0, _recent.Count - Keep);
                        _last = batch[^1].Seq;
                        wake = _changed;
                        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
                wake?.TrySetResult();
                if (batch.Count == 500) continue; // more to read at once
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database is away for a moment: pages keep their streams and catch up when it is back.
            }
            try { await Task.WhenAny(appended, Task.Delay(Poll, stop)); }
            catch (OperationCanceledException) { return; }
        }
    }
}
