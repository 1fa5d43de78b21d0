using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Storage.Cases;

namespace TwoWay.Storage;

/// <summary>What saving does with a firm or operation id that is already stored.</summary>
public enum SaveMode
{
    /// <summary>Refuse the whole save if any id is already stored (the default: nothing is overwritten by accident).</summary>
    AddOnly,

    /// <summary>
    /// Update stored firms and operations that have the same id (all their fields, attributes and
    /// evidence are replaced by the new ones); add the others. Nothing not named in the batch is touched.
    /// </summary>
    Replace,
}

/// <summary>How many rows a save added and replaced.</summary>
public sealed record SaveSummary(int FirmsAdded, int FirmsReplaced, int OperationsAdded, int OperationsReplaced);

/// <summary>The ids a study already holds: for import validation that names the offending file row.</summary>
public sealed record StudyIds(IReadOnlySet<FirmId> Firms, IReadOnlySet<OperationId> Operations);

/// <summary>
/// A study's project: one SQLite file (<c>study.twoway</c>) or a PostgreSQL database. Every save
/// runs in one transaction (stored whole or not at all) and holds the study's writer lock, so
/// concurrent writers take turns and none loses another's work. Contexts come from
/// <see cref="Contexts"/>, one per unit of work.
/// </summary>
public sealed class Study : IDisposable, IAsyncDisposable
{
    private const int Chunk = 5000;

    private Study(StudyLocation location)
    {
        Location = location;
        Contexts = new StudyContextFactory(location.Options());
    }

    public StudyLocation Location { get; }

    /// <summary>Makes a new context on this study for one unit of work; dispose it.</summary>
    public IDbContextFactory<StudyDbContext> Contexts { get; }

    /// <summary>Creates a new, empty study. Refuses if a study (or any file) is already there.</summary>
    /// <exception cref="InputException">The location is taken or cannot be reached.</exception>
    public static Study Create(string location) => Create(StudyLocation.Parse(location));

    /// <inheritdoc cref="Create(string)"/>
    public static Study Create(StudyLocation loc)
    {
        if (loc.FilePath is { } path && (File.Exists(path) || Directory.Exists(path)))
            throw new InputException(loc.Display, null, null, "a file is already there; TwoWay never overwrites a study (choose another name or delete it yourself)");
        if (loc.FilePath is { } p2 && Path.GetDirectoryName(p2) is { } dir && !Directory.Exists(dir))
            throw new InputException(loc.Display, null, null, $"the folder {dir} does not exist");
        StorageFaults.Guard(loc, () =>
        {
            using var db = new StudyDbContext(loc.Options());
            if (loc.Provider == StudyProvider.PostgreSql && db.Database.GetAppliedMigrations().Any())
                throw new InputException(loc.Display, null, null, "this database already holds a study; TwoWay never overwrites one");
            db.Database.Migrate();
        });
        return new Study(loc);
    }

    /// <summary>
    /// Opens an existing study. A study file whose schema is older than this version of TwoWay is
    /// brought up to date after a backup copy (a laptop file has one user); a PostgreSQL study is
    /// migrated only by an explicit <see cref="Migrate(string)"/> (<c>twoway migrate</c>), since other
    /// members' servers may still run the older version. A study written by a newer version is refused.
    /// </summary>
    /// <exception cref="InputException">There is no study at the location, it cannot be read, or its version does not fit.</exception>
    public static Study Open(string location) => Open(StudyLocation.Parse(location));

    /// <inheritdoc cref="Open(string)"/>
    public static Study Open(StudyLocation loc)
    {
        CheckFile(loc);
        StorageFaults.Guard(loc, () =>
        {
            var (_, pending) = CheckSchema(loc);
            if (pending.Count == 0) return;
            if (loc.FilePath is not { } file)
                throw new InputException(loc.Display, null, null,
                    $"this study's schema is older than this version of TwoWay ({pending.Count} migration(s) to apply); run 'twoway migrate {loc.Display}' once, after a backup");
            BackUp(file);
            using var db = new StudyDbContext(loc.Options());
            db.Database.Migrate();
        });
        return new Study(loc);
    }

