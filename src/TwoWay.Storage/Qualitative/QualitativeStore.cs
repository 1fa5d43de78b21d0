using Microsoft.EntityFrameworkCore;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;

namespace TwoWay.Storage.Qualitative;

/// <summary>The workbench as one unit of work sees it: the project and the version of each stored row.</summary>
/// <param name="Project">Sources, codebook, codings and memos as stored when the unit of work began.</param>
/// <param name="Versions">The row version of every source, code, coding and memo, by id (see <see cref="StudyDbContext"/>).</param>
/// <param name="Links">Every evidence link.</param>
public sealed record WorkbenchSnapshot(QualitativeProject Project, IReadOnlyDictionary<Guid, long> Versions, IReadOnlyList<EvidenceLink> Links)
{
    /// <summary>The version of a stored row (0 for a row that is not stored).</summary>
    public long VersionOf(Guid id) => Versions.GetValueOrDefault(id);

    /// <summary>
    /// Refuses an edit made from an older view: when <paramref name="expected"/> is given and the row
    /// has changed since (another writer renamed, moved or recoded it), throws <see cref="EditConflictException"/>.
    /// </summary>
    public void Expect(Guid id, long? expected, string what)
    {
        if (expected is { } v && VersionOf(id) != v)
            throw new EditConflictException(Project.Name, what,
                $"{what} was changed by someone else since you read it (your version {v}, now {VersionOf(id)}); reload and decide again — nothing was stored");
    }
}

/// <summary>What one edit of the workbench did.</summary>
/// <param name="Project">The project after the edit (as stored, or unchanged when the edit changed nothing).</param>
/// <param name="Result">What the edit function returned besides the project.</param>
/// <param name="Stored">Whether anything was written.</param>
/// <param name="UnlinkedEvidence">How many evidence links of removed codings the save removed.</param>
public sealed record WorkbenchEdit<T>(QualitativeProject Project, T Result, bool Stored, int UnlinkedEvidence);

/// <summary>
/// Loads and edits a study's qualitative workbench. An edit is one unit of work: it takes the
/// study's writer lock, reads the workbench inside that transaction, applies the pure edit, writes
/// only the rows that changed (row by row, each update checked against the version it was read
/// with) and commits. Concurrent edits therefore take turns and each sees the others' work:
/// concurrent additions are all kept, and an edit made from an outdated view is refused.
/// </summary>
public static class QualitativeStore
{
    public static QualitativeProject Load(Study study) =>
        LoadAsync(study).GetAwaiter().GetResult();

    public static async Task<QualitativeProject> LoadAsync(Study study, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(study, cancellationToken)).Project;

    /// <summary>The workbench with row versions and links, read in one transaction (a consistent view).</summary>
    public static async Task<WorkbenchSnapshot> SnapshotAsync(Study study, CancellationToken cancellationToken = default)
    {
        await using var db = await study.Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(study.Location, async () =>
        {
            await using var tx = await Study.BeginReadAsync(db, cancellationToken);
            return await ReadAsync(db, study.Location.Display, cancellationToken);
        });
    }

