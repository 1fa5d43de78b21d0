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
    public static void Save(Study study, QualitativeProject project) => Save(study, Load(study), project);

    /// <summary>
    /// Stores the edit from <paramref name="stored"/> (what <see cref="Load"/> returned) to
    /// <paramref name="edited"/> in one transaction, writing only rows that changed: adding one coding
    /// to a study of 500 transcripts rewrites one row, not 30 MB of text. Refuses (nothing changes)
    /// when a coding that is linked as evidence would be lost, unless <paramref name="unlinkLostEvidence"/>
    /// says to remove those links in the same transaction. Returns how many links were removed.
    /// </summary>
    public static int Save(Study study, QualitativeProject stored, QualitativeProject edited, bool unlinkLostEvidence = false)
    {
        using var db = study.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var tx = db.Database.BeginTransaction();
        var kept = edited.Codings.Select(c => c.Id).ToHashSet();
        var lost = db.Set<QualEvidenceLinkRecord>().AsNoTracking().AsEnumerable().Where(l => !kept.Contains(l.CodingId)).ToList();
        if (lost.Count > 0 && !unlinkLostEvidence)
            throw new InputException(study.Location.Display, null, "coding",
                $"coding {lost[0].CodingId} is evidence for {lost[0].TargetKind.ToLowerInvariant()} '{lost[0].TargetId}'; unlink it first");
        foreach (var chunk in lost.Select(l => l.CodingId).Distinct().Chunk(500))
            db.Set<QualEvidenceLinkRecord>().Where(l => chunk.Contains(l.CodingId)).ExecuteDelete();

        // Parents before children: codes and sources first, then codings; removals in reverse.
        var oldCodes = stored.Codebook.Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c.Id);
        var codes = edited.Codebook.Codes.Select((c, i) => (c, i)).ToList();
        BulkInsert.Run(db, codes.Where(x => !oldCodes.ContainsKey(x.c.Id)).Select(x => ToRecord(x.c, x.i)).ToList());
        db.UpdateRange(codes.Where(x => oldCodes.TryGetValue(x.c.Id, out var o) && (o.c != x.c || o.i != x.i)).Select(x => ToRecord(x.c, x.i)));

        var oldSources = stored.Sources.Select((s, i) => (s, i)).ToDictionary(x => x.s.Id);
        var sources = edited.Sources.Select((s, i) => (s, i)).ToList();
        BulkInsert.Run(db, sources.Where(x => !oldSources.ContainsKey(x.s.Id)).Select(x => ToRecord(x.s, x.i)).ToList());
        db.UpdateRange(sources.Where(x => oldSources.TryGetValue(x.s.Id, out var o) && (o.s != x.s || o.i != x.i)).Select(x => ToRecord(x.s, x.i)));
        db.SaveChanges();
        db.ChangeTracker.Clear();

        var oldCodings = stored.Codings.ToDictionary(c => c.Id);
        DeleteWhereIdIn<QualCodingRecord>(db, oldCodings.Keys.Where(id => !kept.Contains(id)), r => r.Id);
        BulkInsert.Run(db, edited.Codings.Where(c => !oldCodings.ContainsKey(c.Id)).Select(ToRecord).ToList());
        db.UpdateRange(edited.Codings.Where(c => oldCodings.TryGetValue(c.Id, out var o) && o != c).Select(ToRecord));
        db.SaveChanges();
        db.ChangeTracker.Clear();

        var sourceIds = sources.Select(x => x.s.Id).ToHashSet();
        DeleteWhereIdIn<QualSourceRecord>(db, oldSources.Keys.Where(id => !sourceIds.Contains(id)), r => r.Id);
        var codeIds = codes.Select(x => x.c.Id).ToHashSet();
        DeleteWhereIdIn<QualCodeRecord>(db, oldCodes.Keys.Where(id => !codeIds.Contains(id)), r => r.Id);

        // Memos are few: replace them all.
        db.Set<QualMemoRecord>().ExecuteDelete();
        BulkInsert.Run(db, edited.Memos.Select((m, i) => new QualMemoRecord
        {
            Id = m.Id, Position = i, Target = m.Target.ToString(), TargetId = m.TargetId, Text = m.Text, Author = m.Author,
        }).ToList());
        tx.Commit();
        return lost.Count;
    }

    private static void DeleteWhereIdIn<T>(StudyDbContext db, IEnumerable<Guid> ids, System.Linq.Expressions.Expression<Func<T, Guid>> key) where T : class
    {
        var param = key.Parameters[0];
        foreach (var chunk in ids.Chunk(500))
        {
            var contains = System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
                System.Linq.Expressions.Expression.Constant(chunk), key.Body);
            db.Set<T>().Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, param)).ExecuteDelete();
        }
    }

    private static QualCodeRecord ToRecord(Code c, int position) => new()
    {
        Id = c.Id, Position = position, Name = c.Name, Description = c.Description, Colour = c.Colour?.Hex,
        IsCodable = c.IsCodable, ParentId = c.ParentId,
    };

    private static QualSourceRecord ToRecord(Source s, int position) => new()
    {
        Id = s.Id, Position = position, Name = s.Name, Text = s.Text, FirmId = s.Case?.Value,
        RespondentRole = s.Respondent?.Role, RespondentPseudonym = s.Respondent?.Pseudonym,
        Round = s.Round, InterviewDate = s.Date, Language = s.Language,
    };

    private static QualCodingRecord ToRecord(Coding c) => new()
    {
        Id = c.Id, SourceId = c.SourceId, CodeId = c.CodeId, SpanStart = c.Span.Start, SpanEnd = c.Span.End, Coder = c.Coder, Memo = c.Memo,
    };

    public static IReadOnlyList<EvidenceLink> Links(Study study)
    {
        using var db = study.CreateDbContext();
        return db.Set<QualEvidenceLinkRecord>().AsNoTracking().AsEnumerable()
            .Select(l => new EvidenceLink(l.CodingId, Enum.Parse<EvidenceTarget>(l.TargetKind), l.TargetId))
            .OrderBy(l => l.Target).ThenBy(l => l.TargetId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The id of the inward–outward connection from operation <paramref name="from"/> to the later
    /// operation <paramref name="to"/> in the other direction, e.g. "RS-01/1>RS-01/4".
    /// </summary>
    public static string ConnectionId(OperationId from, OperationId to) => from.Value + ConnectionSeparator + to.Value;

    public const char ConnectionSeparator = '>';

    /// <summary>
    /// Links a stored coding as evidence for a stored operation, or for a connection between two
    /// operations of one firm in opposite directions (found by the rules or asserted from the
    /// interview). Linking twice is harmless.
    /// </summary>
    public static void Link(Study study, EvidenceLink link)
    {
        using var db = study.CreateDbContext();
        var where = study.Location.Display;
        if (string.IsNullOrWhiteSpace(link.TargetId))
            throw new InputException(where, null, "target", "give the id of the operation or connection");
        if (!db.Set<QualCodingRecord>().Any(c => c.Id == link.CodingId))
            throw new InputException(where, null, "coding", $"no coding with id {link.CodingId}");
        if (link.Target == EvidenceTarget.Operation && !db.Operations.Any(o => o.Id == link.TargetId))
            throw new InputException(where, null, "operation", $"no operation with id '{link.TargetId}'");
        if (link.Target == EvidenceTarget.Connection)
        {
            var ends = link.TargetId.Split(ConnectionSeparator);
            if (ends.Length != 2)
                throw new InputException(where, null, "connection", $"'{link.TargetId}' is not FROM{ConnectionSeparator}TO (two operation ids, e.g. RS-01/1{ConnectionSeparator}RS-01/4)");
            var ops = db.Operations.AsNoTracking().Where(o => o.Id == ends[0] || o.Id == ends[1]).ToDictionary(o => o.Id);
            if (ends.FirstOrDefault(e => !ops.ContainsKey(e)) is { } missing)
                throw new InputException(where, null, "connection", $"no operation with id '{missing}'");
            var (a, b) = (ops[ends[0]], ops[ends[1]]);
            if (a.FirmId != b.FirmId || a.Direction == b.Direction)
                throw new InputException(where, null, "connection", $"a connection links two operations of one firm in opposite directions; '{ends[0]}' and '{ends[1]}' do not");
        }
        var kind = link.Target.ToString();
        if (db.Set<QualEvidenceLinkRecord>().Any(l => l.CodingId == link.CodingId && l.TargetKind == kind && l.TargetId == link.TargetId)) return;
        db.Add(new QualEvidenceLinkRecord { CodingId = link.CodingId, TargetKind = kind, TargetId = link.TargetId });
        db.SaveChanges();
    }

    /// <summary>Removes a link (nothing happens when there is none).</summary>
    public static void Unlink(Study study, EvidenceLink link)
    {
        using var db = study.CreateDbContext();
        var kind = link.Target.ToString();
        db.Set<QualEvidenceLinkRecord>().Where(l => l.CodingId == link.CodingId && l.TargetKind == kind && l.TargetId == link.TargetId).ExecuteDelete();
    }

    /// <summary>Every linked coding as a quotation beside what it is evidence for, for reports and listings.</summary>
    public static IReadOnlyList<(EvidenceLink Link, Quotation Quotation)> LinkedQuotations(Study study, QualitativeProject project)
    {
        var codings = project.Codings.ToDictionary(c => c.Id);
        return Links(study).Select(l =>
        {
            var c = codings[l.CodingId];
            return (l, Quotations.Of(project.Codebook, project.Source(c.SourceId), c));
        }).ToList();
    }
}
