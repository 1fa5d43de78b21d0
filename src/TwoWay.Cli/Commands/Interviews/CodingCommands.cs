using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Interviews;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class CodeSettings : QualSettings
{
    [CommandArgument(1, "<source>")] [Description("Transcript name or id.")] public string Source { get; init; } = "";
    [CommandArgument(2, "<code>")] [Description("Code path or GUID.")] public string Code { get; init; } = "";
    [CommandOption("--span <START-END>")] [Description("UTF-16 indices, end exclusive, e.g. 120-184.")] public string? Span { get; init; }
    [CommandOption("--phrase <TEXT>")] [Description("A phrase that occurs once in the transcript (spaces, line breaks, quote and dash styles are ignored; letter case is not).")] public string? Phrase { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Who codes.")] public string Coder { get; init; } = "";
    [CommandOption("--memo <TEXT>")] [Description("A memo on this coding.")] public string? Memo { get; init; }

    public override ValidationResult Validate() =>
        (Span is null) == (Phrase is null) ? ValidationResult.Error("Give exactly one of --span or --phrase.")
        : string.IsNullOrWhiteSpace(Coder) ? ValidationResult.Error("Give --coder NAME.")
        : ValidationResult.Success();
}

public sealed class CodeCommand(Terminal terminal) : InterviewCommand<CodeSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodeSettings s, CancellationToken ct)
    {
        var q = await workbench.CodeAsync(new CodePassageRequest(s.Source, s.Code, s.Coder, s.Span, s.Phrase, s.Memo), ct);
        Say(s, q, $"Coded [bold]{q.CodePath}[/] at {q.Start}–{q.End}: \"{q.Text}\" (coding {TwoWay.Qualitative.CodingIds.Short(q.CodingId)}).");
    }
}

public sealed class QuotesSettings : QualSettings
{
    [CommandArgument(1, "[code]")] [Description("Code path or GUID; without it, every quotation of every code.")] public string? Code { get; init; }
    [CommandOption("--case <FIRM_ID>")] [Description("Only quotations from this case's transcripts.")] public string? Case { get; init; }
    [CommandOption("--round <N>")] [Description("Only quotations from interviews of this round.")] public int? Round { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Only this coder's quotations.")] public string? Coder { get; init; }
    [CommandOption("--subcodes")] [Description("Include codings of codes below this one.")] public bool Subcodes { get; init; }
    [CommandOption("--xlsx <FILE>")] [Description("Also write the quotations as an XLSX workbook.")] public string? Xlsx { get; init; }
    [CommandOption("--html <FILE>")] [Description("Also write the quotations as a self-contained HTML page.")] public string? Html { get; init; }
    [CommandOption("--force")] [Description("Overwrite existing --xlsx / --html files (never the study).")] public bool Force { get; init; }
}

public sealed class QuotesCommand(Terminal terminal) : InterviewCommand<QuotesSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QuotesSettings s, CancellationToken ct)
    {
        var r = await workbench.QuotesAsync(new QuotesRequest(s.Code, s.Case, s.Round, s.Coder, s.Subcodes, s.Xlsx, s.Html, s.Force), ct);
        Show(s, r, () =>
        {
            // With --subcodes the quotations come from several codes: say which.
            var withCode = s.Subcodes || s.Code is null;
            var t = new Table().AddColumns(withCode ? ["case", "round", "source", "span", "code", "coder", "coding", "quotation"] : ["case", "round", "source", "span", "coder", "coding", "quotation"]);
            foreach (var q in r.Quotations)
            {
                string[] cells = [Markup.Escape(q.Case ?? ""), InterviewOutput.Round(q.Round), Markup.Escape(q.SourceName), $"{q.Start}–{q.End}"];
                if (withCode) cells = [.. cells, Markup.Escape(q.CodePath)];
                t.AddRow([.. cells, Markup.Escape(q.Coder), TwoWay.Qualitative.CodingIds.Short(q.CodingId), Markup.Escape(q.Text)]);
            }
            Terminal.Out.MarkupLineInterpolated($"[bold]{r.CodePath}[/]: {Display.Counted(r.Quotations.Count, "quotation")}");
            Terminal.Out.Write(t);
        });
    }
}

public sealed class CodersSettings : QualSettings;

/// <summary><c>twoway coders STUDY</c>: who coded, and how much.</summary>
public sealed class CodersCommand(Terminal terminal) : InterviewCommand<CodersSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodersSettings s, CancellationToken ct)
    {
        var r = await workbench.CodersAsync(ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("coder", "codings", "transcripts", "codes");
            foreach (var c in r.Coders) t.AddRow(Markup.Escape(c.Coder), Display.Count(c.Codings), Display.Count(c.Sources), Display.Count(c.Codes));
            Terminal.Out.Write(t);
        });
    }
}
