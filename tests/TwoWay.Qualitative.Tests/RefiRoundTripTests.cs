using System.IO.Compression;
using System.Text;
using TwoWay.Input;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Qualitative.Tests;

public class RefiRoundTripTests
{
    private static RefiImportResult RoundTrip(QualitativeProject p, out byte[] first)
    {
        using var ms = new MemoryStream();
        RefiExport.WriteQdpx(p, ms);
        first = ms.ToArray();
        return RefiImport.ReadQdpx(new MemoryStream(first), "exported.qdpx");
    }

    [Fact]
    public void Export_import_export_gives_the_same_codes_sources_selections_and_codings()
    {
        var p = TestData.Small();
        var r = RoundTrip(p, out var first);
        Assert.Empty(r.Repairs);
        var q = r.Project;
        Assert.Equal(p.Codebook.Codes, q.Codebook.Codes);
        Assert.Equal(p.Sources, q.Sources);
        Assert.Equal(p.Codings.OrderBy(c => c.Id), q.Codings.OrderBy(c => c.Id));
        Assert.Equal(p.Memos.OrderBy(m => m.Id).Select(m => (m.Id, m.Target, m.TargetId, m.Text, m.Author)),
                     q.Memos.OrderBy(m => m.Id).Select(m => (m.Id, m.Target, m.TargetId, m.Text, m.Author)));
        using var again = new MemoryStream();
        RefiExport.WriteQdpx(q, again);
        Assert.Equal(first, again.ToArray());
        RefiFixtureTests.ValidateProject(RefiExport.ProjectXml(q));
    }

    [Fact]
    public void Fixture_projects_survive_a_second_round_trip_unchanged()
    {
        foreach (var file in new[] { "qc_demo.qdpx", "nvivo_project.qdpx" })
        {
            var once = RefiImport.ReadQdpx(TestData.Fixture(file)).Project;
            var xml1 = RefiExport.ProjectXml(once);
            var twice = RoundTrip(once, out _).Project;
            Assert.Equal(xml1, RefiExport.ProjectXml(twice));
        }
    }

    [Fact]
    public void Codebook_round_trip_is_identical_and_schema_valid()
    {
        var book = TestData.Small().Codebook;
        var xml = RefiExport.CodebookXml(book);
        RefiFixtureTests.ValidateCodebook(xml);
        var back = RefiImport.ReadQdc(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "x.qdc");
        Assert.Empty(back.Repairs);
        Assert.Equal(book.Codes, back.Codebook.Codes);
        Assert.Equal(xml, RefiExport.CodebookXml(back.Codebook));
    }

    [Fact]
    public void Crlf_and_surrogate_pairs_keep_utf16_positions()
    {
        var p = TestData.Small();
        var q = RoundTrip(p, out _).Project;
        var c = q.Codings.Single(x => x.Id == TestData.G(1004));
        Assert.Equal("a German firm.\r\nThat taught us", c.Span.Of(q.Source(c.SourceId).Text));
        var t = q.Codings.Single(x => x.Id == TestData.G(1007));
        Assert.Equal("🇮🇹 Trust grew", t.Span.Of(q.Source(t.SourceId).Text));
    }

    // --- vendor offsets ---

    private static byte[] Qdpx(string origin, string text, int start, int end, string? qdeName = null, string sourcesDir = "Sources", string? extraEntry = null, string codeGuid = "11111111-1111-4111-8111-111111111111")
    {
        var qde = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="{origin}">
              <CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="c" isCodable="true" color="#FF000080"/></Codes></CodeBook>
              <Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="s" plainTextPath="internal://s.txt">
                <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="{start}" endPosition="{end}">
                  <Coding guid="44444444-4444-4444-8444-444444444444"><CodeRef targetGUID="{codeGuid}"/></Coding>
                </PlainTextSelection></TextSource></Sources>
            </Project>
            """;
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            using (var w = new StreamWriter(zip.CreateEntry(qdeName ?? "project.qde").Open())) w.Write(qde);
            using (var w = new StreamWriter(zip.CreateEntry($"{sourcesDir}/s.txt").Open(), new UTF8Encoding(false))) w.Write(text);
            if (extraEntry is not null) zip.CreateEntry(extraEntry);
        }
        return ms.ToArray();
    }

    [Fact]
    public void Atlas_ti_offsets_count_crlf_as_one_and_are_mapped_to_utf16()
    {
        const string text = "ab\r\ncd\r\nef";
        // ATLAS.ti counts a,b,CRLF,c,d → "cd" is 3–5; in UTF-16 it is 4–6.
        var r = RefiImport.ReadQdpx(new MemoryStream(Qdpx("ATLAS.ti 23", text, 3, 5)), "a.qdpx");
        var c = r.Project.Codings.Single();
        Assert.Equal("cd", c.Span.Of(text));
        Assert.Equal(4, c.Span.Start);
        // The same numbers from NVivo mean UTF-16 directly.
        var n = RefiImport.ReadQdpx(new MemoryStream(Qdpx("NVivo 14", text, 4, 6)), "n.qdpx").Project.Codings.Single();
        Assert.Equal("cd", n.Span.Of(text));
        // An explicit convention overrides the origin.
        var o = RefiImport.ReadQdpx(new MemoryStream(Qdpx("NVivo 14", text, 3, 5)), "o.qdpx", OffsetConvention.CrlfAsOne).Project.Codings.Single();
        Assert.Equal("cd", o.Span.Of(text));
    }

    [Fact]
    public void Inner_file_name_lower_case_sources_and_alpha_colour_are_repaired()
    {
        var r = RefiImport.ReadQdpx(new MemoryStream(Qdpx("ATLAS.ti 26", "hello", 0, 5, qdeName: "My study.qde", sourcesDir: "sources")), "a.qdpx");
        Assert.Contains(r.Repairs, x => x.Contains("'My study.qde'"));
        Assert.Contains(r.Repairs, x => x.Contains("lower case"));
        Assert.Contains(r.Repairs, x => x.Contains("#FF000080") && x.Contains("#FF0000"));
    }

    [Fact]
    public void Non_guid_ids_and_rgb_colours_are_replaced_and_codings_still_resolve()
    {
        var qde = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Other">
              <CodeBook><Codes><Code guid="code-7" name="c" isCodable="true" color="rgb(10, 20, 30)"/></Codes></CodeBook>
              <Sources><TextSource guid="src-1" name="s"><PlainTextContent>hello world</PlainTextContent>
                <PlainTextSelection guid="sel-1" startPosition="6" endPosition="11"><Coding guid="cod-1"><CodeRef targetGUID="code-7"/></Coding></PlainTextSelection>
              </TextSource></Sources>
            </Project>
            """;
        var r = RefiImport.ReadQde(new MemoryStream(Encoding.UTF8.GetBytes(qde)), "p.qde");
        Assert.Contains(r.Repairs, x => x.Contains("'code-7' is not a GUID"));
        Assert.Contains(r.Repairs, x => x.Contains("#0A141E"));
        var c = r.Project.Codings.Single();
        Assert.Equal("world", c.Span.Of(r.Project.Source(c.SourceId).Text));
        RefiFixtureTests.ValidateProject(RefiExport.ProjectXml(r.Project));
    }

