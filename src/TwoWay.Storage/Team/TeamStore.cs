using Microsoft.EntityFrameworkCore;
using TwoWay.Input;

namespace TwoWay.Storage.Team;

/// <summary>
/// Opens the team tables of a PostgreSQL study: created on a study's first <c>serve --database</c>
/// or <c>users add</c>, upgraded only by <c>twoway migrate</c>; refused when written by a newer version.
/// </summary>
public static class TeamStore
{
    /// <summary>
    /// Checks <paramref name="database"/> is a PostgreSQL study at this version, creates its team
    /// tables when it has none, and returns the location to build <see cref="TeamDbContext"/>s on.
    /// </summary>
    public static async Task<StudyLocation> OpenAsync(string database, CancellationToken ct = default)
    {
        var loc = StudyLocation.ForPostgreSql(database);
        await using (await Study.OpenAsync(loc.ConnectionString, ct).ConfigureAwait(false)) { } // the study itself: exists, current
        return await StorageFaults.GuardAsync(loc, async () =>
        {
            await using var db = new TeamDbContext(TeamDbContext.Options(loc.ConnectionString));
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)).ToList();
            CheckNotNewer(loc, db, applied);
            if (applied.Count == 0) await db.Database.MigrateAsync(ct).ConfigureAwait(false);
            else if ((await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).Any())
                throw new InputException(loc.Display, null, null, "the team server's tables are from an older version; run 'twoway migrate' on this database first");
            return loc;
        }).ConfigureAwait(false);
    }

    /// <summary>Upgrades existing team tables (part of <c>twoway migrate</c>); returns the steps applied. A study without team tables is left as it is.</summary>
    public static IReadOnlyList<string> Migrate(StudyLocation loc)
    {
        if (loc.Provider != StudyProvider.PostgreSql) return [];
        return StorageFaults.Guard(loc, () =>
        {
            using var db = new TeamDbContext(TeamDbContext.Options(loc.ConnectionString));
            var applied = db.Database.GetAppliedMigrations().ToList();
            if (applied.Count == 0) return (IReadOnlyList<string>)[];
            CheckNotNewer(loc, db, applied);
            var pending = db.Database.GetPendingMigrations().ToList();
            if (pending.Count > 0) db.Database.Migrate();
            return pending.Select(p => "team:" + p).ToList();
        });
    }

    private static void CheckNotNewer(StudyLocation loc, TeamDbContext db, List<string> applied)
    {
        var known = db.Database.GetMigrations().ToList();
        var latest = known.Max(StringComparer.Ordinal) ?? "";
        if (applied.FirstOrDefault(m => !known.Contains(m, StringComparer.Ordinal) && string.CompareOrdinal(m, latest) > 0) is { } newer)
            throw new InputException(loc.Display, null, null,
                $"the team server's tables were written by a newer version of TwoWay (schema step '{newer}'); install that version — nothing was changed");
    }
}