    private static async Task<WorkbenchSnapshot> ReadAsync(StudyDbContext db, string name, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        var sourceRows = await db.Set<QualSourceRecord>().AsNoTracking().OrderBy(s => s.Position).ToListAsync(ct);
        var codeRows = await db.Set<QualCodeRecord>().AsNoTracking().OrderBy(c => c.Position).ToListAsync(ct);
        var codingRows = await db.Set<QualCodingRecord>().AsNoTracking().ToListAsync(ct);
        var memoRows = await db.Set<QualMemoRecord>().AsNoTracking().OrderBy(m => m.Position).ToListAsync(ct);
        var linkRows = await db.Set<QualEvidenceLinkRecord>().AsNoTracking().ToListAsync(ct);
        foreach (var r in sourceRows) versions[r.Id] = r.Version;
        foreach (var r in codeRows) versions[r.Id] = r.Version;
        foreach (var r in codingRows) versions[r.Id] = r.Version;
        foreach (var r in memoRows) versions[r.Id] = r.Version;
        var sources = sourceRows.Select(s => new Source(s.Id, s.Name, s.Text, s.FirmId is null ? null : new FirmId(s.FirmId),
                s.RespondentRole is not null && s.RespondentPseudonym is not null ? new Respondent(s.RespondentRole, s.RespondentPseudonym) : null,
                s.Round, s.InterviewDate, s.Language)).ToList();
        var codes = codeRows.Select(c => new Code(c.Id, c.Name, c.Description, c.Colour is null ? null : new CodeColour(c.Colour), c.IsCodable, c.ParentId)).ToList();
        var codings = codingRows.Select(c => new Coding(c.Id, c.SourceId, c.CodeId, new TextSpan(c.SpanStart, c.SpanEnd), c.Coder, c.Memo)).ToList();
        var memos = memoRows.Select(m => new Memo(m.Id, Enum.Parse<MemoTarget>(m.Target), m.TargetId, m.Text, m.Author)).ToList();
        var project = QualitativeProject.Create(name, sources, Codebook.Of(codes), codings, memos, name);
        // Operations first, then connections (the order listings have always had), each by id.
        var links = linkRows.Select(ToLink).OrderBy(l => l.Target is EvidenceTarget.OfOperation ? 0 : 1)
            .ThenBy(l => l.Target.ToString(), StringComparer.Ordinal).ThenBy(l => l.CodingId).ToList();
        return new WorkbenchSnapshot(project, versions, links);
    }

    /// <summary>
    /// Runs <paramref name="edit"/> as one unit of work (see the class): it receives the workbench as
    /// stored now and returns the edited project (or null: nothing to store) with a result. Nothing is
    /// stored when it throws. The edit must not have side effects besides its return value.
    /// When the edit removes codings that are evidence, the save refuses, unless
    /// <paramref name="unlinkLostEvidence"/> says to remove those links in the same transaction.
    /// </summary>
    public static async Task<WorkbenchEdit<T>> EditAsync<T>(Study study, Func<WorkbenchSnapshot, (QualitativeProject? Edited, T Result)> edit,
        bool unlinkLostEvidence = false, CancellationToken cancellationToken = default)
    {
        await using var db = await study.Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(study.Location, async () =>
        {
            await using var tx = await Study.BeginWriteAsync(db, cancellationToken);
            var snapshot = await ReadAsync(db, study.Location.Display, cancellationToken);
            var (edited, result) = edit(snapshot);
            if (edited is null || ReferenceEquals(edited, snapshot.Project))
                return new WorkbenchEdit<T>(snapshot.Project, result, false, 0);
            var unlinked = await WriteAsync(db, study.Location.Display, snapshot, edited, unlinkLostEvidence, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return new WorkbenchEdit<T>(edited, result, true, unlinked);
        });
    }

    /// <summary>Synchronous <see cref="EditAsync{T}"/> for callers without a result.</summary>
    public static int Edit(Study study, Func<QualitativeProject, QualitativeProject?> edit, bool unlinkLostEvidence = false) =>
        EditAsync(study, s => (edit(s.Project), 0), unlinkLostEvidence).GetAwaiter().GetResult().UnlinkedEvidence;

    private static async Task<int> WriteAsync(StudyDbContext db, string where, WorkbenchSnapshot snapshot, QualitativeProject edited,
        bool unlinkLostEvidence, CancellationToken ct)
    {
        var stored = snapshot.Project;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var kept = edited.Codings.Select(c => c.Id).ToHashSet();
        var lost = snapshot.Links.Where(l => !kept.Contains(l.CodingId)).ToList();
        if (lost.Count > 0 && !unlinkLostEvidence)
            throw new InputException(where, null, "coding",
                $"coding {lost[0].CodingId} is evidence for {lost[0].Target.Kind} '{lost[0].Target}'; unlink it first");
        foreach (var chunk in lost.Select(l => l.CodingId).Distinct().Chunk(500))
            await db.Set<QualEvidenceLinkRecord>().Where(l => chunk.Contains(l.CodingId)).ExecuteDeleteAsync(ct);

        // Parents before children: codes and sources first, then codings and memos; removals in reverse.
        var oldCodes = stored.Codebook.Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c.Id);
        var codes = edited.Codebook.Codes.Select((c, i) => (c, i)).ToList();
        BulkInsert.Run(db, codes.Where(x => !oldCodes.ContainsKey(x.c.Id)).Select(x => ToRecord(x.c, x.i)).ToList());
        Update(db, snapshot, codes.Where(x => oldCodes.TryGetValue(x.c.Id, out var o) && (o.c != x.c || o.i != x.i)).Select(x => ToRecord(x.c, x.i)));

        var oldSources = stored.Sources.Select((s, i) => (s, i)).ToDictionary(x => x.s.Id);
        var sources = edited.Sources.Select((s, i) => (s, i)).ToList();
        BulkInsert.Run(db, sources.Where(x => !oldSources.ContainsKey(x.s.Id)).Select(x => ToRecord(x.s, x.i)).ToList());
        Update(db, snapshot, sources.Where(x => oldSources.TryGetValue(x.s.Id, out var o) && (o.s != x.s || o.i != x.i)).Select(x => ToRecord(x.s, x.i)));
        await SaveAsync(db, where, ct);

        var oldCodings = stored.Codings.ToDictionary(c => c.Id);
        DeleteWhereIdIn<QualCodingRecord>(db, oldCodings.Keys.Where(id => !kept.Contains(id)), r => r.Id);
        BulkInsert.Run(db, edited.Codings.Where(c => !oldCodings.ContainsKey(c.Id)).Select(ToRecord).ToList());
        Update(db, snapshot, edited.Codings.Where(c => oldCodings.TryGetValue(c.Id, out var o) && o != c).Select(ToRecord));

        // Memos row by row like everything else: a memo added here never removes one added by another writer.
        var oldMemos = stored.Memos.Select((m, i) => (m, i)).ToDictionary(x => x.m.Id);
        var memos = edited.Memos.Select((m, i) => (m, i)).ToList();
        var memoIds = memos.Select(x => x.m.Id).ToHashSet();
        DeleteWhereIdIn<QualMemoRecord>(db, oldMemos.Keys.Where(id => !memoIds.Contains(id)), r => r.Id);
        BulkInsert.Run(db, memos.Where(x => !oldMemos.ContainsKey(x.m.Id)).Select(x => ToRecord(x.m, x.i)).ToList());
        Update(db, snapshot, memos.Where(x => oldMemos.TryGetValue(x.m.Id, out var o) && (o.m != x.m || o.i != x.i)).Select(x => ToRecord(x.m, x.i)));
        await SaveAsync(db, where, ct);

        var sourceIds = sources.Select(x => x.s.Id).ToHashSet();
        DeleteWhereIdIn<QualSourceRecord>(db, oldSources.Keys.Where(id => !sourceIds.Contains(id)), r => r.Id);
        var codeIds = codes.Select(x => x.c.Id).ToHashSet();
        DeleteWhereIdIn<QualCodeRecord>(db, oldCodes.Keys.Where(id => !codeIds.Contains(id)), r => r.Id);
        await Team.StudyChangeLog.WriteAsync(db, Changes(stored, edited, lost.Count > 0), ct);
        return lost.Count;
    }

