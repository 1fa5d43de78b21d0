using Microsoft.EntityFrameworkCore;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;

namespace TwoWay.Storage.Qualitative;

/// <summary>What a coded quotation is evidence for.</summary>
public enum EvidenceTarget
{
    Operation,
    Connection,
}

/// <summary>A coded quotation linked as evidence to an operation or a connection (by its id).</summary>
public sealed record EvidenceLink(Guid CodingId, EvidenceTarget Target, string TargetId);

/// <summary>
/// Loads and saves a study's qualitative workbench. A save replaces the stored workbench by the
/// given (always consistent) <see cref="QualitativeProject"/> in one transaction: stored whole or not at all.
/// </summary>
public static class QualitativeStore
{
    public static QualitativeProject Load(Study study)
    {
        using var db = study.CreateDbContext();
        var name = study.Location.Display;
        var sources = db.Set<QualSourceRecord>().AsNoTracking().OrderBy(s => s.Position).AsEnumerable()
            .Select(s => new Source(s.Id, s.Name, s.Text, s.FirmId is null ? null : new FirmId(s.FirmId),
                s.RespondentRole is not null && s.RespondentPseudonym is not null ? new Respondent(s.RespondentRole, s.RespondentPseudonym) : null,
                s.Round, s.InterviewDate, s.Language)).ToList();
        var codes = db.Set<QualCodeRecord>().AsNoTracking().OrderBy(c => c.Position).AsEnumerable()
            .Select(c => new Code(c.Id, c.Name, c.Description, c.Colour is null ? null : new CodeColour(c.Colour), c.IsCodable, c.ParentId)).ToList();
        var codings = db.Set<QualCodingRecord>().AsNoTracking().AsEnumerable()
            .Select(c => new Coding(c.Id, c.SourceId, c.CodeId, new TextSpan(c.SpanStart, c.SpanEnd), c.Coder, c.Memo)).ToList();
        var memos = db.Set<QualMemoRecord>().AsNoTracking().OrderBy(m => m.Position).AsEnumerable()
            .Select(m => new Memo(m.Id, Enum.Parse<MemoTarget>(m.Target), m.TargetId, m.Text, m.Author)).ToList();
        return QualitativeProject.Create(name, sources, Codebook.Of(codes), codings, memos, name);
    }

    /// <summary>
    /// Stores <paramref name="project"/> as the study's workbench, replacing what was stored, in one
    /// transaction. Refuses (nothing changes) when a coding that is linked as evidence would be lost.
    /// </summary>
    public static void Save(Study study, QualitativeProject project)
    {
        using var db = study.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var tx = db.Database.BeginTransaction();
        var links = db.Set<QualEvidenceLinkRecord>().AsNoTracking().ToList();
        var kept = project.Codings.Select(c => c.Id).ToHashSet();
        var lost = links.Where(l => !kept.Contains(l.CodingId)).ToList();
        if (lost.Count > 0)
            throw new InputException(study.Location.Display, null, "coding",
                $"coding {lost[0].CodingId} is evidence for {lost[0].TargetKind} '{lost[0].TargetId}'; unlink it first");
        // Children before parents when deleting; parents before children when inserting.
        db.Set<QualEvidenceLinkRecord>().ExecuteDelete();
        db.Set<QualCodingRecord>().ExecuteDelete();
        db.Set<QualMemoRecord>().ExecuteDelete();
        db.Set<QualSourceRecord>().ExecuteDelete();
        db.Set<QualCodeRecord>().ExecuteDelete();
        var pos = 0;
        db.AddRange(project.Sources.Select(s => new QualSourceRecord
        {
            Id = s.Id, Position = pos++, Name = s.Name, Text = s.Text, FirmId = s.Case?.Value,
            RespondentRole = s.Respondent?.Role, RespondentPseudonym = s.Respondent?.Pseudonym,
            Round = s.Round, InterviewDate = s.Date, Language = s.Language,
        }));
        pos = 0;
        db.AddRange(project.Codebook.Codes.Select(c => new QualCodeRecord
        {
            Id = c.Id, Position = pos++, Name = c.Name, Description = c.Description, Colour = c.Colour?.Hex,
            IsCodable = c.IsCodable, ParentId = c.ParentId,
        }));
        db.SaveChanges();
        db.ChangeTracker.Clear();
        foreach (var chunk in project.Codings.Chunk(5000))
        {
            db.AddRange(chunk.Select(c => new QualCodingRecord
            {
                Id = c.Id, SourceId = c.SourceId, CodeId = c.CodeId, SpanStart = c.Span.Start, SpanEnd = c.Span.End, Coder = c.Coder, Memo = c.Memo,
            }));
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
        pos = 0;
        db.AddRange(project.Memos.Select(m => new QualMemoRecord
        {
            Id = m.Id, Position = pos++, Target = m.Target.ToString(), TargetId = m.TargetId, Text = m.Text, Author = m.Author,
        }));
        db.AddRange(links);
        db.SaveChanges();
        tx.Commit();
    }

    public static IReadOnlyList<EvidenceLink> Links(Study study)
    {
        using var db = study.CreateDbContext();
        return db.Set<QualEvidenceLinkRecord>().AsNoTracking().AsEnumerable()
            .Select(l => new EvidenceLink(l.CodingId, Enum.Parse<EvidenceTarget>(l.TargetKind), l.TargetId))
            .OrderBy(l => l.Target).ThenBy(l => l.TargetId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Links a stored coding as evidence for a stored operation, or for a connection id.</summary>
    public static void Link(Study study, EvidenceLink link)
    {
        using var db = study.CreateDbContext();
        var where = study.Location.Display;
        if (!db.Set<QualCodingRecord>().Any(c => c.Id == link.CodingId))
            throw new InputException(where, null, "coding", $"no coding with id {link.CodingId}");
        if (link.Target == EvidenceTarget.Operation && !db.Operations.Any(o => o.Id == link.TargetId))
            throw new InputException(where, null, "operation", $"no operation with id '{link.TargetId}'");
        if (string.IsNullOrWhiteSpace(link.TargetId))
            throw new InputException(where, null, "target", "give the id of the operation or connection");
        var kind = link.Target.ToString();
        if (db.Set<QualEvidenceLinkRecord>().Any(l => l.CodingId == link.CodingId && l.TargetKind == kind && l.TargetId == link.TargetId)) return;
        db.Add(new QualEvidenceLinkRecord { CodingId = link.CodingId, TargetKind = kind, TargetId = link.TargetId });
        db.SaveChanges();
    }
}
