using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TwoWay.Input;

namespace TwoWay.Storage;

/// <summary>How many rows of one table a transfer copied.</summary>
/// <param name="Table">The table's name in the study schema.</param>
/// <param name="Rows">Rows copied (equal in the source and, after the copy, in the target).</param>
public sealed record TableTransfer(string Table, int Rows);

/// <summary>
/// Copies a whole study to another location — a laptop file to a PostgreSQL database and back —
/// without loss: every table of the model (firms, operations and their evidence, transcripts,
/// codes, codings, memos, evidence links, assessments, row versions), in one consistent read of
/// the source and one transaction on the target, then checked by counting. The tables come from
/// the EF Core model, so a table added by a later migration is copied without changing this.
/// </summary>
public static class StudyTransfer
{
    /// <summary>
    /// Copies <paramref name="from"/> into <paramref name="to"/>, which must be new or an empty
    /// study (TwoWay never merges into or overwrites a study with data). On any failure the
    /// target holds nothing of the source: a file it created is removed, a database keeps its
    /// empty schema (and can be the target of the next attempt).
    /// </summary>
    /// <exception cref="InputException">A location cannot be opened, is the same as the other, or the target holds data.</exception>
    public static async Task<IReadOnlyList<TableTransfer>> CopyAsync(string from, string to, IProgress<TableTransfer>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var source = StudyLocation.Parse(from);
        var target = StudyLocation.Parse(to);
        if (SameLocation(source, target))
            throw new InputException(target.Display, null, null, "the source and the target are the same study");
        using var sourceStudy = Study.Open(source);
        var (targetStudy, created) = OpenOrCreateEmpty(target);
        try
        {
            return await StorageFaults.GuardAsync(target, () => Copy(sourceStudy, targetStudy, progress, cancellationToken));
        }
        catch when (created && target.FilePath is { } file)
        {
            targetStudy.Dispose(); // study files are opened without pooling: no handle outlives the copy
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
                if (File.Exists(f)) File.Delete(f);
            throw;
        }
        finally
        {
            targetStudy.Dispose();
        }
    }

    private static async Task<IReadOnlyList<TableTransfer>> Copy(Study source, Study target, IProgress<TableTransfer>? progress, CancellationToken ct)
    {
        await using var read = await source.Contexts.CreateDbContextAsync(ct);
        await using var write = await target.Contexts.CreateDbContextAsync(ct);
        await using var snapshot = await Study.BeginReadAsync(read, ct);
        await using var tx = await Study.BeginWriteAsync(write, ct);
        var copied = new List<TableTransfer>();
        foreach (var entity in InDependencyOrder(read.Model))
        {
            ct.ThrowIfCancellationRequested();
            var rows = await (Task<int>)CopyRowsMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [read, write, ct])!;
            var table = new TableTransfer(entity.GetTableName()!, rows);
            copied.Add(table);
            progress?.Report(table);
        }
        // Counted again inside the same transaction before it commits: a copy that lost a row is never committed.
        foreach (var (entity, table) in InDependencyOrder(write.Model).Zip(copied))
        {
            var count = await (Task<int>)CountMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [write, ct])!;
            if (count != table.Rows)
                throw new InvalidOperationException($"copying table {table.Table}: {table.Rows} rows read but {count} stored");
        }
        await tx.CommitAsync(ct);
        return copied;
    }

    private static readonly System.Reflection.MethodInfo CopyRowsMethod =
        typeof(StudyTransfer).GetMethod(nameof(CopyRows), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static readonly System.Reflection.MethodInfo CountMethod =
        typeof(StudyTransfer).GetMethod(nameof(Count), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static async Task<int> CopyRows<T>(StudyDbContext read, StudyDbContext write, CancellationToken ct) where T : class
    {
        var rows = await read.Set<T>().AsNoTracking().ToListAsync(ct);
        BulkInsert.Run(write, rows);
        return rows.Count;
    }

    private static Task<int> Count<T>(StudyDbContext db, CancellationToken ct) where T : class => db.Set<T>().CountAsync(ct);

    /// <summary>Every mapped table, each after the tables its foreign keys point to (so inserts never break a constraint).</summary>
    internal static IReadOnlyList<IEntityType> InDependencyOrder(IModel model)
    {
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned())
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        var done = new HashSet<IEntityType>();
        void Visit(IEntityType e, int depth)
        {
            if (done.Contains(e)) return;
            if (depth > entities.Count) throw new InvalidOperationException("the study model has a cycle of foreign keys");
            foreach (var fk in e.GetForeignKeys())
            {
                // A table pointing to itself would need its rows ordered parent-first; the model has none.
                if (fk.PrincipalEntityType == e) throw new InvalidOperationException($"{e.GetTableName()} references itself; order its rows before copying");
                Visit(fk.PrincipalEntityType, depth + 1);
            }
            if (done.Add(e)) ordered.Add(e);
        }
        foreach (var e in entities) Visit(e, 0);
        return ordered;
    }

    private static (Study Study, bool Created) OpenOrCreateEmpty(StudyLocation target)
    {
        if (target.FilePath is { } path && !File.Exists(path) && !Directory.Exists(path))
            return (Study.Create(target), true);
        if (target.FilePath is null && !HoldsSchema(target))
            return (Study.Create(target), false);
        var study = Study.Open(target);
        try
        {
            using var db = study.CreateDbContext();
            foreach (var entity in InDependencyOrder(db.Model))
                if ((int)((Task<int>)CountMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [db, CancellationToken.None])!).GetAwaiter().GetResult() > 0)
                    throw new InputException(target.Display, null, null,
                        $"this study already holds data (table {entity.GetTableName()}); TwoWay copies only into a new or empty study and never merges or overwrites one");
            return (study, false);
        }
        catch
        {
            study.Dispose();
            throw;
        }
    }

    private static bool HoldsSchema(StudyLocation target) => StorageFaults.Guard(target, () =>
    {
        using var db = new StudyDbContext(target.Options());
        return db.Database.GetAppliedMigrations().Any();
    });

    private static bool SameLocation(StudyLocation a, StudyLocation b) =>
        a.FilePath is { } fa && b.FilePath is { } fb
            ? string.Equals(Path.GetFullPath(fa), Path.GetFullPath(fb), StringComparison.Ordinal)
            : a.FilePath is null && b.FilePath is null && string.Equals(a.Display, b.Display, StringComparison.Ordinal);
}
