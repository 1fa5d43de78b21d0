using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TwoWay.Input;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;

namespace TwoWay.Qualitative.Tests;

public class ReaderTests
{
    [Fact]
    public void Plain_text_keeps_crlf_and_drops_the_bom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Q: Why?\r\nA: Čačak.")).ToArray();
        Assert.Equal("Q: Why?\r\nA: Čačak.", TranscriptReader.Read(new MemoryStream(bytes), "i.txt"));
        Assert.Equal("# Title\n", TranscriptReader.Read(new MemoryStream("# Title\n"u8.ToArray()), "i.md"));
        var utf16 = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("hi")).ToArray();
        Assert.Equal("hi", TranscriptReader.Read(new MemoryStream(utf16), "w.txt"));
    }

    [Fact]
    public void Invalid_utf8_binary_unknown_extension_and_broken_docx_are_clear_errors()
    {
        var e = Assert.Throws<InputException>(() => TranscriptReader.Read(new MemoryStream([0x41, 0xC3, 0x28]), "latin.txt"));
        Assert.Contains("latin.txt", e.Message);
        Assert.Contains("UTF-8", e.Message);
        Assert.Contains("NUL", Assert.Throws<InputException>(() => TranscriptReader.Read(new MemoryStream([0x41, 0, 0x42]), "bin.txt")).Message);
        Assert.Contains(".pdf", Assert.Throws<InputException>(() => TranscriptReader.Read(new MemoryStream([1]), "x.pdf")).Message);
        Assert.Contains("not a readable .docx", Assert.Throws<InputException>(() => TranscriptReader.Read(new MemoryStream("not a zip"u8.ToArray()), "x.docx")).Message);
    }

    [Fact]
    public void Docx_keeps_paragraphs_tabs_and_breaks()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("Interviewer:"), new TabChar(), new Text("When did you start importing?"))),
                new Paragraph(new Run(new Text("Manager: In 2004,") { Space = SpaceProcessingModeValues.Preserve }, new Break(), new Text(" from Italy."))),
                new Paragraph()));
        }
        ms.Position = 0;
        Assert.Equal("Interviewer:\tWhen did you start importing?\nManager: In 2004,\n from Italy.\n", TranscriptReader.Read(ms, "i.docx"));
    }

    [Fact]
    public void Reading_a_missing_file_names_it()
    {
        Assert.Contains("nope.txt", Assert.Throws<InputException>(() => TranscriptReader.Read("/no/such/dir/nope.txt")).Message);
    }

    [Fact]
    public void Starter_codebook_is_valid_REFI_QDA_and_every_code_has_a_definition_and_a_source()
    {
        var path = Path.Combine(TestData.RepoRoot, "samples", "codebooks", "twoway-starter.qdc");
        RefiFixtureTests.ValidateCodebook(File.ReadAllText(path));
        var book = StarterCodebook.Load();
        Assert.Equal(["Inward modes", "Outward modes", "Mechanisms", "Contexts", "Connection kinds"], book.Children(null).Select(c => c.Name).ToArray());
        foreach (var name in new[] { "Learning", "Absorptive capacity", "Networks", "Trust", "Resources" })
            Assert.NotNull(book.FindByPath(["Mechanisms", name]));
        foreach (var name in new[] { "Resource constraints", "Geopolitical barriers", "Sanctions" })
            Assert.NotNull(book.FindByPath(["Contexts", name]));
        Assert.NotNull(book.FindByPath("Inward modes/Licensing-in"));
        Assert.NotNull(book.FindByPath("Outward modes/Licensing-out"));
        // Every contractual mode has its inward mirror (Welch & Luostarinen 1993).
        foreach (var (inward, outward) in new[] { ("Management contract (inward)", "Management contract"), ("Turnkey project (inward)", "Turnkey project"), ("Franchising-in", "Franchising-out") })
        {
            Assert.NotNull(book.FindByPath(["Inward modes", inward]));
            Assert.NotNull(book.FindByPath(["Outward modes", outward]));
        }
        Assert.All(book.Codes, c =>
        {
            Assert.StartsWith("Definition: ", c.Description);
            Assert.Contains("\nSource: ", c.Description);
        });
        Assert.Empty(RefiImport.ReadQdc(path).Repairs);
    }
}
