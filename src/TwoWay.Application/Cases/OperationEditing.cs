using System.Security.Cryptography;
using System.Text;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Interchange.Tables;
using TwoWay.Storage;

namespace TwoWay.Application.Cases;

/// <summary>
/// One operation as a form shows it: the operations-table cells of its first row (column name →
/// text; evidence columns hold its first evidence), how many further evidence rows it carries
/// (kept as they are), and the version the form must send back so a change made meanwhile is refused.
/// </summary>
public sealed record OperationForm(string Firm, string? Operation, IReadOnlyDictionary<string, string?> Cells, int FurtherEvidence, string Version);

/// <summary>
/// An edited or new operation: its firm, the operation's id (null: a new one, whose id is in the
/// cells), the cells as typed, and the <see cref="OperationForm.Version"/> the form showed (null for a new one).
/// </summary>
public sealed record SaveOperationRequest(string Firm, string? Operation, IReadOnlyDictionary<string, string?> Cells, string? Version);

/// <summary>What was stored: the operation's id and whether it is new.</summary>
public sealed record OperationSaved(string Operation, bool Added);

/// <summary>
/// Editing one operation in a form (the web workbench's firm page): the cells go through the
/// operations import's own checks, so a form shows exactly the messages an import file would
/// (field by field, named by column), and are stored in one transaction or not at all.
/// </summary>
public sealed class OperationEditing(string studyLocation)
{
    /// <summary>The cells of a stored operation (or of a new one of <paramref name="firm"/> when <paramref name="operation"/> is null).</summary>
    public async Task<OperationForm> FormAsync(string firm, string? operation, CancellationToken ct = default)
    {
        using var study = await StudyAccess.OpenAsync(studyLocation, ct).ConfigureAwait(false);
        var theCase = await FindCaseAsync(study, firm, ct).ConfigureAwait(false);
        var columns = CaseColumns.Names(CaseTableKind.Operations);
        if (operation is null)
        {
            var cells = columns.ToDictionary(c => c, c => (string?)null, StringComparer.Ordinal);
            cells["operation_id"] = NextId(theCase);
            cells["firm_id"] = firm;
            return new OperationForm(firm, null, cells, 0, "");
        }
        var op = Find(theCase, operation, study.Location.Display);
        var rows = CaseExport.OperationRows(op);
        return new OperationForm(firm, operation, columns.Select((c, i) => (c, rows[0][i])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal),
            rows.Count - 1, Version(rows));
    }

    /// <summary>
    /// Checks the cells as an operations-table row of the import (the firm fixed, the further
    /// evidence kept) and stores the operation: added, or replacing the stored one.
    /// </summary>
    /// <exception cref="InputException">A cell is wrong (field = its column), the id is taken, or the operation changed since the form was shown.</exception>
    public async Task<OperationSaved> SaveAsync(SaveOperationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var study = await StudyAccess.OpenAsync(studyLocation, ct).ConfigureAwait(false);
        var theCase = await FindCaseAsync(study, request.Firm, ct).ConfigureAwait(false);
        var columns = CaseColumns.Names(CaseTableKind.Operations);
        var cells = columns.ToDictionary(c => c, c => request.Cells.TryGetValue(c, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null, StringComparer.Ordinal);
        cells["firm_id"] = request.Firm;
        var rows = new List<TableRow>();
        var ids = await study.IdsAsync(ct).ConfigureAwait(false);
        var stored = ids.Operations;
        if (request.Operation is { } id)
        {
            var op = Find(theCase, id, study.Location.Display);
            var storedRows = CaseExport.OperationRows(op);
            if (request.Version != Version(storedRows))
                throw new EditConflictException(id, "operation", $"operation {id} was changed by someone else since this form was shown; reload the page to see it");
            cells["operation_id"] = id; // the id of a stored operation is not edited here
            stored = stored.Where(o => o.Value != id).ToHashSet();
            rows.Add(new TableRow(1, cells));
            rows.AddRange(storedRows.Skip(1).Select((r, i) => new TableRow(i + 2, columns.Select((c, j) => (c, r[j])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal))));
        }
        else rows.Add(new TableRow(1, cells));
        var source = request.Operation ?? "the new operation";
        var table = new Table(source, columns, rows);
        var batch = CaseImport.Validate([(table, CaseTableKind.Operations)], new ImportTarget(ids.Firms, stored, false));
        await study.SaveAsync([], batch.OperationValues, request.Operation is null ? SaveMode.AddOnly : SaveMode.Replace, cancellationToken: ct).ConfigureAwait(false);
        return new OperationSaved(batch.Operations[0].Value.Id.Value, request.Operation is null);
    }

    private static async Task<FirmCase> FindCaseAsync(Study study, string firm, CancellationToken ct)
    {
        if (!FirmId.IsValid(firm)) throw new InputException(study.Location.Display, null, "firm_id", $"'{firm}' is not a valid firm id");
        return await study.LoadCaseAsync(new FirmId(firm), ct).ConfigureAwait(false)
            ?? throw new InputException(study.Location.Display, null, "firm_id", $"no firm '{firm}' in this study");
    }

    private static Operation Find(FirmCase theCase, string operation, string study) =>
        theCase.Operations.FirstOrDefault(o => o.Id.Value == operation)
        ?? throw new InputException(study, null, "operation_id", $"no operation '{operation}' of firm {theCase.Firm.Id}");

    private static string NextId(FirmCase theCase)
    {
        for (var n = theCase.Operations.Length + 1; ; n++)
            if (theCase.Operations.All(o => o.Id.Value != $"{theCase.Firm.Id}/{n}")) return $"{theCase.Firm.Id}/{n}";
    }

    // The operation's rows as the table writes them, hashed: any change to any field or evidence changes it.
    private static string Version(IReadOnlyList<IReadOnlyList<string?>> rows) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001e", rows.Select(r => string.Join("\u001f", r.Select(c => c ?? "\u0000")))))))[..16];
}
