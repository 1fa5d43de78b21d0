using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;
using TableWriter = TwoWay.Interchange.Tables.TableWriter;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.Reports.Html;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Cli.Commands;

/// <summary>The qualitative workbench: transcripts, codebook, coding, retrieval, matrices, agreement, REFI-QDA.</summary>
public static class QualitativeCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("sources", b =>
        {
            b.SetDescription("Interview transcripts of the study.");
            b.AddCommand<SourcesAddCommand>("add").WithDescription("Add a transcript (.txt, .md, .docx) for a case, respondent and round.")
                .WithExample("sources", "add", "study.twoway", "rs01-r1.docx", "--case", "RS-01", "--round", "1", "--role", "managing director", "--pseudonym", "Ana");
            b.AddCommand<SourcesListCommand>("list").WithDescription("List the transcripts.");
            b.AddCommand<SourcesRemoveCommand>("remove").WithDescription("Remove a transcript; with --force also its codings, memos and evidence links.");
        });
        config.AddBranch("codes", b =>
        {
            b.SetDescription("The hierarchical codebook.");
            b.AddCommand<CodesListCommand>("list").WithDescription("List the codes with their paths and numbers of codings.");
            b.AddCommand<CodesAddCommand>("add").WithDescription("Add a code by its path, e.g. 'Mechanisms/Learning' (the parent must exist).");
            b.AddCommand<CodesRenameCommand>("rename").WithDescription("Rename a code (its codings stay).");
            b.AddCommand<CodesMoveCommand>("move").WithDescription("Move a code under another (or to the top with no --to).");
            b.AddCommand<CodesMergeCommand>("merge").WithDescription("Merge a code into another: codings and subcodes move, the first code is removed.");
            b.AddCommand<CodesStarterCommand>("starter").WithDescription("Add the starter codebook (inward/outward modes, mechanisms, contexts, connection kinds).");
        });
        config.AddBranch("memos", b =>
        {
            b.SetDescription("Memos on codes, transcripts, cases or the project.");
            b.AddCommand<MemosAddCommand>("add").WithDescription("Write a memo on a code (--code), transcript (--source), case (--case) or the project (none).");
            b.AddCommand<MemosListCommand>("list").WithDescription("List the memos.");
        });
        config.AddCommand<CodeCommand>("code").WithDescription("Code a span of a transcript, given as --span START-END (UTF-16 indices) or --phrase TEXT.")
            .WithExample("code", "study.twoway", "RS-01 round 1", "Mechanisms/Learning", "--phrase", "taught us how to export", "--coder", "alice");
        config.AddCommand<QuotesCommand>("quotes").WithDescription("All quotations for a code, optionally by case, round or coder.");
        config.AddCommand<MatrixCommand>("matrix").WithDescription("Code × case matrix of codings (with --quotes: the framework matrix with quotations).");
        config.AddCommand<CoOccurrenceCommand>("cooccurrence").WithDescription("Pairs of codes applied to overlapping passages, per case and in total.");
        config.AddCommand<AgreementCommand>("agreement").WithDescription("Inter-coder agreement of two coders: % agreement, Cohen's kappa (NVivo's character method), Krippendorff's alpha.");
        config.AddCommand<SearchCommand>("search").WithDescription("Full-text search across transcripts (case-insensitive).");
        config.AddCommand<EvidenceLinkCommand>("evidence").WithDescription("Link a coded quotation as evidence for an operation or a connection; without a target, list the links.");
        config.AddBranch("qdpx", b =>
        {
            b.SetDescription("REFI-QDA projects (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder …");
            b.AddCommand<QdpxImportCommand>("import").WithDescription("Import a .qdpx into the study's (empty) workbench, listing every repair made.");
            b.AddCommand<QdpxExportCommand>("export").WithDescription("Export the workbench as a .qdpx (valid against Project.xsd).");
        });
        config.AddBranch("qdc", b =>
        {
            b.SetDescription("REFI-QDA codebooks (.qdc).");
            b.AddCommand<QdcImportCommand>("import").WithDescription("Merge a .qdc codebook into the study's codebook (codes matched by GUID or path).");
            b.AddCommand<QdcExportCommand>("export").WithDescription("Export the codebook as a .qdc (valid against Codebook.xsd).");
        });
    }

    internal static Source FindSource(QualitativeProject p, string key)
    {
        if (Guid.TryParse(key, out var g) && p.FindSource(g) is { } s) return s;
        var byName = p.Sources.Where(x => x.Name == key).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new InputException("source", null, "source", $"no transcript named '{key}' (see 'twoway sources list')"),
            _ => throw new InputException("source", null, "source", $"{byName.Count} transcripts are named '{key}'; give its id"),
        };
    }

    internal static Code FindCode(QualitativeProject p, string key) =>
        (Guid.TryParse(key, out var g) ? p.Codebook.Find(g) : null) ?? p.Codebook.FindByPath(key)
        ?? throw new InputException("codebook", null, "code", $"no code with path or GUID '{key}' (paths start at the top, e.g. 'Mechanisms/Learning')");

    internal static void Print<T>(Terminal t, bool json, T result, Action table)
    {
        if (json) t.WriteRaw(TwoWay.Application.PublicJson.Serialize(result) + Environment.NewLine);
        else table();
    }

    /// <summary>Writes beside the target, then moves it into place: never half a file.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
            throw new InputException(path, null, null, $"the folder {dir} does not exist");
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static string F(double? x, string format = "0.000") => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}

