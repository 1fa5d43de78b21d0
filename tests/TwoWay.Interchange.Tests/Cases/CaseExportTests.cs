using System.Collections.Immutable;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Tests.Cases;

public class CaseExportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly FirmId Metalac = new("RS-01");
    private static readonly FirmId Tea = new("GE-03");
    private static readonly FirmId Bare = new("KZ_4.b");

    /// <summary>Cases using every field the formats carry: attributes, every optional operation field, several evidences, months, non-ASCII text.</summary>
    private static IReadOnlyList<FirmCase> Cases()
    {
        var attrs = ImmutableSortedDictionary<string, string>.Empty.Add("Economy", "post-transition").Add("owner gender", "female");
        var metalac = new Firm(Metalac, "Metalac Precision d.o.o. — Šabac Ćevapi", CountryCode.Parse("RS"), "C25.1", SizeClass.Small, 1994, attrs);
        var tea = new Firm(Tea, "თბილისის ჩაი (Tbilisi Tea)", CountryCode.Parse("GE"), "A", SizeClass.Micro, 2011,
            ImmutableSortedDictionary<string, string>.Empty.Add("Economy", "post-transition"));
        var bare = new Firm(Bare, "Bare, \"quoted\" LLP", CountryCode.Parse("KZ"));
        Operation Op(string id, FirmId firm, Direction d, Mode m, string country, YearMonth start, YearMonth? end = null, string? partner = null,
            TradeChannel? channel = null, Volume? volume = null, EndReason? reason = null, params Evidence[] evidence) =>
            new(new OperationId(id), firm, d, m, CountryCode.Parse(country), start, end, partner, channel, volume, reason, [.. evidence]);
        return
        [
            new FirmCase(metalac,
            [
                Op("RS-01/1", Metalac, Direction.Inward, Mode.GoodsTrade, "DE", new YearMonth(1996, 3), new YearMonth(2014, 11), "Müller GmbH",
                    TradeChannel.Indirect, new Volume(250000.50m, CurrencyCode.Parse("EUR"), 0.125),
                    new EndReason(EndReasonKind.Sanctions, "EU restrictive measures, 2014"),
                    new Evidence(EvidenceKind.Interview, "CEO", 2, "We first bought machines from Italy, \"used\" ones;\nthen new."),
                    new Evidence(EvidenceKind.CustomsRecord, "SAD 1996/44"),
                    new Evidence(EvidenceKind.Document)),
                Op("RS-01/2", Metalac, Direction.Outward, Mode.Licensing, "IT", new YearMonth(2003), partner: "Rossi S.p.A.",
                    volume: new Volume(shareOfTotal: 1.0 / 3)),
                Op("RS-01/3", Metalac, Direction.Inward, Mode.Finance, "AT", new YearMonth(2005, 12), new YearMonth(2006),
                    volume: new Volume(1_000_000m, CurrencyCode.Parse("RSD")), reason: new EndReason(EndReasonKind.Other)),
                Op("RS-01/4", Metalac, Direction.Outward, Mode.GoodsTrade, "RU", new YearMonth(2008), new YearMonth(2022, 2),
                    channel: TradeChannel.Direct, reason: new EndReason(EndReasonKind.GeopoliticalBarrier, "Кризис"),
                    evidence: new Evidence(EvidenceKind.AnnualReport, "AR 2022, p. 4")),
            ]),
            new FirmCase(tea,
            [
                Op("GE-03 op #1", Tea, Direction.Outward, Mode.ProductionSubsidiary, "AM", new YearMonth(2015, 1),
                    evidence: new Evidence(EvidenceKind.SurveyItem, "Q12")),
                Op("GE-03/2", Tea, Direction.Inward, Mode.Personnel, "CN", new YearMonth(2012)),
            ]),
            new FirmCase(bare, []),
        ];
    }

    /// <summary>Imports the files and groups the result into cases, as a study would store them.</summary>
    private static IReadOnlyList<FirmCase> Import(IEnumerable<string> files)
    {
        var batch = CaseImport.Read(files, ImportTarget.Empty);
        return batch.FirmValues.Select(f => new FirmCase(f, batch.OperationValues.Where(o => o.Firm == f.Id))).ToList();
    }

    private static void AssertSameCases(IReadOnlyList<FirmCase> expected, IReadOnlyList<FirmCase> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Firm, actual[i].Firm);
            Assert.Equal(expected[i].Operations.Length, actual[i].Operations.Length);
            for (var j = 0; j < expected[i].Operations.Length; j++)
            {
                var (e, a) = (expected[i].Operations[j], actual[i].Operations[j]);
                Assert.Equal(e.Evidence.ToArray(), a.Evidence.ToArray());
                Assert.Equal(e.Volume, a.Volume);
                Assert.Equal(e, a);
            }
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Csv_export_writes_two_files_that_import_back_to_equal_cases()
    {
        var cases = Cases();
        var files = CaseExport.Write(_dir.File("out.csv"), cases);
        Assert.Equal([_dir.File("out-firms.csv"), _dir.File("out-operations.csv")], files);
        AssertSameCases(cases, Import(files));
    }

    [Fact]
    public void Xlsx_export_writes_one_workbook_that_imports_back_to_equal_cases()
    {
        var cases = Cases();
        var files = CaseExport.Write(_dir.File("out.xlsx"), cases);
        Assert.Equal([_dir.File("out.xlsx")], files);
        Assert.Equal(["firms", "operations", "About firms", "About operations"], TableReader.SheetNames(files[0]));
        AssertSameCases(cases, Import(files));
    }

    [Fact]
    public void Exported_files_import_again_into_the_exported_files_unchanged()
    {
        var first = CaseExport.Write(_dir.File("a.csv"), Cases());
        var second = CaseExport.Write(_dir.File("b.csv"), Import(first));
        Assert.Equal(first.Select(File.ReadAllText), second.Select(File.ReadAllText));
    }

    [Fact]
    public void Tsv_export_round_trips()
    {
        var cases = Cases();
        AssertSameCases(cases, Import(CaseExport.Write(_dir.File("out.tsv"), cases)));
    }

    [Fact]
    public void Export_of_one_kind_writes_exactly_the_given_file()
    {
        var path = _dir.File("just-ops.csv");
        Assert.Equal([path], CaseExport.Write(path, Cases(), CaseTableKind.Operations));
        var table = TableReader.Read(path);
        Assert.Equal(CaseColumns.Names(CaseTableKind.Operations), table.Columns);
        Assert.Equal(CaseKindOf(path), CaseTableKind.Operations);
    }

    private static CaseTableKind? CaseKindOf(string path) => CaseColumns.Detect(TableReader.Read(path));

    [Fact]
    public void Firms_export_has_one_attribute_column_per_key_and_one_evidence_row_per_further_evidence()
    {
        var files = CaseExport.Write(_dir.File("out.csv"), Cases());
        var firms = TableReader.Read(files[0]);
        Assert.Equal([.. CaseColumns.Names(CaseTableKind.Firms), "attr:economy", "attr:owner gender"], firms.Columns);
        Assert.Equal(["attr:Economy", "attr:owner gender"], firms.Headers!.Skip(6));
        Assert.Null(firms.Rows[2]["attr:economy"]);
        var ops = TableReader.Read(files[1]);
        Assert.Equal(["RS-01/1", "RS-01/1", "RS-01/1", "RS-01/2"], ops.Rows.Take(4).Select(r => r["operation_id"]));
        Assert.Equal([null, null], ops.Rows.Skip(1).Take(2).Select(r => r["mode"]));
        Assert.Equal("2014-11", ops.Rows[0]["end"]);
        Assert.Equal("goods_import", ops.Rows[0]["mode"]);
    }

    [Fact]
    public void Attribute_keys_spelt_in_different_case_by_different_firms_share_one_column_and_import_back()
    {
        // Two imports may name one attribute differently; the file format has one column per key, ignoring case.
        var a = new Firm(Metalac, "M", CountryCode.Parse("RS"), attributes: ImmutableSortedDictionary<string, string>.Empty.Add("economy", "post-transition"));
        var b = new Firm(Tea, "T", CountryCode.Parse("GE"), attributes: ImmutableSortedDictionary<string, string>.Empty.Add("Economy", "emerging"));
        var files = CaseExport.Write(_dir.File("case.csv"), [new FirmCase(a, []), new FirmCase(b, [])]);
        var table = TableReader.Read(files[0]);
        Assert.Equal(["attr:Economy"], table.Headers!.Skip(6));
        var back = Import(files);
        Assert.Equal(["post-transition", "emerging"], back.Select(c => c.Firm.Attributes["Economy"]));
    }

    [Fact]
    public void A_firm_cannot_have_two_attribute_keys_that_differ_only_in_case()
    {
        var attrs = ImmutableSortedDictionary<string, string>.Empty.Add("economy", "x").Add("Economy", "y");
        var e = Assert.Throws<ArgumentException>(() => new Firm(Metalac, "M", CountryCode.Parse("RS"), attributes: attrs));
        Assert.Contains("differ only in case", e.Message);
    }

    [Fact]
    public void Empty_study_exports_header_only_files_that_import_to_nothing()
    {
        var files = CaseExport.Write(_dir.File("empty.xlsx"), []);
        var batch = CaseImport.Read(files, ImportTarget.Empty);
        Assert.Empty(batch.Firms);
        Assert.Empty(batch.Operations);
    }

    [Fact]
    public void Operation_id_starting_with_a_hash_survives_the_round_trip()
    {
        var firm = new Firm(Metalac, "M", CountryCode.Parse("RS"));
        var op = new Operation(new OperationId("#7"), Metalac, Direction.Inward, Mode.GoodsTrade, CountryCode.Parse("DE"), new YearMonth(2001));
        FirmCase[] cases = [new(firm, [op])];
        AssertSameCases(cases, Import(CaseExport.Write(_dir.File("hash.csv"), cases)));
        AssertSameCases(cases, Import(CaseExport.Write(_dir.File("hash.xlsx"), cases)));
    }

    // ---- templates ----

    [Theory]
    [InlineData(CaseTableKind.Firms)]
    [InlineData(CaseTableKind.Operations)]
    public void Csv_template_explains_every_column_in_comments_and_imports_as_an_empty_table(CaseTableKind kind)
    {
        var path = _dir.File($"{kind}.csv");
        CaseExport.WriteTemplate(path, kind);
        var comments = File.ReadAllLines(path).TakeWhile(l => l.StartsWith('#')).ToList();
        foreach (var c in CaseColumns.Of(kind))
            Assert.Contains(comments, l => l.StartsWith($"# {c.Name}{(c.Required ? " (required)" : "")}: {c.Description}", StringComparison.Ordinal));

        var tables = CaseImport.ReadTables([path]);
        var (table, detected) = Assert.Single(tables);
        Assert.Equal(kind, detected);
        Assert.Empty(table.Rows);
        var batch = CaseImport.Validate(tables, ImportTarget.Empty);
        Assert.Empty(batch.Firms);
        Assert.Empty(batch.Operations);
    }

    [Fact]
    public void Firms_template_shows_an_example_attribute_column()
    {
        var path = _dir.File("firms.csv");
        CaseExport.WriteTemplate(path, CaseTableKind.Firms);
        Assert.Equal([.. CaseColumns.Names(CaseTableKind.Firms), "attr:economy"], TableReader.Read(path).Columns);
    }

    [Theory]
    [InlineData(CaseTableKind.Firms, "firms")]
    [InlineData(CaseTableKind.Operations, "operations")]
    public void Xlsx_template_has_an_about_sheet_and_imports_as_an_empty_table(CaseTableKind kind, string sheet)
    {
        var path = _dir.File($"{sheet}.xlsx");
        CaseExport.WriteTemplate(path, kind);
        Assert.Equal([sheet, "About " + sheet], TableReader.SheetNames(path));
        var about = TableReader.Read(path, "About " + sheet);
        Assert.Equal(CaseColumns.Of(kind).Select(c => c.Name), about.Rows.Select(r => r["column"]));
        Assert.Equal(CaseColumns.Of(kind).Select(c => c.Description), about.Rows.Select(r => r["description"]));

        var (table, detected) = Assert.Single(CaseImport.ReadTables([path]));
        Assert.Equal(kind, detected);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Filled_in_template_imports()
    {
        var firms = _dir.File("firms.csv");
        var ops = _dir.File("ops.csv");
        CaseExport.WriteTemplate(firms, CaseTableKind.Firms);
        CaseExport.WriteTemplate(ops, CaseTableKind.Operations);
        File.AppendAllText(firms, "RS-01,Metalac,RS,C25,small,1994,post-transition\n");
        File.AppendAllText(ops, "o1,RS-01,,licensing_in,DE,,2007-03,,,,,,,,interview,CEO,1,\"Yes.\"\n");
        var batch = CaseImport.Read([firms, ops], ImportTarget.Empty);
        Assert.Equal("post-transition", batch.FirmValues[0].Attributes["economy"]);
        Assert.Equal(Direction.Inward, batch.OperationValues[0].Direction);
        Assert.Equal(new Evidence(EvidenceKind.Interview, "CEO", 1, "Yes."), batch.OperationValues[0].Evidence[0]);
    }
}
