using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TwoWay.Storage.Cases;

// Only portable column facets here (lengths, nullability, keys): the same model runs on SQLite
// and PostgreSQL. Column names are snake_cased for all entities by StudyDbContext.

internal sealed class FirmConfiguration : IEntityTypeConfiguration<FirmRecord>
{
    public void Configure(EntityTypeBuilder<FirmRecord> b)
    {
        b.ToTable("firms");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).HasMaxLength(64).ValueGeneratedNever();
        b.Property(f => f.Name).HasMaxLength(400).IsRequired();
        b.Property(f => f.HomeCountry).HasMaxLength(2).IsRequired();
        b.Property(f => f.Sector).HasMaxLength(16);
        b.Property(f => f.Size).HasMaxLength(16);
    }
}

internal sealed class FirmAttributeConfiguration : IEntityTypeConfiguration<FirmAttributeRecord>
{
    public void Configure(EntityTypeBuilder<FirmAttributeRecord> b)
    {
        b.ToTable("firm_attributes");
        b.HasKey(a => new { a.FirmId, a.Key });
        b.Property(a => a.FirmId).HasMaxLength(64);
        b.Property(a => a.Key).HasMaxLength(200);
        b.Property(a => a.Value).IsRequired();
        b.HasOne<FirmRecord>().WithMany().HasForeignKey(a => a.FirmId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<OperationRecord>
{
    public void Configure(EntityTypeBuilder<OperationRecord> b)
    {
        b.ToTable("operations");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(128).ValueGeneratedNever();
        b.Property(o => o.FirmId).HasMaxLength(64).IsRequired();
        b.Property(o => o.Direction).HasMaxLength(16).IsRequired();
        b.Property(o => o.Mode).HasMaxLength(32).IsRequired();
        b.Property(o => o.PartnerCountry).HasMaxLength(2).IsRequired();
        b.Property(o => o.Partner).HasMaxLength(400);
        b.Property(o => o.Channel).HasMaxLength(16);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.EndReason).HasMaxLength(32);
        b.HasIndex(o => o.FirmId);
        b.HasOne<FirmRecord>().WithMany().HasForeignKey(o => o.FirmId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> b)
    {
        b.ToTable("operation_evidence");
        b.HasKey(e => new { e.OperationId, e.Ordinal });
        b.Property(e => e.OperationId).HasMaxLength(128);
        b.Property(e => e.Ordinal).ValueGeneratedNever();
        b.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        b.Property(e => e.Reference).HasMaxLength(400);
        b.HasOne<OperationRecord>().WithMany().HasForeignKey(e => e.OperationId).OnDelete(DeleteBehavior.Cascade);
    }
}
