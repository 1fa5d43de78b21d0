using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Qualitative.Tests;

/// <summary>Every real file from other tools imports, with its repairs listed, and re-exports valid.</summary>
public class RefiFixtureTests
{
    public static TheoryData<string> Projects() => new("nvivo_project.qdpx", "qc_demo.qdpx", "blank-atlas-project.qdpx", "target-atlas-project.qdpx");
    public static TheoryData<string> Codebooks() => new("atlasti_win_23.4.0_codebook.qdc", "atlasti_win_23.4.0_codebook_TRUNCATED_colon_ns.qdc", "taguette_tests_expected.qdc");

    internal static void ValidateProject(string xml) => Validate(xml, "Project.xsd", RefiExport.ProjectNamespace);
    internal static void ValidateCodebook(string xml) => Validate(xml, "Codebook.xsd", RefiExport.CodebookNamespace);

    private static void Validate(string xml, string xsd, string ns)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(ns, TestData.Fixture(xsd));
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_fixture_project_imports_and_reexports_schema_valid(string file)
    {
        var r = RefiImport.ReadQdpx(TestData.Fixture(file));
        ValidateProject(RefiExport.ProjectXml(r.Project));
        // What the tool wrote is all there (codes by GUID).
        var xml = XDocument.Load(ZipFile.OpenRead(TestData.Fixture(file)).Entries.First(e => e.Name.EndsWith(".qde")).Open());
        var guids = xml.Descendants().Where(e => e.Name.LocalName == "Code").Select(e => Guid.Parse((string)e.Attribute("guid")!)).ToList();
        Assert.Equal(guids.Count, r.Project.Codebook.Count);
        Assert.All(guids, g => Assert.True(r.Project.Codebook.Contains(g)));
    }

    [Theory]
    [MemberData(nameof(Codebooks))]
    public void Every_fixture_codebook_imports_and_reexports_schema_valid(string file)
    {
        var r = RefiImport.ReadQdc(TestData.Fixture(file));
        Assert.True(r.Codebook.Count > 0);
        ValidateCodebook(RefiExport.CodebookXml(r.Codebook));
    }

    [Fact]
    public void Nvivo_mac_export_repairs_lower_case_sources_and_empty_txt_beside_docx()
    {
        var r = RefiImport.ReadQdpx(TestData.Fixture("nvivo_project.qdpx"));
        Assert.Contains(r.Repairs, x => x.Contains("'sources/' (lower case)"));
        Assert.Contains(r.Repairs, x => x.Contains("empty") && x.Contains(".docx"));
        Assert.Equal(2, r.Project.SourceCount);
        // In this fixture the .docx holds one empty paragraph too, so the text is empty (not the stray "\n").
        Assert.All(r.Project.Sources, s => Assert.Equal("", s.Text));
        Assert.Equal(OffsetConvention.Utf16, r.Offsets);
    }

    [Fact]
    public void Nvivo_codes_with_the_same_name_under_different_parents_stay_distinct_and_are_found_by_path()
    {
        var book = RefiImport.ReadQdpx(TestData.Fixture("nvivo_project.qdpx")).Project.Codebook;
        var dup = book.Codes.GroupBy(c => c.Name).First(g => g.Count() > 1);
        var paths = dup.Select(c => book.PathText(c.Id)).ToList();
        Assert.Equal(paths.Count, paths.Distinct().Count());
        foreach (var c in dup) Assert.Equal(c.Id, book.FindByPath(book.PathOf(c.Id))!.Id);
    }

