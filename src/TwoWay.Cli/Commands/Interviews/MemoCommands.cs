using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Interviews;
using System.ComponentModel;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class MemosAddSettings : QualSettings
{
    [CommandArgument(1, "<text>")] [Description("The memo's text (quote it).")] public string Text { get; init; } = "";
    [CommandOption("--code <CODE>")] [Description("Path or GUID of the code.")] public string? Code { get; init; }
    [CommandOption("--source <SOURCE>")] [Description("Transcript name or id.")] public string? Source { get; init; }
    [CommandOption("--case <FIRM_ID>")] [Description("Write the memo on this case (firm id).")] public string? Case { get; init; }
    [CommandOption("--author <NAME>")] [Description("Who writes the memo.")] public string? Author { get; init; }

    public override ValidationResult Validate() =>
        new[] { Code, Source, Case }.Count(x => x is not null) > 1 ? ValidationResult.Error("Give at most one of --code, --source, --case.") : ValidationResult.Success();
}

public sealed class MemosAddCommand(Terminal terminal) : InterviewCommand<MemosAddSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, MemosAddSettings s, CancellationToken ct)
    {
        var r = await workbench.AddMemoAsync(new AddMemoRequest(s.Text, s.Code, s.Source, s.Case, s.Author), ct);
        Say(s, r, $"Memo {r.MemoId} written on the {r.Target.ToString().ToLowerInvariant()}{(string.IsNullOrEmpty(r.TargetId) ? "" : " " + r.TargetId)}.");
    }
}

public sealed class MemosListCommand(Terminal terminal) : InterviewCommand<QualSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QualSettings s, CancellationToken ct)
    {
        var r = await workbench.ListMemosAsync(ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("on", "about", "author", "memo");
            foreach (var m in r.Memos)
                t.AddRow(m.Target.ToString().ToLowerInvariant(), Markup.Escape(m.About), Markup.Escape(m.Author ?? ""), Markup.Escape(m.Text));
            Terminal.Out.Write(t);
        });
    }
}
