using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TwoWay.Application.Cases;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Cases;
using TwoWay.Interchange.Tables;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Suggestions;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;
using TwoWay.Storage.Settings;

namespace TwoWay.Application.Suggestions;

/// <summary><c>twoway suggest</c>: one transcript or all (or one firm's), with the built-in cues or your own file.</summary>
public sealed record SuggestRequest(string? Source = null, string? Firm = null, string? Cues = null, bool All = false);

/// <summary>
/// <c>twoway suggest accept</c>: the suggestion (any unique beginning of its id), and what the
/// transcript did not say (the operation id, a start year, a partner); the cue file that found it;
/// with <c>Code</c> and <c>Coder</c> the sentence is also coded and that coding linked as the new operation's evidence.
/// </summary>
public sealed record AcceptSuggestionRequest(string Id, string? OperationId = null, string? Start = null, string? Partner = null, string? Cues = null,
    string? Code = null, string? Coder = null);

/// <summary>
/// One candidate operation (<c>--json</c>): <c>id</c> (stable: the same text gives the same id; for
/// accept and reject), <c>status</c> ("new": no operation of the case has this direction, mode and
/// country; "recorded": one has; "accepted"; "rejected"), <c>operation</c> (the operation that
/// records it, else null), the transcript, its case and round, the sentence's place and text (the
/// quotation), the cue found, direction, mode (code and label), country (code and name), and the
/// year and partner the sentence names (null when none).
/// </summary>
public sealed record SuggestionRow(
    string Id, string Status, string? Operation, string Source, string? Case, int? Round, int Start, int End, string Quotation, string Cue,
    string Direction, string Mode, string ModeLabel, string Country, string CountryName, int? Year, string? Partner);

/// <summary>The <c>twoway suggest --json</c> document: the suggestions and their counts by status.</summary>
public sealed record SuggestionList(string Study, string Cues, IReadOnlyList<SuggestionRow> Suggestions, int New, int Recorded, int Accepted, int Rejected)
{
    /// <summary>How many transcripts were read (of the selection).</summary>
    public int Transcripts { get; init; }
}

/// <summary>What <c>suggest accept</c> stored: the operation (as an import row would), the suggestion, and the coding linked as its evidence (null without --code).</summary>
public sealed record SuggestionAccepted(string Operation, SuggestionRow Suggestion, string? Coding);

/// <summary>
/// Suggested operations from transcripts (issue 13): the pure suggester over every transcript of
/// the study, each suggestion compared with the case's operations; accepting one stores an
/// operation through the import's own validation (interview evidence with the quotation); a
/// rejection is remembered, so it is not offered again.
/// </summary>
public sealed class SuggestionService(string studyLocation)
{
    public const string BuiltInCuesName = "built-in suggestion cues";

    public async Task<SuggestionList> SuggestAsync(SuggestRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (lexicon, cuesName) = Lexicon(request.Cues);
        using var study = await StudyAccess.OpenAsync(studyLocation, ct).ConfigureAwait(false);
        var snapshot = await QualitativeStore.SnapshotAsync(study, ct).ConfigureAwait(false);
        var rows = await RowsAsync(study, snapshot, lexicon, ct).ConfigureAwait(false);
        IEnumerable<Source> read = snapshot.Project.Sources;
        if (request.Source is { } s)
        {
            var source = Interviews.WorkbenchLookup.FindSource(snapshot.Project, s);
            rows = rows.Where(r => r.Source == source.Name).ToList();
            read = [source];
        }
        if (request.Firm is { } f)
        {
            rows = rows.Where(r => r.Case == f).ToList();
            read = read.Where(x => x.Case?.Value == f);
        }
        var shown = request.All ? rows : rows.Where(r => r.Status != "rejected").ToList();
        return new SuggestionList(study.Location.Display, cuesName, shown,
            rows.Count(r => r.Status == "new"), rows.Count(r => r.Status == "recorded"), rows.Count(r => r.Status == "accepted"), rows.Count(r => r.Status == "rejected"))
        { Transcripts = read.Count() };
    }