    /// <summary>
    /// The events of an edit, from the two versions of the project: per transcript, the codings added,
    /// removed or changed with the places they were and are (for open pages to redraw just those);
    /// then whether the codebook, transcripts, memos or evidence changed.
    /// </summary>
    private static List<Team.StudyChangeLog.Change> Changes(QualitativeProject stored, QualitativeProject edited, bool unlinked)
    {
        var before = stored.Codings.ToDictionary(c => c.Id);
        var after = edited.Codings.ToDictionary(c => c.Id);
        var touched = new List<Coding>();
        foreach (var (id, c) in after)
            if (!before.TryGetValue(id, out var old)) touched.Add(c);
            else if (old != c) { touched.Add(old); touched.Add(c); }
        touched.AddRange(before.Values.Where(c => !after.ContainsKey(c.Id)));
        var changes = touched.GroupBy(c => c.SourceId).Select(g => new Team.StudyChangeLog.Change("coding", g.Key, new
        {
            ids = g.Select(c => c.Id).Distinct().ToList(),
            ranges = g.Select(c => (c.Span.Start, c.Span.End)).Distinct().Select(r => new[] { r.Start, r.End }).ToList(),
        }, g.First().Coder)).ToList();
        if (!stored.Codebook.Codes.SequenceEqual(edited.Codebook.Codes)) changes.Add(new("codebook", null, null, null));
        if (!stored.Sources.SequenceEqual(edited.Sources)) changes.Add(new("transcript", null, null, null));
        if (!stored.Memos.SequenceEqual(edited.Memos)) changes.Add(new("memo", null, null, null));
        if (unlinked) changes.Add(new("evidence", null, null, null));
        return changes;
    }

