using System.Globalization;
using TwoWay.Domain;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Cases;

/// <summary>
/// Writes firms and operations in the import format (<see cref="CaseColumns"/>), so an export
/// imports back to equal <see cref="FirmCase"/>s; and writes empty, documented templates.
/// </summary>
public static class CaseExport
{
    /// <summary>
    /// Writes the cases. An .xlsx path gets one workbook with "firms" and "operations" sheets (and
    /// "About" sheets). A .csv/.tsv path gets two files, NAME-firms.csv and NAME-operations.csv,
    /// unless <paramref name="only"/> picks one table, which is then written to the path itself.
    /// </summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(string path, IReadOnlyList<FirmCase> cases, CaseTableKind? only = null)
    {
        var targets = Targets(path, only);
        if (targets.Count == 1 && Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            TableWriter.WriteWorkbook(path, targets[0].Kinds.Select(kind => Sheet(kind, cases)).ToList());
            return [path];
        }
        foreach (var (target, kinds) in targets)
        {
            var sheet = Sheet(kinds[0], cases);
            TableWriter.Write(target, sheet.Columns, sheet.Rows, sheet.Documentation, sheet.Title);
        }
        return targets.Select(t => t.File).ToList();
    }

    /// <summary>
    /// The files <see cref="Write"/> writes for <paramref name="path"/> and the tables in each: one
    /// workbook for .xlsx; for CSV/TSV one file per table (name-firms.csv, name-operations.csv), or
    /// exactly <paramref name="path"/> when <paramref name="only"/> names one table.
    /// </summary>
    public static IReadOnlyList<(string File, IReadOnlyList<CaseTableKind> Kinds)> Targets(string path, CaseTableKind? only = null)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        CaseTableKind[] kinds = only is { } k ? [k] : Enum.GetValues<CaseTableKind>();
        if (ext == ".xlsx") return [(path, kinds)];
        return kinds.Select(kind => (only is null
                ? Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{Codes.Of(kind)}{ext}")
                : path, (IReadOnlyList<CaseTableKind>)[kind])).ToList();
    }

    /// <summary>An empty table of <paramref name="kind"/> with every column explained (CSV: '#' lines; XLSX: an About sheet).</summary>
    public static void WriteTemplate(string path, CaseTableKind kind)
    {
        var columns = CaseColumns.Names(kind).ToList();
        if (kind == CaseTableKind.Firms) columns.Add(CaseColumns.AttributePrefix + "economy");
        var title = Title(kind);
        if (Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
            TableWriter.WriteWorkbook(path, [new TableWriter.Sheet(Codes.Of(kind), columns, [], CaseColumns.Of(kind), title)]);
        else
            TableWriter.Write(path, columns, [], CaseColumns.Of(kind), title);
    }

    private static string Title(CaseTableKind kind) => kind == CaseTableKind.Firms
        ? "TwoWay firms file: one row per firm (case). Import with: twoway import STUDY.twoway FILE"
        : "TwoWay operations file: one row per international operation, inward or outward. Import with: twoway import STUDY.twoway FILE";

    private static TableWriter.Sheet Sheet(CaseTableKind kind, IReadOnlyList<FirmCase> cases) =>
        kind == CaseTableKind.Firms ? FirmsSheet(cases) : OperationsSheet(cases);

    private static TableWriter.Sheet FirmsSheet(IReadOnlyList<FirmCase> cases)
    {
        // Column names are case-insensitive on import, so keys spelt differently by different firms
        // ("Economy", "economy") share one column, named by the first spelling in ordinal order.
        var keys = cases.SelectMany(c => c.Firm.Attributes.Keys).Order(StringComparer.Ordinal).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var columns = CaseColumns.Names(CaseTableKind.Firms).Concat(keys.Select(k => CaseColumns.AttributePrefix + k)).ToList();
        static string? Value(Firm f, string key) =>
            f.Attributes.TryGetValue(key, out var v) ? v
            : f.Attributes.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        var rows = cases.Select(c => c.Firm).Select(f => (IReadOnlyList<string?>)
            new[] { f.Id.Value, f.Name, f.HomeCountry.Value, f.Sector, f.Size is { } s ? Codes.Of(s) : null, Number(f.FoundingYear) }
                .Concat(keys.Select(k => Value(f, k))).ToList());
        return new TableWriter.Sheet("firms", columns, rows, CaseColumns.Firms, Title(CaseTableKind.Firms));
    }

    private static TableWriter.Sheet OperationsSheet(IReadOnlyList<FirmCase> cases)
    {
        var columns = CaseColumns.Names(CaseTableKind.Operations);
        return new TableWriter.Sheet("operations", columns, cases.SelectMany(c => c.Operations).SelectMany(Rows),
            CaseColumns.Operations, Title(CaseTableKind.Operations));
    }

    /// <summary>
    /// The operation as rows of the operations table (columns <see cref="CaseColumns.Operations"/>):
    /// one row carrying its first evidence, each further evidence on its own row. What a form edits.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string?>> OperationRows(Operation operation) => Rows(operation).ToList();

    /// <summary>One row per operation carrying its first evidence; each further evidence on its own row.</summary>
    private static IEnumerable<IReadOnlyList<string?>> Rows(Operation o)
    {
        var first = o.Evidence.IsEmpty ? null : o.Evidence[0];
        yield return
        [
            o.Id.Value, o.Firm.Value, o.Direction.Code(), o.Mode.Code(o.Direction), o.PartnerCountry.Value, o.Partner,
            o.Start.ToString(), o.End?.ToString(), o.Channel is { } ch ? Codes.Of(ch) : null,
            o.Volume?.AnnualValue?.ToString(CultureInfo.InvariantCulture), o.Volume?.Currency?.Value,
            o.Volume?.ShareOfTotal?.ToString("R", CultureInfo.InvariantCulture),
            o.EndReason is { } r ? Codes.Of(r.Kind) : null, o.EndReason?.Note,
            .. EvidenceCells(first),
        ];
        foreach (var e in o.Evidence.Skip(1))
            yield return [o.Id.Value, o.Firm.Value, null, null, null, null, null, null, null, null, null, null, null, null, .. EvidenceCells(e)];
    }

    private static string?[] EvidenceCells(Evidence? e) =>
        e is null ? [null, null, null, null] : [Codes.Of(e.Kind), e.Reference, Number(e.InterviewRound), e.Quotation];

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
}