public class QualSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";
}

/// <summary>
/// Load → edit → save in one transaction; an edit that throws stores nothing. What the command
/// shows is held back until the edit is stored, so a refused edit prints only its error.
/// </summary>
public abstract class QualCommand<T>(Terminal terminal) : Command<T> where T : QualSettings
{
    private readonly List<Action> _output = [];

    protected Terminal Terminal { get; } = terminal;

    public override int Execute(CommandContext context, T settings, CancellationToken cancellationToken)
    {
        using var study = Study.Open(settings.Study);
        UnlinkedEvidence = QualitativeStore.Edit(study, project => Run(study, project, settings), UnlinksLostEvidence(settings));
        foreach (var show in _output) show();
        return ExitCodes.Ok;
    }

    /// <summary>Whether the save may remove evidence links of codings the edit removed (else it refuses).</summary>
    protected virtual bool UnlinksLostEvidence(T settings) => false;

    /// <summary>How many evidence links the save removed (see <see cref="UnlinksLostEvidence"/>); read it in shown output.</summary>
    protected int UnlinkedEvidence { get; private set; }

    /// <summary>Returns the edited project to store, or null when nothing changes.</summary>
    protected abstract QualitativeProject? Run(Study study, QualitativeProject project, T settings);

    /// <summary>Shows <paramref name="result"/> as JSON with --json, else runs <paramref name="table"/>; after the save.</summary>
    protected void Show<TResult>(T settings, TResult result, Action table) =>
        _output.Add(() => QualitativeCommands.Print(Terminal, settings.Json, result, table));

    /// <summary>Like <see cref="Show{TResult}(T, TResult, Action)"/>, with the result built after the save (e.g. to report what the save removed).</summary>
    protected void Show<TResult>(T settings, Func<TResult> result, Action table) =>
        _output.Add(() => QualitativeCommands.Print(Terminal, settings.Json, result(), table));

    /// <summary>A one-line confirmation, or <paramref name="result"/> with --json.</summary>
    protected void Say<TResult>(T settings, TResult result, FormattableString line) =>
        Show(settings, result, () => Terminal.Out.MarkupLineInterpolated(line));
}

public sealed class SourcesAddSettings : QualSettings
{
    [CommandArgument(1, "<file>")] [Description("Transcript: .txt, .md (UTF-8) or .docx.")] public string File { get; init; } = "";
    [CommandOption("--name <NAME>")] [Description("Name of the transcript (default: the file name).")] public string? Name { get; init; }
    [CommandOption("--case <FIRM_ID>")] [Description("The firm (case) interviewed.")] public string? Case { get; init; }
    [CommandOption("--round <N>")] [Description("Interview round, 1, 2, …")] public int? Round { get; init; }
    [CommandOption("--role <ROLE>")] [Description("Respondent's role, e.g. 'managing director'.")] public string? Role { get; init; }
    [CommandOption("--pseudonym <NAME>")] [Description("Respondent's pseudonym (used in every export).")] public string? Pseudonym { get; init; }
    [CommandOption("--date <YYYY-MM-DD>")] [Description("Date of the interview.")] public string? Date { get; init; }
    [CommandOption("--language <TAG>")] [Description("Language tag, e.g. en, sr, hr.")] public string? Language { get; init; }
}