    [Fact]
    public void Qc_project_reads_paths_without_internal_prefix_and_keeps_every_coding()
    {
        var r = RefiImport.ReadQdpx(TestData.Fixture("qc_demo.qdpx"));
        Assert.Contains(r.Repairs, x => x.Contains("without 'internal://'"));
        Assert.Equal(OffsetConvention.CodePoints, r.Offsets);
        var xml = XDocument.Load(ZipFile.OpenRead(TestData.Fixture("qc_demo.qdpx")).GetEntry("project.qde")!.Open());
        var codingCount = xml.Descendants().Count(e => e.Name.LocalName == "Coding");
        var joined = r.Repairs.Count(x => x.Contains("were joined"));
        Assert.Equal(codingCount - joined, r.Project.Codings.Count);
        // Spot check: the first selection's text is the characters at those positions.
        var first = xml.Descendants().First(e => e.Name.LocalName == "PlainTextSelection");
        var coding = r.Project.Codings.First(c => c.Id == Guid.Parse((string)first.Element(first.Name.Namespace + "Coding")!.Attribute("guid")!));
        var source = r.Project.Source(coding.SourceId);
        Assert.Equal(((int)first.Attribute("startPosition")!, (int)first.Attribute("endPosition")!), (coding.Span.Start, coding.Span.End));
        Assert.False(string.IsNullOrWhiteSpace(coding.Span.Of(source.Text)));
    }

    [Fact]
    public void Atlas_codebook_with_old_namespace_and_truncation_imports_what_is_complete()
    {
        var r = RefiImport.ReadQdc(TestData.Fixture("atlasti_win_23.4.0_codebook_TRUNCATED_colon_ns.qdc"));
        Assert.Contains(r.Repairs, x => x.Contains("urn:QDA-XML:codebook:0:4"));
        Assert.Contains(r.Repairs, x => x.Contains("ends early"));
        Assert.Equal(["code1", "code2", "code3", "subcode 2.1"], r.Codebook.Children(null).Select(c => c.Name).ToArray());
        Assert.Equal("code3/subcode 3.1", r.Codebook.PathText(Guid.Parse("14C4E248-F726-42CB-B1CD-A65D6A86F296")));
        Assert.Equal("#46AA00", r.Codebook[Guid.Parse("1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294")].Colour!.Value.Hex);
    }

    [Fact]
    public void Taguette_codebook_empty_sets_are_repaired_and_backslash_names_kept()
    {
        var r = RefiImport.ReadQdc(TestData.Fixture("taguette_tests_expected.qdc"));
        Assert.Contains(r.Repairs, x => x.Contains("empty <Sets/>"));
        Assert.Contains(r.Codebook.Codes, c => c.Name == "interesting\\places");
        Assert.Equal(3, r.Codebook.Count);
    }

    [Fact]
    public void Atlas_codebook_with_a_set_reports_the_set_not_imported()
    {
        var r = RefiImport.ReadQdc(TestData.Fixture("atlasti_win_23.4.0_codebook.qdc"));
        Assert.Contains(r.Repairs, x => x.Contains("set(s) were not imported"));
        Assert.Equal("description", r.Codebook.Codes.Single().Description);
    }

    [Fact]
    public void F4_bare_project_file_imports_its_codebook_memos_and_reports_the_missing_texts()
    {
        using var f = File.OpenRead(TestData.Fixture("f4_valid-document.project.qde"));
        var r = RefiImport.ReadQde(f, "f4_valid-document.project.qde");
        Assert.Equal(4, r.Project.SourceCount);
        Assert.Equal("Dies ist der Kommentar vom Test-Code", r.Project.Codebook.Codes.Single().Description);
        Assert.Equal("#044B9B", r.Project.Codebook.Codes.Single().Colour!.Value.Hex);
        Assert.Contains(r.Repairs, x => x.Contains("Interview 60mins") && x.Contains("4 selection(s) were skipped"));
        ValidateProject(RefiExport.ProjectXml(r.Project));
    }

    [Fact]
    public void Atlas_project_is_read_with_crlf_counted_as_one()
    {
        Assert.Equal(OffsetConvention.CrlfAsOne, RefiImport.ReadQdpx(TestData.Fixture("target-atlas-project.qdpx")).Offsets);
    }
}
