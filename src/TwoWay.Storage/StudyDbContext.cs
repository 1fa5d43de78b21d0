using System.Text;
using Microsoft.EntityFrameworkCore;
using TwoWay.Storage.Cases;

namespace TwoWay.Storage;

/// <summary>A row with an optimistic-concurrency version (see <see cref="StudyDbContext"/>).</summary>
internal interface IVersioned
{
    long Version { get; set; }
}

/// <summary>
/// The EF Core model of a study. Each area keeps its entities and their
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in its own folder (Cases/, …); all
/// configurations in this assembly are applied, so adding an area never edits another's mapping.
/// Table and column names are snake_case everywhere, so SQL reads the same on SQLite and PostgreSQL.
/// </summary>
public sealed class StudyDbContext(DbContextOptions<StudyDbContext> options) : DbContext(options)
{
    internal DbSet<FirmRecord> Firms => Set<FirmRecord>();
    internal DbSet<FirmAttributeRecord> FirmAttributes => Set<FirmAttributeRecord>();
    internal DbSet<OperationRecord> Operations => Set<OperationRecord>();
    internal DbSet<EvidenceRecord> Evidence => Set<EvidenceRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudyDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.GetColumnName() == property.Name)
                    property.SetColumnName(SnakeCase(property.Name));
    }

    // Each save also records its changes in a team server's event log, in the same transaction (Team/StudyChangeLog).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        var changes = Database.CurrentTransaction is null ? [] : Team.StudyChangeLog.Collect(ChangeTracker);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Team.StudyChangeLog.Write(this, changes);
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var changes = Database.CurrentTransaction is null ? [] : Team.StudyChangeLog.Collect(ChangeTracker);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        await Team.StudyChangeLog.WriteAsync(this, changes, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>
    /// Optimistic concurrency on every versioned row: an update is written only WHERE the row still
    /// has the version it was read with, and advances it by one. A row that another writer changed
    /// meanwhile makes the save fail (DbUpdateConcurrencyException) instead of being overwritten.
    /// One portable integer column serves SQLite and PostgreSQL alike.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified) continue;
            var version = entry.Property(x => x.Version);
            version.CurrentValue = version.OriginalValue + 1;
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
