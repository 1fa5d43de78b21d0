using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoWay.Domain;
using TwoWay.Input;

namespace TwoWay.Qualitative.Files.Refi;

/// <summary>What an import produced and every repair it made to accept another tool's file.</summary>
public sealed record RefiImportResult(QualitativeProject Project, string? Origin, OffsetConvention Offsets, IReadOnlyList<string> Repairs);

/// <summary>A codebook read from a .qdc (or from a project) and the repairs made to accept it.</summary>
public sealed record CodebookImportResult(Codebook Codebook, string? Origin, IReadOnlyList<string> Repairs);

/// <summary>
/// Tolerant REFI-QDA import. Accepts the variants real tools write and lists each repair: namespace
/// variants, an inner .qde not named project.qde, lower-case sources/, plainTextPath without
/// internal://, an empty .txt beside a .docx, non-GUID ids, RGB/alpha colours, invalid empty Sets,
/// duplicate sibling code names, overlapping selections of one code by one coder, truncated codebooks.
/// Refuses, with an <see cref="InputException"/> and nothing imported: unreadable or truncated zips,
/// zip entries escaping the archive (path traversal), files beyond <see cref="ArchiveLimits"/> (zip
/// bombs, XML nested too deep), codes nested deeper than <see cref="MaxCodeDepth"/>, XML with a DTD (entity expansion), selections
/// outside their text or empty or reversed, and codings of unknown codes.
/// </summary>
public static class RefiImport
{
    public static RefiImportResult ReadQdpx(string path, OffsetConvention? offsets = null)
    {
        using var f = OpenFile(path);
        return ReadQdpx(f, Path.GetFileName(path), offsets);
    }