public sealed class SourcesAddCommand(Terminal terminal) : QualCommand<SourcesAddSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject project, SourcesAddSettings s)
    {
        var file = Path.GetFileName(s.File);
        var text = TranscriptReader.Read(s.File);
        var errors = new InputErrorCollector();
        if (s.Case is not null && !FirmId.IsValid(s.Case)) errors.Add(file, null, "case", $"'{s.Case}' is not a valid firm id");
        if (s.Case is not null && FirmId.IsValid(s.Case) && study.LoadCase(new FirmId(s.Case)) is null)
            errors.Add(file, null, "case", $"firm '{s.Case}' is not in the study; import it first");
        if (s.Round is < 1) errors.Add(file, null, "round", "rounds are numbered from 1");
        if ((s.Role is null) != (s.Pseudonym is null)) errors.Add(file, null, "respondent", "give both --role and --pseudonym");
        DateOnly? date = null;
        if (s.Date is not null)
        {
            if (DateOnly.TryParseExact(s.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date = d;
            else errors.Add(file, null, "date", $"'{s.Date}' is not a date YYYY-MM-DD");
        }
        if (s.Language is not null && !Source.IsLanguageTag(s.Language)) errors.Add(file, null, "language", $"'{s.Language}' is not a language tag such as 'en'");
        errors.ThrowIfAny();
        var source = new Source(Guid.NewGuid(), s.Name ?? Path.GetFileNameWithoutExtension(file), text,
            s.Case is null ? null : new FirmId(s.Case), s.Role is null ? null : new Respondent(s.Role, s.Pseudonym!), s.Round, date, s.Language);
        var result = project.AddSource(source);
        Show(s, new { source_id = source.Id, name = source.Name, characters = text.Length },
            () => Terminal.Out.MarkupLineInterpolated($"Added transcript [bold]{source.Name}[/] ({text.Length} characters), id {source.Id}."));
        return result;
    }
}

public sealed class SourcesListCommand(Terminal terminal) : QualCommand<QualSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, QualSettings s)
    {
        var rows = p.Sources.Select(x => new
        {
            source_id = x.Id, name = x.Name, @case = x.Case?.Value, round = x.Round, role = x.Respondent?.Role,
            pseudonym = x.Respondent?.Pseudonym, date = x.Date, language = x.Language, characters = x.Text.Length,
            codings = p.CodingsOf(x.Id).Count(),
        }).ToList();
        Show(s, new { sources = rows }, () =>
        {
            var t = new Table().AddColumns("name", "case", "round", "respondent", "characters", "codings", "id");
            foreach (var r in rows) t.AddRow(Markup.Escape(r.name), r.@case ?? "", r.round?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(r.pseudonym is null ? "" : $"{r.pseudonym} ({r.role})"), r.characters.ToString(CultureInfo.InvariantCulture),
                r.codings.ToString(CultureInfo.InvariantCulture), r.source_id.ToString());
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class SourcesRemoveSettings : QualSettings
{
    [CommandArgument(1, "<source>")] [Description("The transcript's name or id (see 'twoway sources list').")] public string Source { get; init; } = "";
    [CommandOption("--force")] [Description("Also remove its codings, the memos on it and the evidence links of those codings.")] public bool Force { get; init; }
}

/// <summary>Removes a transcript (e.g. when consent is withdrawn); a coded one only with --force, all in one transaction.</summary>
public sealed class SourcesRemoveCommand(Terminal terminal) : QualCommand<SourcesRemoveSettings>(terminal)
{
    protected override bool UnlinksLostEvidence(SourcesRemoveSettings settings) => settings.Force;

    protected override QualitativeProject Run(Study study, QualitativeProject p, SourcesRemoveSettings s)
    {
        var source = QualitativeCommands.FindSource(p, s.Source);
        var codings = p.CodingsOf(source.Id).Count();
        var result = p.RemoveSource(source.Id);
        var memos = p.Memos.Count - result.Memos.Count;
        if (!s.Force && codings + memos > 0)
            throw new InputException(source.Name, null, "source",
                $"the transcript has {codings} codings and {memos} memos; pass --force to remove them with it");
        Show(s, () => new { source_id = source.Id, name = source.Name, codings, memos, evidence_links = UnlinkedEvidence },
            () => Terminal.Out.MarkupLineInterpolated(
                $"Removed transcript [bold]{source.Name}[/] with {codings} codings, {memos} memos and {UnlinkedEvidence} evidence links."));
        return result;
    }
}

public sealed class CodesListCommand(Terminal terminal) : QualCommand<QualSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, QualSettings s)
    {
        var counts = p.Codings.GroupBy(c => c.CodeId).ToDictionary(g => g.Key, g => g.Count());
        var rows = p.Codebook.Codes.Select(c => new
        {
            code_id = c.Id, path = p.Codebook.PathText(c.Id), name = c.Name, parent_id = c.ParentId, codable = c.IsCodable,
            colour = c.Colour?.Hex, description = c.Description, codings = counts.GetValueOrDefault(c.Id),
        }).OrderBy(r => r.path, StringComparer.Ordinal).ToList();
        Show(s, new { codes = rows }, () =>
        {
            var t = new Table().AddColumns("path", "codable", "codings", "id");
            foreach (var r in rows) t.AddRow(Markup.Escape(r.path), r.codable ? "yes" : "no", r.codings.ToString(CultureInfo.InvariantCulture), r.code_id.ToString());
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class CodesAddSettings : QualSettings
{
    [CommandArgument(1, "<path>")] [Description("Path of the new code, e.g. 'Mechanisms/Learning'.")] public string Path { get; init; } = "";
    [CommandOption("--description <TEXT>")] public string? Description { get; init; }
    [CommandOption("--colour <HEX>")] [Description("#RRGGBB")] public string? Colour { get; init; }
    [CommandOption("--group")] [Description("Not codable: the code only groups others.")] public bool Group { get; init; }
}

public sealed class CodesAddCommand(Terminal terminal) : QualCommand<CodesAddSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, CodesAddSettings s)
    {
        var parts = s.Path.Split(Codebook.PathSeparator);
        Guid? parent = parts.Length > 1 ? QualitativeCommands.FindCode(p, string.Join(Codebook.PathSeparator, parts[..^1])).Id : null;
        CodeColour? colour = null;
        if (s.Colour is not null)
            colour = CodeColour.TryParse(s.Colour, out var c) ? c : throw new InputException("codebook", null, "colour", $"'{s.Colour}' is not #RRGGBB");
        if (string.IsNullOrWhiteSpace(parts[^1])) throw new InputException("codebook", null, "path", "the code needs a name");
        var code = new Code(Guid.NewGuid(), parts[^1], s.Description, colour, !s.Group, parent);
        var result = p.AddCode(code);
        Show(s, new { code_id = code.Id, path = result.Codebook.PathText(code.Id) },
            () => Terminal.Out.MarkupLineInterpolated($"Added code [bold]{result.Codebook.PathText(code.Id)}[/] ({code.Id})."));
        return result;
    }
}

public sealed class CodesRenameSettings : QualSettings
{
    [CommandArgument(1, "<code>")] [Description("Path or GUID of the code.")] public string Code { get; init; } = "";
    [CommandArgument(2, "<new-name>")] public string NewName { get; init; } = "";
}

public sealed class CodesRenameCommand(Terminal terminal) : QualCommand<CodesRenameSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, CodesRenameSettings s)
    {
        var code = QualitativeCommands.FindCode(p, s.Code);
        var result = p.RenameCode(code.Id, s.NewName);
        var path = result.Codebook.PathText(code.Id);
        Say(s, new { code_id = code.Id, path }, $"Renamed to [bold]{path}[/].");
        return result;
    }
}

public sealed class CodesMoveSettings : QualSettings
{
    [CommandArgument(1, "<code>")] [Description("Path or GUID of the code to move.")] public string Code { get; init; } = "";
    [CommandOption("--to <PARENT>")] [Description("Path or GUID of the new parent; omit to move to the top.")] public string? To { get; init; }
}

public sealed class CodesMoveCommand(Terminal terminal) : QualCommand<CodesMoveSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, CodesMoveSettings s)
    {
        var code = QualitativeCommands.FindCode(p, s.Code);
        var result = p.MoveCode(code.Id, s.To is null ? null : QualitativeCommands.FindCode(p, s.To).Id);
        var path = result.Codebook.PathText(code.Id);
        Say(s, new { code_id = code.Id, path }, $"Moved to [bold]{path}[/].");
        return result;
    }
}

