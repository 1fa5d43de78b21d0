using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Interviews;

namespace TwoWay.Cli.Commands.Interviews;

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

public sealed class SourcesAddCommand(Terminal terminal) : InterviewCommand<SourcesAddSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, SourcesAddSettings s, CancellationToken ct)
    {
        var r = await workbench.AddSourceAsync(new AddSourceRequest(s.File, s.Name, s.Case, s.Round, s.Role, s.Pseudonym, s.Date, s.Language), ct);
        Say(s, r, $"Added transcript [bold]{r.Name}[/] ({r.Characters} characters), id {r.SourceId}.");
    }
}

public sealed class SourcesListCommand(Terminal terminal) : InterviewCommand<QualSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QualSettings s, CancellationToken ct)
    {
        var r = await workbench.ListSourcesAsync(ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("name", "case", "round", "respondent", "characters", "codings", "id");
            foreach (var x in r.Sources)
                t.AddRow(Markup.Escape(x.Name), Markup.Escape(x.Case ?? ""), InterviewOutput.Round(x.Round),
                    Markup.Escape(x.Pseudonym is null ? "" : $"{x.Pseudonym} ({x.Role})"), Display.Count(x.Characters), Display.Count(x.Codings), x.SourceId.ToString());
            Terminal.Out.Write(t);
        });
    }
}

public sealed class SourcesRemoveSettings : QualSettings
{
    [CommandArgument(1, "<source>")] [Description("The transcript's name or id (see 'twoway sources list').")] public string Source { get; init; } = "";
    [CommandOption("--force")] [Description("Also remove its codings, the memos on it and the evidence links of those codings.")] public bool Force { get; init; }
}

/// <summary>Removes a transcript (e.g. when consent is withdrawn); a coded one only with --force, all in one transaction.</summary>
public sealed class SourcesRemoveCommand(Terminal terminal) : InterviewCommand<SourcesRemoveSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, SourcesRemoveSettings s, CancellationToken ct)
    {
        var r = await workbench.RemoveSourceAsync(new RemoveSourceRequest(s.Source, s.Force), ct);
        Say(s, r, $"Removed transcript [bold]{r.Name}[/] with {r.Codings} codings, {r.Memos} memos and {r.EvidenceLinks} evidence links.");
    }
}
