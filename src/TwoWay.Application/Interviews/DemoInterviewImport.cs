using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using TwoWay.Cases;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Application.Interviews;

/// <summary>What <see cref="DemoInterviewImport.ImportAsync"/> stored (the <c>interviews</c> object of <c>twoway demo --json</c>).</summary>
public sealed record DemoInterviewsSummary(int Sources, int Codes, int Codings, IReadOnlyList<string> Coders, int EvidenceLinks, AgreementMeasures? Agreement)
{
    /// <summary>Coded quotations linked to inward–outward connections the rules found (<see cref="DemoInterviewImport.LinkConnectionsAsync"/>).</summary>
    public int ConnectionLinks { get; init; }
}

/// <summary>
/// The demo study's fictional interviews (samples/demo-study/interviews, described in its README):
/// the transcripts become sources, the starter codebook the codebook, and the codings of both
/// fictional coders are located by their quoted phrase. The first coder's quotations whose memo
/// says "Evidence for operation ID." are linked as evidence to that operation, so the report shows them.
/// </summary>
public static partial class DemoInterviewImport
{
    /// <summary>
    /// Imports the interviews in <paramref name="folder"/> (sources.csv, codings.csv and the
    /// transcripts) into the study's workbench, which must have no transcripts yet; the workbench is
    /// stored in one unit of work, then the evidence links.
    /// </summary>
    public static async Task<DemoInterviewsSummary> ImportAsync(Study study, string folder, CancellationToken ct = default)
    {
        var stored = (await QualitativeStore.SnapshotAsync(study, ct)).Project;
        RefuseTranscripts(study, stored);
        var (book, _, _, _) = RefiImport.MergeCodebook(stored.Codebook, StarterCodebook.Load());
        var project = QualitativeProject.Create(stored.Name, [], book, [], [], "starter codebook");

        var errors = new InputErrorCollector();
        var byFile = new Dictionary<string, Source>(StringComparer.Ordinal);
        var sourcesCsv = Path.Combine(folder, "sources.csv");
        foreach (var (row, f) in ReadCsv(sourcesCsv))
        {
            var file = f("file");
            var roles = f("respondent_role");
            var names = f("respondent_pseudonym");
            if (!int.TryParse(f("round"), CultureInfo.InvariantCulture, out var round) || round < 1)
            {
                errors.Add(sourcesCsv, row, "round", $"'{f("round")}' is not a round number");
                continue;
            }
            var text = TranscriptReader.Read(Path.Combine(folder, file));
            var source = new Source(Guid.NewGuid(), Path.GetFileNameWithoutExtension(file), text, new FirmId(f("firm_id")),
                roles.Length > 0 && names.Length > 0 ? new Respondent(roles, names) : null, round,
                DateOnly.ParseExact(f("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture), f("language"));
            byFile[file] = source;
            project = project.AddSource(source);
        }

        var codingsCsv = Path.Combine(folder, "codings.csv");
        var codings = new List<Coding>();
        var evidence = new List<(Coding Coding, string Operation)>();
        string? firstCoder = null;
        foreach (var (row, f) in ReadCsv(codingsCsv))
        {
            if (!byFile.TryGetValue(f("file"), out var source)) { errors.Add(codingsCsv, row, "file", $"'{f("file")}' is not in sources.csv"); continue; }
            if (book.FindByPath(f("code_path")) is not { } code) { errors.Add(codingsCsv, row, "code_path", $"no code '{f("code_path")}' in the starter codebook"); continue; }
            TextSpan span;
            try { span = TextSearch.LocateUnique(source.Text, f("quote"), source.Name); }
            catch (InputException e) { errors.Add(codingsCsv, row, "quote", e.Errors[0].Message); continue; }
            var memo = f("memo");
            var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, span, f("coder"), memo.Length == 0 ? null : memo);
            codings.Add(coding);
            firstCoder ??= coding.Coder;
            // One quotation per operation and passage: the same span coded with several codes is one piece of evidence.
            if (coding.Coder == firstCoder && EvidenceMemo().Match(memo) is { Success: true } m
                && !evidence.Any(e => e.Operation == m.Groups[1].Value && e.Coding.SourceId == coding.SourceId && e.Coding.Span == coding.Span))
                evidence.Add((coding, m.Groups[1].Value));
        }
        errors.ThrowIfAny();
        project = project.AddCodings(codings);
        await QualitativeStore.EditAsync(study, s =>
        {
            RefuseTranscripts(study, s.Project);
            return (project, 0);
        }, unlinkLostEvidence: false, ct);
        foreach (var (coding, operation) in evidence)
            await QualitativeStore.LinkAsync(study, new EvidenceLink(coding.Id, EvidenceTarget.Operation(new OperationId(operation))), ct);

        var coders = codings.Select(c => c.Coder).Distinct(StringComparer.Ordinal).ToList();
        var agreement = coders.Count == 2 ? InterCoderAgreement.Compute(project, coders[0], coders[1]).Overall : null;
        return new DemoInterviewsSummary(project.SourceCount, project.Codebook.Count, project.Codings.Count, coders, evidence.Count, agreement);
    }

    private static void RefuseTranscripts(Study study, QualitativeProject project)
    {
        if (project.SourceCount > 0) throw new InputException(study.Location.Display, null, null, "the study already has transcripts");
    }

    /// <summary>
    /// Links the <paramref name="coder"/>'s "Connection kinds/…" quotations whose memo names an operation to the
    /// connection the rules found that ends (or starts) at that operation and is of the coded kind
    /// ("Outward to inward": any outward→inward connection), so the report shows the interview
    /// behind each connection. Quotations with no such connection stay linked to the operation only.
    /// Returns the number of links made.
    /// </summary>
    public static async Task<int> LinkConnectionsAsync(Study study, IReadOnlyList<CaseProfile> profiles, string coder, CancellationToken ct = default)
    {
        var project = (await QualitativeStore.SnapshotAsync(study, ct)).Project;
        var byFirm = profiles.ToDictionary(p => p.FirmId, StringComparer.Ordinal);
        var links = 0;
        foreach (var coding in project.Codings.Where(c => c.Coder == coder))
        {
            var path = project.Codebook.PathText(coding.CodeId).Split(Codebook.PathSeparator);
            if (path is not ["Connection kinds", var kind] || EvidenceMemo().Match(coding.Memo ?? "") is not { Success: true } m) continue;
            if (project.Source(coding.SourceId).Case is not { } firm || !byFirm.TryGetValue(firm.Value, out var profile)) continue;
            var operation = m.Groups[1].Value;
            var match = profile.Connections.FirstOrDefault(c => (c.To.Id == operation || c.From.Id == operation) && kind switch
            {
                "Same partner" => c.Kind == ConnectionKind.SamePartner,
                "Same country" => c.Kind == ConnectionKind.SameCountry,
                "Technology" => c.Kind == ConnectionKind.Technology,
                "Network" => c.Kind == ConnectionKind.Network,
                "Outward to inward" => c.Direction == ConnectionDirection.OutwardToInward,
                _ => false,
            });
            if (match is null) continue;
            await QualitativeStore.LinkAsync(study, new EvidenceLink(coding.Id,
                EvidenceTarget.Connection(new ConnectionId(new OperationId(match.From.Id), new OperationId(match.To.Id)))), ct);
            links++;
        }
        return links;
    }

    private static IEnumerable<(int Row, Func<string, string> Field)> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            yield return (row, name => csv.GetField(name) ?? "");
        }
    }

    [GeneratedRegex(@"^Evidence for operation (\S+)\.(\s|$)")]
    private static partial Regex EvidenceMemo();
}