public sealed class CodesMergeSettings : QualSettings
{
    [CommandArgument(1, "<from>")] public string From { get; init; } = "";
    [CommandArgument(2, "<into>")] public string Into { get; init; } = "";
}

public sealed class CodesMergeCommand(Terminal terminal) : QualCommand<CodesMergeSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, CodesMergeSettings s)
    {
        var from = QualitativeCommands.FindCode(p, s.From);
        var into = QualitativeCommands.FindCode(p, s.Into);
        var result = p.MergeCodes(from.Id, into.Id);
        var path = result.Codebook.PathText(into.Id);
        var codings = result.Codings.Count(c => c.CodeId == into.Id);
        Say(s, new { code_id = into.Id, path, codings, removed_code_id = from.Id }, $"Merged into [bold]{path}[/]: {codings} codings.");
        return result;
    }
}

public sealed class CodesStarterCommand(Terminal terminal) : QualCommand<QualSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, QualSettings s)
    {
        var (book, byGuid, byPath, added) = RefiImport.MergeCodebook(p.Codebook, StarterCodebook.Load());
        Say(s, new { added, already_there = byGuid + byPath }, $"Starter codebook: {added} codes added, {byGuid + byPath} already there.");
        return QualitativeProject.Create(p.Name, p.Sources, book, p.Codings, p.Memos, "starter codebook");
    }
}

