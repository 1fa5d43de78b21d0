using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Storage.Cases;

namespace TwoWay.Storage.Assessments;

/// <summary>
/// Row of table <c>assessments</c>: one self-assessment attached to a firm of the study, kept as
/// the answers file it came from (versioned JSON, docs/assessment.md), so it can be rescored with
/// the questionnaire it names and never loses an answer. A firm may have several (e.g. one per round).
/// </summary>
internal sealed class AssessmentRecord
{
    public string FirmId { get; set; } = "";
    public int Number { get; set; }
    public string Questionnaire { get; set; } = "";
    public string Version { get; set; } = "";
    public string Source { get; set; } = "";
    public string Answers { get; set; } = "";
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<AssessmentRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentRecord> b)
    {
        b.ToTable("assessments");
        // Keyed by firm and a per-firm number given in code: no provider-specific identity column.
        b.HasKey(a => new { a.FirmId, a.Number });
        b.Property(a => a.Number).ValueGeneratedNever();
        b.Property(a => a.FirmId).HasMaxLength(64);
        b.Property(a => a.Questionnaire).HasMaxLength(100).IsRequired();
        b.Property(a => a.Version).HasMaxLength(32).IsRequired();
        b.Property(a => a.Source).HasMaxLength(400).IsRequired();
        b.Property(a => a.Answers).IsRequired();
        b.HasOne<FirmRecord>().WithMany().HasForeignKey(a => a.FirmId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A self-assessment stored with a firm: the answers file's text and what it answers.</summary>
/// <param name="Number">The assessment's number within the firm: 1, 2, … in attaching order.</param>
/// <param name="Firm">The study firm it is attached to.</param>
/// <param name="Questionnaire">The questionnaire id the answers name.</param>
/// <param name="Version">The questionnaire version the answers name.</param>
/// <param name="Source">The file name the answers came from.</param>
/// <param name="Answers">The answers file as given (JSON).</param>
public sealed record StoredAssessment(int Number, FirmId Firm, string Questionnaire, string Version, string Source, string Answers);

/// <summary>Attaching self-assessments to a study's firms (the store keeps them; the policy adapter reads them).</summary>
public static class StudyAssessments
{
    /// <summary>
    /// Stores <paramref name="answers"/> (an answers file already checked against its questionnaire)
    /// with <paramref name="firm"/>, in one transaction; returns its number within the firm (1, 2, …).
    /// </summary>
    /// <exception cref="InputException">The firm is not in the study; nothing was stored.</exception>
    public static int AttachAssessment(this Study study, FirmId firm, string questionnaire, string version, string source, string answers)
    {
        ArgumentNullException.ThrowIfNull(study);
        using var db = study.CreateDbContext();
        // Under the writer lock: two attachments at once must not both take the same number.
        using var tx = Study.BeginWrite(db);
        if (!db.Set<FirmRecord>().Any(f => f.Id == firm.Value))
            throw new InputException(study.Location.Display, null, "firm_id",
                $"no firm '{firm}' in this study{DidYouMean.Hint(firm.Value, db.Set<FirmRecord>().Select(f => f.Id).ToList())} (list them with 'twoway firms {study.Location.Display}')");
        var number = (db.Set<AssessmentRecord>().Where(a => a.FirmId == firm.Value).Max(a => (int?)a.Number) ?? 0) + 1;
        var record = new AssessmentRecord { FirmId = firm.Value, Number = number, Questionnaire = questionnaire, Version = version, Source = source, Answers = answers };
        db.Set<AssessmentRecord>().Add(record);
        db.SaveChanges();
        tx.Commit();
        return number;
    }

    /// <summary>The stored assessments, of one firm or of all, ordered by firm then number.</summary>
    public static IReadOnlyList<StoredAssessment> LoadAssessments(this Study study, FirmId? firm = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        using var db = study.CreateDbContext();
        var rows = db.Set<AssessmentRecord>().AsQueryable();
        if (firm is { } f) rows = rows.Where(a => a.FirmId == f.Value);
        return rows.AsEnumerable().OrderBy(a => a.FirmId, StringComparer.Ordinal).ThenBy(a => a.Number)
            .Select(a => new StoredAssessment(a.Number, new FirmId(a.FirmId), a.Questionnaire, a.Version, a.Source, a.Answers)).ToList();
    }
}