    // --- malformed and hostile input: a clear error, nothing imported ---

    [Fact]
    public void Truncated_zip_is_a_clear_error()
    {
        using var ms = new MemoryStream();
        RefiExport.WriteQdpx(TestData.Small(), ms);
        var bytes = ms.ToArray()[..(ms.Length / 2 > 0 ? (int)ms.Length / 2 : 0)];
        var e = Assert.Throws<InputException>(() => RefiImport.ReadQdpx(new MemoryStream(bytes), "cut.qdpx"));
        Assert.Contains("cut.qdpx", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Zip_entry_escaping_the_archive_is_refused()
    {
        var e = Assert.Throws<InputException>(() =>
            RefiImport.ReadQdpx(new MemoryStream(Qdpx("x", "hello", 0, 5, extraEntry: "../../etc/evil.txt")), "evil.qdpx"));
        Assert.Contains("path traversal", e.Message);
    }

    [Fact]
    public void Xml_with_a_dtd_entity_bomb_is_refused_without_expanding_it()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="&lol3;" isCodable="true"/></Codes></CodeBook>
            """;
        var e = Assert.Throws<InputException>(() => RefiImport.ReadQdc(new MemoryStream(Encoding.UTF8.GetBytes(bomb)), "bomb.qdc"));
        Assert.Contains("DTD", e.Message);
    }

    [Fact]
    public void External_entity_is_refused()
    {
        var xxe = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="&e;" isCodable="true"/></Codes></CodeBook>""";
        Assert.Throws<InputException>(() => RefiImport.ReadQdc(new MemoryStream(Encoding.UTF8.GetBytes(xxe)), "xxe.qdc"));
    }

    [Theory]
    [InlineData(0, 99, "out of range")]
    [InlineData(3, 3, "empty")]
    [InlineData(4, 2, "reversed")]
    [InlineData(-1, 2, "out of range")]
    public void Bad_selections_are_errors_naming_file_source_and_selection(int start, int end, string expected)
    {
        var e = Assert.Throws<InputException>(() => RefiImport.ReadQdpx(new MemoryStream(Qdpx("NVivo", "hello", start, end)), "bad.qdpx"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("bad.qdpx, source 's', selection 33333333", e.Message);
    }

    [Fact]
    public void Coding_of_an_unknown_code_guid_is_an_error()
    {
        var e = Assert.Throws<InputException>(() =>
            RefiImport.ReadQdpx(new MemoryStream(Qdpx("NVivo", "hello", 0, 5, codeGuid: "99999999-9999-4999-8999-999999999999")), "u.qdpx"));
        Assert.Contains("99999999-9999-4999-8999-999999999999", e.Message);
        Assert.Contains("not in the codebook", e.Message);
    }

    [Fact]
    public void Not_a_zip_and_not_xml_are_clear_errors()
    {
        Assert.Contains("not a readable .qdpx", Assert.Throws<InputException>(() => RefiImport.ReadQdpx(new MemoryStream("hello"u8.ToArray()), "x.qdpx")).Message);
        Assert.Contains("not well-formed", Assert.Throws<InputException>(() => RefiImport.ReadQdc(new MemoryStream("<CodeBook><Codes></Code>"u8.ToArray()), "x.qdc")).Message);
    }

    [Fact]
    public void Merging_an_imported_codebook_matches_by_guid_then_path_never_by_name_alone()
    {
        var existing = TestData.Small().Codebook;
        var imported = Codebook.Of([
            new Code(TestData.Inward, "Inward modes (renamed elsewhere)", isCodable: false), // same GUID
            new Code(TestData.G(900), "Learning"),                                      // same path, new GUID
            new Code(TestData.G(901), "Outward modes", isCodable: false),
            new Code(TestData.G(902), "Learning", parentId: TestData.G(901)),            // same name, other parent
        ]);
        var (book, byGuid, byPath, added) = RefiImport.MergeCodebook(existing, imported);
        Assert.Equal((1, 1, 2), (byGuid, byPath, added));
        Assert.Equal("Outward modes/Learning", book.PathText(TestData.G(902)));
        Assert.Equal("Inward modes", book[TestData.Inward].Name);
    }
}
