using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class CodeEditSettings : QualSettings
{
    [CommandArgument(1, "<coding>")]
    [Description("The coding's id, or its first digits as tables show them (e.g. 236adb83).")]
    public string Coding { get; init; } = "";

    [CommandOption("--span <START-END>")]
    [Description("The coding's new span: UTF-16 indices, end exclusive, e.g. 120-184.")]
    public string? Span { get; init; }

    [CommandOption("--phrase <TEXT>")]
    [Description("The coding's new span as a phrase that occurs once (spaces, quote and dash styles are ignored).")]
    public string? Phrase { get; init; }

    [CommandOption("--code <CODE>")]
    [Description("Move the coding to another code (path or GUID).")]
    public string? Code { get; init; }

    [CommandOption("--memo <TEXT>")]
    [Description("The coding's new memo (\"\" removes it).")]
    public string? Memo { get; init; }

    public override ValidationResult Validate() =>
        Span is not null && Phrase is not null ? ValidationResult.Error("Give at most one of --span or --phrase.")
        : Span is null && Phrase is null && Code is null && Memo is null ? ValidationResult.Error("Nothing to change: give --span, --phrase, --code or --memo.")
        : ValidationResult.Success();
}

/// <summary><c>twoway code edit STUDY CODING</c>: move a boundary, recode, or change the memo.</summary>
public sealed class CodeEditCommand(Terminal terminal) : InterviewCommand<CodeEditSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodeEditSettings s, CancellationToken ct)
    {
        var q = await workbench.EditCodingAsync(new EditCodingRequest(s.Coding, s.Span, s.Phrase, s.Code, s.Memo), ct);
        Say(s, q, $"Coding {CodingIds.Short(q.CodingId)} is now [bold]{q.CodePath}[/] at {q.Start}–{q.End}: \"{q.Text}\".");
    }
}

public sealed class CodeRemoveSettings : QualSettings
{
    [CommandArgument(1, "<coding>")]
    [Description("The coding's id, or its first digits as tables show them (e.g. 236adb83).")]
    public string Coding { get; init; } = "";

    [CommandOption("--force")]
    [Description("Also remove the evidence links that rest on this coding.")]
    public bool Force { get; init; }
}

/// <summary><c>twoway code remove STUDY CODING</c>.</summary>
public sealed class CodeRemoveCommand(Terminal terminal) : InterviewCommand<CodeRemoveSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodeRemoveSettings s, CancellationToken ct)
    {
        var r = await workbench.RemoveCodingAsync(new RemoveCodingRequest(s.Coding, s.Force), ct);
        var q = r.Quotation;
        var links = r.UnlinkedEvidence.Count > 0 ? $" and its evidence links ({string.Join(", ", r.UnlinkedEvidence)})" : "";
        Say(s, r, $"Removed coding {CodingIds.Short(q.CodingId)} ([bold]{q.CodePath}[/] at {q.Start}–{q.End} by {q.Coder}: \"{q.Text}\"){links}.");
    }
}

public sealed class CodeImportSettings : QualSettings
{
    [CommandArgument(1, "<file>")]
    [Description("A codings file (.csv, .tsv, .xlsx): source, code, phrase (or start and end), coder, memo — one coding per row ('twoway template codings FILE' writes one).")]
    public string File { get; init; } = "";

    [CommandOption("--coder <NAME>")]
    [Description("The coder of rows whose coder cell is empty.")]
    public string? Coder { get; init; }
}

/// <summary><c>code import STUDY FILE</c>: bulk coding from a spreadsheet, all rows or none.</summary>
public sealed class CodeImportCommand(Terminal terminal) : InterviewCommand<CodeImportSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodeImportSettings s, CancellationToken ct)
    {
        var r = await workbench.ImportCodingsAsync(new CodingImportRequest(s.File, s.Coder), ct);
        Say(s, r, $"Added {TwoWay.Application.Display.Counted(r.Codings, "coding")} from [bold]{r.File}[/] in one transaction ('twoway quotes {s.Study}' lists them).");
    }
}
