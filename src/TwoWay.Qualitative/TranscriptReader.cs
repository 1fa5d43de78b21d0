using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TwoWay.Input;

namespace TwoWay.Qualitative.Files;

/// <summary>
/// Reads interview transcripts into the one text that codings point into. .txt and .md are read as
/// UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured and dropped) and kept exactly, line endings
/// included, because positions are UTF-16 indices into this text. .docx keeps one paragraph per line
/// ("\n" between paragraphs, tabs and line breaks kept), within <see cref="ArchiveLimits"/>. Anything unreadable
/// is an <see cref="InputException"/>.
/// </summary>
public static class TranscriptReader
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".md", ".docx"];

    public static string Read(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InputException(name, null, null, "file not found");
        using var stream = File.OpenRead(path);
        return Read(stream, name);
    }

    public static string Read(Stream stream, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext switch
        {
            ".txt" or ".md" => ReadPlain(stream, fileName),
            ".docx" => ReadDocx(stream, fileName),
            _ => throw new InputException(fileName, null, null, $"cannot read '{ext}' transcripts; use .txt, .md or .docx"),
        };
    }

    public static string ReadPlain(Stream stream, string fileName)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string text;
        try
        {
            if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) text = Strict(new UTF8Encoding(false, true), bytes[3..]);
            else if (bytes.StartsWith(new byte[] { 0xFF, 0xFE })) text = Strict(new UnicodeEncoding(false, false, true), bytes[2..]);
            else if (bytes.StartsWith(new byte[] { 0xFE, 0xFF })) text = Strict(new UnicodeEncoding(true, false, true), bytes[2..]);
            else text = Strict(new UTF8Encoding(false, true), bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException(fileName, null, null,
                $"not valid UTF-8 text (bad byte at offset {e.Index}); save the transcript as UTF-8");
        }
        if (text.Contains('\0'))
            throw new InputException(fileName, null, null, "this is not a text file (it contains NUL characters)");
        return text;
    }

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes);

    public static string ReadDocx(Stream stream, string fileName)
    {
        // OpenXml needs a seekable stream.
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        // The SDK enforces no limits of its own: unpack and walk the package once under them first.
        copy.Position = 0;
        using (var zip = GuardedZip.Open(copy, fileName, "not a readable .docx file"))
            zip.VerifyAll();
        copy.Position = 0;
        try
        {
            using var doc = WordprocessingDocument.Open(copy, false, new OpenSettings { MaxCharactersInPart = ArchiveLimits.Default.MaxUnpackedBytes });
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new InputException(fileName, null, null, "the .docx has no document body");
            var paragraphs = body.Descendants<Paragraph>().Select(ParagraphText);
            return string.Join("\n", paragraphs);
        }
        // The package passed the limits, so what the SDK still refuses is a damaged or forged .docx
        // (a relationship to a missing part, a wrong content type).
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException
                                      or IOException or InvalidOperationException or ArgumentException or KeyNotFoundException or UriFormatException)
        {
            throw new InputException(fileName, null, null, $"not a readable .docx file ({e.Message})");
        }
    }

    private static string ParagraphText(Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var el in p.Descendants())
        {
            switch (el)
            {
                case Text t: sb.Append(t.Text); break;
                case TabChar: sb.Append('\t'); break;
                case Break or CarriageReturn: sb.Append('\n'); break;
                case NoBreakHyphen: sb.Append('\u2011'); break;
            }
        }
        return sb.ToString();
    }
}