    /// <inheritdoc cref="Open(string)"/>
    public static Task<Study> OpenAsync(string location, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(location), cancellationToken);

    /// <summary>
    /// Brings a study's schema up to this version of TwoWay (a backup copy first for a file); returns
    /// the migrations applied. Refuses a study written by a newer version.
    /// </summary>
    public static IReadOnlyList<string> Migrate(string location)
    {
        var loc = StudyLocation.Parse(location);
        CheckFile(loc);
        return StorageFaults.Guard(loc, () =>
        {
            var (_, pending) = CheckSchema(loc);
            if (pending.Count == 0) return (IReadOnlyList<string>)[];
            if (loc.FilePath is { } file) BackUp(file);
            using var db = new StudyDbContext(loc.Options());
            db.Database.Migrate();
            return pending;
        });
    }

    private static void CheckFile(StudyLocation loc)
    {
        if (loc.FilePath is not { } path) return;
        if (Directory.Exists(path))
            throw new InputException(loc.Display, null, null, "this is a folder, not a study file");
        if (!File.Exists(path))
            throw new InputException(loc.Display, null, null, "no study file here; create one with 'twoway init " + loc.Display + "'");
        if (!LooksLikeSqlite(loc, path))
            throw new InputException(loc.Display, null, null, "this file is not a TwoWay study (not an SQLite database)");
    }

    /// <summary>The applied and pending migrations; refuses a non-study and a study from a newer version.</summary>
    private static (IReadOnlyList<string> Applied, IReadOnlyList<string> Pending) CheckSchema(StudyLocation loc)
    {
        using var db = new StudyDbContext(loc.Options());
        var applied = db.Database.GetAppliedMigrations().ToList();
        if (applied.Count == 0)
            throw new InputException(loc.Display, null, null, "this database is not a TwoWay study (it has no TwoWay schema); create one with 'twoway init'");
        // Migration ids start with their UTC timestamp: an applied one this build does not know and
        // that sorts after its latest was written by a newer version (an unknown older one is history).
        var known = db.Database.GetMigrations().ToList();
        var latest = known.Max(StringComparer.Ordinal) ?? "";
        if (applied.FirstOrDefault(m => !known.Contains(m, StringComparer.Ordinal) && string.CompareOrdinal(m, latest) > 0) is { } newer)
            throw new InputException(loc.Display, null, null,
                $"this study was written by a newer version of TwoWay (schema step '{newer}'); install that version to open it — nothing was changed");
        return (applied, db.Database.GetPendingMigrations().ToList());
    }

    /// <summary>A new context on this study, for areas that query their own entities. Dispose it.</summary>
    public StudyDbContext CreateDbContext() => Contexts.CreateDbContext();

    /// <summary>Copies a SQLite study file to <c>NAME.backup-YYYYMMDDTHHMMSSZ</c> beside it; returns the copy's path.</summary>
    internal static string BackUp(string file)
    {
        var target = $"{file}.backup-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}";
        for (var i = 2; File.Exists(target); i++) target = $"{file}.backup-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{i}";
        File.Copy(file, target);
        return target;
    }

    private static bool LooksLikeSqlite(StudyLocation loc, string path)
    {
        Span<byte> head = stackalloc byte[16];
        try
        {
            using var f = File.OpenRead(path);
            return f.Read(head) == 16 && System.Text.Encoding.ASCII.GetString(head) == "SQLite format 3\0";
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(loc.Display, null, null, "the study file cannot be read (permission denied)");
        }
    }