public sealed class CodeSettings : QualSettings
{
    [CommandArgument(1, "<source>")] [Description("Transcript name or id.")] public string Source { get; init; } = "";
    [CommandArgument(2, "<code>")] [Description("Code path or GUID.")] public string Code { get; init; } = "";
    [CommandOption("--span <START-END>")] [Description("UTF-16 indices, end exclusive, e.g. 120-184.")] public string? Span { get; init; }
    [CommandOption("--phrase <TEXT>")] [Description("An exact phrase that occurs once in the transcript.")] public string? Phrase { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Who codes.")] public string Coder { get; init; } = "";
    [CommandOption("--memo <TEXT>")] public string? Memo { get; init; }

    public override ValidationResult Validate() =>
        (Span is null) == (Phrase is null) ? ValidationResult.Error("Give exactly one of --span or --phrase.")
        : string.IsNullOrWhiteSpace(Coder) ? ValidationResult.Error("Give --coder NAME.")
        : ValidationResult.Success();
}

public sealed class CodeCommand(Terminal terminal) : QualCommand<CodeSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, CodeSettings s)
    {
        var source = QualitativeCommands.FindSource(p, s.Source);
        var code = QualitativeCommands.FindCode(p, s.Code);
        TextSpan span;
        if (s.Phrase is not null) span = TextSearch.LocateUnique(source.Text, s.Phrase, source.Name);
        else
        {
            var parts = s.Span!.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b))
                throw new InputException(source.Name, null, "span", $"'{s.Span}' is not START-END");
            try { span = new TextSpan(a, b); }
            catch (ArgumentException e) { throw new InputException(source.Name, null, "span", e.Message.Split(" (Parameter")[0]); }
        }
        var coding = new Coding(Guid.NewGuid(), source.Id, code.Id, span, s.Coder, s.Memo);
        var result = p.AddCoding(coding);
        var q = Quotations.Of(result.Codebook, source, coding);
        Show(s, q,
            () => Terminal.Out.MarkupLineInterpolated($"Coded [bold]{q.CodePath}[/] at {span}: \"{q.Text}\" (coding {coding.Id})."));
        return result;
    }
}

public sealed class MemosAddSettings : QualSettings
{
    [CommandArgument(1, "<text>")] public string Text { get; init; } = "";
    [CommandOption("--code <CODE>")] [Description("Path or GUID of the code.")] public string? Code { get; init; }
    [CommandOption("--source <SOURCE>")] [Description("Transcript name or id.")] public string? Source { get; init; }
    [CommandOption("--case <FIRM_ID>")] public string? Case { get; init; }
    [CommandOption("--author <NAME>")] public string? Author { get; init; }

    public override ValidationResult Validate() =>
        new[] { Code, Source, Case }.Count(x => x is not null) > 1 ? ValidationResult.Error("Give at most one of --code, --source, --case.") : ValidationResult.Success();
}

public sealed class MemosAddCommand(Terminal terminal) : QualCommand<MemosAddSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, MemosAddSettings s)
    {
        if (string.IsNullOrWhiteSpace(s.Text)) throw new InputException("memo", null, "text", "a memo needs text");
        var (target, id) =
            s.Code is not null ? (MemoTarget.Code, QualitativeCommands.FindCode(p, s.Code).Id.ToString()) :
            s.Source is not null ? (MemoTarget.Source, QualitativeCommands.FindSource(p, s.Source).Id.ToString()) :
            s.Case is not null ? (MemoTarget.Case, KnownCase(study, s.Case)) :
            (MemoTarget.Project, "");
        var memo = new Memo(Guid.NewGuid(), target, id, s.Text, s.Author);
        Say(s, new { memo_id = memo.Id, target, target_id = id }, $"Memo {memo.Id} written on the {target.ToString().ToLowerInvariant()} {id}.");
        return p.AddMemo(memo);
    }

    private static string KnownCase(Study study, string id)
    {
        if (!FirmId.IsValid(id) || study.LoadCase(new FirmId(id)) is null)
            throw new InputException("memo", null, "case", $"'{id}' is not a firm of this study");
        return id;
    }
}

