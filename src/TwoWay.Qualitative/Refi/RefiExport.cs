using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace TwoWay.Qualitative.Files.Refi;

/// <summary>
/// Writes REFI-QDA 1.0 files that validate against Project.xsd / Codebook.xsd. Output is
/// deterministic (ids derived from TwoWay's own, no timestamps), so export → import → export gives
/// the same bytes. Transcripts go to Sources/&lt;guid&gt;.txt as UTF-8 without BOM, and positions are
/// UTF-16 code units with CRLF as 2 (the NVivo convention).
/// Case, interview round, respondent role and pseudonym, date and language travel as REFI-QDA
/// Cases and Variables, which NVivo, ATLAS.ti and MAXQDA show as case/document attributes.
/// </summary>
public static class RefiExport
{
    public const string ProjectNamespace = "urn:QDA-XML:project:1.0";
    public const string CodebookNamespace = "urn:QDA-XML:codebook:1.0";
    public const string Origin = "TwoWay";

    internal static class Variables
    {
        public const string Round = "Interview round";
        public const string Role = "Respondent role";
        public const string Pseudonym = "Respondent pseudonym";
        public const string Date = "Interview date";
        public const string Language = "Language";
        public const string CaseMemoPrefix = "Memo on case ";
    }

    public static void WriteQdpx(QualitativeProject project, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var fixedTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var qde = zip.CreateEntry("project.qde", CompressionLevel.Fastest);
        qde.LastWriteTime = fixedTime;
        using (var s = qde.Open()) WriteProjectXml(project, s);
        foreach (var source in project.Sources)
        {
            var e = zip.CreateEntry($"Sources/{RefiIds.Format(source.Id)}.txt", CompressionLevel.Fastest);
            e.LastWriteTime = fixedTime;
            using var s = e.Open();
            var bytes = new UTF8Encoding(false).GetBytes(source.Text);
            s.Write(bytes);
        }
    }

    public static void WriteQdpx(QualitativeProject project, string path)
    {
        // Write beside, then move: a failed export never leaves half a file under the real name.
        var tmp = path + ".tmp";
        using (var f = File.Create(tmp)) WriteQdpx(project, f);
        File.Move(tmp, path, overwrite: true);
    }

