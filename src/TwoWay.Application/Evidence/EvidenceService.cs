using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Application.Evidence;

/// <summary>
/// Coded quotations as evidence for the case model: links from a coding to an operation or to an
/// inward–outward connection. Each use case opens the study for its own unit of work; a link is
/// checked and stored in one transaction under the study's writer lock (linking twice is harmless,
/// unlinking what is not linked does nothing). Link and unlink return the links as they are afterwards.
/// </summary>
/// <param name="studyLocation">The study file or PostgreSQL connection string, as the user gives it.</param>
public sealed class EvidenceService(string studyLocation)
{
    /// <summary>Links a coding as evidence for an operation or a connection.</summary>
    /// <exception cref="InputException">The ids cannot be read, or the coding, operation or connection is not in the study.</exception>
    public async Task<EvidenceList> LinkAsync(EvidenceLinkRequest request, CancellationToken ct = default)
    {
        await using var study = await Study.OpenAsync(studyLocation, ct);
        await QualitativeStore.LinkAsync(study, Parse(await WithFullCodingIdAsync(study, request, ct)), ct);
        return await ListAsync(study, ct);
    }

    /// <summary>Removes a link (nothing happens when there is none).</summary>
    /// <exception cref="InputException">The ids cannot be read.</exception>
    public async Task<EvidenceList> UnlinkAsync(EvidenceLinkRequest request, CancellationToken ct = default)
    {
        await using var study = await Study.OpenAsync(studyLocation, ct);
        await QualitativeStore.UnlinkAsync(study, Parse(await WithFullCodingIdAsync(study, request, ct)), ct);
        return await ListAsync(study, ct);
    }

    /// <summary>A short coding id (a unique prefix, as tables show it) replaced by the whole id.</summary>
    private static async Task<EvidenceLinkRequest> WithFullCodingIdAsync(Study study, EvidenceLinkRequest request, CancellationToken ct)
    {
        if (Guid.TryParse(request.Coding, out _)) return request;
        var snapshot = await QualitativeStore.SnapshotAsync(study, ct);
        return request with { Coding = CodingIds.Find(snapshot.Project.Codings, request.Coding, "evidence").Id.ToString() };
    }

    /// <summary>Every link with its quotation, operations first, then by target and coding.</summary>
    public async Task<EvidenceList> ListAsync(CancellationToken ct = default)
    {
        await using var study = await Study.OpenAsync(studyLocation, ct);
        return await ListAsync(study, ct);
    }

    private static async Task<EvidenceList> ListAsync(Study study, CancellationToken ct) =>
        new(QualitativeStore.LinkedQuotations(await QualitativeStore.SnapshotAsync(study, ct))
            .OrderBy(x => x.Link.Target is EvidenceTarget.OfOperation ? 0 : 1)
            .ThenBy(x => x.Link.Target.ToString(), StringComparer.Ordinal).ThenBy(x => x.Link.CodingId)
            .Select(x => new EvidenceEntry(x.Link.Target.Kind, x.Link.Target.ToString(), x.Quotation,
                x.Link.Stance == EvidenceStance.Contradicts ? "contradicts" : "supports")).ToList());

    /// <summary>Reads a link as the user names it (see <see cref="EvidenceLinkRequest"/>).</summary>
    /// <exception cref="InputException">Naming the field that cannot be read: coding, operation or connection.</exception>
    public static EvidenceLink Parse(EvidenceLinkRequest request)
    {
        if (!Guid.TryParse(request.Coding, out var coding)) throw new InputException("evidence", null, "coding", $"'{request.Coding}' is not a coding id");
        if ((request.Operation is null) == (request.Connection is null))
            throw new InputException("evidence", null, "target", "give exactly one of an operation or a connection");
        return new EvidenceLink(coding, request.Operation is { } operation ? ParseOperation(operation) : ParseConnection(request.Connection!),
            request.Contradicts ? EvidenceStance.Contradicts : EvidenceStance.Supports);
    }

    private static EvidenceTarget ParseOperation(string text) =>
        OperationId.IsValid(text) ? EvidenceTarget.Operation(new OperationId(text))
        : throw new InputException("evidence", null, "operation", $"'{text}' is not an operation id");

    private static EvidenceTarget ParseConnection(string text) =>
        ConnectionId.TryParse(text, out var c) ? EvidenceTarget.Connection(c.Value)
        : throw new InputException("evidence", null, "connection",
            $"'{text}' is not FROM{ConnectionId.Separator}TO (two operation ids of one firm, e.g. RS-01/1{ConnectionId.Separator}RS-01/4)");
}
