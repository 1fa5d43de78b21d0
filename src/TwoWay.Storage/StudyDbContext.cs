using System.Text;
using Microsoft.EntityFrameworkCore;
using TwoWay.Storage.Cases;

namespace TwoWay.Storage;

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
