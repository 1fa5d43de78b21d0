using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Tests.Cases;

public class CaseImportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string FirmsHeader = "firm_id,name,home_country,sector,size,founding_year,attr:Economy";
    private const string GoodFirms = FirmsHeader + "\nRS-01,Metalac Precision,RS,C25.1,small,1994,post-transition\nPL-02,Piekarnia Nowak,PL,,,,\n";
    private const string OpsHeader = "operation_id,firm_id,direction,mode,partner_country,start,end";

    private string Firms(string text = GoodFirms) => _dir.Write("firms.csv", text);

    /// <summary>An operations file with the short header and the given data lines (line 2 onwards).</summary>
    private string Ops(params string[] lines) => _dir.Write("ops.csv", OpsHeader + "\n" + string.Join("\n", lines) + "\n");

    private static IReadOnlyList<InputError> Errors(ImportTarget? target = null, params string[] paths) =>
        Assert.Throws<InputException>(() => CaseImport.Read(paths, target ?? ImportTarget.Empty)).Errors;

    private IReadOnlyList<string> OpErrors(params string[] lines) =>
        Errors(null, Firms(), Ops(lines)).Select(e => e.ToString()).ToList();

    private string OpError(params string[] lines) => Assert.Single(OpErrors(lines));

    [Fact]
    public void Good_files_give_firms_and_operations_with_their_rows()
    {
        var ops = _dir.Write("ops.csv",
            "# comment\n" + OpsHeader + ",partner,channel,annual_value,currency,share_of_total,end_reason,end_reason_note\n" +
            "RS-01/1,RS-01,inward,goods_trade,DE,2007-03,2014,Kessler GmbH,direct,250000,EUR,25%,sanctions,EU measures\n" +
            "RS-01/2,RS-01,,licensing_out,it,2012,,,,,,0.1,,\n");
        var batch = CaseImport.Read([Firms(), ops], ImportTarget.Empty);

        Assert.Equal(["RS-01", "PL-02"], batch.FirmValues.Select(f => f.Id.Value));
        var metalac = batch.FirmValues[0];
        Assert.Equal(new Firm(new FirmId("RS-01"), "Metalac Precision", CountryCode.Parse("RS"), "C25.1", SizeClass.Small, 1994,
            System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("Economy", "post-transition")), metalac);
        Assert.Empty(batch.FirmValues[1].Attributes);
        Assert.Equal([("firms.csv", 2), ("firms.csv", 3)], batch.Firms.Select(f => (f.Source, f.Row)));

        Assert.Equal([("ops.csv", 3), ("ops.csv", 4)], batch.Operations.Select(o => (o.Source, o.Row)));
        var first = batch.OperationValues[0];
        Assert.Equal(new Operation(new OperationId("RS-01/1"), new FirmId("RS-01"), Direction.Inward, Mode.GoodsTrade, CountryCode.Parse("DE"),
            new YearMonth(2007, 3), new YearMonth(2014), "Kessler GmbH", TradeChannel.Direct,
            new Volume(250000m, CurrencyCode.Parse("EUR"), 0.25), new EndReason(EndReasonKind.Sanctions, "EU measures")), first);
        var second = batch.OperationValues[1];
        Assert.Equal(Direction.Outward, second.Direction);
        Assert.Equal(Mode.Licensing, second.Mode);
        Assert.Equal("IT", second.PartnerCountry.Value);
        Assert.Equal(new Volume(shareOfTotal: 0.1), second.Volume);
        Assert.Null(second.End);
    }

    [Fact]
    public void Operations_may_refer_to_firms_already_in_the_study()
    {
        var target = new ImportTarget(new HashSet<FirmId> { new("SRB-9") }, new HashSet<OperationId>(), false);
        var batch = CaseImport.Read([Ops("o1,SRB-9,outward,goods_trade,DE,2001,")], target);
        Assert.Equal("SRB-9", Assert.Single(batch.OperationValues).Firm.Value);
        Assert.Empty(batch.Firms);
    }

    // ---- country codes ----

    [Theory]
    [InlineData("XX", "'XX' is not an ISO 3166-1 alpha-2 country code (e.g. RS, PL, GE)")]
    [InlineData("UK", "'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?")]
    [InlineData("EL", "'EL' is not an ISO 3166-1 alpha-2 country code; did you mean GR (Greece)?")]
    [InlineData("DEU", "'DEU' is not an ISO 3166-1 alpha-2 country code; did you mean DE (Germany)?")]
    [InlineData("Germany", "'Germany' is not an ISO 3166-1 alpha-2 country code (e.g. RS, PL, GE)")]
    public void Unknown_partner_country_is_named_with_the_likely_code(string code, string message) =>
        Assert.Equal($"ops.csv, row 2, column 'partner_country': {message}", OpError($"o1,RS-01,inward,goods_trade,{code},2001,"));

    [Fact]
    public void Unknown_home_country_suggests_the_alpha_2_code()
    {
        var e = Assert.Single(Errors(null, Firms(FirmsHeader + "\nRS-01,Metalac,SRB,,,,\n")));
        Assert.Equal("firms.csv, row 2, column 'home_country': 'SRB' is not an ISO 3166-1 alpha-2 country code; did you mean RS (Serbia)?", e.ToString());
    }

    // ---- dates ----

    [Fact]
    public void End_before_start_is_an_error_on_end()
    {
        Assert.Equal("ops.csv, row 2, column 'end': The end 2001 is before the start 2005.", OpError("o1,RS-01,inward,goods_trade,DE,2005,2001"));
        Assert.Equal("ops.csv, row 2, column 'end': The end 2005-02 is before the start 2005-03.", OpError("o1,RS-01,inward,goods_trade,DE,2005-03,2005-02"));
    }

    [Fact]
    public void End_in_the_start_year_is_accepted() =>
        Assert.Single(CaseImport.Read([Firms(), Ops("o1,RS-01,inward,goods_trade,DE,2005,2005")], ImportTarget.Empty).Operations);

    [Theory]
    [InlineData("start", "2007-13")]
    [InlineData("start", "07")]
    [InlineData("start", "1799")]
    [InlineData("start", "2007/03")]
    [InlineData("start", "March 2007")]
    [InlineData("end", "2010-00")]
    [InlineData("end", "2201")]
    public void Bad_year_month_is_an_error_saying_what_is_expected(string column, string value)
    {
        var line = column == "start" ? $"o1,RS-01,inward,goods_trade,DE,{value}," : $"o1,RS-01,inward,goods_trade,DE,2005,{value}";
        Assert.Equal($"ops.csv, row 2, column '{column}': '{value}' is not a year (YYYY) or year-month (YYYY-MM) between 1800 and 2200", OpError(line));
    }

    // ---- modes and directions ----

    [Theory]
    [InlineData("inward", "goods_export", "'goods_export' is an outward mode and does not exist in direction 'inward'; use goods_import (or goods_trade)")]
    [InlineData("outward", "licensing_in", "'licensing_in' is an inward mode and does not exist in direction 'outward'; use licensing_out (or licensing)")]
    [InlineData("outward", "foreign_capital_in", "'foreign_capital_in' is an inward mode and does not exist in direction 'outward'; use capital_abroad (or finance)")]
    public void Mode_that_does_not_exist_in_the_direction_is_an_error(string direction, string mode, string message) =>
        Assert.Equal($"ops.csv, row 2, column 'mode': {message}", OpError($"o1,RS-01,{direction},{mode},DE,2001,"));

    [Fact]
    public void Direction_specific_mode_implies_the_direction_and_agreeing_direction_is_fine()
    {
        var batch = CaseImport.Read([Firms(), Ops("o1,RS-01,,goods_export,DE,2001,", "o2,RS-01,Inward,Goods-Import,DE,2001,")], ImportTarget.Empty);
        Assert.Equal([Direction.Outward, Direction.Inward], batch.OperationValues.Select(o => o.Direction));
        Assert.All(batch.OperationValues, o => Assert.Equal(Mode.GoodsTrade, o.Mode));
    }

    [Fact]
    public void Neutral_mode_without_direction_is_an_error() =>
        Assert.Equal("ops.csv, row 2, column 'direction': a direction is required (inward or outward) because mode 'goods_trade' does not imply one",
            OpError("o1,RS-01,,goods_trade,DE,2001,"));

    [Fact]
    public void Unknown_mode_and_direction_are_errors()
    {
        var errors = OpErrors("o1,RS-01,sideways,goods_trade,DE,2001,", "o2,RS-01,inward,smuggling,DE,2001,");
        Assert.Equal("ops.csv, row 2, column 'direction': 'sideways' is not a direction (inward or outward)", errors[0]);
        Assert.StartsWith("ops.csv, row 3, column 'mode': 'smuggling' is not a mode of operation; expected a neutral code (goods_trade, services_trade, licensing,", errors[1]);
        Assert.EndsWith("or a direction-specific one (see 'twoway modes')", errors[1]);
        Assert.Equal(2, errors.Count);
    }

    // ---- firms and ids ----

    [Fact]
    public void Unknown_firm_in_operations_is_an_error()
    {
        Assert.Equal("ops.csv, row 2, column 'firm_id': no firm 'GE-7' in the firms file(s) or in the study",
            OpError("o1,GE-7,inward,goods_trade,DE,2001,"));
    }

    [Fact]
    public void Operation_of_a_firm_whose_row_is_invalid_gets_no_second_misleading_error()
    {
        var errors = Errors(null, Firms(FirmsHeader + "\nRS-01,Metalac,XX,,,,\n"), Ops("o1,RS-01,inward,goods_trade,DE,2001,"));
        Assert.Equal("firms.csv, row 2, column 'home_country': 'XX' is not an ISO 3166-1 alpha-2 country code (e.g. RS, PL, GE)", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Duplicate_firm_id_names_the_first_row()
    {
        var e = Assert.Single(Errors(null, Firms(FirmsHeader + "\n# c\nRS-01,A,RS,,,,\nPL-02,B,PL,,,,\nRS-01,C,RS,,,,\n")));
        Assert.Equal("firms.csv, row 5, column 'firm_id': firm id 'RS-01' appears twice (first on row 3 of firms.csv)", e.ToString());
    }

    [Fact]
    public void Duplicate_firm_id_across_two_files_names_the_other_file()
    {
        var other = _dir.Write("more-firms.csv", FirmsHeader + "\nPL-02,Again,PL,,,,\n");
        var e = Assert.Single(Errors(null, Firms(), other));
        Assert.Equal("more-firms.csv, row 2, column 'firm_id': firm id 'PL-02' appears twice (first on row 3 of firms.csv)", e.ToString());
    }

    [Fact]
    public void Repeated_operation_id_with_other_values_is_an_error_naming_the_first_row()
    {
        Assert.Equal("ops.csv, row 3, column 'partner_country': operation id 'o1' was already used on row 2 of ops.csv; a repeated id may only add evidence (leave the other columns blank or equal)",
            OpError("o1,RS-01,inward,goods_trade,DE,2001,", "o1,RS-01,inward,goods_trade,IT,2001,"));
    }

    [Fact]
    public void Repeated_operation_id_without_evidence_is_an_error()
    {
        Assert.Equal("ops.csv, row 3, column 'evidence_kind': operation id 'o1' repeats without evidence; a repeated id must add an evidence_kind",
            OpError("o1,RS-01,inward,goods_trade,DE,2001,", "o1,,,,,,"));
    }

    [Fact]
    public void Repeated_operation_id_in_another_file_is_an_error()
    {
        var more = _dir.Write("ops2.csv", OpsHeader + "\no1,RS-01,inward,goods_trade,DE,2001,\n");
        var e = Assert.Single(Errors(null, Firms(), Ops("o1,RS-01,inward,goods_trade,DE,2001,"), more));
        Assert.Equal("ops2.csv, row 2, column 'operation_id': operation id 'o1' was already used on row 2 of ops.csv; rows adding evidence to an operation must be in the same file as the operation", e.ToString());
    }

    [Theory]
    [InlineData("RS 01")]
    [InlineData("RS/01")]
    public void Invalid_firm_id_is_an_error(string id)
    {
        var e = Assert.Single(Errors(null, Firms(FirmsHeader + $"\n{id},A,RS,,,,\n")));
        Assert.Equal($"firms.csv, row 2, column 'firm_id': '{id}' is not a valid firm id (1–64 letters, digits, '-', '_' or '.')", e.ToString());
    }

    [Fact]
    public void Too_long_operation_id_is_an_error()
    {
        var id = new string('x', 129);
        Assert.Equal("ops.csv, row 2, column 'operation_id': an operation id must be 1–128 characters", OpError($"{id},RS-01,inward,goods_trade,DE,2001,"));
    }

    [Fact]
    public void Ids_already_in_the_study_are_refused_unless_replacing()
    {
        var stored = new ImportTarget(new HashSet<FirmId> { new("RS-01") }, new HashSet<OperationId> { new("o1") }, false);
        var errors = Errors(stored, Firms(), Ops("o1,RS-01,inward,goods_trade,DE,2001,")).Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "firms.csv, row 2, column 'firm_id': firm 'RS-01' is already in the study; nothing was changed (import with --replace to update it)",
            "ops.csv, row 2, column 'operation_id': operation 'o1' is already in the study; nothing was changed (import with --replace to update it)",
        ], errors);

        var replacing = stored with { Replace = true };
        var batch = CaseImport.Read([Firms(), Ops("o1,RS-01,inward,goods_trade,DE,2001,")], replacing);
        Assert.Equal(2, batch.Firms.Count);
        Assert.Single(batch.Operations);
    }

    // ---- columns ----

    [Fact]
    public void Missing_required_columns_are_errors_on_the_header_row()
    {
        var errors = Errors(null, Firms("firm_id,name\nRS-01,A\n"), _dir.Write("ops.csv", "operation_id,firm_id,mode\no1,RS-01,goods_export\n"))
            .Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "firms.csv, row 1, column 'home_country': this required column is missing from the header",
            "ops.csv, row 1, column 'partner_country': this required column is missing from the header",
            "ops.csv, row 1, column 'start': this required column is missing from the header",
        ], errors);
    }

    [Fact]
    public void Unknown_column_is_an_error_listing_the_known_ones()
    {
        var e = Assert.Single(Errors(null, Firms(), _dir.Write("ops.csv", OpsHeader + ",partner_countyr\no1,RS-01,inward,goods_trade,DE,2001,,x\n")));
        Assert.Equal("ops.csv", e.Source);
        Assert.Equal(1, e.Row);
        Assert.Equal("partner_countyr", e.Field);
        Assert.StartsWith("unknown column; expected only: operation_id, firm_id, direction, mode, partner_country, partner, start, end,", e.Message);
    }

    [Fact]
    public void Attribute_columns_are_only_allowed_in_firms_files_and_need_a_key()
    {
        var errors = Errors(null, Firms("firm_id,name,home_country,attr:\nRS-01,A,RS,x\n"),
            _dir.Write("ops.csv", OpsHeader + ",attr:x\no1,RS-01,inward,goods_trade,DE,2001,,y\n"));
        Assert.Equal([("firms.csv", "attr:"), ("ops.csv", "attr:x")], errors.Select(e => (e.Source, e.Field!)));
        Assert.All(errors, e => Assert.StartsWith("unknown column", e.Message));
    }

    [Fact]
    public void A_file_that_is_neither_firms_nor_operations_is_an_error_unless_the_kind_is_given()
    {
        var path = _dir.Write("x.csv", "id,name\n1,a\n");
        var e = Assert.Single(Errors(null, path));
        Assert.Equal("x.csv, row 1: cannot tell whether this is a firms or an operations file: a firms header has firm_id and name, an operations header has operation_id (or pass --kind)", e.ToString());
        var forced = Assert.Throws<InputException>(() => CaseImport.Read([path], ImportTarget.Empty, CaseTableKind.Firms)).Errors;
        Assert.Contains(forced, x => x.Field == "firm_id" && x.Message == "this required column is missing from the header");
    }

    [Fact]
    public void Column_names_are_case_insensitive_and_attribute_keys_keep_their_spelling()
    {
        var batch = CaseImport.Read([Firms("Firm_ID,NAME,Home_Country,ATTR:Region Type\nRS-01,A,rs,Capital city\n")], ImportTarget.Empty);
        var firm = Assert.Single(batch.FirmValues);
        Assert.Equal("RS", firm.HomeCountry.Value);
        Assert.Equal("Capital city", firm.Attributes["Region Type"]);
    }

    // ---- firm fields ----

    [Theory]
    [InlineData("RS-01,A,RS,C25.1,huge,1994", "size", "'huge' is not a size class (micro, small, medium, large)")]
    [InlineData("RS-01,A,RS,C25.1,small,1700", "founding_year", "1700 is outside the allowed range 1800–2200")]
    [InlineData("RS-01,A,RS,C25.1,small,199x", "founding_year", "'199x' is not a whole number")]
    [InlineData("RS-01,A,RS,25,small,1994", "sector", "'25' is not a NACE Rev.2 / ISIC Rev.4 code (a section letter A–U, optionally followed by digits such as C25 or C25.1).")]
    [InlineData("RS-01,,RS,,,", "name", "a value is required here")]
    [InlineData(",A,RS,,,", "firm_id", "a value is required here")]
    public void Bad_firm_fields_are_errors(string line, string column, string message)
    {
        var e = Assert.Single(Errors(null, Firms("firm_id,name,home_country,sector,size,founding_year\n" + line + "\n")));
        Assert.Equal($"firms.csv, row 2, column '{column}': {message}", e.ToString());
    }

    // ---- text lengths (the storage model's limits, enforced by PostgreSQL) ----

    [Fact]
    public void Texts_longer_than_the_study_can_store_are_errors()
    {
        var longText = new string('x', CaseColumns.MaxTextLength + 1);
        var firms = Firms(FirmsHeader + $"\nRS-01,{longText},RS,,,,\nPL-02,{longText[1..]},PL,,,,\n");
        var ops = _dir.Write("ev.csv", "operation_id,firm_id,direction,mode,partner_country,partner,start,evidence_kind,evidence_reference\n" +
            $"o1,PL-02,inward,goods_trade,DE,{longText},2001,document,{longText}\n");
        Assert.Equal(
        [
            "firms.csv, row 2, column 'name': the text is 401 characters long; at most 400 are allowed",
            "ev.csv, row 2, column 'partner': the text is 401 characters long; at most 400 are allowed",
            "ev.csv, row 2, column 'evidence_reference': the text is 401 characters long; at most 400 are allowed",
        ], Errors(null, firms, ops).Select(e => e.ToString()));
    }

    [Fact]
    public void Attribute_key_longer_than_the_study_can_store_is_an_error_on_the_header()
    {
        var key = new string('k', CaseColumns.MaxAttributeKeyLength + 1);
        var e = Assert.Single(Errors(null, Firms($"firm_id,name,home_country,attr:{key}\nRS-01,A,RS,x\n")));
        Assert.Equal($"firms.csv, row 1, column 'attr:{key}': an attribute key may have at most 200 characters", e.ToString());
        Assert.Single(CaseImport.Read([Firms($"firm_id,name,home_country,attr:{key[1..]}\nRS-01,A,RS,x\n")], ImportTarget.Empty).Firms);
    }

    // ---- operation fields: enums, volume, end reason ----

    private const string FullHeader = "operation_id,firm_id,direction,mode,partner_country,start,end,channel,annual_value,currency,share_of_total,end_reason,end_reason_note";

    private string FullOpError(string tail)
    {
        var ops = _dir.Write("full.csv", FullHeader + "\no1,RS-01,inward,goods_trade,DE,2001," + tail + "\n");
        return Assert.Single(Errors(null, Firms(), ops)).ToString();
    }

    [Theory]
    [InlineData("2005,sideways,,,,,", "channel", "'sideways' is not a trade channel (direct or indirect)")]
    [InlineData("2005,,,,,war,", "end_reason", "'war' is not an end reason (sanctions, geopolitical_barrier, partner_exit, resource_constraint, market_conditions, strategic_refocus, other)")]
    [InlineData(",,,,,sanctions,", "end_reason", "An end reason needs an end.")]
    [InlineData("2005,,,,,,EU measures", "end_reason_note", "a note needs an end_reason")]
    [InlineData(",,100,,,,", "currency", "A value needs its ISO 4217 currency.")]
    [InlineData(",,,EUR,,,", "currency", "a currency was given without an annual_value")]
    [InlineData(",,,EUR,0.5,,", "currency", "a currency was given without an annual_value")]
    [InlineData(",,100,EURO,,,", "currency", "'EURO' is not an ISO 4217 currency code (e.g. EUR, USD, RSD)")]
    [InlineData(",,-100,EUR,,,", "annual_value", "-100 is negative; expected zero or more")]
    [InlineData(",,\"1,5\",EUR,,,", "annual_value", "'1,5' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData(",,,,150%,,", "share_of_total", "'150%' is not a share between 0 and 1 (0% and 100%)")]
    [InlineData(",,,,half,,", "share_of_total", "'half' is not a share (write 0.25 or 25%)")]
    public void Bad_operation_fields_are_errors(string tail, string column, string message) =>
        Assert.Equal($"full.csv, row 2, column '{column}': {message}", FullOpError(tail));

    [Fact]
    public void Channel_applies_only_to_goods_trade()
    {
        var ops = _dir.Write("full.csv", FullHeader + "\no1,RS-01,inward,licensing,DE,2001,,direct,,,,,\n");
        Assert.Equal("full.csv, row 2, column 'channel': A trade channel applies only to goods trade, not to licensing-in.",
            Assert.Single(Errors(null, Firms(), ops)).ToString());
    }

    // ---- evidence ----

    private const string EvidenceHeader = OpsHeader + ",evidence_kind,evidence_reference,interview_round,quotation";

    [Fact]
    public void Evidence_rows_add_evidence_to_an_operation_in_order()
    {
        var ops = _dir.Write("ev.csv", EvidenceHeader + "\n" +
            "o1,RS-01,inward,goods_trade,DE,2001,,interview,CEO,2,\"We bought machines, first from Italy.\"\n" +
            "o2,RS-01,outward,goods_trade,DE,2003,,,,,\n" +
            "o1,,,,,,,customs_record,SAD 2001/44,,\n" +
            "o1,RS-01,inward,goods_trade,DE,2001,,Annual Report,AR 2002 p. 4,,\n");
        var batch = CaseImport.Read([Firms(), ops], ImportTarget.Empty);
        var o1 = batch.OperationValues.Single(o => o.Id.Value == "o1");
        Assert.Equal(
        [
            new Evidence(EvidenceKind.Interview, "CEO", 2, "We bought machines, first from Italy."),
            new Evidence(EvidenceKind.CustomsRecord, "SAD 2001/44"),
            new Evidence(EvidenceKind.AnnualReport, "AR 2002 p. 4"),
        ], o1.Evidence.ToArray());
        Assert.Empty(batch.OperationValues.Single(o => o.Id.Value == "o2").Evidence);
        Assert.Equal(2, batch.Operations.Count);
    }

    [Theory]
    [InlineData("gossip,,,", "evidence_kind", "'gossip' is not an evidence kind (interview, customs_record, annual_report, survey_item, document)")]
    [InlineData(",CEO,,", "evidence_kind", "evidence columns are filled but evidence_kind is blank; say what kind of source it is")]
    [InlineData("document,p. 3,2,", "interview_round", "An interview round only applies to interview evidence.")]
    [InlineData("interview,CEO,0,", "interview_round", "0 is outside the allowed range 1–1000")]
    public void Bad_evidence_is_an_error(string evidence, string column, string message)
    {
        var ops = _dir.Write("ev.csv", EvidenceHeader + "\no1,RS-01,inward,goods_trade,DE,2001,," + evidence + "\n");
        Assert.Equal($"ev.csv, row 2, column '{column}': {message}", Assert.Single(Errors(null, Firms(), ops)).ToString());
    }

    // ---- all errors, not just the first ----

    [Fact]
    public void Every_error_of_every_file_is_reported_in_file_and_row_order()
    {
        var firms = Firms(FirmsHeader + "\nRS-01,Metalac,UK,,,,\nPL-02,Piekarnia,PL,,tiny,,\nGE-03,Tbilisi Tea,GE,,,,\n");
        var ops = Ops(
            "o1,RS-01,inward,goods_export,DE,2001,",
            "o2,GE-03,outward,goods_trade,XX,2001,",
            "o3,GE-03,outward,goods_trade,DE,2005,2001",
            "o4,KZ-04,outward,goods_trade,DE,2001,",
            "o5,GE-03,outward,goods_trade,DE,20x1,",
            "o6,GE-03,outward,goods_trade,DE,2001,");
        var errors = Errors(null, firms, ops);
        Assert.Equal(
        [
            ("firms.csv", 2, "home_country"),
            ("firms.csv", 3, "size"),
            ("ops.csv", 2, "mode"),
            ("ops.csv", 3, "partner_country"),
            ("ops.csv", 4, "end"),
            ("ops.csv", 5, "firm_id"),
            ("ops.csv", 6, "start"),
        ], errors.Select(e => (e.Source, e.Row!.Value, e.Field!)));
    }

    [Fact]
    public void Several_errors_in_one_row_are_all_reported()
    {
        var errors = OpErrors("o1,RS-01,upward,goods_trade,XX,2001-14,");
        Assert.Equal(3, errors.Count);
        Assert.Contains("column 'direction'", errors[0]);
        Assert.Contains("column 'partner_country'", errors[1]);
        Assert.Contains("column 'start'", errors[2]);
    }

    [Fact]
    public void Unreadable_files_are_all_reported_together()
    {
        var errors = Errors(null, _dir.Write("a.json", "{}"), _dir.File("missing.csv"), _dir.Write("b.csv", "x,x\n"));
        Assert.Equal(["a.json", "missing.csv", "b.csv"], errors.Select(e => e.Source));
    }

    // ---- xlsx workbook ----

    [Fact]
    public void Xlsx_workbook_with_firms_and_operations_sheets_imports_in_one_go_and_errors_name_the_sheet()
    {
        var path = _dir.File("cases.xlsx");
        TableWriter.WriteWorkbook(path,
        [
            new("Firms", ["firm_id", "name", "home_country"], [["RS-01", "Metalac", "RS"]]),
            new("Operations", ["operation_id", "firm_id", "direction", "mode", "partner_country", "start"],
                [["o1", "RS-01", "inward", "goods_trade", "DE", "2001"], ["o2", "RS-01", "inward", "goods_trade", "DE", "2001"]]),
        ]);
        var batch = CaseImport.Read([path], ImportTarget.Empty);
        Assert.Single(batch.Firms);
        Assert.Equal([("cases.xlsx [Operations]", 2), ("cases.xlsx [Operations]", 3)], batch.Operations.Select(o => (o.Source, o.Row)));

        TableWriter.WriteWorkbook(path,
        [
            new("firms", ["firm_id", "name", "home_country"], [["RS-01", "Metalac", "RS"]]),
            new("operations", ["operation_id", "firm_id", "direction", "mode", "partner_country", "start"],
                [["o1", "RS-01", "inward", "goods_export", "DE", "2001"]]),
        ]);
        var e = Assert.Single(Errors(null, path));
        Assert.Equal("cases.xlsx [operations], row 2, column 'mode': 'goods_export' is an outward mode and does not exist in direction 'inward'; use goods_import (or goods_trade)", e.ToString());
    }

    [Fact]
    public void Xlsx_date_cells_in_start_and_end_count_as_their_month()
    {
        // A spreadsheet turns "2007-03" typed into a cell into the date 2007-03-01 (stored as a date number).
        var path = _dir.File("typed-dates.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["operation_id"] = "o1", ["firm_id"] = "RS-01", ["mode"] = "goods_export", ["partner_country"] = "AT",
                ["start"] = new DateTime(2007, 3, 1), ["end"] = new DateTime(2014, 11, 30) },
        });
        var op = Assert.Single(CaseImport.Read([Firms(), path], ImportTarget.Empty).OperationValues);
        Assert.Equal((new YearMonth(2007, 3), new YearMonth(2014, 11)), (op.Start, op.End));

        // Anything else that is not a period is still an error naming the cell.
        Assert.Contains("row 2, column 'start'", OpError("o1,RS-01,outward,goods_export,AT,2007-13-01,"));
    }

    [Fact]
    public void Single_sheet_xlsx_is_detected_by_its_header()
    {
        var path = _dir.File("ops.xlsx");
        TableWriter.Write(path, ["operation_id", "firm_id", "mode", "partner_country", "start"], [["o1", "RS-01", "goods_export", "AT", "2001-03"]]);
        var batch = CaseImport.Read([Firms(), path], ImportTarget.Empty);
        Assert.Equal(new YearMonth(2001, 3), Assert.Single(batch.OperationValues).Start);
    }
}
