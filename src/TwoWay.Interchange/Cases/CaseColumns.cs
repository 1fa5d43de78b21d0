using TwoWay.Domain;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Cases;

/// <summary>Which of the two case tables a file (or sheet) holds.</summary>
public enum CaseTableKind
{
    Firms,
    Operations,
}

/// <summary>
/// The documented column schemas of the case files (docs/file-formats.md). Templates print these
/// descriptions; the importer checks headers against them.
/// </summary>
public static class CaseColumns
{
    /// <summary>Firm attribute columns are named <c>attr:KEY</c>; the key keeps the header's spelling.</summary>
    public const string AttributePrefix = "attr:";

    /// <summary>
    /// Longest name, partner and evidence reference: the storage model's column length, which
    /// PostgreSQL enforces (SQLite does not), so the importer checks it for both.
    /// </summary>
    public const int MaxTextLength = 400;

    /// <summary>Longest attribute key (the storage model's column length).</summary>
    public const int MaxAttributeKeyLength = 200;

    public static readonly IReadOnlyList<ColumnSpec> Firms =
    [
        new("firm_id", true, "Your identifier of the firm (case): 1-64 letters, digits, '-', '_' or '.'.", "RS-01"),
        new("name", true, "Name of the firm (or a pseudonym).", "Metalac Precision d.o.o."),
        new("home_country", true, "Home country, ISO 3166-1 alpha-2 code.", "RS"),
        new("sector", false, "NACE Rev.2 / ISIC Rev.4 code: section letter, optionally division and group.", "C25.1"),
        new("size", false, "Size class by headcount: micro (<10), small (10-49), medium (50-249), large (250+).", "small"),
        new("founding_year", false, $"Year the firm was founded ({YearMonth.MinYear}-{YearMonth.MaxYear}).", "1994"),
        new("attr:KEY", false, "Any number of free attributes, one column each, named attr: followed by the key; blank cells mean the firm has no such attribute.", "attr:economy = post-transition"),
    ];

    public static readonly IReadOnlyList<ColumnSpec> Operations =
    [
        new("operation_id", true, "Identifier of the operation, unique in the study (1-128 characters). Repeat it on further rows to add more evidence (see evidence_kind).", "RS-01/3"),
        new("firm_id", true, "The firm this operation belongs to: a firm_id of the firms file or of the study.", "RS-01"),
        new("direction", false, "inward or outward. May be left blank when mode is a direction-specific code.", "inward"),
        new("mode", true, "Mode of operation: a neutral code (" + string.Join(", ", Modes.All.Select(m => m.Code())) + ") or a direction-specific code (e.g. goods_import, licensing_out; list: twoway modes). A direction-specific code must agree with direction.", "licensing_in"),
        new("partner_country", true, "Partner country, ISO 3166-1 alpha-2 code.", "DE"),
        new("partner", false, "Named foreign partner (supplier, customer, licensor, investor...).", "Müller GmbH"),
        new("start", true, "Start: year (YYYY) or year-month (YYYY-MM); a date YYYY-MM-DD counts as its month.", "2007-03"),
        new("end", false, "Last period of the operation (YYYY or YYYY-MM), not before start; blank while ongoing.", "2014"),
        new("channel", false, "For goods trade only: direct or indirect (through an intermediary).", "direct"),
        new("annual_value", false, "Value per year, a number with '.' as decimal point; needs currency.", "250000"),
        new("currency", false, "ISO 4217 currency code of annual_value.", "EUR"),
        new("share_of_total", false, "Share of total sales (outward) or purchases (inward): a fraction 0-1 or a percentage.", "0.25 or 25%"),
        new("end_reason", false, "Why it ended (needs end): " + Codes.List<EndReasonKind>() + ".", "sanctions"),
        new("end_reason_note", false, "Free note on the end reason (needs end_reason).", "EU restrictive measures 2014"),
        new("evidence_kind", false, "Source of this information: " + Codes.List<EvidenceKind>() + ". Several sources: repeat the operation_id on extra rows holding only evidence columns.", "interview"),
        new("evidence_reference", false, "Where exactly: respondent, record id, page, survey item.", "CEO"),
        new("interview_round", false, "For interview evidence: the round, numbered from 1.", "2"),
        new("quotation", false, "Quotation from the interview or document.", "We first bought machines from Italy."),
    ];

    /// <summary>The evidence columns: the only ones a continuation row of an operation fills.</summary>
    public static readonly IReadOnlySet<string> EvidenceColumns =
        new HashSet<string>(["evidence_kind", "evidence_reference", "interview_round", "quotation"], StringComparer.Ordinal);

    public static IReadOnlyList<ColumnSpec> Of(CaseTableKind kind) => kind == CaseTableKind.Firms ? Firms : Operations;

    /// <summary>The data columns (not the attr:KEY pattern) of a table kind, in file order.</summary>
    public static IReadOnlyList<string> Names(CaseTableKind kind) =>
        Of(kind).Where(c => !c.Name.StartsWith(AttributePrefix, StringComparison.Ordinal)).Select(c => c.Name).ToList();

    /// <summary>Which table a header belongs to: operation_id means operations; firm_id with name means firms.</summary>
    public static CaseTableKind? Detect(Table table) =>
        table.HasColumn("operation_id") ? CaseTableKind.Operations
        : table.HasColumn("firm_id") && table.HasColumn("name") ? CaseTableKind.Firms
        : null;
}
