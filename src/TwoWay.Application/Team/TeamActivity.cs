using Microsoft.EntityFrameworkCore;
using TwoWay.Storage;
using TwoWay.Storage.Team;

namespace TwoWay.Application.Team;

/// <summary>
/// One change in the study's ordered event log, as open pages receive it. <paramref name="Detail"/>
/// is a small JSON object of the change (for a coding: the ids and stored offsets it touched).
/// </summary>
public sealed record StudyEvent(long Seq, DateTimeOffset At, string Actor, string Kind, string? SourceId, string? Detail);

/// <summary>The study's team settings: blind double-coding, and whether the owner opened the comparison.</summary>
public sealed record TeamSettings(bool Blind, bool ComparisonOpen)
{
    /// <summary>Whether a coder (not an owner) sees only their own codings now.</summary>
    public bool HidesOthers => Blind && !ComparisonOpen;
}

/// <summary>One line of the audit log.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? Subject, string? Address);

/// <summary>
/// The team server's shared state beyond accounts: the per-study event log that pages follow, the
/// blind-coding settings and the audit log. Each call is its own short unit of work.
/// </summary>
public sealed class TeamActivity(StudyLocation location)
{
    private TeamDbContext Context() => new(TeamDbContext.Options(location.ConnectionString));

    /// <summary>Appends a change to the log; returns its sequence number (the order every page sees).</summary>
    public async Task<long> AppendAsync(string actor, string kind, string? sourceId, string? detail, CancellationToken ct = default)
    {
        await using var db = Context();
        // Appends take turns with every writer of the study (its writer lock, which the study's own
        // saves hold while they log their events), so events commit in the order of their numbers:
        // a reader that has seen number n never later finds an n - 1 it skipped.
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Study.WriterLockKey})", ct).ConfigureAwait(false);
        var e = new StudyEventRecord { At = DateTimeOffset.UtcNow, Actor = actor, Kind = kind, SourceId = sourceId, Detail = detail };
        db.Events.Add(e);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return e.Seq;
    }

    /// <summary>The changes after <paramref name="seq"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<StudyEvent>> AfterAsync(long seq, int max = 200, CancellationToken ct = default)
    {
        await using var db = Context();
        return await db.Events.AsNoTracking().Where(e => e.Seq > seq).OrderBy(e => e.Seq).Take(max)
            .Select(e => new StudyEvent(e.Seq, e.At, e.Actor, e.Kind, e.SourceId, e.Detail)).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The last sequence number written (0 when the log is empty).</summary>
    public async Task<long> LatestAsync(CancellationToken ct = default)
    {
        await using var db = Context();
        return await db.Events.MaxAsync(e => (long?)e.Seq, ct).ConfigureAwait(false) ?? 0;
    }

    public async Task<TeamSettings> SettingsAsync(CancellationToken ct = default)
    {
        await using var db = Context();
        var s = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new TeamSettings(s?.Blind ?? false, s?.ComparisonOpen ?? false);
    }

    /// <summary>Turns blind coding on or off and opens or closes the comparison (the owner's choice), audited.</summary>
    public async Task<TeamSettings> SetSettingsAsync(TeamSettings settings, string actor, string? address, CancellationToken ct = default)
    {
        await using var db = Context();
        var s = await db.Settings.FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (s is null) db.Settings.Add(s = new TeamSettingsRecord());
        var before = new TeamSettings(s.Blind, s.ComparisonOpen);
        s.Blind = settings.Blind;
        s.ComparisonOpen = settings.ComparisonOpen;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        if (before.Blind != settings.Blind) await TeamAccounts.AuditAsync(db, actor, settings.Blind ? "blind coding on" : "blind coding off", null, address, ct).ConfigureAwait(false);
        if (before.ComparisonOpen != settings.ComparisonOpen) await TeamAccounts.AuditAsync(db, actor, settings.ComparisonOpen ? "comparison opened" : "comparison closed", null, address, ct).ConfigureAwait(false);
        return settings;
    }

    public async Task AuditAsync(string actor, string action, string? subject, string? address, CancellationToken ct = default)
    {
        await using var db = Context();
        await TeamAccounts.AuditAsync(db, actor, action, subject, address, ct).ConfigureAwait(false);
    }

    /// <summary>The newest audit lines first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditLogAsync(int max = 100, CancellationToken ct = default)
    {
        await using var db = Context();
        return await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(max)
            .Select(a => new AuditEntry(a.At, a.Actor, a.Action, a.Subject, a.Address)).ToListAsync(ct).ConfigureAwait(false);
    }
}
