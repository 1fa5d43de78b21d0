using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Assessment;
using TwoWay.Application.Files;
using TwoWay.Assessment;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;

namespace TwoWay.Cli.Commands;

[Description("Self-assessment of one firm: interactive, or from --answers FILE.")]
public sealed class AssessCommand(Terminal terminal) : AsyncCommand<AssessOneSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AssessOneSettings settings, CancellationToken cancellationToken)
    {
        // Refused targets are found before a single question is asked.
        if (settings.Html is { } target) OutputFile.Check(target, "--html", settings.Force, settings.Inputs);
        var service = new AssessmentService(settings.Study);
        var answers = settings.Answers;
        if (answers is null)
        {
            if (!terminal.Out.Profile.Capabilities.Interactive)
            {
                terminal.Error.MarkupLine("[red]error:[/] the interactive assessment needs a terminal; give the answers with --answers FILE (JSON) or use `twoway assess batch FILE.csv`.");
                return ExitCodes.Usage;
            }
            var session = await service.StartQuestionnaireAsync(new QuestionnaireRequest(settings.Options, settings.Save, settings.Firm), cancellationToken);
            if (!new Interview(terminal.Out, session).Run()) return ExitCodes.Ok;
            answers = settings.Save; // complete, written by the session
        }
        var report = await service.AssessAsync(new AssessRequest(settings.Options, answers, settings.FirmId, Html: settings.Html is not null, Again: settings.Again), cancellationToken);
        if (report.Attached is { } a)
            terminal.Error.MarkupLineInterpolated($"Attached as assessment {a.Number} of firm {a.Firm} in {a.Study}.");
        if (settings.Html is { } html) OutputFile.WriteText(html, report.Html!, "--html", settings.Force, settings.Inputs);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(report.Result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, report.Result, report.CatalogueName);
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, AssessmentResult r, string catalogueName)
    {
        var p = r.Profile;
        o.MarkupLineInterpolated($"[bold]{(p.Firm ?? "Firm")}[/] — questionnaire {p.Questionnaire} {p.Version}; the firm [bold]{TwoWay.Policy.PlainWords.Of(p.State)}[/]");
        var dirs = new Table().Title("Profile by direction (no combined score: the two directions are read side by side)")
            .AddColumns("direction", "active", "stage", "share", "countries", "modes", "score", "band", "weakest dimension");
        foreach (var d in new[] { p.Outward, p.Inward })
            dirs.AddRow(d.Direction.Code(), d.Active ? "yes" : "no", TwoWay.Policy.PlainWords.Of(d.Direction, d.Stage), Display.Share(d.Share),
                Display.Count(d.Countries), PolicyText.Esc(string.Join(", ", d.Modes.Select(m => m.Name(d.Direction)))),
                Display.Number(d.Score, 1), d.Band is { } b ? PolicyText.Code(b) : Display.Unknown, PolicyText.Esc(d.Dimensions.FirstOrDefault(x => x.Dimension == d.WeakestDimension)?.Name ?? d.WeakestDimension ?? Display.Unknown));
        o.Write(dirs);
        var dims = new Table().Title("Dimensions (0–100; bands: low < 40 ≤ developing < 60 ≤ ready < 80 ≤ strong)")
            .AddColumns("direction", "dimension", "score", "band", "answered");
        foreach (var d in new[] { p.Outward, p.Inward })
            foreach (var s in d.Dimensions)
                dims.AddRow(d.Direction.Code(), PolicyText.Esc(s.Name), Display.Number(s.Score, 1), s.Band is { } b ? PolicyText.Code(b) : Display.Unknown,
                    $"{Display.Count(s.Answered)}/{Display.Count(s.Items)}");
        o.Write(dims);
        o.MarkupLineInterpolated($"[bold]Biggest obstacle:[/] {(p.TopBarrier is { } tb ? TwoWay.Policy.PlainWords.Of(tb) : "none rated 3 or more")}");
        var n = r.Recommendation;
        o.MarkupLineInterpolated($"[bold]Next step[/] ({n.Direction.Code()}, rule {n.Rule}): [green]{n.NextStep}[/]");
        o.MarkupLineInterpolated($"  kinds of support that fit: {string.Join(", ", n.Instruments.Select(TwoWay.Policy.PlainWords.Of))}; helping through {TwoWay.Policy.PlainWords.Of(n.Mechanism)}");
        o.MarkupLineInterpolated($"  why: {n.Reason}");
        if (r.Programmes.Count == 0)
        {
            o.MarkupLineInterpolated($"No programme in {catalogueName} fits this next step.");
            return;
        }
        var t = new Table().Title($"Programmes that fit ({catalogueName})").AddColumns("#", "programme", "name", "agency", "points", "why it fits");
        foreach (var m in r.Programmes)
            t.AddRow(Display.Count(m.Rank), PolicyText.Esc(m.Programme), PolicyText.Esc(m.Name), PolicyText.Esc(m.Agency),
                Display.Count(m.Points), PolicyText.Esc(string.Join("; ", m.Reasons)));
        o.Write(t);
    }
}
