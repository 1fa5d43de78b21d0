using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TwoWay.Storage.Assessments;
using TwoWay.Storage.Cases;
using TwoWay.Storage.Qualitative;
using TwoWay.Storage.Settings;

namespace TwoWay.Storage.Team;

/// <summary>Who changes the study in the current flow of work (an async-local value: one per web request).</summary>
public static class ChangeAuthor
{
    internal static readonly AsyncLocal<string?> Current = new();

    /// <summary>Names the member whose changes the following saves are, until this flow of work ends.</summary>
    public static void Set(string? member) => Current.Value = member;
}

/// <summary>
/// Every change to a study that a team server serves becomes an event in its ordered log
/// (<c>team_events</c>), written in the same transaction as the change: whether it came from the
/// web, the command line or another process, nothing changes without its event and no event
/// describes a change that was rolled back. Writers hold the study's writer lock, so the events'
/// numbers follow the commits. A study without team tables (every laptop file) writes none.
/// </summary>
internal static class StudyChangeLog
{
    /// <summary>Who is making the changes in this flow of work (the web sets the signed-in member); else the coder of a coding, else the command line's user.</summary>
    public static AsyncLocal<string?> Actor => ChangeAuthor.Current;

    /// <summary>One event to write: its kind, the transcript it concerns, a small JSON detail.</summary>
    public sealed record Change(string Kind, Guid? SourceId, object? Detail, string? Actor);

    private static readonly ConcurrentDictionary<string, bool> Enabled = new(StringComparer.Ordinal);

    /// <summary>The events the tracked changes amount to (read before saving: afterwards the original values are gone).</summary>
    public static List<Change> Collect(ChangeTracker tracker)
    {
        var changes = new List<Change>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (e.Entity)
            {
                // The workbench's own unit of work logs its edits from the project's two versions
                // (QualitativeStore), which know where a moved coding was; its tracked rows are skipped here.
                case QualCodingRecord or QualCodeRecord or QualSourceRecord or QualMemoRecord: break;
                case QualEvidenceLinkRecord: kinds.Add("evidence"); break;
                case FirmRecord or FirmAttributeRecord or OperationRecord or EvidenceRecord: kinds.Add("cases"); break;
                case AssessmentRecord: kinds.Add("assessment"); break;
                case StudySettingRecord: kinds.Add("settings"); break;
                default: kinds.Add("study"); break;
            }
        }
        changes.AddRange(kinds.Order(StringComparer.Ordinal).Select(k => new Change(k, null, null, null)));
        return changes;
    }

    /// <summary>Writes the events inside the current transaction, when the study has team tables.</summary>
    public static async Task WriteAsync(DbContext db, IReadOnlyList<Change> changes, CancellationToken ct)
    {
        if (changes.Count == 0 || !db.Database.IsNpgsql() || !await HasLogAsync(db, ct).ConfigureAwait(false)) return;
        var at = DateTimeOffset.UtcNow;
        foreach (var c in changes)
        {
            var actor = Actor.Value ?? c.Actor ?? "cli:" + Environment.UserName;
            var source = c.SourceId?.ToString();
            var detail = c.Detail is null ? null : JsonSerializer.Serialize(c.Detail);
            await db.Database.ExecuteSqlAsync($"INSERT INTO team_events (at, actor, kind, source_id, detail) VALUES ({at}, {actor}, {c.Kind}, {source}, {detail})", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="WriteAsync"/>
    public static void Write(DbContext db, IReadOnlyList<Change> changes) => WriteAsync(db, changes, CancellationToken.None).GetAwaiter().GetResult();

    // Cached once found: team tables are created, never dropped, while a server runs.
    private static async Task<bool> HasLogAsync(DbContext db, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        if (Enabled.TryGetValue(key, out var yes) && yes) return true;
        var found = await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('team_events') IS NOT NULL AS \"Value\"").SingleAsync(ct).ConfigureAwait(false);
        if (found) Enabled[key] = true;
        return found;
    }
}