    public static string ProjectXml(QualitativeProject project)
    {
        using var ms = new MemoryStream();
        WriteProjectXml(project, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static string CodebookXml(Codebook codebook)
    {
        using var ms = new MemoryStream();
        WriteQdc(codebook, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void WriteQdc(Codebook codebook, Stream output)
    {
        using var w = XmlWriter.Create(output, Settings);
        w.WriteStartDocument();
        w.WriteStartElement("CodeBook", CodebookNamespace);
        w.WriteAttributeString("origin", Origin);
        WriteCodes(w, codebook, CodebookNamespace, codeNotes: null);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static XmlWriterSettings Settings => new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
        // Transcripts may hold CR characters: write them as &#xD; so XML readers keep them.
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static void WriteProjectXml(QualitativeProject p, Stream output)
    {
        const string ns = ProjectNamespace;
        var book = p.Codebook;
        var users = p.Codings.Select(c => c.Coder).Concat(p.Memos.Select(m => m.Author).OfType<string>())
            .Distinct().Order(StringComparer.Ordinal).ToList();
        string UserId(string name) => RefiIds.Format(RefiIds.Derived("user", name));
        static string NoteId(Memo m) => RefiIds.Format(m.Id);

        using var w = XmlWriter.Create(output, Settings);
        w.WriteStartDocument();
        w.WriteStartElement("Project", ns);
        w.WriteAttributeString("name", p.Name);
        w.WriteAttributeString("origin", Origin);

        if (users.Count > 0)
        {
            w.WriteStartElement("Users", ns);
            foreach (var u in users)
            {
                w.WriteStartElement("User", ns);
                w.WriteAttributeString("guid", UserId(u));
                w.WriteAttributeString("name", u);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        var codeNotes = p.Memos.Where(m => m.Target == MemoTarget.Code).ToLookup(m => m.TargetId, StringComparer.OrdinalIgnoreCase);
        if (book.Count > 0)
        {
            w.WriteStartElement("CodeBook", ns);
            WriteCodes(w, book, ns, codeNotes);
            w.WriteEndElement();
        }

        var sources = p.Sources.ToList();
        var variables = new (string Name, string Type, Func<Source, object?> Get)[]
        {
            (Variables.Round, "Integer", s => s.Round),
            (Variables.Role, "Text", s => s.Respondent?.Role),
            (Variables.Pseudonym, "Text", s => s.Respondent?.Pseudonym),
            (Variables.Date, "Date", s => s.Date),
            (Variables.Language, "Text", s => s.Language),
        }.Where(v => sources.Any(s => v.Get(s) is not null)).ToList();
        if (variables.Count > 0)
        {
            w.WriteStartElement("Variables", ns);
            foreach (var v in variables)
            {
                w.WriteStartElement("Variable", ns);
                w.WriteAttributeString("guid", RefiIds.Format(RefiIds.Derived("variable", v.Name)));
                w.WriteAttributeString("name", v.Name);
                w.WriteAttributeString("typeOfVariable", v.Type);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        var cases = sources.Where(s => s.Case is not null).GroupBy(s => s.Case!.Value.Value).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (cases.Count > 0)
        {
            w.WriteStartElement("Cases", ns);
            foreach (var g in cases)
            {
                w.WriteStartElement("Case", ns);
                w.WriteAttributeString("guid", RefiIds.Format(RefiIds.Derived("case", g.Key)));
                w.WriteAttributeString("name", g.Key);
                foreach (var s in g)
                {
                    w.WriteStartElement("SourceRef", ns);
                    w.WriteAttributeString("targetGUID", RefiIds.Format(s.Id));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        var sourceNotes = p.Memos.Where(m => m.Target == MemoTarget.Source).ToLookup(m => m.TargetId, StringComparer.OrdinalIgnoreCase);
        if (sources.Count > 0)
        {
            w.WriteStartElement("Sources", ns);
            foreach (var s in sources)
            {
                w.WriteStartElement("TextSource", ns);
                w.WriteAttributeString("guid", RefiIds.Format(s.Id));
                w.WriteAttributeString("name", s.Name);
                w.WriteAttributeString("plainTextPath", $"internal://{RefiIds.Format(s.Id)}.txt");
                foreach (var c in p.CodingsOf(s.Id).OrderBy(c => c.Span).ThenBy(c => c.Coder, StringComparer.Ordinal).ThenBy(c => c.Id))
                {
                    w.WriteStartElement("PlainTextSelection", ns);
                    w.WriteAttributeString("guid", RefiIds.Format(RefiIds.Derived("selection", c.Id)));
                    w.WriteAttributeString("startPosition", c.Span.Start.ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("endPosition", c.Span.End.ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("creatingUser", UserId(c.Coder));
                    if (c.Memo is not null) w.WriteElementString("Description", ns, c.Memo);
                    w.WriteStartElement("Coding", ns);
                    w.WriteAttributeString("guid", RefiIds.Format(c.Id));
                    w.WriteAttributeString("creatingUser", UserId(c.Coder));
                    w.WriteStartElement("CodeRef", ns);
                    w.WriteAttributeString("targetGUID", RefiIds.Format(c.CodeId));
                    w.WriteEndElement();
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                foreach (var m in sourceNotes[s.Id.ToString("D")]) WriteNoteRef(w, ns, NoteId(m));
                foreach (var v in variables)
                {
                    var value = v.Get(s);
                    if (value is null) continue;
                    w.WriteStartElement("VariableValue", ns);
                    w.WriteStartElement("VariableRef", ns);
                    w.WriteAttributeString("targetGUID", RefiIds.Format(RefiIds.Derived("variable", v.Name)));
                    w.WriteEndElement();
                    switch (value)
                    {
                        case int i: w.WriteElementString("IntegerValue", ns, i.ToString(CultureInfo.InvariantCulture)); break;
                        case DateOnly d: w.WriteElementString("DateValue", ns, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                        default: w.WriteElementString("TextValue", ns, value.ToString()); break;
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        if (p.Memos.Count > 0)
        {
            w.WriteStartElement("Notes", ns);
            foreach (var m in p.Memos)
            {
                w.WriteStartElement("Note", ns);
                w.WriteAttributeString("guid", NoteId(m));
                w.WriteAttributeString("name", m.Target == MemoTarget.Case ? Variables.CaseMemoPrefix + m.TargetId : $"Memo on {m.Target.ToString().ToLowerInvariant()}");
                if (m.Author is not null) w.WriteAttributeString("creatingUser", UserId(m.Author));
                w.WriteElementString("PlainTextContent", ns, m.Text);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        foreach (var m in p.Memos.Where(m => m.Target == MemoTarget.Project)) WriteNoteRef(w, ns, NoteId(m));

        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteNoteRef(XmlWriter w, string ns, string id)
    {
        w.WriteStartElement("NoteRef", ns);
        w.WriteAttributeString("targetGUID", id);
        w.WriteEndElement();
    }

    private static void WriteCodes(XmlWriter w, Codebook book, string ns, ILookup<string, Memo>? codeNotes)
    {
        w.WriteStartElement("Codes", ns);
        foreach (var c in book.Children(null)) WriteCode(w, book, c, ns, codeNotes);
        w.WriteEndElement();
    }

    private static void WriteCode(XmlWriter w, Codebook book, Code c, string ns, ILookup<string, Memo>? codeNotes)
    {
        w.WriteStartElement("Code", ns);
        w.WriteAttributeString("guid", RefiIds.Format(c.Id));
        w.WriteAttributeString("name", c.Name);
        w.WriteAttributeString("isCodable", c.IsCodable ? "true" : "false");
        if (c.Colour is { } col) w.WriteAttributeString("color", col.Hex);
        if (c.Description is not null) w.WriteElementString("Description", ns, c.Description);
        if (codeNotes is not null)
            foreach (var m in codeNotes[c.Id.ToString("D")]) WriteNoteRef(w, ns, RefiIds.Format(m.Id));
        foreach (var child in book.Children(c.Id)) WriteCode(w, book, child, ns, codeNotes);
        w.WriteEndElement();
    }
}
