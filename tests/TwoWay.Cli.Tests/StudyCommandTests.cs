using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace TwoWay.Cli.Tests;

/// <summary>init, template, import, export and firms end to end through a real project file.</summary>
public class StudyCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _study;

    private const string FirmsCsv =
        "# two firms\n" +
        "firm_id,name,home_country,sector,size,founding_year,attr:Economy\n" +
        "RS-01,Metalac Precision,RS,C25.1,small,1994,post-transition\n" +
        "PL-02,Piekarnia Łódź,PL,,,,\n";

    private const string OpsHeader = "operation_id,firm_id,direction,mode,partner_country,partner,start,end,evidence_kind,evidence_reference,interview_round,quotation";

    private const string OpsCsv = OpsHeader + "\n" +
        "RS-01/1,RS-01,inward,goods_trade,DE,Müller GmbH,1996-03,,interview,CEO,1,\"We bought machines, first used ones.\"\n" +
        "RS-01/1,,,,,,,,customs_record,SAD 1996/44,,\n" +
        "RS-01/2,RS-01,,goods_export,DE,Müller GmbH,2003,2014,,,,\n" +
        "PL-02/1,PL-02,outward,licensing,UA,,2010,,,,,\n";

    public StudyCommandTests()
    {
        _study = _dir.File("study.twoway");
        Assert.Equal(0, CliRunner.Run("init", _study).ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement[] Firms(string study)
    {
        var r = CliRunner.Run("firms", study, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        return doc.RootElement.GetProperty("firms").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private CliRunner.Result ImportGood() => CliRunner.Run("import", _study, Write("firms.csv", FirmsCsv), Write("ops.csv", OpsCsv));

    /// <summary>Runs an import that must fail: exit 1, the "nothing was stored" headline, and a study still empty.</summary>
    private string[] FailedImport(params string[] files)
    {
        var r = CliRunner.Run(["import", _study, .. files]);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"error: the input was not accepted \(\d+ problems?\); nothing was stored\.", r.Error);
        Assert.Empty(Firms(_study));
        return r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()).ToArray();
    }

    // ---- init ----

    [Fact]
    public void Init_creates_an_empty_study_and_says_what_to_do_next()
    {
        var path = _dir.File("new.twoway");
        var r = CliRunner.Run("init", path);
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(path));
        Assert.Contains("Created study", r.Out);
        Assert.Contains("twoway template firms", r.Out);
        Assert.Empty(Firms(path));
    }

    [Fact]
    public void Init_refuses_to_overwrite_an_existing_study_or_any_file()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var r = CliRunner.Run("init", _study);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("a file is already there; TwoWay never overwrites a study", r.Error);
        Assert.Equal(2, Firms(_study).Length);

        var other = Write("notes.twoway", "my notes");
        Assert.Equal(1, CliRunner.Run("init", other).ExitCode);
        Assert.Equal("my notes", File.ReadAllText(other));
    }

    [Fact]
    public void Init_in_a_missing_folder_is_an_input_error()
    {
        var r = CliRunner.Run("init", Path.Combine(_dir.Path, "no", "such", "s.twoway"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does not exist", r.Error);
    }

    [Fact]
    public void Commands_on_a_missing_or_foreign_file_are_input_errors()
    {
        var missing = CliRunner.Run("firms", _dir.File("missing.twoway"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no study file here; create one with 'twoway init", missing.Error);
        var text = CliRunner.Run("import", Write("fake.twoway", "not a database at all"), Write("firms.csv", FirmsCsv));
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("this file is not a TwoWay study", text.Error);
    }

    // ---- template ----

    [Theory]
    [InlineData("firms", "firms.csv")]
    [InlineData("operations", "operations.csv")]
    [InlineData("firms", "firms.xlsx")]
    [InlineData("Operations", "ops.xlsx")]
    public void Template_writes_a_documented_file_that_imports_as_nothing(string kind, string file)
    {
        var path = _dir.File(file);
        var r = CliRunner.Run("template", kind, path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"Wrote the {kind.ToLowerInvariant()} template", r.Out);
        Assert.True(File.Exists(path));
        if (file.EndsWith(".csv"))
            Assert.StartsWith("# TwoWay " + kind.ToLowerInvariant() + " file", File.ReadAllText(path));
        else
            Assert.Contains("About " + kind.ToLowerInvariant(), MiniExcelLibs.MiniExcel.GetSheetNames(path));

        var import = CliRunner.Run("import", _study, path, "--json");
        Assert.Equal(0, import.ExitCode);
        using var doc = JsonDocument.Parse(import.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("firms_added").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("operations_added").GetInt32());
    }

    [Fact]
    public void Template_refuses_to_overwrite_unless_forced()
    {
        var path = Write("firms.csv", "mine");
        var r = CliRunner.Run("template", "firms", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the file already exists; choose another name or pass --force to overwrite it", r.Error);
        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Equal(0, CliRunner.Run("template", "firms", path, "--force").ExitCode);
        Assert.StartsWith("# TwoWay firms file", File.ReadAllText(path));
    }

    [Fact]
    public void Filled_in_templates_import()
    {
        var firms = _dir.File("firms.csv");
        var ops = _dir.File("ops.xlsx");
        Assert.Equal(0, CliRunner.Run("template", "firms", firms).ExitCode);
        File.AppendAllText(firms, "GE-01,Tbilisi Tea,GE,A,micro,2011,post-transition\n");
        Assert.Equal(0, CliRunner.Run("import", _study, firms).ExitCode);
        var firm = Assert.Single(Firms(_study));
        Assert.Equal("GE-01", firm.GetProperty("firm_id").GetString());
        Assert.Equal("post-transition", firm.GetProperty("attributes").GetProperty("economy").GetString());
    }

    // ---- import: good files ----

    [Fact]
    public void Import_of_good_files_stores_firms_and_operations_and_lists_them()
    {
        var r = ImportGood();
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Error);
        Assert.Contains("2 firms added, 0 replaced; 3 operations added, 0 replaced.", r.Out);

        var firms = Firms(_study);
        Assert.Equal(["PL-02", "RS-01"], firms.Select(f => f.GetProperty("firm_id").GetString()));
        var rs = firms[1];
        Assert.Equal("Metalac Precision", rs.GetProperty("name").GetString());
        Assert.Equal("RS", rs.GetProperty("home_country").GetString());
        Assert.Equal("C25.1", rs.GetProperty("sector").GetString());
        Assert.Equal("small", rs.GetProperty("size").GetString());
        Assert.Equal(1994, rs.GetProperty("founding_year").GetInt32());
        Assert.Equal("post-transition", rs.GetProperty("attributes").GetProperty("Economy").GetString());
        Assert.Equal(1, rs.GetProperty("inward_operations").GetInt32());
        Assert.Equal(1, rs.GetProperty("outward_operations").GetInt32());
        var pl = firms[0];
        Assert.Equal("Piekarnia Łódź", pl.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, pl.GetProperty("sector").ValueKind);
        Assert.Equal(JsonValueKind.Null, pl.GetProperty("size").ValueKind);
        Assert.Equal(JsonValueKind.Null, pl.GetProperty("founding_year").ValueKind);
        Assert.Empty(pl.GetProperty("attributes").EnumerateObject());
        Assert.Equal(0, pl.GetProperty("inward_operations").GetInt32());
        Assert.Equal(1, pl.GetProperty("outward_operations").GetInt32());
    }

    [Fact]
    public void Import_json_reports_the_counts_with_documented_keys()
    {
        var firms = Write("firms.csv", FirmsCsv);
        var r = CliRunner.Run("import", _study, firms, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(["study", "files", "firms_added", "firms_replaced", "operations_added", "operations_replaced"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal([firms], root.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, root.GetProperty("firms_added").GetInt32());
        Assert.Equal(0, root.GetProperty("operations_added").GetInt32());
    }

    [Fact]
    public void Firms_and_operations_may_come_in_separate_imports_and_in_one_workbook()
    {
        Assert.Equal(0, CliRunner.Run("import", _study, Write("firms.csv", FirmsCsv)).ExitCode);
        Assert.Equal(0, CliRunner.Run("import", _study, Write("ops.csv", OpsCsv)).ExitCode);
        Assert.Equal(3, Firms(_study).Sum(f => f.GetProperty("inward_operations").GetInt32() + f.GetProperty("outward_operations").GetInt32()));

        var book = _dir.File("cases.xlsx");
        Assert.Equal(0, CliRunner.Run("export", _study, book).ExitCode);
        var copy = _dir.File("copy.twoway");
        Assert.Equal(0, CliRunner.Run("init", copy).ExitCode);
        var r = CliRunner.Run("import", copy, book);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2 firms added, 0 replaced; 3 operations added, 0 replaced.", r.Out);
    }

    [Fact]
    public void Semicolon_separated_csv_from_a_spreadsheet_imports()
    {
        var r = CliRunner.Run("import", _study, Write("firms.csv", "firm_id;name;home_country\nRS-01;Metalac, d.o.o.;RS\n"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Metalac, d.o.o.", Assert.Single(Firms(_study)).GetProperty("name").GetString());
    }

    [Fact]
    public void Kind_option_reads_a_file_whose_header_does_not_tell()
    {
        // Without 'name' the header looks like neither table; --kind firms makes the missing column the error.
        var path = Write("f.csv", "firm_id,home_country\nRS-01,RS\n");
        var lines = FailedImport(path);
        Assert.Equal(["f.csv, row 1: cannot tell whether this is a firms or an operations file: a firms header has firm_id and name, an operations header has operation_id (or pass --kind)"], lines);
        var r = CliRunner.Run("import", _study, path, "--kind", "firms");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("f.csv, row 1, column 'name': this required column is missing from the header", r.Error);
    }

    // ---- import: every error class, nothing stored ----

    [Theory]
    [InlineData("RS-01/1,RS-01,inward,goods_trade,UK,,2001,,,,,", "ops.csv, row 2, column 'partner_country': 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?")]
    [InlineData("RS-01/1,RS-01,inward,goods_trade,XX,,2001,,,,,", "ops.csv, row 2, column 'partner_country': 'XX' is not an ISO 3166-1 alpha-2 country code (e.g. RS, PL, GE)")]
    [InlineData("RS-01/1,RS-01,inward,goods_trade,DE,,2005,2001,,,,", "ops.csv, row 2, column 'end': The end 2001 is before the start 2005.")]
    [InlineData("RS-01/1,RS-01,inward,goods_export,DE,,2001,,,,,", "ops.csv, row 2, column 'mode': 'goods_export' is an outward mode and does not exist in direction 'inward'; use goods_import (or goods_trade)")]
    [InlineData("RS-01/1,XX-99,inward,goods_trade,DE,,2001,,,,,", "ops.csv, row 2, column 'firm_id': no firm 'XX-99' in the firms file(s) or in the study")]
    [InlineData("RS-01/1,RS-01,inward,goods_trade,DE,,2001-13,,,,,", "ops.csv, row 2, column 'start': '2001-13' is not a year (YYYY) or year-month (YYYY-MM) between 1800 and 2200")]
    [InlineData("RS-01/1,RS-01,inward,goods_trade,DE,,2001,,rumour,,,", "ops.csv, row 2, column 'evidence_kind': 'rumour' is not an evidence kind (interview, customs_record, annual_report, survey_item, document)")]
    [InlineData("RS-01/1,RS-01,,goods_trade,DE,,2001,,,,,", "ops.csv, row 2, column 'direction': a direction is required (inward or outward) because mode 'goods_trade' does not imply one")]
    public void Each_operations_error_class_exits_1_with_its_message_and_stores_nothing(string line, string message)
    {
        var lines = FailedImport(Write("firms.csv", FirmsCsv), Write("ops.csv", OpsHeader + "\n" + line + "\n"));
        Assert.Equal([message], lines);
    }

    [Theory]
    [InlineData("RS-01,A,RS,,,,\nRS-01,B,RS,,,,", "firms.csv, row 3, column 'firm_id': firm id 'RS-01' appears twice (first on row 2 of firms.csv)")]
    [InlineData("RS-01,A,EL,,,,", "firms.csv, row 2, column 'home_country': 'EL' is not an ISO 3166-1 alpha-2 country code; did you mean GR (Greece)?")]
    [InlineData("RS-01,A,RS,,giant,,", "firms.csv, row 2, column 'size': 'giant' is not a size class (micro, small, medium, large)")]
    public void Each_firms_error_class_exits_1_with_its_message_and_stores_nothing(string lines, string message) =>
        Assert.Equal([message], FailedImport(Write("firms.csv", "firm_id,name,home_country,sector,size,founding_year,attr:x\n" + lines + "\n")));

    [Fact]
    public void Header_errors_exit_1()
    {
        var lines = FailedImport(Write("firms.csv", "firm_id,name,country\nRS-01,A,RS\n"));
        Assert.Equal("firms.csv, row 1, column 'home_country': this required column is missing from the header", lines[0]);
        Assert.StartsWith("firms.csv, row 1, column 'country': unknown column; expected only: firm_id, name, home_country", lines[1]);
    }

    [Fact]
    public void Good_firms_are_not_stored_when_the_operations_file_has_an_error()
    {
        var lines = FailedImport(Write("firms.csv", FirmsCsv), Write("ops.csv", OpsCsv + "X/1,RS-01,inward,goods_trade,SRB,,2001,,,,,\n"));
        Assert.Equal(["ops.csv, row 6, column 'partner_country': 'SRB' is not an ISO 3166-1 alpha-2 country code; did you mean RS (Serbia)?"], lines);
    }

    [Fact]
    public void All_problems_are_listed_not_only_the_first()
    {
        var ops = Write("ops.csv", OpsHeader + "\n" +
            "a,RS-01,inward,goods_export,DE,,2001,,,,,\n" +
            "b,RS-01,inward,goods_trade,XX,,2001,,,,,\n" +
            "c,NOPE,inward,goods_trade,DE,,2001,,,,,\n" +
            "d,RS-01,inward,goods_trade,DE,,2005,2001,,,,\n");
        var r = CliRunner.Run("import", _study, Write("firms.csv", FirmsCsv), ops);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("(4 problems); nothing was stored.", r.Error);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()).ToArray();
        Assert.Equal(["ops.csv, row 2, column 'mode'", "ops.csv, row 3, column 'partner_country'", "ops.csv, row 4, column 'firm_id'", "ops.csv, row 5, column 'end'"],
            lines.Select(l => l[..l.IndexOf(':')]));
    }

    [Fact]
    public void Unreadable_and_unsupported_files_exit_1()
    {
        Assert.Equal(["cases.json: unsupported file type '.json'; expected one of .csv, .tsv, .txt, .xlsx"], FailedImport(Write("cases.json", "{}")));
        var broken = FailedImport(Write("broken.xlsx", "not a zip"));
        Assert.StartsWith("broken.xlsx: the file is not a readable .xlsx workbook", Assert.Single(broken));
        Assert.StartsWith("missing.csv: file not found", Assert.Single(FailedImport(_dir.File("missing.csv"))));
        var cp1251 = _dir.File("cp1251.csv");
        File.WriteAllBytes(cp1251, [.. "firm_id,name,home_country\nUA-1,"u8, 0xCA, 0xE8, 0xBF, 0xE2, .. ",UA\n"u8]); // "Київ" in Windows-1251
        Assert.Equal(["cp1251.csv: the file is not UTF-8 text; save it as \"CSV UTF-8\" (or UTF-16) and import it again"], FailedImport(cp1251));
    }

    // ---- re-import and --replace ----

    [Fact]
    public void Re_import_is_refused_by_default_and_changes_nothing()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var before = CliRunner.Run("firms", _study, "--json").Out;
        var r = CliRunner.Run("import", _study, Write("firms2.csv", FirmsCsv.Replace("Metalac Precision", "Renamed")));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("firms2.csv, row 3, column 'firm_id': firm 'RS-01' is already in the study; nothing was changed (import with --replace to update it)", r.Error);
        Assert.Contains("firms2.csv, row 4, column 'firm_id': firm 'PL-02' is already in the study", r.Error);
        Assert.Equal(before, CliRunner.Run("firms", _study, "--json").Out);
    }

    [Fact]
    public void Replace_updates_named_firms_and_operations_and_keeps_the_rest()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var firms = Write("firms2.csv", "firm_id,name,home_country,attr:Region\nRS-01,Metalac Renamed,RS,Šumadija\nUA-03,New Firm,UA,\n");
        var ops = Write("ops2.csv", OpsHeader + "\nRS-01/2,RS-01,inward,licensing,IT,,2004,,,,,\nUA-03/1,UA-03,outward,goods_trade,PL,,2015,,,,,\n");
        var r = CliRunner.Run("import", _study, firms, ops, "--replace", "--json");
        Assert.Equal(0, r.ExitCode);
        using (var doc = JsonDocument.Parse(r.Out))
        {
            var root = doc.RootElement;
            Assert.Equal([1, 1, 1, 1], new[] { "firms_added", "firms_replaced", "operations_added", "operations_replaced" }.Select(k => root.GetProperty(k).GetInt32()));
        }
        var all = Firms(_study);
        Assert.Equal(["PL-02", "RS-01", "UA-03"], all.Select(f => f.GetProperty("firm_id").GetString()));
        var rs = all[1];
        Assert.Equal("Metalac Renamed", rs.GetProperty("name").GetString());
        // All the firm's fields are replaced, attributes included; its other operation stays.
        Assert.Equal(JsonValueKind.Null, rs.GetProperty("sector").ValueKind);
        Assert.Equal(["Region"], rs.GetProperty("attributes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, rs.GetProperty("inward_operations").GetInt32());
        Assert.Equal(0, rs.GetProperty("outward_operations").GetInt32());
        Assert.Equal("Piekarnia Łódź", all[0].GetProperty("name").GetString());
    }

    [Fact]
    public void A_failed_replace_changes_nothing()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var before = CliRunner.Run("export", _study, _dir.File("before.csv"));
        Assert.Equal(0, before.ExitCode);
        var firms = Write("firms2.csv", "firm_id,name,home_country\nRS-01,Metalac Renamed,RS\n");
        var ops = Write("ops2.csv", OpsHeader + "\nRS-01/2,RS-01,inward,goods_export,IT,,2004,,,,,\n");
        Assert.Equal(1, CliRunner.Run("import", _study, firms, ops, "--replace").ExitCode);
        Assert.Equal(0, CliRunner.Run("export", _study, _dir.File("after.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(_dir.File("before-firms.csv")), File.ReadAllText(_dir.File("after-firms.csv")));
        Assert.Equal(File.ReadAllText(_dir.File("before-operations.csv")), File.ReadAllText(_dir.File("after-operations.csv")));
    }

    // ---- export ----

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.xlsx")]
    public void Export_then_import_into_a_new_study_round_trips(string file)
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var path = _dir.File(file);
        var r = CliRunner.Run("export", _study, path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Exported 2 firms and 3 operations to", r.Out);
        string[] files = file.EndsWith(".csv") ? [_dir.File("out-firms.csv"), _dir.File("out-operations.csv")] : [path];
        Assert.All(files, f => Assert.True(File.Exists(f), f));

        var copy = _dir.File("copy.twoway");
        Assert.Equal(0, CliRunner.Run("init", copy).ExitCode);
        Assert.Equal(0, CliRunner.Run(["import", copy, .. files]).ExitCode);
        Assert.Equal(CliRunner.Run("firms", _study, "--json").Out, CliRunner.Run("firms", copy, "--json").Out.Replace(copy, _study));
        // Exporting the copy gives the same files: nothing (evidence, months, partners) was lost.
        Assert.Equal(0, CliRunner.Run("export", copy, _dir.File("again.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("export", _study, _dir.File("first.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(_dir.File("first-operations.csv")), File.ReadAllText(_dir.File("again-operations.csv")));
        Assert.Equal(File.ReadAllText(_dir.File("first-firms.csv")), File.ReadAllText(_dir.File("again-firms.csv")));
        Assert.Contains("customs_record,SAD 1996/44", File.ReadAllText(_dir.File("again-operations.csv")));
        Assert.Contains("1996-03", File.ReadAllText(_dir.File("again-operations.csv")));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Every_field_survives_import_store_and_export(string format)
    {
        // Files as the exporter writes them (all columns, its row order), so re-exporting must reproduce them exactly.
        const string firms =
            "firm_id,name,home_country,sector,size,founding_year,attr:Economy,attr:owner gender\n" +
            "GE-03,\"თბილისის ჩაი, \"\"Tea\"\"\",GE,A,micro,2011,post-transition,\n" +
            "RS-01,Metalac Precision d.o.o.,RS,C25.1,medium,1994,post-transition,female\n";
        const string ops =
            "operation_id,firm_id,direction,mode,partner_country,partner,start,end,channel,annual_value,currency,share_of_total,end_reason,end_reason_note,evidence_kind,evidence_reference,interview_round,quotation\n" +
            "GE-03/2,GE-03,inward,personnel_in,CN,,2012,,,,,,,,,,,\n" +
            "GE-03/1,GE-03,outward,production_subsidiary_abroad,AM,,2015-01,,,,,,,,survey_item,Q12,,\n" +
            "RS-01/1,RS-01,inward,goods_import,DE,Müller GmbH,1996-03,2014-11,indirect,250000.5,EUR,0.125,sanctions,\"EU measures, 2014\",interview,CEO,2,\"We bought \"\"used\"\" machines;\nthen new.\"\n" +
            "RS-01/1,RS-01,,,,,,,,,,,,,customs_record,SAD 1996/44,,\n" +
            "RS-01/1,RS-01,,,,,,,,,,,,,document,,,\n" +
            "RS-01/2,RS-01,outward,licensing_out,IT,Rossi S.p.A.,2003,,,,,0.3333333333333333,,,,,,\n" +
            "RS-01/3,RS-01,inward,foreign_capital_in,AT,,2005-12,2006,,1000000.25,RSD,,other,,,,,\n";
        var firmsPath = Write("in-firms.csv", firms);
        var opsPath = Write("in-ops.csv", ops);
        Assert.Equal(0, CliRunner.Run("import", _study, firmsPath, opsPath).ExitCode);
        var outPath = _dir.File("out." + format);
        Assert.Equal(0, CliRunner.Run("export", _study, outPath).ExitCode);
        if (format == "xlsx")
        {
            // Through a second study: the workbook must import to the same data, which exports to the same CSV.
            var copy = _dir.File("copy.twoway");
            Assert.Equal(0, CliRunner.Run("init", copy).ExitCode);
            Assert.Equal(0, CliRunner.Run("import", copy, outPath).ExitCode);
            Assert.Equal(0, CliRunner.Run("export", copy, _dir.File("out.csv")).ExitCode);
        }
        static string Data(string path) => string.Join("\n", File.ReadAllLines(path).SkipWhile(l => l.StartsWith('#'))) + "\n";
        Assert.Equal(firms, Data(_dir.File("out-firms.csv")));
        Assert.Equal(ops, Data(_dir.File("out-operations.csv")));
    }

    [Fact]
    public void Export_of_one_kind_writes_the_given_file()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var path = _dir.File("ops-only.csv");
        Assert.Equal(0, CliRunner.Run("export", _study, path, "--kind", "operations").ExitCode);
        Assert.StartsWith("# TwoWay operations file", File.ReadAllText(path));
    }

    [Fact]
    public void Export_refuses_to_overwrite_without_force_and_writes_nothing()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        // Only the operations file of the pair exists: the export must not write the firms file either.
        var ops = Write("out-operations.csv", "keep me\n");
        var r = CliRunner.Run("export", _study, _dir.File("out.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("out-operations.csv", r.Error);
        Assert.Contains("already exists", r.Error);
        Assert.Equal("keep me\n", File.ReadAllText(ops));
        Assert.False(File.Exists(_dir.File("out-firms.csv")));

        Assert.Equal(0, CliRunner.Run("export", _study, _dir.File("out.csv"), "--force").ExitCode);
        Assert.StartsWith("# TwoWay operations file", File.ReadAllText(ops));
    }

    [Fact]
    public void A_file_with_more_bad_rows_than_are_listed_says_so()
    {
        // 250 firms with an unknown home country: the first 200 are listed, and the user is told there are more.
        var firms = "firm_id,name,home_country\n" + string.Concat(Enumerable.Range(1, 250).Select(i => $"F{i},Firm {i},XX\n"));
        var r = CliRunner.Run("import", _study, Write("many-bad.csv", firms));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("more than 200 problems; the first 200 are listed", r.Error);
        Assert.Contains("many-bad.csv, row 201, column 'home_country'", r.Error);
        Assert.DoesNotContain("row 202,", r.Error);
        Assert.Contains("… and more", r.Error);
        Assert.Empty(Firms(_study));
    }

    // ---- firms ----

    [Fact]
    public void Firms_prints_a_table_and_the_count()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var r = CliRunner.Run("firms", _study);
        Assert.Equal(0, r.ExitCode);
        foreach (var text in new[] { "firm", "name", "inward ops", "outward ops", "RS-01", "Metalac Precision", "PL-02", "C25.1", "small", "1994", "2 firms." })
            Assert.Contains(text, r.Out);
    }

    [Fact]
    public void Firms_of_an_empty_study_says_how_to_import()
    {
        var r = CliRunner.Run("firms", _study);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("The study has no firms yet.", r.Out);
        Assert.Equal("{\n  \"firms\": []\n}", CliRunner.Run("firms", _study, "--json").Out.Trim().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Firms_json_keys_are_the_documented_ones()
    {
        Assert.Equal(0, ImportGood().ExitCode);
        var keys = Firms(_study)[0].EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["firm_id", "name", "home_country", "sector", "size", "founding_year", "attributes", "inward_operations", "outward_operations"], keys);
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "json.md"));
        var section = docs[docs.IndexOf("### `twoway firms", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n##", 1, StringComparison.Ordinal)];
        Assert.All(keys, k => Assert.Contains($"`{k}`", section));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TwoWay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TwoWay.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Importer_text_limits_are_the_storage_model_column_lengths()
    {
        // The importer checks these lengths so a study written to SQLite also fits PostgreSQL.
        using var study = TwoWay.Storage.Study.Open(_study);
        using var db = study.CreateDbContext();
        int? Max(string table, string column) => db.Model.GetEntityTypes()
            .Single(e => e.GetTableName() == table).GetProperties().Single(p => p.GetColumnName() == column).GetMaxLength();
        Assert.Equal(TwoWay.Interchange.Cases.CaseColumns.MaxTextLength, Max("firms", "name"));
        Assert.Equal(TwoWay.Interchange.Cases.CaseColumns.MaxTextLength, Max("operations", "partner"));
        Assert.Equal(TwoWay.Interchange.Cases.CaseColumns.MaxTextLength, Max("operation_evidence", "reference"));
        Assert.Equal(TwoWay.Interchange.Cases.CaseColumns.MaxAttributeKeyLength, Max("firm_attributes", "key"));
        var r = CliRunner.Run("import", _study, Write("firms.csv", $"firm_id,name,home_country\nRS-01,{new string('n', 401)},RS\n"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("firms.csv, row 2, column 'name': the text is 401 characters long; at most 400 are allowed", r.Error);
    }

    // ---- usage errors ----

    [Theory]
    [InlineData("import")]
    [InlineData("import", "{study}")]
    [InlineData("import", "{study}", "f.csv", "--kind", "people")]
    [InlineData("import", "{study}", "f.csv", "--no-such-option")]
    [InlineData("export", "{study}", "out.json")]
    [InlineData("export", "{study}", "out.csv", "--kind", "cases")]
    [InlineData("template", "people", "x.csv")]
    [InlineData("template", "firms", "x.json")]
    [InlineData("template", "firms")]
    [InlineData("init")]
    [InlineData("firms")]
    [InlineData("firms", "{study}", "extra-argument")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var r = CliRunner.Run(args.Select(a => a.Replace("{study}", _study)).ToArray());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error", r.Error);
        Assert.Empty(Firms(_study));
    }

    [Fact]
    public void Usage_error_messages_say_what_is_allowed()
    {
        Assert.Contains("--kind must be 'firms' or 'operations', not 'people'.", CliRunner.Run("import", _study, "f.csv", "--kind", "people").Error);
        Assert.Contains("the export file must end in .csv, .tsv or .xlsx, not", CliRunner.Run("export", _study, "out.json").Error);
        Assert.Contains("the template kind must be 'firms', 'operations', 'codings', 'programmes' or 'answers', not 'people'.", CliRunner.Run("template", "people", "x.csv").Error);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("template")]
    [InlineData("firms")]
    public void Help_works_for_every_study_command(string command)
    {
        var r = CliRunner.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("USAGE", r.Out, StringComparison.OrdinalIgnoreCase);
    }
}
