using System.IO.Compression;
using System.Text;

namespace TwoWay.TestKit;

/// <summary>
/// Builds hostile and broken files at test time (never committed): zip bombs whose one part unpacks
/// to far more than the file's size, parts whose header lies about their size, XML nested very deep.
/// Shared through the test kit.
/// </summary>
public static class HostileFiles
{
    public const string ContentTypes = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    public static readonly (string Name, string Text)[] XlsxParts =
    [
        ("[Content_Types].xml", ContentTypes),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
        ("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""),
    ];

    public const string SheetStart = """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>firm_id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>""";
    public const string SheetEnd = "</t></is></c></row></sheetData></worksheet>";

    public static readonly (string Name, string Text)[] DocxParts =
    [
        ("[Content_Types].xml", ContentTypes),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
    ];

    public const string DocumentStart = """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>""";
    public const string DocumentEnd = "</w:t></w:r></w:p></w:body></w:document>";

    public const string QdeStart = """<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="bomb"><Description>""";
    public const string QdeEnd = "</Description></Project>";

    /// <summary>
    /// A zip of <paramref name="parts"/> plus <paramref name="bombName"/>: <paramref name="start"/>,
    /// then <paramref name="fillerBytes"/> letters 'a', then <paramref name="end"/>. A gigabyte of one
    /// letter deflates to about a megabyte.
    /// </summary>
    public static void Zip(string path, IEnumerable<(string Name, string Text)> parts, string bombName, string start, long fillerBytes, string end)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in parts) Entry(zip, name, text);
        using var s = zip.CreateEntry(bombName, CompressionLevel.SmallestSize).Open();
        s.Write(Encoding.UTF8.GetBytes(start));
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)'a');
        for (var left = fillerBytes; left > 0; left -= chunk.Length) s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        s.Write(Encoding.UTF8.GetBytes(end));
    }

    /// <summary>A zip of text parts, in order (a name may repeat).</summary>
    public static void Zip(string path, IEnumerable<(string Name, string Text)> parts)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in parts) Entry(zip, name, text);
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        w.Write(text);
    }

    /// <summary>Rewrites the uncompressed size that the local and central headers of <paramref name="entryName"/> declare.</summary>
    public static void ForgeDeclaredSize(string path, string entryName, uint declared)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var sig = BitConverter.ToUInt32(bytes, i);
            if (sig == 0x04034b50 && NameAt(bytes, i + 30, BitConverter.ToUInt16(bytes, i + 26), name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22), declared);
            else if (sig == 0x02014b50 && NameAt(bytes, i + 46, BitConverter.ToUInt16(bytes, i + 28), name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), declared);
        }
        File.WriteAllBytes(path, bytes);
    }

    private static bool NameAt(byte[] bytes, int at, int length, byte[] name) =>
        length == name.Length && at + length <= bytes.Length && bytes.AsSpan(at, length).SequenceEqual(name);

    /// <summary>"&lt;tag&gt;" opened <paramref name="depth"/> times, then closed.</summary>
    public static string Nested(string open, string close, int depth, string inner = "") =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>Peak resident memory of this process so far, in bytes (Linux), or the current working set elsewhere.</summary>
    public static long PeakResident()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return Environment.WorkingSet;
    }
}