    /// <summary>Marks changed rows for update from the version they were read with (the save then checks it).</summary>
    private static void Update<TRecord>(StudyDbContext db, WorkbenchSnapshot snapshot, IEnumerable<TRecord> records) where TRecord : class, IVersioned
    {
        foreach (var r in records)
        {
            r.Version = snapshot.VersionOf(IdOf(r));
            db.Update(r);
        }
    }

    private static Guid IdOf(object record) => record switch
    {
        QualSourceRecord s => s.Id,
        QualCodeRecord c => c.Id,
        QualCodingRecord c => c.Id,
        QualMemoRecord m => m.Id,
        _ => throw new ArgumentException("not a workbench record", nameof(record)),
    };

    private static async Task SaveAsync(StudyDbContext db, string where, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException(where, "workbench",
                "another writer changed the same transcript, code, coding or memo at the same moment; reload and try again — nothing was stored");
        }
        db.ChangeTracker.Clear();
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

    private static QualMemoRecord ToRecord(Memo m, int position) => new()
    {
        Id = m.Id, Position = position, Target = m.Target.ToString(), TargetId = m.TargetId, Text = m.Text, Author = m.Author,
    };

    private static QualCodingRecord ToRecord(Coding c) => new()
    {
        Id = c.Id, SourceId = c.SourceId, CodeId = c.CodeId, SpanStart = c.Span.Start, SpanEnd = c.Span.End, Coder = c.Coder, Memo = c.Memo,
    };

    private static EvidenceLink ToLink(QualEvidenceLinkRecord l) => new(l.CodingId, l.TargetKind switch
    {
        OperationKind => EvidenceTarget.Operation(new OperationId(l.TargetId)),
        _ => EvidenceTarget.Connection(ConnectionId.Parse(l.TargetId)),
    }, l.Stance == ContradictsStance ? EvidenceStance.Contradicts : EvidenceStance.Supports);

    private const string SupportsStance = "supports";
    private const string ContradictsStance = "contradicts";

    private static string StanceText(EvidenceStance stance) => stance == EvidenceStance.Contradicts ? ContradictsStance : SupportsStance;

    // As stored in qual_evidence_links.target_kind since the first version.
    private const string OperationKind = "Operation";
    private const string ConnectionKind = "Connection";