    /// <summary>Stores the suggested operation, checked exactly as an imported operations row; remembers the decision.</summary>
    public async Task<SuggestionAccepted> AcceptAsync(AcceptSuggestionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (lexicon, _) = Lexicon(request.Cues);
        using var study = await StudyAccess.OpenAsync(studyLocation, ct).ConfigureAwait(false);
        var snapshot = await QualitativeStore.SnapshotAsync(study, ct).ConfigureAwait(false);
        var row = Find(await RowsAsync(study, snapshot, lexicon, ct).ConfigureAwait(false), request.Id);
        if (row.Status is "accepted" or "recorded")
            throw new InputException(study.Location.Display, null, "suggestion", $"suggestion {row.Id} is already {row.Status} as operation {row.Operation}");
        if (row.Case is null)
            throw new InputException(study.Location.Display, null, "suggestion", $"the transcript {row.Source} belongs to no case; give it one with 'twoway sources edit' first");
        var start = request.Start ?? row.Year?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InputException(study.Location.Display, null, "--start", $"the quotation names no year; give the start as --start YYYY or YYYY-MM (\"{row.Quotation}\")");
        var ids = await study.IdsAsync(ct).ConfigureAwait(false);
        var operationId = request.OperationId ?? NextOperationId(row.Case, ids.Operations);
        var source = snapshot.Project.Sources.First(x => x.Name == row.Source);
        var cells = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["operation_id"] = operationId, ["firm_id"] = row.Case, ["direction"] = row.Direction, ["mode"] = row.Mode,
            ["partner_country"] = row.Country, ["partner"] = request.Partner ?? row.Partner, ["start"] = start,
            ["evidence_kind"] = "interview", ["evidence_reference"] = source.Respondent?.Role ?? source.Name,
            ["interview_round"] = source.Round?.ToString(CultureInfo.InvariantCulture), ["quotation"] = row.Quotation,
        };
        var table = new Table($"suggestion {row.Id}", [.. cells.Keys], [new TableRow(1, cells)]);
        // Everything is checked before anything is stored: the operation as an import row, then the coding (which stores itself).
        var batch = CaseImport.Validate([(table, CaseTableKind.Operations)], new ImportTarget(ids.Firms, ids.Operations, false));
        if ((request.Code is null) != (request.Coder is null))
            throw new InputException(study.Location.Display, null, request.Code is null ? "--code" : "--coder", "give --code and --coder together: the coding that is the operation's evidence");
        string? coding = null;
        if (request.Code is { } code)
        {
            var quotation = await new Interviews.InterviewWorkbench(studyLocation).CodeAsync(
                new Interviews.CodePassageRequest(source.Id.ToString(), code, request.Coder!, Span: $"{row.Start}-{row.End}"), ct).ConfigureAwait(false);
            coding = quotation.CodingId.ToString();
        }
        await study.SaveAsync([], batch.OperationValues, SaveMode.AddOnly, cancellationToken: ct).ConfigureAwait(false);
        if (coding is not null)
            await new Evidence.EvidenceService(studyLocation).LinkAsync(new Evidence.EvidenceLinkRequest(coding, Operation: operationId), ct).ConfigureAwait(false);
        await study.SaveSuggestionDecisionAsync(row.Id, "accepted:" + operationId, ct).ConfigureAwait(false);
        return new SuggestionAccepted(operationId, row with { Status = "accepted", Operation = operationId }, coding);
    }

    /// <summary>Remembers that a suggestion is wrong, so <c>suggest</c> no longer offers it (<c>--all</c> still shows it).</summary>
    public async Task<SuggestionRow> RejectAsync(string id, string? cues = null, CancellationToken ct = default)
    {
        var (lexicon, _) = Lexicon(cues);
        using var study = await StudyAccess.OpenAsync(studyLocation, ct).ConfigureAwait(false);
        var row = Find(await RowsAsync(study, await QualitativeStore.SnapshotAsync(study, ct).ConfigureAwait(false), lexicon, ct).ConfigureAwait(false), id);
        if (row.Status == "accepted")
            throw new InputException(study.Location.Display, null, "suggestion", $"suggestion {row.Id} was accepted as operation {row.Operation}; edit or remove that operation instead");
        await study.SaveSuggestionDecisionAsync(row.Id, "rejected", ct).ConfigureAwait(false);
        return row with { Status = "rejected", Operation = null };
    }

    private SuggestionRow Find(IReadOnlyList<SuggestionRow> rows, string id)
    {
        var matches = rows.Where(r => r.Id.StartsWith(id.Trim().ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        return matches.Count == 1 ? matches[0]
            : throw new InputException(studyLocation, null, "suggestion", matches.Count == 0
                ? $"no suggestion '{id}' (list them with 'twoway suggest {studyLocation}')"
                : $"'{id}' fits {matches.Count} suggestions; give more of the id");
    }

    private static string NextOperationId(string firm, IReadOnlySet<OperationId> stored)
    {
        for (var n = 1; ; n++)
        {
            var candidate = $"{firm}/{n}";
            if (!stored.Contains(new OperationId(candidate))) return candidate;
        }
    }

    private static async Task<IReadOnlyList<SuggestionRow>> RowsAsync(Study study, WorkbenchSnapshot snapshot, SuggestionLexicon lexicon, CancellationToken ct)
    {
        var cases = (await study.LoadCasesAsync(ct).ConfigureAwait(false)).ToDictionary(c => c.Firm.Id.Value, StringComparer.Ordinal);
        var decisions = await study.LoadSuggestionDecisionsAsync(ct).ConfigureAwait(false);
        var rows = new List<SuggestionRow>();
        foreach (var source in snapshot.Project.Sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var theCase = source.Case is { } c && cases.TryGetValue(c.Value, out var fc) ? fc : null;
            var operations = theCase?.Operations.ToList() ?? [];
            var seen = new HashSet<(Direction, Mode, CountryCode)>();
            foreach (var s in OperationSuggester.Find(source, lexicon, theCase?.Firm.HomeCountry))
            {
                // One suggestion per transcript, direction, mode and country: the first sentence that says it.
                if (!seen.Add((s.Direction, s.Mode, s.Country))) continue;
                var id = Id(source, s);
                var recorded = operations.FirstOrDefault(o => o.Direction == s.Direction && o.Mode == s.Mode && o.PartnerCountry == s.Country);
                var (status, operation) = decisions.TryGetValue(id, out var d)
                    ? d.StartsWith("accepted:", StringComparison.Ordinal) ? ("accepted", d["accepted:".Length..]) : ("rejected", (string?)null)
                    : recorded is not null ? ("recorded", recorded.Id.Value) : ("new", null);
                rows.Add(new SuggestionRow(id, status, operation, source.Name, source.Case?.Value, source.Round, s.Sentence.Start, s.Sentence.End,
                    source.Text[s.Sentence.Start..s.Sentence.End], source.Text[s.Cue.Start..s.Cue.End], s.Direction.Code(), s.Mode.Code(),
                    s.Mode.Name(s.Direction), s.Country.Value, s.Country.Name, s.Year, s.Partner));
            }
        }
        return rows;
    }

    // Stable across runs and machines: the transcript, the sentence's place and what is suggested.
    private static string Id(Source source, OperationSuggestion s) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{source.Id:N}|{s.Sentence.Start}|{s.Sentence.End}|{s.Direction.Code()}|{s.Mode.Code()}|{s.Country.Value}")))[..10];

    /// <summary>The cues (built-in or <paramref name="cuesFile"/>) and the country words (the ISO names plus the built-in list).</summary>
    public static (SuggestionLexicon Lexicon, string Name) Lexicon(string? cuesFile)
    {
        var cues = cuesFile is { } path ? ReadCues(TableReader.Read(path)) : ReadCues(Embedded("suggestion-cues.csv", BuiltInCuesName));
        var words = CountryCode.All.Select(c => (c.Name, c)).ToList();
        var extra = Embedded("country-words.csv", "built-in country words");
        foreach (var row in extra.Rows)
            if (CountryCode.TryParse(row["code"], out var code))
                words.AddRange((row["words"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(w => (w, code)));
        return (new SuggestionLexicon(cues, words), cuesFile is null ? BuiltInCuesName : Path.GetFileName(cuesFile));
    }

    /// <summary>Reads a cue table (direction, mode, pattern): every problem with its row, all or nothing.</summary>
    public static IReadOnlyList<SuggestionCue> ReadCues(Table table)
    {
        var errors = new InputErrorCollector();
        foreach (var column in new[] { "direction", "mode", "pattern" }.Where(c => !table.HasColumn(c)))
            errors.Add(table.Source, null, column, $"the column '{column}' is missing (a cue file has direction, mode, pattern, note)");
        errors.ThrowIfAny();
        var cues = new List<SuggestionCue>();
        foreach (var row in table.Rows)
        {
            var ok = true;
            if (!Codes.TryParse<Direction>(row["direction"], out var direction)) { errors.Add(table.Source, row.Number, "direction", $"'{row["direction"]}' is not inward or outward"); ok = false; }
            if (!Codes.TryParse<Mode>(row["mode"], out var mode)) { errors.Add(table.Source, row.Number, "mode", $"'{row["mode"]}' is not a mode (see 'twoway modes')"); ok = false; }
            var pattern = row["pattern"];
            if (pattern is null) { errors.Add(table.Source, row.Number, "pattern", "the pattern is empty"); ok = false; }
            else
            {
                try { _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)); }
                catch (ArgumentException e) { errors.Add(table.Source, row.Number, "pattern", $"not a regular expression: {e.Message}"); ok = false; }
            }
            if (ok) cues.Add(new SuggestionCue(direction, mode, pattern!));
        }
        errors.ThrowIfAny();
        return cues;
    }

    private static Table Embedded(string name, string shown)
    {
        using var stream = typeof(SuggestionService).Assembly.GetManifestResourceStream("TwoWay.Application." + name)
            ?? throw new InvalidOperationException($"the {shown} are missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return TableReader.ReadDelimited(reader, shown);
    }
}
