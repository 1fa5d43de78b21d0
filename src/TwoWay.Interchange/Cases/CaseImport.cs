using System.Globalization;
using System.Collections.Immutable;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Cases;

/// <summary>A value read from a file, with where it came from (for error messages that name the row).</summary>
public sealed record Located<T>(T Value, string Source, int Row);

/// <summary>Everything one import read: firms and operations, all valid and consistent with each other and the study.</summary>
public sealed record CaseBatch(IReadOnlyList<Located<Firm>> Firms, IReadOnlyList<Located<Operation>> Operations)
{
    public IReadOnlyList<Firm> FirmValues => Firms.Select(f => f.Value).ToList();
    public IReadOnlyList<Operation> OperationValues => Operations.Select(o => o.Value).ToList();
}

/// <summary>
/// What the study already holds, so an import can name the file row that conflicts with it.
/// With <see cref="Replace"/> false, a stored id in the files is an error; with true it is an update.
/// </summary>
public sealed record ImportTarget(IReadOnlySet<FirmId> StoredFirms, IReadOnlySet<OperationId> StoredOperations, bool Replace)
{
    public static ImportTarget Empty { get; } = new(new HashSet<FirmId>(), new HashSet<OperationId>(), false);
}

/// <summary>
/// Reads firms and operations files (CSV, TSV, XLSX; an XLSX workbook may hold a "firms" and an
/// "operations" sheet) and validates ALL of them before anything is stored: every error is
/// collected with file, row, column and what was expected, then thrown as one
/// <see cref="InputException"/>. The column schemas are <see cref="CaseColumns"/>.
/// </summary>
public static class CaseImport
{
    /// <summary>Reads the tables of the given files. <paramref name="kind"/> forces the kind of single-table files.</summary>
    public static IReadOnlyList<(Table Table, CaseTableKind Kind)> ReadTables(IEnumerable<string> paths, CaseTableKind? kind = null)
    {
        var errors = new InputErrorCollector();
        var tables = new List<(Table, CaseTableKind)>();
        foreach (var path in paths)
        {
            try
            {
                if (Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) && kind is null)
                {
                    var sheets = TableReader.SheetNames(path);
                    var named = Enum.GetValues<CaseTableKind>()
                        .Select(k => (Kind: k, Sheet: sheets.FirstOrDefault(s => s.Equals(Codes.Of(k), StringComparison.OrdinalIgnoreCase))))
                        .Where(x => x.Sheet is not null).ToList();
                    if (named.Count > 0)
                    {
                        foreach (var (k, sheet) in named)
                        {
                            var t = TableReader.Read(path, sheet);
                            tables.Add((t with { Source = $"{t.Source} [{sheet}]" }, k));
                        }
                        continue;
                    }
                }
                var table = TableReader.Read(path);
                var detected = kind ?? CaseColumns.Detect(table);
                if (detected is null)
                    errors.Add(table.Source, 1, null, "cannot tell whether this is a firms or an operations file: a firms header has firm_id and name, an operations header has operation_id (or pass --kind)");
                else
                    tables.Add((table, detected.Value));
            }
            catch (InputException ex)
            {
                foreach (var e in ex.Errors) errors.Add(e);
            }
        }
        errors.ThrowIfAny();
        return tables;
    }

    /// <summary>Reads and validates files; see <see cref="Validate"/>.</summary>
    public static CaseBatch Read(IEnumerable<string> paths, ImportTarget target, CaseTableKind? kind = null) =>
        Validate(ReadTables(paths, kind), target);

    /// <summary>
    /// Turns tables into domain values, checking every row, duplicate ids across all tables,
    /// operations whose firm is neither in the tables nor stored, and ids already stored.
    /// </summary>
    /// <exception cref="InputException">Every problem found (up to the collector's limit).</exception>
    public static CaseBatch Validate(IReadOnlyList<(Table Table, CaseTableKind Kind)> tables, ImportTarget target)
    {
        var errors = new InputErrorCollector();
        var firms = new List<Located<Firm>>();
        var firmRows = new Dictionary<FirmId, Located<Firm>>();
        // Every firm id the firms files list, valid row or not: an operation of a firm whose row
        // has an error must not get a second, misleading "no firm" error.
        var listedFirms = new HashSet<FirmId>();
        foreach (var (table, _) in tables.Where(t => t.Kind == CaseTableKind.Firms))
        {
            foreach (var row in table.Rows)
                if (row["firm_id"] is { } listed && FirmId.IsValid(listed)) listedFirms.Add(new FirmId(listed));
            var before = errors.Errors.Count;
            TableSchema.Check(table, CaseColumns.Firms, errors, IsAttributeColumn);
            foreach (var column in table.Columns.Where(IsAttributeColumn))
                if (AttributeKey(table, column).Length > CaseColumns.MaxAttributeKeyLength)
                    errors.Add(table.Source, 1, column, $"an attribute key may have at most {CaseColumns.MaxAttributeKeyLength} characters");
            if (errors.Errors.Count > before) continue;
            foreach (var row in table.Rows)
            {
                var firm = ParseFirm(table, row, errors);
                if (firm is null) continue;
                if (firmRows.TryGetValue(firm.Id, out var first))
                {
                    errors.Add(table.Source, row.Number, "firm_id", $"firm id '{firm.Id}' appears twice (first on row {first.Row} of {first.Source})");
                    continue;
                }
                if (!target.Replace && target.StoredFirms.Contains(firm.Id))
                    errors.Add(table.Source, row.Number, "firm_id", $"firm '{firm.Id}' is already in the study; nothing was changed (import with --replace to update it)");
                var located = new Located<Firm>(firm, table.Source, row.Number);
                firmRows[firm.Id] = located;
                firms.Add(located);
            }
        }

        var pending = new Dictionary<string, PendingOperation>(StringComparer.Ordinal);
        var order = new List<PendingOperation>();
        foreach (var (table, _) in tables.Where(t => t.Kind == CaseTableKind.Operations))
        {
            var before = errors.Errors.Count;
            TableSchema.Check(table, CaseColumns.Operations, errors);
            if (errors.Errors.Count > before) continue;
            foreach (var row in table.Rows)
            {
                var p = new RowParser(table, row, errors);
                var idText = p.Text("operation_id", required: true);
                if (idText is null) continue;
                if (idText.Length > 128)
                {
                    p.Fail("operation_id", "an operation id must be 1–128 characters");
                    continue;
                }
                if (pending.TryGetValue(idText, out var first))
                {
                    // A repeated id adds evidence; any other column must be blank or the same.
                    var differing = table.Columns
                        .Where(c => !CaseColumns.EvidenceColumns.Contains(c) && c != "operation_id")
                        .Where(c => row[c] is { } v && !string.Equals(v, first.Cells(c), StringComparison.Ordinal))
                        .ToList();
                    if (!ReferenceEquals(first.Table, table))
                    {
                        p.Fail("operation_id", $"operation id '{idText}' was already used on row {first.Row.Number} of {first.Table.Source}; rows adding evidence to an operation must be in the same file as the operation");
                        continue;
                    }
                    if (differing.Count > 0)
                    {
                        p.Fail(differing.FirstOrDefault() ?? "operation_id",
                            $"operation id '{idText}' was already used on row {first.Row.Number} of {first.Table.Source}; a repeated id may only add evidence (leave the other columns blank or equal)");
                        continue;
                    }
                    if (ParseEvidence(p) is { } more) first.Evidence.Add(more);
                    else if (p.Ok) p.Fail("evidence_kind", $"operation id '{idText}' repeats without evidence; a repeated id must add an evidence_kind");
                    continue;
                }
                var op = new PendingOperation(table, row, p);
                pending[idText] = op;
                order.Add(op);
                ParseOperationFields(op);
                if (ParseEvidence(p) is { } evidence) op.Evidence.Add(evidence);
                if (!target.Replace && target.StoredOperations.Contains(new OperationId(idText)))
                    p.Fail("operation_id", $"operation '{idText}' is already in the study; nothing was changed (import with --replace to update it)");
                if (op.Firm is { } firmId && !listedFirms.Contains(firmId) && !target.StoredFirms.Contains(firmId))
                    p.Fail("firm_id", $"no firm '{firmId}' in the firms file(s) or in the study"
                        + DidYouMean.Hint(firmId.Value, listedFirms.Concat(target.StoredFirms).Select(f => f.Value)));
            }
        }

        var operations = new List<Located<Operation>>();
        foreach (var op in order)
        {
            var built = op.Build();
            if (built is not null) operations.Add(new Located<Operation>(built, op.Table.Source, op.Row.Number));
        }
        if (errors.HasErrors)
        {
            // Whole operations are built (and checked by the domain) only after all rows were
            // read, since later rows may add evidence; report in file and row order all the same.
            var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (table, _) in tables) fileOrder.TryAdd(table.Source, fileOrder.Count);
            throw new InputException(errors.Errors
                .OrderBy(e => fileOrder.GetValueOrDefault(e.Source, int.MaxValue)).ThenBy(e => e.Row ?? 0).ToList())
            { MoreNotListed = errors.Truncated };
        }
        return new CaseBatch(firms, operations);
    }

    /// <summary>
    /// A year or year-month; also a full date YYYY-MM-DD, kept to its month (the model's finest
    /// precision), because a spreadsheet turns "2007-03" typed into a cell into the date 2007-03-01.
    /// </summary>
    private static bool TryPeriod(string? text, out YearMonth value)
    {
        if (YearMonth.TryParse(text, out value)) return true;
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= YearMonth.MinYear and <= YearMonth.MaxYear)
        {
            value = new YearMonth(date.Year, date.Month);
            return true;
        }
        return false;
    }

    private static bool IsAttributeColumn(string column) =>
        column.StartsWith(CaseColumns.AttributePrefix, StringComparison.Ordinal) && column.Length > CaseColumns.AttributePrefix.Length;

    private static string AttributeKey(Table table, string column) => table.HeaderOf(column)[CaseColumns.AttributePrefix.Length..].Trim();

    private static Firm? ParseFirm(Table table, TableRow row, InputErrorCollector errors)
    {
        var p = new RowParser(table, row, errors);
        var id = p.Parse<FirmId>("firm_id", TryFirmId, "a valid firm id (1–64 letters, digits, '-', '_' or '.')", required: true);
        var name = p.Text("name", required: true, CaseColumns.MaxTextLength);
        var country = Country(p, "home_country");
        var sector = p.Text("sector");
        var size = p.Parse<SizeClass>("size", Codes.TryParse, "a size class (" + Codes.List<SizeClass>() + ")");
        var founded = p.Int("founding_year", YearMonth.MinYear, YearMonth.MaxYear);
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns.Where(IsAttributeColumn))
            if (row[column] is { } value)
                attributes[AttributeKey(table, column)] = value;
        return p.Build<Firm>(null, () => new Firm(id!.Value, name!, country!.Value, sector, size, founded, attributes.ToImmutable()));
    }

    /// <summary>A required country code; a refused one is explained with the likely intended code (UK → GB, EL → GR, SRB → RS).</summary>
    private static CountryCode? Country(RowParser p, string column)
    {
        var text = p.Text(column, required: true);
        if (text is null) return null;
        if (CountryCode.TryParse(text, out var code)) return code;
        p.Fail(column, CountryCode.Explain(text));
        return null;
    }

    private static bool TryFirmId(string text, out FirmId id)
    {
        id = FirmId.IsValid(text) ? new FirmId(text) : default;
        return FirmId.IsValid(text);
    }

    private static void ParseOperationFields(PendingOperation op)
    {
        var p = op.Parser;
        op.Firm = p.Parse<FirmId>("firm_id", TryFirmId, "a valid firm id (1–64 letters, digits, '-', '_' or '.')", required: true);
        Direction? direction = null;
        var directionText = p.Text("direction");
        if (directionText is not null)
        {
            if (DirectionExtensions.TryParse(directionText, out var d)) direction = d;
            else p.Fail("direction", $"'{directionText}' is not a direction (inward or outward)");
        }
        var modeText = p.Text("mode", required: true);
        if (modeText is not null)
        {
            if (!Modes.TryParse(modeText, out var mode, out var implied))
                p.Fail("mode", $"'{modeText}' is not a mode of operation; expected a neutral code ({string.Join(", ", Modes.All.Select(m => m.Code()))}) or a direction-specific one (see 'twoway modes')");
            else if (implied is { } i && direction is { } given && i != given)
                p.Fail("mode", $"'{modeText}' is an {i.Code()} mode and does not exist in direction '{given.Code()}'; use {mode.Code(given)} (or {mode.Code()})");
            else
            {
                op.Mode = mode;
                direction ??= implied;
                if (direction is null && directionText is null)
                    p.Fail("direction", $"a direction is required (inward or outward) because mode '{modeText}' does not imply one");
            }
        }
        op.Direction = direction;
        op.Country = Country(p, "partner_country");
        op.Partner = p.Text("partner", maxLength: CaseColumns.MaxTextLength);
        const string yearMonth = "a year (YYYY) or year-month (YYYY-MM) between 1800 and 2200";
        op.Start = p.Parse<YearMonth>("start", TryPeriod, yearMonth, required: true);
        op.End = p.Parse<YearMonth>("end", TryPeriod, yearMonth);
        op.Channel = p.Parse<TradeChannel>("channel", Codes.TryParse, "a trade channel (direct or indirect)");
        op.Value = p.Decimal("annual_value");
        op.Currency = p.Parse<CurrencyCode>("currency", CurrencyCode.TryParse, "an ISO 4217 currency code (e.g. EUR, USD, RSD)");
        op.Share = p.Share("share_of_total");
        op.EndReason = p.Parse<EndReasonKind>("end_reason", Codes.TryParse, "an end reason (" + Codes.List<EndReasonKind>() + ")");
        op.EndReasonNote = p.Text("end_reason_note");
        if (op.EndReasonNote is not null && op.EndReason is null && p.Text("end_reason") is null)
            p.Fail("end_reason_note", "a note needs an end_reason");
    }

    private static Evidence? ParseEvidence(RowParser p)
    {
        var kind = p.Parse<EvidenceKind>("evidence_kind", Codes.TryParse, "an evidence kind (" + Codes.List<EvidenceKind>() + ")");
        var reference = p.Text("evidence_reference", maxLength: CaseColumns.MaxTextLength);
        var round = p.Int("interview_round", 1, 1000);
        var quotation = p.Text("quotation");
        if (kind is null)
        {
            // An unreadable kind has its own error already; this one is only for a kind left blank.
            if (((reference ?? quotation) is not null || round is not null) && p.Text("evidence_kind") is null)
                p.Fail("evidence_kind", "evidence columns are filled but evidence_kind is blank; say what kind of source it is");
            return null;
        }
        return p.Build<Evidence>(null, () => new Evidence(kind.Value, reference, round, quotation));
    }

    private sealed class PendingOperation(Table table, TableRow row, RowParser parser)
    {
        public Table Table { get; } = table;
        public TableRow Row { get; } = row;
        public RowParser Parser { get; } = parser;
        public List<Evidence> Evidence { get; } = [];
        public FirmId? Firm { get; set; }
        public Direction? Direction { get; set; }
        public Mode? Mode { get; set; }
        public CountryCode? Country { get; set; }
        public string? Partner { get; set; }
        public YearMonth? Start { get; set; }
        public YearMonth? End { get; set; }
        public TradeChannel? Channel { get; set; }
        public decimal? Value { get; set; }
        public CurrencyCode? Currency { get; set; }
        public double? Share { get; set; }
        public EndReasonKind? EndReason { get; set; }
        public string? EndReasonNote { get; set; }

        public string? Cells(string column) => Row[column];

        public Operation? Build()
        {
            if (!Parser.Ok) return null;
            Volume? volume = null;
            if (Currency is not null && Value is null)
            {
                // Volume would say only "needs a value or a share", naming no column.
                Parser.Fail("currency", "a currency was given without an annual_value");
                return null;
            }
            if (Value is not null || Share is not null)
            {
                volume = Parser.Build<Volume>(null, () => new Volume(Value, Currency, Share));
                if (volume is null) return null;
            }
            return Parser.Build<Operation>(null, () =>
                new Operation(new OperationId(Row["operation_id"]!), Firm!.Value, Direction!.Value, Mode!.Value, Country!.Value,
                    Start!.Value, End, Partner, Channel, volume,
                    EndReason is { } k ? new EndReason(k, EndReasonNote) : null,
                    [.. Evidence]));
        }
    }
}
