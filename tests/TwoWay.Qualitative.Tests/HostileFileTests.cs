using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using TwoWay.Input;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.TestKit;

namespace TwoWay.Qualitative.Tests;

/// <summary>
/// Hostile and broken interview files (zip bombs, forged sizes, deep nesting, dangling parts) end in
/// an <see cref="InputException"/> naming the file and the limit, in seconds and bounded memory; big
/// codebooks import in linear time.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("twoway-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static InputException Refused(Action read, string contains)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(read);
        Assert.Contains(contains, e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(HostileFiles.PeakResident() < 1L << 30, $"peak resident {HostileFiles.PeakResident() >> 20} MB");
        return e;
    }

    [Fact]
    public void Docx_bomb_is_refused()
    {
        var path = File("bomb.docx");
        HostileFiles.Zip(path, HostileFiles.DocxParts, "word/document.xml", HostileFiles.DocumentStart, 1L << 30, HostileFiles.DocumentEnd);
        Assert.True(new FileInfo(path).Length < 2 << 20);
        var e = Refused(() => TranscriptReader.Read(path), "unpacks to more than 200 MB");
        Assert.StartsWith("bomb.docx", e.Errors[0].Source);
    }

    [Fact]
    public void Docx_part_larger_than_declared_is_refused()
    {
        var path = File("forged.docx");
        HostileFiles.Zip(path, HostileFiles.DocxParts, "word/document.xml", HostileFiles.DocumentStart, 300L << 20, HostileFiles.DocumentEnd);
        HostileFiles.ForgeDeclaredSize(path, "word/document.xml", 1000);
        Refused(() => TranscriptReader.Read(path), "forged.docx/word/document.xml");
    }

    [Fact]
    public void Docx_nested_too_deep_is_refused()
    {
        var path = File("deep.docx");
        var body = HostileFiles.DocumentStart + "x" + HostileFiles.DocumentEnd;
        body = body.Replace("<w:p>", HostileFiles.Nested("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", 50_000) + "<w:p>");
        HostileFiles.Zip(path, HostileFiles.DocxParts.Append(("word/document.xml", body)));
        Refused(() => TranscriptReader.Read(path), "levels deep (limit: 256)");
    }

    [Fact]
    public void Docx_whose_relationship_points_to_a_missing_part_is_an_input_error()
    {
        var path = File("dangling.docx");
        HostileFiles.Zip(path, HostileFiles.DocxParts); // _rels/.rels names word/document.xml, which is not there
        var e = Assert.Throws<InputException>(() => TranscriptReader.Read(path));
        Assert.Equal("dangling.docx", e.Errors[0].Source);
        // A part whose relationship names a missing image: the text still has to come out or be refused cleanly.
        var withImage = File("image.docx");
        HostileFiles.Zip(withImage, HostileFiles.DocxParts.Concat([
            ("word/document.xml", HostileFiles.DocumentStart + "hello" + HostileFiles.DocumentEnd),
            ("word/_rels/document.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/missing.png"/></Relationships>"""),
        ]));
        try { Assert.Equal("hello", TranscriptReader.Read(withImage)); }
        catch (InputException) { }
    }

    [Fact]
    public void A_valid_docx_still_reads()
    {
        var path = File("ok.docx");
        HostileFiles.Zip(path, HostileFiles.DocxParts.Append(("word/document.xml", HostileFiles.DocumentStart + "hello" + HostileFiles.DocumentEnd)));
        Assert.Equal("hello", TranscriptReader.Read(path));
    }

    [Fact]
    public void Qdpx_whose_project_unpacks_to_a_gigabyte_is_refused()
    {
        var path = File("bomb.qdpx");
        HostileFiles.Zip(path, [], "project.qde", HostileFiles.QdeStart, 1L << 30, HostileFiles.QdeEnd);
        Assert.True(new FileInfo(path).Length < 2 << 20);
        Refused(() => RefiImport.ReadQdpx(path), "unpacks to more than 200 MB");
    }

    [Fact]
    public void Qdpx_project_larger_than_declared_is_refused_while_reading()
    {
        var path = File("forged.qdpx");
        HostileFiles.Zip(path, [], "project.qde", HostileFiles.QdeStart, 300L << 20, HostileFiles.QdeEnd);
        HostileFiles.ForgeDeclaredSize(path, "project.qde", 1000);
        Refused(() => RefiImport.ReadQdpx(path), "forged.qdpx");
    }

    [Fact]
    public void Qdpx_with_a_docx_bomb_as_a_source_is_refused()
    {
        var docx = File("inner.docx");
        HostileFiles.Zip(docx, HostileFiles.DocxParts, "word/document.xml", HostileFiles.DocumentStart, 1L << 30, HostileFiles.DocumentEnd);
        var qde = """<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="00000000-0000-4000-8000-000000000001" name="t" richTextPath="internal://inner.docx"/></Sources></Project>""";
        var path = File("nested.qdpx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("project.qde").Open())) w.Write(qde);
            zip.CreateEntryFromFile(docx, "sources/inner.docx", CompressionLevel.NoCompression);
        }
        Refused(() => RefiImport.ReadQdpx(path), "unpacks to more than 200 MB");
    }

    [Fact]
    public void Qdc_nested_20000_deep_is_refused_without_overflowing_the_stack()
    {
        var xml = Codebook(HostileFiles.Nested("<Code guid=\"{0}\" name=\"c\">", "</Code>", 20_000));
        Refused(() => RefiImport.ReadQdc(Stream(xml), "deep.qdc"), "levels deep");
    }

    [Fact]
    public void Codes_nested_deeper_than_the_code_limit_are_refused()
    {
        var ok = RefiImport.ReadQdc(Stream(Chain(RefiImport.MaxCodeDepth)), "ok.qdc");
        Assert.Equal(RefiImport.MaxCodeDepth, ok.Codebook.Count);
        var e = Refused(() => RefiImport.ReadQdc(Stream(Chain(RefiImport.MaxCodeDepth + 1)), "deep.qdc"), $"nested more than {RefiImport.MaxCodeDepth} levels deep (limit: {RefiImport.MaxCodeDepth})");
        Assert.Equal("deep.qdc", e.Errors[0].Source);
    }

    [Fact]
    public void Twenty_thousand_flat_codes_import_in_seconds()
    {
        var codes = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"<Code guid=\"{Guid(i)}\" name=\"code {i}\" isCodable=\"true\"/>"));
        var clock = Stopwatch.StartNew();
        var book = RefiImport.ReadQdc(Stream(Codebook(codes)), "flat.qdc").Codebook;
        Assert.Equal(20_000, book.Count);
        var merged = RefiImport.MergeCodebook(TwoWay.Qualitative.Codebook.Empty, book);
        Assert.Equal(20_000, merged.Added);
        Assert.Equal(20_000, book.Codes.Count());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed} (was 158 s)");
    }

    [Fact]
    public void Codes_100_deep_in_many_chains_import_in_seconds()
    {
        // 3,000 codes in 30 chains of 100 levels: deep and wide at once.
        var chains = string.Concat(Enumerable.Range(0, 30).Select(k => ChainCodes(100, k * 100)));
        var clock = Stopwatch.StartNew();
        var book = RefiImport.ReadQdc(Stream(Codebook(chains)), "deep.qdc").Codebook;
        Assert.Equal(3000, book.Count);
        Assert.Equal(100, book.PathOf(Guid(3000)).Count);
        Assert.Equal(3000, RefiImport.MergeCodebook(book, book).MatchedByGuid);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed} (3,000 deep was 153 s)");
    }

    [Fact]
    public void Codebook_built_in_any_order_keeps_parents_first_and_sibling_order()
    {
        // Children listed before their parents, as Codebook.Of allows.
        var a = new Code(Guid(1), "a");
        var b = new Code(Guid(2), "b", parentId: Guid(1));
        var c = new Code(Guid(3), "c", parentId: Guid(2));
        var d = new Code(Guid(4), "d", parentId: Guid(1));
        var book = TwoWay.Qualitative.Codebook.Of([c, d, b, a]);
        Assert.Equal(["a", "d", "b", "c"], book.Codes.Select(x => x.Name));
        Assert.Throws<ArgumentException>(() => TwoWay.Qualitative.Codebook.Of([new Code(Guid(5), "x", parentId: Guid(6)), new Code(Guid(6), "y", parentId: Guid(5))]));
        Assert.Throws<ArgumentException>(() => TwoWay.Qualitative.Codebook.Of([new Code(Guid(5), "x", parentId: Guid(9))]));
        Assert.Throws<ArgumentException>(() => TwoWay.Qualitative.Codebook.Of([a, new Code(Guid(7), "a")]));
        var moved = book.Move(Guid(2), null).Rename(Guid(2), "b2");
        Assert.Equal(["a", "d", "b2", "c"], moved.Codes.Select(x => x.Name));
        Assert.Equal(Guid(3), moved.FindByPath(["b2", "c"])!.Id);
        Assert.Null(moved.FindByPath(["a", "b"]));
    }

    private static Guid Guid(int n) => new($"00000000-0000-4000-8000-{n:D12}");

    private static string Codebook(string codes) =>
        $"""<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>""";

    /// <summary>A codebook of one chain of <paramref name="depth"/> codes, each the child of the one before.</summary>
    private static string Chain(int depth) => Codebook(ChainCodes(depth, 0));

    private static string ChainCodes(int depth, int first) =>
        string.Concat(Enumerable.Range(first + 1, depth).Select(i => $"<Code guid=\"{Guid(i)}\" name=\"level {i}\" isCodable=\"true\">"))
        + string.Concat(Enumerable.Repeat("</Code>", depth));

    private static MemoryStream Stream(string xml)
    {
        // Each {0} gets a fresh GUID, so deep codebooks built by Nested have distinct ids.
        var n = 0;
        var s = System.Text.RegularExpressions.Regex.Replace(xml, @"\{0\}", _ => Guid(++n).ToString());
        return new MemoryStream(Encoding.UTF8.GetBytes(s));
    }
}
