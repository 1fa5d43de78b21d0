using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Guide;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Guide;

public sealed class GuideSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";

    [CommandOption("--firm <ID>")]
    [Description("Only this firm's questions.")]
    public string? Firm { get; init; }

    [CommandOption("--round <N>")]
    [Description("The interview round the guide prepares (default: the one after the latest round transcribed).")]
    public int? Round { get; init; }

    [CommandOption("--templates <FILE>")]
    [Description("Your own question templates (CSV or XLSX: kind, question, why); default: the built-in ones (samples/guide/question-templates.csv).")]
    public string? Templates { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write the guide to share or print: Markdown (FILE.md) or Word (FILE.docx).")]
    public string? Out { get; init; }

    [CommandOption("--force")]
    [Description("Overwrite an existing --out file (never the study or the templates).")]
    public bool Force { get; init; }
}

/// <summary><c>twoway guide STUDY</c>: the next round's questions, per firm, each with why it is asked.</summary>
public sealed class GuideCommand(Terminal terminal) : AsyncCommand<GuideSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GuideSettings s, CancellationToken cancellationToken)
    {
        var g = await new GuideService(s.Study).BuildAsync(new GuideRequest(s.Firm, s.Round, s.Templates, s.Out, s.Force), cancellationToken);
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(g) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        o.MarkupLineInterpolated($"[bold]Interview guide, round {g.Round}[/] — {Display.Counted(g.Firms.Sum(f => f.Questions.Count), "question")} for {Display.Counted(g.Firms.Count, "firm")} (templates: {g.Templates})");
        foreach (var f in g.Firms)
        {
            o.WriteLine();
            o.MarkupLineInterpolated($"[bold]{f.FirmId} {f.FirmName}[/]");
            if (f.Questions.Count == 0) o.MarkupLine("  [grey]nothing open[/]");
            var n = 0;
            foreach (var q in f.Questions)
            {
                o.MarkupLineInterpolated($"  {++n}. {q.Question}");
                o.MarkupLineInterpolated($"     [grey]why: {q.Why} ({q.About})[/]");
            }
        }
        if (g.Written is { } w) o.MarkupLineInterpolated($"\nGuide written to [bold]{w}[/].");
        return ExitCodes.Ok;
    }
}