    public static RefiImportResult ReadQdpx(Stream stream, string fileName, OffsetConvention? offsets = null)
    {
        using (var zip = GuardedZip.Open(stream, fileName, "not a readable .qdpx (zip) file — it may be truncated or damaged"))
        {
            var repairs = new List<string>();
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var e in zip.Entries)
            {
                var name = e.FullName.Replace('\\', '/');
                if (name.StartsWith('/') || name.Split('/').Any(part => part == "..") || (name.Length > 1 && name[1] == ':'))
                    throw new InputException(fileName, null, e.FullName, "a zip entry points outside the archive (path traversal); the file is refused");
                if (!name.EndsWith('/')) entries[name] = e;
            }
            var qdes = entries.Keys.Where(k => k.EndsWith(".qde", StringComparison.OrdinalIgnoreCase)).ToList();
            var qdeName = qdes.FirstOrDefault(k => k == "project.qde")
                ?? qdes.FirstOrDefault(k => !k.Contains('/'))
                ?? throw new InputException(fileName, null, null, "no project.qde inside the .qdpx");
            if (qdeName != "project.qde") repairs.Add($"the project file inside is named '{qdeName}', not 'project.qde'; read it as the project");

            XElement root;
            string? ns;
            using (var s = zip.Open(entries[qdeName]))
            {
                var loaded = SafeXml.Load(s, $"{fileName}/{qdeName}", keepTruncated: false);
                (root, ns) = (loaded.Root, loaded.Namespace);
            }
            return ReadProject(root, ns, fileName, offsets, repairs, relPath => FindSourceEntry(zip, entries, relPath, repairs));
        }
    }

    /// <summary>Reads a bare project.qde (no transcripts: sources whose text is not in it import without text).</summary>
    public static RefiImportResult ReadQde(Stream stream, string fileName, OffsetConvention? offsets = null)
    {
        var loaded = SafeXml.Load(stream, fileName, keepTruncated: false);
        return ReadProject(loaded.Root, loaded.Namespace, fileName, offsets, [], _ => null);
    }

    public static CodebookImportResult ReadQdc(string path)
    {
        using var f = OpenFile(path);
        return ReadQdc(f, Path.GetFileName(path));
    }

    public static CodebookImportResult ReadQdc(Stream stream, string fileName)
    {
        var loaded = SafeXml.Load(stream, fileName, keepTruncated: true);
        var repairs = new List<string>();
        if (loaded.Root.Name.LocalName != "CodeBook")
            throw new InputException(fileName, null, null, $"not a REFI-QDA codebook: the root element is <{loaded.Root.Name.LocalName}>, not <CodeBook>");
        CheckNamespace(loaded.Namespace, RefiExport.CodebookNamespace, repairs);
        if (loaded.TruncatedAt is { } at)
            repairs.Add($"the file ends early ({at}): kept the codes that were complete before that point");
        CheckSets(loaded.Root, repairs);
        var book = ReadCodes(loaded.Root.Element("Codes"), fileName, repairs, out _);
        return new CodebookImportResult(book, (string?)loaded.Root.Attribute("origin"), repairs);
    }

    /// <summary>
    /// Merges an imported codebook into an existing one. A code matches an existing code by GUID,
    /// otherwise by its full path (names from the root), never by name alone, since names repeat under
    /// different parents. Matched codes keep the existing identity and codings; the others are added.
    /// </summary>
    public static (Codebook Codebook, int MatchedByGuid, int MatchedByPath, int Added) MergeCodebook(Codebook existing, Codebook imported)
    {
        var map = new Dictionary<Guid, Guid>();
        int byGuid = 0, byPath = 0, added = 0;
        var result = existing;
        foreach (var code in imported.Codes) // parents come first
        {
            if (result.Contains(code.Id)) { map[code.Id] = code.Id; byGuid++; continue; }
            var parent = code.ParentId is { } p ? map[p] : (Guid?)null;
            var path = (parent is { } pp ? result.PathOf(pp) : []).Append(code.Name).ToList();
            if (result.FindByPath(path) is { } same) { map[code.Id] = same.Id; byPath++; continue; }
            result = result.Add(new Code(code.Id, code.Name, code.Description, code.Colour, code.IsCodable, parent));
            map[code.Id] = code.Id;
            added++;
        }
        return (result, byGuid, byPath, added);
    }

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path)) throw new InputException(Path.GetFileName(path), null, null, "file not found");
        return File.OpenRead(path);
    }

    private static byte[]? FindSourceEntry(GuardedZip zip, Dictionary<string, ZipArchiveEntry> entries, string relPath, List<string> repairs)
    {
        foreach (var candidate in new[] { "sources/" + relPath, "Sources/" + relPath, relPath })
        {
            if (!entries.TryGetValue(candidate, out var e)) continue;
            if (candidate.StartsWith("sources/", StringComparison.Ordinal) && !repairs.Any(r => r.StartsWith("transcripts are in 'sources/'", StringComparison.Ordinal)))
                repairs.Add("transcripts are in 'sources/' (lower case) instead of 'Sources/'; read them from there");
            return zip.ReadAll(e);
        }
        return null;
    }

    private static void CheckNamespace(string? ns, string expected, List<string> repairs)
    {
        if (ns != expected)
            repairs.Add(string.IsNullOrEmpty(ns)
                ? $"the XML has no namespace; read it as {expected}"
                : $"the XML namespace is '{ns}'; read it as {expected}");
    }

    private static void CheckSets(XElement parent, List<string> repairs)
    {
        if (parent.Element("Sets") is { } sets)
        {
            if (!sets.Elements("Set").Any()) repairs.Add("an empty <Sets/> element (invalid in REFI-QDA) was ignored");
            else repairs.Add($"{sets.Elements("Set").Count()} code/source set(s) were not imported: TwoWay has no sets (codes and their hierarchy are kept)");
        }
    }

    private static Guid Id(XElement el, string attr, string what, List<string> repairs, Dictionary<string, Guid>? map = null)
    {
        var raw = ((string?)el.Attribute(attr))?.Trim();
        if (RefiIds.TryParse(raw, out var g)) return g;
        if (raw is not null && map is not null && map.TryGetValue(raw, out var mapped)) return mapped;
        var derived = RefiIds.Derived("foreign-id", raw ?? Guid.NewGuid().ToString());
        repairs.Add(raw is null
            ? $"{what} without an id was given the id {derived}"
            : $"{what} id '{raw}' is not a GUID; replaced by {derived}");
        if (raw is not null && map is not null) map[raw] = derived;
        return derived;
    }

    private static readonly Regex RgbFunction = new(@"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(,\s*[\d.]+\s*)?\)$", RegexOptions.IgnoreCase);
    private static readonly Regex RgbList = new(@"^(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})$");

    private static CodeColour? Colour(string? raw, string codeName, List<string> repairs)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var v = raw.Trim();
        if (CodeColour.TryParse(v, out var c)) return c;
        CodeColour? repaired = null;
        if (v.Length == 9 && v[0] == '#' && v.Skip(1).All(char.IsAsciiHexDigit))
            repaired = new CodeColour(v[..7]); // #RRGGBBAA: alpha dropped
        else if ((RgbFunction.Match(v) is { Success: true } m1 ? m1 : RgbList.Match(v)) is { Success: true } m
                 && m.Groups.Values.Skip(1).Take(3).All(g => int.Parse(g.Value, CultureInfo.InvariantCulture) <= 255))
            repaired = CodeColour.FromRgb(byte.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                byte.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), byte.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        else if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var packed) && packed >= 0 && packed <= 0xFFFFFF)
            repaired = CodeColour.FromRgb((byte)(packed >> 16), (byte)(packed >> 8), (byte)packed);
        repairs.Add(repaired is { } r
            ? $"code '{codeName}': colour '{v}' written as {r.Hex}"
            : $"code '{codeName}': colour '{v}' is not a colour and was dropped");
        return repaired;
    }

    /// <summary>Codes nested deeper than this are refused: real codebooks use a handful of levels.</summary>
    public const int MaxCodeDepth = 100;

    private static Codebook ReadCodes(XElement? codes, string fileName, List<string> repairs, out Dictionary<string, Guid> idMap)
    {
        idMap = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var list = new List<Code>();
        var seen = new HashSet<Guid>();
        if (codes is null) return Codebook.Empty;
        // Depth first with an explicit stack (a hostile file may nest codes thousands deep), each
        // code visited once: parents come before their children, siblings in file order.
        var stack = new Stack<(IEnumerator<XElement> Codes, Guid? Parent, HashSet<string> SiblingNames)>();
        stack.Push((codes.Elements("Code").GetEnumerator(), null, new HashSet<string>(StringComparer.Ordinal)));
        while (stack.Count > 0)
        {
            var (siblings, parent, siblingNames) = stack.Peek();
            if (!siblings.MoveNext()) { stack.Pop(); continue; }
            var el = siblings.Current;
            var rawName = ((string?)el.Attribute("name"))?.Trim();
            var name = string.IsNullOrEmpty(rawName) ? "(unnamed code)" : rawName;
            if (stack.Count > MaxCodeDepth)
                throw new InputException(fileName, null, "Code", $"code '{name}' is nested more than {MaxCodeDepth} levels deep (limit: {MaxCodeDepth})");
            if (string.IsNullOrEmpty(rawName)) repairs.Add("a code without a name was named '(unnamed code)'");
            var id = Id(el, "guid", $"code '{name}'", repairs, idMap);
            if (!seen.Add(id))
                throw new InputException(fileName, null, "Code", $"two codes have the GUID {id}");
            var unique = name;
            for (var k = 2; !siblingNames.Add(unique); k++) unique = $"{name} ({k})";
            if (unique != name) repairs.Add($"two codes under the same parent are both named '{name}'; the second is now '{unique}'");
            var codable = !string.Equals(((string?)el.Attribute("isCodable"))?.Trim(), "false", StringComparison.OrdinalIgnoreCase)
                          && (string?)el.Attribute("isCodable") != "0";
            list.Add(new Code(id, unique, (string?)el.Element("Description"), Colour((string?)el.Attribute("color"), name, repairs), codable, parent));
            stack.Push((el.Elements("Code").GetEnumerator(), id, new HashSet<string>(StringComparer.Ordinal)));
        }
        return Codebook.Of(list);
    }

    private static RefiImportResult ReadProject(XElement root, string? ns, string fileName, OffsetConvention? offsetsOverride,
        List<string> repairs, Func<string, byte[]?> readSource)
    {
        if (root.Name.LocalName != "Project")
            throw new InputException(fileName, null, null, $"not a REFI-QDA project: the root element is <{root.Name.LocalName}>, not <Project>");
        CheckNamespace(ns, RefiExport.ProjectNamespace, repairs);
        var origin = (string?)root.Attribute("origin");
        var convention = offsetsOverride ?? Offsets.FromOrigin(origin);
        var errors = new InputErrorCollector();

        var users = root.Element("Users")?.Elements("User")
            .Select(u => (Guid: ((string?)u.Attribute("guid"))?.Trim() ?? "", Name: ((string?)u.Attribute("name"))?.Trim() ?? ((string?)u.Attribute("id"))?.Trim()))
            .Where(u => u.Guid.Length > 0 && !string.IsNullOrEmpty(u.Name))
            .GroupBy(u => u.Guid, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>();
        string Coder(XElement? a, XElement? b)
        {
            var guid = ((string?)a?.Attribute("creatingUser") ?? (string?)b?.Attribute("creatingUser"))?.Trim();
            if (guid is not null && users.TryGetValue(guid, out var name)) return name;
            return guid is null ? "unknown coder" : $"user {guid}";
        }

        CheckSets(root, repairs);
        var book = ReadCodes(root.Element("CodeBook")?.Element("Codes"), fileName, repairs, out var codeIdMap);

        // Notes (memos) by id; the things that refer to them decide what a memo is about.
        var notes = new Dictionary<string, (string Text, string? Name, XElement El)>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in root.Element("Notes")?.Elements("Note") ?? [])
        {
            var id = ((string?)n.Attribute("guid"))?.Trim() ?? "";
            var text = (string?)n.Element("PlainTextContent");
            if (text is null && ((string?)n.Attribute("plainTextPath")) is { } np)
                text = readSource(StripInternal(np, repairs)) is { } bytes ? TranscriptReader.ReadPlain(new MemoryStream(bytes), np) : null;
            if (string.IsNullOrWhiteSpace(text)) { repairs.Add($"note {id} has no text (not included in the file) and was skipped"); continue; }
            notes[id] = (text, (string?)n.Attribute("name"), n);
        }
        var memos = new List<Memo>();
        var usedNotes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void AddMemos(XElement owner, MemoTarget target, string targetId)
        {
            foreach (var r in owner.Elements("NoteRef"))
            {
                var id = ((string?)r.Attribute("targetGUID"))?.Trim() ?? "";
                if (!notes.TryGetValue(id, out var note) || !usedNotes.Add(id)) continue;
                memos.Add(new Memo(RefiIds.TryParse(id, out var g) ? g : RefiIds.Derived("foreign-id", id), target, targetId, note.Text,
                    users.GetValueOrDefault(((string?)note.El.Attribute("creatingUser"))?.Trim() ?? "")));
            }
        }
        // The codes ReadCodes read, in the same order, with an explicit stack like it.
        var codeEls = new Stack<XElement>((root.Element("CodeBook")?.Element("Codes")?.Elements("Code") ?? []).Reverse());
        while (codeEls.TryPop(out var el))
        {
            foreach (var child in el.Elements("Code").Reverse()) codeEls.Push(child);
            var raw = ((string?)el.Attribute("guid"))?.Trim() ?? "";
            var id = RefiIds.TryParse(raw, out var g) ? g : codeIdMap.GetValueOrDefault(raw);
            if (id != Guid.Empty) AddMemos(el, MemoTarget.Code, id.ToString("D"));
        }

        // Variables and cases written by TwoWay (or any tool using the same names) come back as source attributes.
        var variableNames = (root.Element("Variables")?.Elements("Variable") ?? [])
            .ToDictionary(v => ((string?)v.Attribute("guid"))?.Trim() ?? "", v => (string?)v.Attribute("name") ?? "", StringComparer.OrdinalIgnoreCase);
        var caseOfSource = new Dictionary<string, FirmId>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in root.Element("Cases")?.Elements("Case") ?? [])
        {
            var name = ((string?)c.Attribute("name"))?.Trim();
            if (name is null) continue;
            if (!FirmId.IsValid(name)) { repairs.Add($"case '{name}' is not a valid firm id; its sources are imported without a case"); continue; }
            foreach (var r in c.Elements("SourceRef")) caseOfSource[((string?)r.Attribute("targetGUID"))?.Trim() ?? ""] = new FirmId(name);
        }

        var sources = new List<Source>();
        var codings = new List<Coding>();
        var sourceEls = root.Element("Sources")?.Elements().ToList() ?? [];
        var skippedKinds = sourceEls.Where(e => e.Name.LocalName != "TextSource").GroupBy(e => e.Name.LocalName).ToList();
        foreach (var g in skippedKinds) repairs.Add($"{g.Count()} {g.Key} element(s) skipped: TwoWay codes text transcripts only");
        foreach (var el in sourceEls.Where(e => e.Name.LocalName == "TextSource"))
        {
            var rawGuid = ((string?)el.Attribute("guid"))?.Trim() ?? "";
            var sourceId = Id(el, "guid", "source", repairs);
            var name = ((string?)el.Attribute("name"))?.Trim() is { Length: > 0 } n ? n : $"source {sourceId}";
            var text = ReadSourceText(el, name, readSource, repairs);
            var selections = el.Elements("PlainTextSelection").ToList();
            if (text is null)
            {
                repairs.Add($"source '{name}': its text is not in the file, so it was imported without text and its {selections.Count} selection(s) were skipped");
                text = "";
                selections = [];
            }
            var map = Offsets.Map(text, convention);
            var counted = map is null ? text.Length : map.Length - 1;

            // Source attributes
            int? round = null; string? role = null, pseudonym = null, language = null; DateOnly? date = null;
            foreach (var vv in el.Elements("VariableValue"))
            {
                var vname = variableNames.GetValueOrDefault(((string?)vv.Element("VariableRef")?.Attribute("targetGUID"))?.Trim() ?? "");
                var value = vv.Elements().FirstOrDefault(x => x.Name.LocalName != "VariableRef")?.Value.Trim();
                if (string.IsNullOrEmpty(value)) continue;
                switch (vname)
                {
                    case RefiExport.Variables.Round when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r >= 1: round = r; break;
                    case RefiExport.Variables.Role: role = value; break;
                    case RefiExport.Variables.Pseudonym: pseudonym = value; break;
                    case RefiExport.Variables.Language when Source.IsLanguageTag(value): language = value; break;
                    case RefiExport.Variables.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d): date = d; break;
                }
            }
            var respondent = role is not null && pseudonym is not null ? new Respondent(role, pseudonym) : null;
            sources.Add(new Source(sourceId, name, text, caseOfSource.TryGetValue(rawGuid, out var firm) ? firm : null, respondent, round, date, language));
            AddMemos(el, MemoTarget.Source, sourceId.ToString("D"));

            foreach (var sel in selections)
            {
                var where = $"{fileName}, source '{name}', selection {(string?)sel.Attribute("guid")}";
                if (!long.TryParse((string?)sel.Attribute("startPosition"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s0)
                    || !long.TryParse((string?)sel.Attribute("endPosition"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e0))
                { errors.Add(where, null, "startPosition", "startPosition and endPosition must be whole numbers"); continue; }
                var codingEls = sel.Elements("Coding").ToList();
                var description = ((string?)sel.Element("Description"))?.Trim();
                if (s0 < 0 || e0 > counted || s0 > counted)
                { errors.Add(where, null, "endPosition", $"selection {s0}–{e0} is out of range: the text has {counted} characters ({convention})"); continue; }
                if (e0 <= s0)
                { errors.Add(where, null, "endPosition", e0 == s0 ? $"selection {s0}–{e0} is empty" : $"selection {s0}–{e0} is reversed"); continue; }
                var span = new TextSpan(map is null ? (int)s0 : map[s0], map is null ? (int)e0 : map[e0]);
                if (codingEls.Count == 0)
                {
                    // A memo on a passage without a code (f4 writes these): kept as a memo on the source, with its place.
                    var memoText = string.Join("\n\n", new[] { description }.Concat(sel.Elements("NoteRef")
                        .Select(r => notes.GetValueOrDefault(((string?)r.Attribute("targetGUID"))?.Trim() ?? "").Text))
                        .Where(t => !string.IsNullOrWhiteSpace(t)).Distinct());
                    foreach (var r in sel.Elements("NoteRef")) usedNotes.Add(((string?)r.Attribute("targetGUID"))?.Trim() ?? "");
                    if (memoText.Length > 0)
                        memos.Add(new Memo(Id(sel, "guid", "selection", repairs), MemoTarget.Source, sourceId.ToString("D"),
                            $"[{span.Start}–{span.End}] \"{Excerpt(span.Of(text))}\": {memoText}"));
                    continue;
                }
                var selNotes = sel.Elements("NoteRef").Select(r => ((string?)r.Attribute("targetGUID"))?.Trim() ?? "")
                    .Where(id => notes.ContainsKey(id)).ToList();
                foreach (var id in selNotes) usedNotes.Add(id);
                var memo = string.Join("\n\n", new[] { description }.Concat(selNotes.Select(id => notes[id].Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
                foreach (var cel in codingEls)
                {
                    var rawCode = ((string?)cel.Element("CodeRef")?.Attribute("targetGUID"))?.Trim() ?? "";
                    var codeId = RefiIds.TryParse(rawCode, out var cg) ? cg : codeIdMap.GetValueOrDefault(rawCode);
                    if (!book.Contains(codeId))
                    { errors.Add(where, null, "CodeRef", $"the coding refers to code '{rawCode}', which is not in the codebook"); continue; }
                    if (!book[codeId].IsCodable)
                    {
                        repairs.Add($"code '{book.PathText(codeId)}' is marked not codable but has codings; it was made codable");
                        var c = book[codeId];
                        book = book.Update(codeId, c.Description, c.Colour, true);
                    }
                    codings.Add(new Coding(Id(cel, "guid", "coding", repairs), sourceId, codeId, span, Coder(cel, sel), memo.Length > 0 ? memo : null));
                }
            }
            foreach (var cel in el.Elements("Coding"))
                repairs.Add($"source '{name}': a coding of the whole source (no selection) was skipped");
        }
        errors.ThrowIfAny();

        // Unreferenced notes are project memos; case notes written by TwoWay go back to their case.
        foreach (var (id, note) in notes)
        {
            if (usedNotes.Contains(id)) continue;
            var isCase = note.Name?.StartsWith(RefiExport.Variables.CaseMemoPrefix, StringComparison.Ordinal) == true;
            var caseId = isCase ? note.Name![RefiExport.Variables.CaseMemoPrefix.Length..] : "";
            memos.Add(new Memo(RefiIds.TryParse(id, out var g) ? g : RefiIds.Derived("foreign-id", id),
                isCase ? MemoTarget.Case : MemoTarget.Project, caseId, note.Text,
                users.GetValueOrDefault(((string?)note.El.Attribute("creatingUser"))?.Trim() ?? "")));
        }
        // Keep memo order as written in <Notes>, so re-export is stable.
        var noteOrder = notes.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.OrdinalIgnoreCase);
        memos = memos.OrderBy(m => noteOrder.GetValueOrDefault(RefiIds.Format(m.Id), int.MaxValue)).ToList();

        // Two selections of one code by one coder that overlap are one passage: join them.
        var merged = new List<Coding>();
        foreach (var g in codings.GroupBy(c => (c.SourceId, c.CodeId, c.Coder)))
        {
            Coding? cur = null;
            foreach (var c in g.OrderBy(c => c.Span))
            {
                if (cur is not null && cur.Span.Overlaps(c.Span))
                {
                    repairs.Add($"source '{sources.First(s => s.Id == c.SourceId).Name}': overlapping selections {cur.Span} and {c.Span} of '{book.PathText(c.CodeId)}' by {c.Coder} were joined");
                    cur = new Coding(cur.Id, cur.SourceId, cur.CodeId, new TextSpan(cur.Span.Start, Math.Max(cur.Span.End, c.Span.End)), cur.Coder,
                        string.Join("\n\n", new[] { cur.Memo, c.Memo }.OfType<string>().Distinct()));
                    continue;
                }
                if (cur is not null) merged.Add(cur);
                cur = c;
            }
            if (cur is not null) merged.Add(cur);
        }
        var order = codings.Select((c, i) => (c.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i);
        merged = merged.OrderBy(c => order[c.Id]).ToList();

        var projectName = ((string?)root.Attribute("name"))?.Trim() is { Length: > 0 } pn ? pn : Path.GetFileNameWithoutExtension(fileName);
        var project = QualitativeProject.Create(projectName, sources, book, merged, memos, fileName);
        return new RefiImportResult(project, origin, convention, repairs);
    }

    private static string Excerpt(string s) => s.Length <= 60 ? s : s[..57] + "…";

    private static string StripInternal(string path, List<string> repairs)
    {
        const string prefix = "internal://";
        if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return path[prefix.Length..];
        if (!repairs.Any(r => r.Contains("without 'internal://'", StringComparison.Ordinal)))
            repairs.Add($"plainTextPath '{path}' is written without 'internal://'; read it from the archive's sources");
        return path;
    }

    private static string? ReadSourceText(XElement el, string name, Func<string, byte[]?> readSource, List<string> repairs)
    {
        if ((string?)el.Element("PlainTextContent") is { } inline) return inline;
        byte[]? plain = null;
        string? plainPath = (string?)el.Attribute("plainTextPath");
        if (plainPath is not null) plain = readSource(StripInternal(plainPath, repairs));
        var richPath = (string?)el.Attribute("richTextPath");
        // NVivo for Mac leaves a 1-byte .txt beside the real .docx: take the text from the .docx then.
        if ((plain is null || plain.Length <= 1) && richPath is not null && richPath.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)
            && readSource(richPath.StartsWith("internal://", StringComparison.OrdinalIgnoreCase) ? richPath["internal://".Length..] : richPath) is { } docx)
        {
            if (plain is not null) repairs.Add($"source '{name}': the plain text beside the .docx is empty ({plain.Length} byte); the text was taken from the .docx");
            else repairs.Add($"source '{name}': no plain text, so the text was taken from the .docx");
            return TranscriptReader.ReadDocx(new MemoryStream(docx), richPath);
        }
        return plain is null ? null : TranscriptReader.ReadPlain(new MemoryStream(plain), plainPath!);
    }
}