    private static (string Kind, string Id) Key(EvidenceTarget target) => target switch
    {
        EvidenceTarget.OfOperation o => (OperationKind, o.Id.Value),
        EvidenceTarget.OfConnection c => (ConnectionKind, c.Id.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>
    /// The evidence links to connections alone (what interviews assert or deny about connections),
    /// read without the transcripts: the case analyses need only these.
    /// </summary>
    public static async Task<IReadOnlyList<EvidenceLink>> ConnectionLinksAsync(Study study, CancellationToken cancellationToken = default)
    {
        await using var db = await study.Contexts.CreateDbContextAsync(cancellationToken);
        return await StorageFaults.GuardAsync(study.Location, async () =>
            (await db.Set<QualEvidenceLinkRecord>().AsNoTracking().Where(l => l.TargetKind == ConnectionKind).ToListAsync(cancellationToken))
                .Select(ToLink).ToList());
    }

    public static IReadOnlyList<EvidenceLink> Links(Study study) =>
        SnapshotAsync(study).GetAwaiter().GetResult().Links;

    /// <summary>
    /// Links a stored coding as evidence for a stored operation, or for a connection between two
    /// operations of one firm in opposite directions (found by the rules or asserted from the
    /// interview). Linking twice is harmless. One transaction under the writer lock.
    /// </summary>
    public static void Link(Study study, EvidenceLink link) => LinkAsync(study, link).GetAwaiter().GetResult();

    /// <inheritdoc cref="Link"/>
    public static async Task LinkAsync(Study study, EvidenceLink link, CancellationToken cancellationToken = default)
    {
        await using var db = await study.Contexts.CreateDbContextAsync(cancellationToken);
        var where = study.Location.Display;
        await StorageFaults.GuardAsync(study.Location, async () =>
        {
            await using var tx = await Study.BeginWriteAsync(db, cancellationToken);
            if (!await db.Set<QualCodingRecord>().AnyAsync(c => c.Id == link.CodingId, cancellationToken))
                throw new InputException(where, null, "coding", $"no coding with id {link.CodingId}");
            switch (link.Target)
            {
                case EvidenceTarget.OfOperation o:
                    if (!await db.Operations.AnyAsync(x => x.Id == o.Id.Value, cancellationToken))
                        throw new InputException(where, null, "operation",
                            $"no operation with id '{o.Id}'{DidYouMean.Hint(o.Id.Value, await db.Operations.Select(x => x.Id).ToListAsync(cancellationToken))}");
                    break;
                case EvidenceTarget.OfConnection c:
                    var (from, to) = (c.Id.From.Value, c.Id.To.Value);
                    var ops = await db.Operations.AsNoTracking().Where(x => x.Id == from || x.Id == to).ToDictionaryAsync(x => x.Id, cancellationToken);
                    if (new[] { from, to }.FirstOrDefault(e => !ops.ContainsKey(e)) is { } missing)
                        throw new InputException(where, null, "connection",
                            $"no operation with id '{missing}'{DidYouMean.Hint(missing, await db.Operations.Select(x => x.Id).ToListAsync(cancellationToken))}");
                    var (a, b) = (ops[from], ops[to]);
                    if (a.FirmId != b.FirmId || a.Direction == b.Direction)
                        throw new InputException(where, null, "connection", $"a connection links two operations of one firm in opposite directions; '{from}' and '{to}' do not");
                    // A connection runs forward in time: the earlier operation is a basis for the later one
                    // (inward→outward, or the reverse kind outward→inward), never the other way round.
                    if (a.StartYear * 100 + (a.StartMonth ?? 1) > b.StartYear * 100 + (b.StartMonth ?? 12))
                        throw new InputException(where, null, "connection",
                            $"'{from}' starts in {a.StartYear} after '{to}' ({b.StartYear}); a connection runs from the earlier operation to the later one: link '{to}>{from}' instead");
                    break;
            }
            var (kind, id) = Key(link.Target);
            var stance = StanceText(link.Stance);
            var existing = await db.Set<QualEvidenceLinkRecord>().AsTracking()
                .FirstOrDefaultAsync(l => l.CodingId == link.CodingId && l.TargetKind == kind && l.TargetId == id, cancellationToken);
            if (existing is not null && existing.Stance == stance) return 0;
            if (existing is not null) existing.Stance = stance; // the researcher changed their reading of the quotation
            else db.Add(new QualEvidenceLinkRecord { CodingId = link.CodingId, TargetKind = kind, TargetId = id, Stance = stance });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return 0;
        });
    }

    /// <summary>Removes a link (nothing happens when there is none).</summary>
    public static void Unlink(Study study, EvidenceLink link) => UnlinkAsync(study, link).GetAwaiter().GetResult();

    /// <inheritdoc cref="Unlink"/>
    public static async Task UnlinkAsync(Study study, EvidenceLink link, CancellationToken cancellationToken = default)
    {
        await using var db = await study.Contexts.CreateDbContextAsync(cancellationToken);
        var (kind, id) = Key(link.Target);
        await StorageFaults.GuardAsync(study.Location, () =>
            db.Set<QualEvidenceLinkRecord>().Where(l => l.CodingId == link.CodingId && l.TargetKind == kind && l.TargetId == id).ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>Every linked coding as a quotation beside what it is evidence for, for reports and listings.</summary>
    public static IReadOnlyList<(EvidenceLink Link, Quotation Quotation)> LinkedQuotations(WorkbenchSnapshot snapshot)
    {
        var project = snapshot.Project;
        var codings = project.Codings.ToDictionary(c => c.Id);
        return snapshot.Links.Select(l =>
        {
            var c = codings[l.CodingId];
            return (l, Quotations.Of(project.Codebook, project.Source(c.SourceId), c));
        }).ToList();
    }
}