    /// <summary>
    /// Begins a read-only transaction: one consistent view of the study that takes no writer lock
    /// (SQLite: a DEFERRED transaction, which EF's default IMMEDIATE one would not be; PostgreSQL:
    /// REPEATABLE READ, a snapshot). A read inside a writer's unit of work therefore never waits for it.
    /// </summary>
    internal static async Task<IAsyncDisposable> BeginReadAsync(StudyDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            var deferred = sqlite.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: true);
            await db.Database.UseTransactionAsync(deferred, ct);
            return new ReadTransaction(db, deferred);
        }
        return await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
    }

    /// <summary>Ends a SQLite read transaction that EF only borrowed (EF does not dispose a transaction it did not begin).</summary>
    private sealed class ReadTransaction(StudyDbContext db, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// How long a writer waits for the others before giving up: generous, because a writer in line
    /// behind a few others on a busy machine must wait, not fail (each holds the lock for milliseconds
    /// on an idle one).
    /// </summary>
    internal static readonly TimeSpan WriterLockWait = TimeSpan.FromMinutes(5);

    /// <summary>The PostgreSQL advisory lock every writer of a study holds until its transaction ends (also the team server's event log's writers, so events commit in the order of their numbers).</summary>
    public const long WriterLockKey = 7263418250601;

    /// <summary>
    /// Begins a write transaction that holds the study's writer lock until it ends: SQLite takes its
    /// write lock at BEGIN IMMEDIATE; PostgreSQL takes a transaction-scoped advisory lock. Units of
    /// work that read, decide and write inside it therefore never act on a stale view.
    /// </summary>
    internal static async Task<IDbContextTransaction> BeginWriteAsync(StudyDbContext db, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(WriterLockWait);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLockKey})", ct);
            db.Database.SetCommandTimeout(timeout);
        }
        return tx;
    }

    /// <inheritdoc cref="BeginWriteAsync"/>
    internal static IDbContextTransaction BeginWrite(StudyDbContext db)
    {
        var tx = db.Database.BeginTransaction();
        if (db.Database.IsNpgsql())
        {
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(WriterLockWait);
            db.Database.ExecuteSqlRaw($"SELECT pg_advisory_xact_lock({WriterLockKey})");
            db.Database.SetCommandTimeout(timeout);
        }
        return tx;
    }

    /// <summary>The firm and operation ids stored, for import validation.</summary>
    public StudyIds Ids() => IdsAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="Ids"/>
    public async Task<StudyIds> IdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(Location, async () =>
        {
            await using var tx = await BeginReadAsync(db, cancellationToken);
            var firms = (await db.Firms.Select(f => f.Id).ToListAsync(cancellationToken)).Select(i => new FirmId(i)).ToHashSet();
            var ops = (await db.Operations.Select(o => o.Id).ToListAsync(cancellationToken)).Select(i => new OperationId(i)).ToHashSet();
            return new StudyIds(firms, ops);
        });
    }

    /// <summary>
    /// Stores firms and operations in ONE transaction. Every operation's firm must be in
    /// <paramref name="firms"/> or already stored. With <see cref="SaveMode.AddOnly"/> any id
    /// already stored refuses the whole save. On any error nothing is stored.
    /// </summary>
    /// <remarks><paramref name="progress"/> receives the number of rows written so far (firms + operations).</remarks>
    /// <exception cref="InputException">A conflict with what is stored; nothing was written.</exception>
    public Task<SaveSummary> SaveAsync(IReadOnlyCollection<Firm> firms, IReadOnlyCollection<Operation> operations,
        SaveMode mode = SaveMode.AddOnly, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Save(firms, operations, mode, progress, cancellationToken), cancellationToken);

    /// <inheritdoc cref="SaveAsync"/>
    public SaveSummary Save(IReadOnlyCollection<Firm> firms, IReadOnlyCollection<Operation> operations,
        SaveMode mode = SaveMode.AddOnly, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        StorageFaults.Guard(Location, () => SaveUnguarded(firms, operations, mode, progress, cancellationToken));

    private SaveSummary SaveUnguarded(IReadOnlyCollection<Firm> firms, IReadOnlyCollection<Operation> operations,
        SaveMode mode, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var source = Location.Display;
        var errors = new InputErrorCollector();
        var firmDup = firms.GroupBy(f => f.Id).FirstOrDefault(g => g.Count() > 1);
        if (firmDup is not null) errors.Add(source, null, "firm_id", $"firm id '{firmDup.Key}' is given twice");
        var opDup = operations.GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (opDup is not null) errors.Add(source, null, "operation_id", $"operation id '{opDup.Key}' is given twice");
        errors.ThrowIfAny();

        using var db = CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var tx = BeginWrite(db);

        // Read the stored ids inside the transaction, so the checks hold for what is written.
        var storedFirms = db.Firms.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var storedOps = db.Operations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var newFirms = firms.Select(f => f.Id.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var o in operations.Where(o => !newFirms.Contains(o.Firm.Value) && !storedFirms.Contains(o.Firm.Value)).Take(20))
            errors.Add(source, null, "firm_id", $"operation '{o.Id}' belongs to firm '{o.Firm}', which is neither given nor stored");
        if (mode == SaveMode.AddOnly)
        {
            foreach (var f in firms.Where(f => storedFirms.Contains(f.Id.Value)).Take(20))
                errors.Add(source, null, "firm_id", $"firm '{f.Id}' is already stored (replace it explicitly)");
            foreach (var o in operations.Where(o => storedOps.Contains(o.Id.Value)).Take(20))
                errors.Add(source, null, "operation_id", $"operation '{o.Id}' is already stored (replace it explicitly)");
        }
        errors.ThrowIfAny();

        var replacedFirms = firms.Where(f => storedFirms.Contains(f.Id.Value)).ToList();
        var replacedOps = operations.Where(o => storedOps.Contains(o.Id.Value)).Select(o => o.Id.Value).ToList();
        var written = 0;

        // Firms first (operations refer to them). A replaced firm is updated in place, so its
        // stored operations that the batch does not name stay attached to it.
        foreach (var chunk in replacedFirms.Chunk(Chunk))
        {
            var ids = chunk.Select(f => f.Id.Value).ToList();
            db.FirmAttributes.Where(a => ids.Contains(a.FirmId)).ExecuteDelete();
            var byId = chunk.ToDictionary(f => f.Id.Value);
            foreach (var record in db.Firms.AsTracking().Where(f => ids.Contains(f.Id)).ToList())
                CaseMapping.CopyInto(record, byId[record.Id]);
            db.ChangeTracker.DetectChanges();
            db.FirmAttributes.AddRange(chunk.SelectMany(CaseMapping.AttributeRecords));
            db.SaveChanges();
            db.ChangeTracker.Clear();
            progress?.Report(written += chunk.Length);
            cancellationToken.ThrowIfCancellationRequested();
        }
        db.Database.OpenConnection();
        foreach (var chunk in firms.Where(f => !storedFirms.Contains(f.Id.Value)).Chunk(Chunk))
        {
            BulkInsert.Run(db, chunk.Select(CaseMapping.ToRecord).ToList());
            BulkInsert.Run(db, chunk.SelectMany(CaseMapping.AttributeRecords).ToList());
            progress?.Report(written += chunk.Length);
            cancellationToken.ThrowIfCancellationRequested();
        }
        foreach (var ids in replacedOps.Chunk(500))
        {
            db.Evidence.Where(e => ids.Contains(e.OperationId)).ExecuteDelete();
            db.Operations.Where(o => ids.Contains(o.Id)).ExecuteDelete();
        }
        foreach (var chunk in operations.Chunk(Chunk))
        {
            BulkInsert.Run(db, chunk.Select(CaseMapping.ToRecord).ToList());
            BulkInsert.Run(db, chunk.SelectMany(CaseMapping.EvidenceRecords).ToList());
            progress?.Report(written += chunk.Length);
            cancellationToken.ThrowIfCancellationRequested();
        }
        // Bulk copies bypass the tracked saves: one event for the import (a team server's pages show it).
        if (firms.Count + operations.Count > 0) Team.StudyChangeLog.Write(db, [new("cases", null, null, null)]);
        tx.Commit();
        return new SaveSummary(firms.Count - replacedFirms.Count, replacedFirms.Count,
            operations.Count - replacedOps.Count, replacedOps.Count);
    }

    /// <summary>Every firm with its operations, ordered by firm id.</summary>
    public IReadOnlyList<FirmCase> LoadCases() => LoadCasesAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="LoadCases"/>
    public async Task<IReadOnlyList<FirmCase>> LoadCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(Location, async () =>
        {
            // One transaction: a consistent view even while another writer saves.
            await using var tx = await BeginReadAsync(db, cancellationToken);
            var attributes = (await db.FirmAttributes.ToListAsync(cancellationToken)).ToLookup(a => a.FirmId, StringComparer.Ordinal);
            var evidence = (await db.Evidence.ToListAsync(cancellationToken)).ToLookup(e => e.OperationId, StringComparer.Ordinal);
            var operations = (await db.Operations.ToListAsync(cancellationToken))
                .Select(o => CaseMapping.ToDomain(o, evidence[o.Id]))
                .ToLookup(o => o.Firm);
            return (IReadOnlyList<FirmCase>)(await db.Firms.ToListAsync(cancellationToken))
                .Select(f => CaseMapping.ToDomain(f, attributes[f.Id]))
                .OrderBy(f => f.Id)
                .Select(f => new FirmCase(f, operations[f.Id]))
                .ToList();
        });
    }

    /// <summary>One firm with its operations, or null when the id is not stored.</summary>
    public FirmCase? LoadCase(FirmId id) => LoadCaseAsync(id).GetAwaiter().GetResult();

    /// <inheritdoc cref="LoadCase"/>
    public async Task<FirmCase?> LoadCaseAsync(FirmId id, CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(Location, async () =>
        {
            await using var tx = await BeginReadAsync(db, cancellationToken);
            var record = await db.Firms.FirstOrDefaultAsync(f => f.Id == id.Value, cancellationToken);
            if (record is null) return null;
            var firm = CaseMapping.ToDomain(record, await db.FirmAttributes.Where(a => a.FirmId == id.Value).ToListAsync(cancellationToken));
            var ops = await db.Operations.Where(o => o.FirmId == id.Value).ToListAsync(cancellationToken);
            var opIds = ops.Select(o => o.Id).ToList();
            var evidence = (await db.Evidence.Where(e => opIds.Contains(e.OperationId)).ToListAsync(cancellationToken))
                .ToLookup(e => e.OperationId, StringComparer.Ordinal);
            return new FirmCase(firm, ops.Select(o => CaseMapping.ToDomain(o, evidence[o.Id])));
        });
    }

    /// <summary>Every firm (without operations), ordered by id.</summary>
    public IReadOnlyList<Firm> LoadFirms() => LoadFirmsAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="LoadFirms"/>
    public async Task<IReadOnlyList<Firm>> LoadFirmsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(Location, async () =>
        {
            await using var tx = await BeginReadAsync(db, cancellationToken);
            var attributes = (await db.FirmAttributes.ToListAsync(cancellationToken)).ToLookup(a => a.FirmId, StringComparer.Ordinal);
            return (IReadOnlyList<Firm>)(await db.Firms.ToListAsync(cancellationToken))
                .Select(f => CaseMapping.ToDomain(f, attributes[f.Id])).OrderBy(f => f.Id).ToList();
        });
    }

    /// <summary>Number of operations per firm and direction.</summary>
    public IReadOnlyDictionary<FirmId, (int Inward, int Outward)> OperationCounts() => OperationCountsAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="OperationCounts"/>
    public async Task<IReadOnlyDictionary<FirmId, (int Inward, int Outward)>> OperationCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var inward = Direction.Inward.ToString();
        return await StorageFaults.GuardAsync(Location, async () =>
            (IReadOnlyDictionary<FirmId, (int, int)>)(await db.Operations.GroupBy(o => o.FirmId)
                .Select(g => new { g.Key, Inward = g.Count(o => o.Direction == inward), Total = g.Count() })
                .ToListAsync(cancellationToken))
                .ToDictionary(x => new FirmId(x.Key), x => (x.Inward, x.Total - x.Inward)));
    }

    // Contexts are made and disposed per unit of work, and SQLite connections are not pooled:
    // nothing stays open, so there is nothing to release (and no process-wide pool to clear).
    public void Dispose() { }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