public sealed class MemosListCommand(Terminal terminal) : QualCommand<QualSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, QualSettings s)
    {
        string About(Memo m) => m.Target switch
        {
            MemoTarget.Code when Guid.TryParse(m.TargetId, out var g) && p.Codebook.Contains(g) => p.Codebook.PathText(g),
            MemoTarget.Source when Guid.TryParse(m.TargetId, out var g) && p.FindSource(g) is { } src => src.Name,
            _ => m.TargetId,
        };
        var rows = p.Memos.Select(m => new { memo_id = m.Id, target = m.Target, target_id = m.TargetId, about = About(m), author = m.Author, text = m.Text }).ToList();
        Show(s, new { memos = rows }, () =>
        {
            var t = new Table().AddColumns("on", "about", "author", "memo");
            foreach (var r in rows) t.AddRow(r.target.ToString().ToLowerInvariant(), Markup.Escape(r.about), Markup.Escape(r.author ?? ""), Markup.Escape(r.text));
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class QuotesSettings : QualSettings
{
    [CommandArgument(1, "<code>")] public string Code { get; init; } = "";
    [CommandOption("--case <FIRM_ID>")] public string? Case { get; init; }
    [CommandOption("--round <N>")] public int? Round { get; init; }
    [CommandOption("--coder <NAME>")] public string? Coder { get; init; }
    [CommandOption("--subcodes")] [Description("Include codings of codes below this one.")] public bool Subcodes { get; init; }
    [CommandOption("--xlsx <FILE>")] [Description("Also write the quotations as an XLSX workbook.")] public string? Xlsx { get; init; }
    [CommandOption("--html <FILE>")] [Description("Also write the quotations as a self-contained HTML page.")] public string? Html { get; init; }
}

public sealed class QuotesCommand(Terminal terminal) : QualCommand<QuotesSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, QuotesSettings s)
    {
        var code = QualitativeCommands.FindCode(p, s.Code);
        if (s.Case is not null && !FirmId.IsValid(s.Case)) throw new InputException("quotes", null, "case", $"'{s.Case}' is not a firm id");
        var r = Quotations.For(p, code.Id, new QuotationFilter(s.Case is null ? null : new FirmId(s.Case), s.Round, s.Coder), s.Subcodes);
        if (s.Xlsx is not null)
            TableWriter.WriteWorkbook(s.Xlsx, [new TableWriter.Sheet("Quotations",
                ["case", "round", "respondent", "source", "start", "end", "code", "coder", "quotation", "memo", "coding_id"],
                r.Quotations.Select(q => (IReadOnlyList<string?>)[q.Case, q.Round?.ToString(CultureInfo.InvariantCulture), q.Respondent, q.SourceName,
                    q.Start.ToString(CultureInfo.InvariantCulture), q.End.ToString(CultureInfo.InvariantCulture), q.CodePath, q.Coder, q.Text, q.Memo, q.CodingId.ToString()]))]);
        if (s.Html is not null) QualitativeCommands.WriteAtomically(s.Html, QuotationsPage.Render(r));
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("case", "round", "source", "span", "coder", "quotation");
            foreach (var q in r.Quotations)
                t.AddRow(q.Case ?? "", q.Round?.ToString(CultureInfo.InvariantCulture) ?? "", Markup.Escape(q.SourceName), $"{q.Start}–{q.End}", Markup.Escape(q.Coder), Markup.Escape(q.Text));
            Terminal.Out.MarkupLineInterpolated($"[bold]{r.CodePath}[/]: {r.Quotations.Count} quotations");
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class MatrixSettings : QualSettings
{
    [CommandOption("--round <N>")] public int? Round { get; init; }
    [CommandOption("--quotes")] [Description("Framework matrix: each cell lists its quotations.")] public bool Quotes { get; init; }
}

public sealed class MatrixCommand(Terminal terminal) : QualCommand<MatrixSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, MatrixSettings s)
    {
        var m = CodeCaseMatrix.Compute(p, s.Round, s.Quotes);
        Show(s, m, () =>
        {
            var t = new Table().AddColumn("code");
            foreach (var c in m.Cases) t.AddColumn(c);
            t.AddColumn("total");
            foreach (var row in m.Rows)
                t.AddRow([Markup.Escape(row.CodePath), .. row.Cells.Select(c => s.Quotes && c.Quotations.Count > 0
                    ? Markup.Escape(string.Join("\n", c.Quotations.Select(q => "“" + q.Text + "”")))
                    : c.Codings.ToString(CultureInfo.InvariantCulture)), row.Total.ToString(CultureInfo.InvariantCulture)]);
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class CoOccurrenceSettings : QualSettings
{
    [CommandOption("--round <N>")] public int? Round { get; init; }
    [CommandOption("--coder <NAME>")] public string? Coder { get; init; }
}

public sealed class CoOccurrenceCommand(Terminal terminal) : QualCommand<CoOccurrenceSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, CoOccurrenceSettings s)
    {
        var r = CoOccurrence.Compute(p, s.Round, s.Coder);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("code A", "code B", "overlaps", "cases", "by case");
            foreach (var x in r.Pairs)
                t.AddRow(Markup.Escape(x.CodePathA), Markup.Escape(x.CodePathB), x.Overlaps.ToString(CultureInfo.InvariantCulture),
                    x.Cases.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", x.ByCase.Select(kv => $"{kv.Key}: {kv.Value}"))));
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class AgreementSettings : QualSettings
{
    [CommandArgument(1, "<coder-a>")] public string CoderA { get; init; } = "";
    [CommandArgument(2, "<coder-b>")] public string CoderB { get; init; } = "";
    public override ValidationResult Validate() => CoderA == CoderB ? ValidationResult.Error("Compare two different coders.") : ValidationResult.Success();
}

public sealed class AgreementCommand(Terminal terminal) : QualCommand<AgreementSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, AgreementSettings s)
    {
        var coders = p.Codings.Select(c => c.Coder).ToHashSet();
        foreach (var c in new[] { s.CoderA, s.CoderB }.Where(c => !coders.Contains(c)))
            throw new InputException("agreement", null, "coder", $"'{c}' has no codings in this study");
        var r = InterCoderAgreement.Compute(p, s.CoderA, s.CoderB);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("code", "characters", s.CoderA, s.CoderB, "both", "agreement %", "kappa", "alpha");
            void Row(string name, AgreementMeasures m) => t.AddRow(Markup.Escape(name), m.Characters.ToString(CultureInfo.InvariantCulture),
                m.CodedByA.ToString(CultureInfo.InvariantCulture), m.CodedByB.ToString(CultureInfo.InvariantCulture), m.CodedByBoth.ToString(CultureInfo.InvariantCulture),
                QualitativeCommands.F(m.PercentAgreement, "0.00"), QualitativeCommands.F(m.Kappa), QualitativeCommands.F(m.KrippendorffAlpha));
            foreach (var c in r.ByCode) Row(c.CodePath, c.Measures);
            if (r.Overall is { } o) Row("(overall)", o);
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class SearchSettings : QualSettings
{
    [CommandArgument(1, "<phrase>")] public string Phrase { get; init; } = "";
    [CommandOption("--limit <N>")] public int Limit { get; init; } = 50;
}

public sealed class SearchCommand(Terminal terminal) : QualCommand<SearchSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, SearchSettings s)
    {
        if (string.IsNullOrWhiteSpace(s.Phrase)) throw new InputException("search", null, "phrase", "search for a non-empty phrase");
        var r = TextSearch.Find(p, s.Phrase, limit: s.Limit);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("source", "case", "round", "span", "context");
            foreach (var h in r.Hits)
                t.AddRow(Markup.Escape(h.SourceName), h.Case ?? "", h.Round?.ToString(CultureInfo.InvariantCulture) ?? "", $"{h.Start}–{h.End}", Markup.Escape(h.Context.ReplaceLineEndings(" ")));
            Terminal.Out.MarkupLineInterpolated($"{r.TotalHits} hits");
            Terminal.Out.Write(t);
        });
        return null;
    }
}

public sealed class EvidenceSettings : QualSettings
{
    [CommandArgument(1, "[coding-id]")] public string? Coding { get; init; }
    [CommandOption("--operation <ID>")] public string? Operation { get; init; }
    [CommandOption("--connection <FROM_TO>")] [Description("Two operation ids of one firm, e.g. RS-01/1>RS-01/4.")] public string? Connection { get; init; }
    [CommandOption("--remove")] [Description("Remove the link instead of adding it.")] public bool Remove { get; init; }
    public override ValidationResult Validate() =>
        Coding is not null && (Operation is null) == (Connection is null) ? ValidationResult.Error("Give exactly one of --operation or --connection.")
        : Coding is null && (Operation ?? Connection) is not null ? ValidationResult.Error("Give the coding id to link.")
        : ValidationResult.Success();
}

public sealed class EvidenceLinkCommand(Terminal terminal) : Command<EvidenceSettings>
{
    public override int Execute(CommandContext context, EvidenceSettings s, CancellationToken cancellationToken)
    {
        using var study = Study.Open(s.Study);
        if (s.Coding is not null)
        {
            if (!Guid.TryParse(s.Coding, out var id)) throw new InputException("evidence", null, "coding", $"'{s.Coding}' is not a coding id");
            EvidenceTarget target;
            if (s.Operation is not null)
            {
                if (!OperationId.IsValid(s.Operation)) throw new InputException("evidence", null, "operation", $"'{s.Operation}' is not an operation id");
                target = EvidenceTarget.Operation(new OperationId(s.Operation));
            }
            else
                target = ConnectionId.TryParse(s.Connection, out var c) ? EvidenceTarget.Connection(c.Value)
                    : throw new InputException("evidence", null, "connection", $"'{s.Connection}' is not FROM{ConnectionId.Separator}TO (two operation ids of one firm, e.g. RS-01/1{ConnectionId.Separator}RS-01/4)");
            var link = new EvidenceLink(id, target);
            if (s.Remove) QualitativeStore.UnlinkAsync(study, link, cancellationToken).GetAwaiter().GetResult();
            else QualitativeStore.LinkAsync(study, link, cancellationToken).GetAwaiter().GetResult();
        }
        var rows = QualitativeStore.LinkedQuotations(QualitativeStore.SnapshotAsync(study, cancellationToken).GetAwaiter().GetResult())
            .Select(x => new { target = x.Link.Target.Kind, target_id = x.Link.Target.ToString(), quotation = x.Quotation }).ToList();
        QualitativeCommands.Print(terminal, s.Json, new { links = rows }, () =>
        {
            var t = new Table().AddColumns("evidence for", "id", "case", "round", "code", "quotation", "coding");
            foreach (var r in rows)
                t.AddRow(r.target, Markup.Escape(r.target_id), r.quotation.Case ?? "", r.quotation.Round?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(r.quotation.CodePath), Markup.Escape(r.quotation.Text), r.quotation.CodingId.ToString());
            terminal.Out.Write(t);
        });
        return ExitCodes.Ok;
    }
}

public sealed class FileSettings : QualSettings
{
    [CommandArgument(1, "<file>")] public string File { get; init; } = "";
    [CommandOption("--replace")] [Description("qdpx import: replace a workbench that already holds transcripts or codes.")] public bool Replace { get; init; }
    [CommandOption("--offsets <UNIT>")] [Description("qdpx import: utf16, crlf_as_one or code_points (default: guessed from the exporting tool).")] public string? Offsets { get; init; }
}

public sealed class QdpxImportCommand(Terminal terminal) : QualCommand<FileSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, FileSettings s)
    {
        OffsetConvention? conv = s.Offsets switch
        {
            null => null,
            "utf16" => OffsetConvention.Utf16,
            "crlf_as_one" => OffsetConvention.CrlfAsOne,
            "code_points" => OffsetConvention.CodePoints,
            _ => throw new InputException(s.File, null, "offsets", $"'{s.Offsets}' is not utf16, crlf_as_one or code_points"),
        };
        if (!s.Replace && (p.SourceCount > 0 || p.Codebook.Count > 0))
            throw new InputException(s.File, null, null, "the study already has a qualitative workbench; use --replace to replace it (nothing was changed)");
        var r = RefiImport.ReadQdpx(s.File, conv);
        var unknownCases = r.Project.Sources.Where(x => x.Case is { } c && study.LoadCase(c) is null).Select(x => x.Case!.Value.Value).Distinct().ToList();
        var project = r.Project;
        var repairs = r.Repairs.ToList();
        if (unknownCases.Count > 0)
        {
            // Keep transcripts, but a case must be a firm of the study.
            foreach (var src in project.Sources.Where(x => x.Case is { } c && unknownCases.Contains(c.Value)).ToList())
                project = project.UpdateSource(new Source(src.Id, src.Name, src.Text, null, src.Respondent, src.Round, src.Date, src.Language));
            repairs.Add($"case(s) {string.Join(", ", unknownCases)} are not firms of this study; their transcripts were imported without a case");
        }
        var summary = new { file = s.File, origin = r.Origin, offsets = r.Offsets, sources = project.SourceCount, codes = project.Codebook.Count, codings = project.Codings.Count, memos = project.Memos.Count, repairs };
        Show(s, summary, () =>
        {
            Terminal.Out.MarkupLineInterpolated($"Imported {summary.sources} transcripts, {summary.codes} codes, {summary.codings} codings, {summary.memos} memos from {Path.GetFileName(s.File)} ({r.Origin ?? "unknown tool"}; offsets {r.Offsets}).");
            if (repairs.Count > 0) Terminal.Out.MarkupLine("Repairs made:");
            foreach (var x in repairs) Terminal.Out.MarkupLineInterpolated($"  - {x}");
        });
        return project;
    }
}

