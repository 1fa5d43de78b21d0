using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TwoWay.Storage.Qualitative;

// Persistence shapes of the qualitative workbench (tables qual_*). Plain mutable classes for EF Core;
// the rest of TwoWay sees only the immutable TwoWay.Qualitative types, converted in QualitativeStore.
// Position columns keep the user's order (sources as added, codes parents-first, memos as written).

internal sealed class QualSourceRecord : IVersioned
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The transcript; codings index it in UTF-16 code units.</summary>
    public string Text { get; set; } = "";
    public string? FirmId { get; set; }
    public string? RespondentRole { get; set; }
    public string? RespondentPseudonym { get; set; }
    public int? Round { get; set; }
    public DateOnly? InterviewDate { get; set; }
    public string? Language { get; set; }
}

internal sealed class QualCodeRecord : IVersioned
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Colour { get; set; }
    public bool IsCodable { get; set; }
    public Guid? ParentId { get; set; }
}

internal sealed class QualCodingRecord : IVersioned
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid SourceId { get; set; }
    public Guid CodeId { get; set; }
    public int SpanStart { get; set; }
    public int SpanEnd { get; set; }
    public string Coder { get; set; } = "";
    public string? Memo { get; set; }
}

internal sealed class QualMemoRecord : IVersioned
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public int Position { get; set; }
    public string Target { get; set; } = "";
    public string TargetId { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Author { get; set; }
}

/// <summary>A coded quotation used as evidence for an operation or an inward–outward connection.</summary>
internal sealed class QualEvidenceLinkRecord
{
    public Guid CodingId { get; set; }
    public string TargetKind { get; set; } = "";
    public string TargetId { get; set; } = "";

    /// <summary>"supports" or "contradicts" (links made before stances existed support).</summary>
    public string Stance { get; set; } = "supports";
}

internal sealed class QualSourceConfiguration : IEntityTypeConfiguration<QualSourceRecord>
{
    public void Configure(EntityTypeBuilder<QualSourceRecord> b)
    {
        b.ToTable("qual_sources");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(400).IsRequired();
        b.Property(x => x.Text).IsRequired();
        b.Property(x => x.FirmId).HasMaxLength(64);
        b.Property(x => x.RespondentRole).HasMaxLength(200);
        b.Property(x => x.RespondentPseudonym).HasMaxLength(200);
        b.Property(x => x.Language).HasMaxLength(35);
        b.HasIndex(x => x.FirmId);
    }
}

internal sealed class QualCodeConfiguration : IEntityTypeConfiguration<QualCodeRecord>
{
    public void Configure(EntityTypeBuilder<QualCodeRecord> b)
    {
        b.ToTable("qual_codes");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(400).IsRequired();
        b.Property(x => x.Colour).HasMaxLength(7);
    }
}

internal sealed class QualCodingConfiguration : IEntityTypeConfiguration<QualCodingRecord>
{
    public void Configure(EntityTypeBuilder<QualCodingRecord> b)
    {
        b.ToTable("qual_codings");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Coder).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.SourceId);
        b.HasIndex(x => x.CodeId);
        b.HasOne<QualSourceRecord>().WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<QualCodeRecord>().WithMany().HasForeignKey(x => x.CodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QualMemoConfiguration : IEntityTypeConfiguration<QualMemoRecord>
{
    public void Configure(EntityTypeBuilder<QualMemoRecord> b)
    {
        b.ToTable("qual_memos");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Target).HasMaxLength(16).IsRequired();
        b.Property(x => x.TargetId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Text).IsRequired();
        b.Property(x => x.Author).HasMaxLength(200);
    }
}

internal sealed class QualEvidenceLinkConfiguration : IEntityTypeConfiguration<QualEvidenceLinkRecord>
{
    public void Configure(EntityTypeBuilder<QualEvidenceLinkRecord> b)
    {
        b.ToTable("qual_evidence_links");
        b.HasKey(x => new { x.CodingId, x.TargetKind, x.TargetId });
        b.Property(x => x.TargetKind).HasMaxLength(16);
        b.Property(x => x.TargetId).HasMaxLength(128);
        b.Property(x => x.Stance).HasMaxLength(16).IsRequired().HasDefaultValue("supports");
        b.HasIndex(x => new { x.TargetKind, x.TargetId });
        // No cascade: a coding that is evidence cannot silently disappear (QualitativeStore checks first).
        b.HasOne<QualCodingRecord>().WithMany().HasForeignKey(x => x.CodingId).OnDelete(DeleteBehavior.Restrict);
    }
}
