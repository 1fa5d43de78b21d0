using System.Globalization;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Tables;

namespace TwoWay.Policy.Files;

/// <summary>
/// The programme catalogue file (CSV, TSV or XLSX; one row per programme). Multi-valued cells
/// separate values with ';' (or '|'). Every column and vocabulary is documented in docs/policy.md
/// and in the template (<see cref="WriteTemplate"/>).
/// </summary>
public static class CatalogueFile
{
    private static string Codes<T>() where T : struct, Enum => string.Join(", ", Vocabulary<T>.Codes);

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("id", true, "Your identifier of the programme, unique in the catalogue.", "EXP-01"),
        new("name", true, "The programme's name.", "Export Voucher"),
        new("agency", true, "Who runs it.", "National Export Agency"),
        new("level", true, $"Who runs or funds it: {Codes<ProgrammeLevel>()}.", "national"),
        new("direction", true, $"Direction relative to the beneficiary firm: {Codes<SupportDirection>()}. An import-promotion desk abroad is outward support for the partner country's firm.", "outward"),
        new("modes", true, "Modes of operation supported, ';'-separated, as direction-specific codes (goods_export, licensing_in, …; see `twoway modes`). A neutral code (licensing) means every direction the programme supports.", "goods_export; services_export"),
        new("instruments", true, $"What it gives, ';'-separated: {Codes<Instrument>()}.", "trade_fairs; matchmaking"),
        new("mechanisms", true, $"How it works on the firm, ';'-separated: {Codes<Mechanism>()}.", "experiential"),
        new("barriers", false, $"Barrier groups it addresses (OECD 2009 / Leonidou 2004), ';'-separated: {Codes<BarrierGroup>()}.", "informational; marketing"),
        new("target_states", false, $"Trader states it is open to, ';'-separated: {Codes<TraderState>()}. Blank: all.", "import_only; none"),
        new("target_stages", false, $"Stages it is open to, ';'-separated, as direction:stage with stages {Codes<ExperienceStage>()}. Blank for a direction: all stages of it.", "outward:new; outward:occasional"),
        new("eligible_sizes", false, $"Size classes eligible, ';'-separated: {string.Join(", ", Enum.GetNames<SizeClass>().Select(n => n.ToLowerInvariant()))}. Blank: all.", "micro; small; medium"),
        new("eligible_sectors", false, "NACE Rev.2 sections or divisions eligible (prefixes), ';'-separated. Blank: all.", "C; J62"),
        new("budget", false, "Annual budget, a number in budget_currency ('.' as decimal point).", "1250000"),
        new("budget_currency", false, "ISO 4217 currency of the budget; one currency for the whole catalogue.", "EUR"),
        new("beneficiaries", false, "Firms supported per year, a whole number.", "120"),
        new("source_url", false, "Where the programme is described.", "https://example.org/export-voucher"),
        new("date_checked", false, "When the entry was last checked against its source, YYYY-MM-DD.", "2026-10-01"),
    ];

    public static readonly IReadOnlyList<string> ColumnNames = Columns.Select(c => c.Name).ToList();

    /// <summary>Writes an annotated empty template (CSV: '#' comment lines; XLSX: an About sheet) with one example row.</summary>
    public static void WriteTemplate(string path) =>
        TableWriter.Write(path, ColumnNames, [Columns.Select(c => (string?)c.Example).ToList()], Columns,
            "TwoWay programme catalogue. Replace the example row with your programmes; see docs/policy.md.", "programmes");

    /// <summary>Writes a catalogue in this format (round-trips through <see cref="Read"/>).</summary>
    public static void Write(string path, Catalogue catalogue) =>
        TableWriter.Write(path, ColumnNames, catalogue.Programmes.Select(ToRow), Columns, "TwoWay programme catalogue", "programmes");

    /// <summary>Reads and checks a whole catalogue; all problems are reported together and nothing is returned if any.</summary>
    public static Catalogue Read(string path, string? sheet = null) => Parse(TableReader.Read(path, sheet));

    public static Catalogue Parse(Table table)
    {
        var errors = new InputErrorCollector();
        TableSchema.Check(table, Columns, errors);
        errors.ThrowIfAny();
        var programmes = new List<Programme>();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        (CurrencyCode Currency, int Row)? firstCurrency = null;
        foreach (var row in table.Rows)
        {
            var p = new RowParser(table, row, errors);
            var id = p.Text("id", required: true);
            if (id is not null && !ids.TryAdd(id, row.Number))
                p.Fail("id", $"'{id}' is already used by row {ids[id]}");
            var name = p.Text("name", required: true);
            var agency = p.Text("agency", required: true);
            var level = One<ProgrammeLevel>(p, "level", required: true);
            var direction = One<SupportDirection>(p, "direction", required: true);
            var modes = ParseModes(p, direction);
            var instruments = Many<Instrument>(p, "instruments", required: true);
            var mechanisms = Many<Mechanism>(p, "mechanisms", required: true);
            var barriers = Many<BarrierGroup>(p, "barriers");
            var states = Many<TraderState>(p, "target_states");
            var stages = ParseStages(p);
            var sizes = new List<SizeClass>();
            foreach (var s in p.List("eligible_sizes"))
                if (Enum.TryParse<SizeClass>(s, ignoreCase: true, out var size) && !int.TryParse(s, out _)) sizes.Add(size);
                else p.Fail("eligible_sizes", $"'{s}' is not a size class; expected micro, small, medium or large");
            var sectors = p.List("eligible_sectors");
            foreach (var s in sectors.Where(s => !Firm.IsSectorCode(s)))
                p.Fail("eligible_sectors", $"'{s}' is not a NACE Rev.2 / ISIC Rev.4 code (a section letter, optionally with a division, e.g. C or C25)");
            var budget = p.Decimal("budget");
            var currency = p.Parse<CurrencyCode>("budget_currency", CurrencyCode.TryParse, "an ISO 4217 currency code (e.g. EUR)");
            if (budget is not null && currency is null && p.Text("budget_currency") is null)
                p.Fail("budget_currency", "a budget needs its currency");
            if (currency is { } cur)
            {
                if (firstCurrency is { } fc && fc.Currency != cur)
                    p.Fail("budget_currency", $"'{cur}' differs from '{fc.Currency}' in row {fc.Row}: use one currency for all budgets so they can be added up");
                firstCurrency ??= (cur, row.Number);
            }
            var beneficiaries = p.Int("beneficiaries", min: 0);
            var url = p.Text("source_url");
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                p.Fail("source_url", $"'{url}' is not an http(s) address");
            var date = p.Parse<DateOnly>("date_checked", (string t, out DateOnly d) => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d), "a date written YYYY-MM-DD");
            var programme = p.Build(null, () => new Programme(id!, name!, agency!, level!.Value, direction!.Value, modes, instruments, mechanisms,
                barriers, states, stages, sizes, sectors, budget is { } b && currency is { } c ? new Money(b, c) : null, beneficiaries, url, date));
            if (programme is not null) programmes.Add(programme);
        }
        if (table.Rows.Count == 0) errors.Add(table.Source, null, null, "the catalogue has no programmes (only a header)");
        errors.ThrowIfAny();
        return new Catalogue(programmes);
    }

    private static T? One<T>(RowParser p, string column, bool required = false) where T : struct, Enum =>
        p.Parse<T>(column, Vocabulary<T>.TryParse, $"one of: {Codes<T>()}", required);

    private static List<T> Many<T>(RowParser p, string column, bool required = false) where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var v in p.List(column, required))
            if (Vocabulary<T>.TryParse(v, out var x)) { if (!result.Contains(x)) result.Add(x); }
            else p.Fail(column, $"'{v}' is not one of: {Codes<T>()}");
        return result;
    }

    private static List<DirectedMode> ParseModes(RowParser p, SupportDirection? direction)
    {
        var result = new List<DirectedMode>();
        foreach (var v in p.List("modes", required: true))
        {
            if (!Modes.TryParse(v, out var mode, out var implied))
            {
                p.Fail("modes", $"'{v}' is not a mode code; use e.g. goods_export, services_import, licensing_in (all codes: `twoway modes`)");
                continue;
            }
            if (implied is { } i && direction is { } pd && pd != SupportDirection.Both && (i == Direction.Outward) != (pd == SupportDirection.Outward))
            {
                p.Fail("modes", $"'{v}' is an {i.Code()} mode but the programme's direction is {Vocabulary<SupportDirection>.Code(pd)}");
                continue;
            }
            var dirs = implied is { } d ? [d] : direction switch
            {
                SupportDirection.Outward => [Direction.Outward],
                SupportDirection.Inward => [Direction.Inward],
                _ => new[] { Direction.Inward, Direction.Outward },
            };
            foreach (var dir in dirs)
                if (!result.Contains(new DirectedMode(dir, mode))) result.Add(new DirectedMode(dir, mode));
        }
        return result;
    }

    private static List<DirectedStage> ParseStages(RowParser p)
    {
        var result = new List<DirectedStage>();
        foreach (var v in p.List("target_stages"))
        {
            var parts = v.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && DirectionExtensions.TryParse(parts[0], out var d) && Vocabulary<ExperienceStage>.TryParse(parts[1], out var s))
                result.Add(new DirectedStage(d, s));
            else
                p.Fail("target_stages", $"'{v}' is not direction:stage (e.g. outward:new; stages: {Codes<ExperienceStage>()})");
        }
        return result;
    }

    private static List<string?> ToRow(Programme p) =>
    [
        p.Id, p.Name, p.Agency, Vocabulary<ProgrammeLevel>.Code(p.Level), Vocabulary<SupportDirection>.Code(p.Direction),
        string.Join("; ", p.Modes.Select(m => m.Code).Order(StringComparer.Ordinal)),
        string.Join("; ", p.Instruments.Order().Select(Vocabulary<Instrument>.Code)),
        string.Join("; ", p.Mechanisms.Order().Select(Vocabulary<Mechanism>.Code)),
        string.Join("; ", p.Barriers.Order().Select(Vocabulary<BarrierGroup>.Code)),
        string.Join("; ", p.TargetStates.Order().Select(Vocabulary<TraderState>.Code)),
        string.Join("; ", p.TargetStages.Select(s => s.Code).Order(StringComparer.Ordinal)),
        string.Join("; ", p.EligibleSizes.Order().Select(s => s.ToString().ToLowerInvariant())),
        string.Join("; ", p.EligibleSectors.Order(StringComparer.Ordinal)),
        p.Budget?.Amount.ToString(CultureInfo.InvariantCulture), p.Budget?.Currency.ToString(),
        p.Beneficiaries?.ToString(CultureInfo.InvariantCulture), p.SourceUrl, p.DateChecked?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ];
}