public sealed class QdpxExportCommand(Terminal terminal) : QualCommand<FileSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, FileSettings s)
    {
        RefiExport.WriteQdpx(p, s.File);
        Show(s, new { file = s.File, sources = p.SourceCount, codes = p.Codebook.Count, codings = p.Codings.Count },
            () => Terminal.Out.MarkupLineInterpolated($"Wrote {s.File}: {p.SourceCount} transcripts, {p.Codebook.Count} codes, {p.Codings.Count} codings."));
        return null;
    }
}

public sealed class QdcImportCommand(Terminal terminal) : QualCommand<FileSettings>(terminal)
{
    protected override QualitativeProject Run(Study study, QualitativeProject p, FileSettings s)
    {
        var r = RefiImport.ReadQdc(s.File);
        var (book, byGuid, byPath, added) = RefiImport.MergeCodebook(p.Codebook, r.Codebook);
        var summary = new { file = s.File, origin = r.Origin, matched_by_guid = byGuid, matched_by_path = byPath, added, repairs = r.Repairs };
        Show(s, summary, () =>
        {
            Terminal.Out.MarkupLineInterpolated($"Codebook merged: {added} added, {byGuid} matched by GUID, {byPath} matched by path.");
            foreach (var x in r.Repairs) Terminal.Out.MarkupLineInterpolated($"  - {x}");
        });
        return QualitativeProject.Create(p.Name, p.Sources, book, p.Codings, p.Memos, s.File);
    }
}

public sealed class QdcExportCommand(Terminal terminal) : QualCommand<FileSettings>(terminal)
{
    protected override QualitativeProject? Run(Study study, QualitativeProject p, FileSettings s)
    {
        var tmp = s.File + ".tmp";
        using (var f = File.Create(tmp)) RefiExport.WriteQdc(p.Codebook, f);
        File.Move(tmp, s.File, overwrite: true);
        Show(s, new { file = s.File, codes = p.Codebook.Count },
            () => Terminal.Out.MarkupLineInterpolated($"Wrote {s.File}: {p.Codebook.Count} codes."));
        return null;
    }
}
