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

[Description("Assess a batch of answers and summarise the population.")]
public sealed class AssessBatchCommand(Terminal terminal) : AsyncCommand<AssessBatchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AssessBatchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Html is { } target) OutputFile.Check(target, "--html", settings.Force, settings.Inputs);
        if (settings.Html is not null && settings.Out is not null && string.Equals(Path.GetFullPath(settings.Html), Path.GetFullPath(settings.Out), StringComparison.Ordinal))
            throw new Input.InputException(settings.Out, null, "--out", "--out and --html name the same file");
        var report = await new AssessmentService().BatchAsync(
            new BatchRequest(settings.Options, settings.File, settings.Out, settings.Show, Html: settings.Html is not null, Force: settings.Force, Inputs: [.. settings.Inputs]),
            cancellationToken);
        if (settings.Html is { } html) OutputFile.WriteText(html, report.Html!, "--html", settings.Force, settings.Inputs);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(report.Result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        Print(terminal.Out, report.Result, settings.Show);
        if (report.Written is { } written) terminal.Error.MarkupLineInterpolated($"Wrote {report.Result.Firms.Count} firm profiles to {written}.");
        return ExitCodes.Ok;
    }

    internal static void Print(IAnsiConsole o, BatchResult b, int show)
    {
        var pop = b.Population;
        o.MarkupLineInterpolated($"[bold]{Display.Count(pop.Firms)} firms[/] assessed with {b.Questionnaire} {b.Version}");
        var states = new Table().Title("Trader states").AddColumns("trader state", "firms", "share");
        foreach (var s in pop.States) states.AddRow(PolicyText.Code(s.State), Display.Count(s.Firms), Display.Share(s.Share));
        o.Write(states);
        var stages = new Table().Title("Stages").AddColumns("direction", "stage", "firms", "share");
        foreach (var s in pop.Stages) stages.AddRow(s.Direction.Code(), PolicyText.Code(s.Stage), Display.Count(s.Firms), Display.Share(s.Share));
        o.Write(stages);
        var dims = new Table().Title("Score distributions and Cronbach's alpha (complete cases)")
            .AddColumns("direction", "dimension", "n", "mean", "sd", "min", "q1", "median", "q3", "max", "low", "developing", "ready", "strong", "alpha", "items", "cases");
        void Row(Direction d, string name, Distribution s, AlphaResult a) => dims.AddRow(new[]
        {
            d.Code(), PolicyText.Esc(name), Display.Count(s.N), Display.Number(s.Mean, 1), Display.Number(s.Sd, 1),
            Display.Number(s.Min, 1), Display.Number(s.Q1, 1), Display.Number(s.Median, 1), Display.Number(s.Q3, 1), Display.Number(s.Max, 1),
        }.Concat(s.Bands.Select(x => Display.Count(x.Firms)))
         .Concat([Display.Number(a.Alpha, 3), Display.Count(a.Items), Display.Count(a.CompleteCases)]).ToArray());
        foreach (var d in pop.Directions) Row(d.Direction, "(direction score)", d.Scores, d.Reliability);
        foreach (var d in pop.Dimensions) Row(d.Direction, d.Name, d.Scores, d.Reliability);
        o.Write(dims);
        // Alpha is never shown without what a reader must know: few cases, or a negative value.
        var cautions = pop.Directions.Select(d => (Name: $"{d.Direction.Code()} score", d.Reliability.Caution))
            .Concat(pop.Dimensions.Select(d => (Name: $"{d.Direction.Code()} {d.Name}", d.Reliability.Caution)))
            .Where(x => x.Caution is not null).ToList();
        if (cautions.Select(c => c.Caution).Distinct().Count() == 1 && cautions.Count > 1)
            o.MarkupLineInterpolated($"[yellow]alpha:[/] {cautions[0].Caution} (every row).");
        else
            foreach (var (name, caution) in cautions) o.MarkupLineInterpolated($"[yellow]alpha, {name}:[/] {caution}.");
        var steps = new Table().Title("Next steps").AddColumns("rule", "next step", "firms", "share");
        foreach (var s in pop.NextSteps) steps.AddRow(PolicyText.Esc(s.Rule), PolicyText.Esc(s.NextStep), Display.Count(s.Firms), Display.Share(s.Share));
        o.Write(steps);
        var firms = new Table().Title($"Firms (first {Display.Count(Math.Min(show, b.Firms.Count))} of {Display.Count(b.Firms.Count)})")
            .AddColumns("firm", "state", "outward stage", "inward stage", "outward score", "inward score", "top barrier", "rule", "first programme");
        foreach (var r in b.Firms.Take(show))
            firms.AddRow(PolicyText.Esc(r.Profile.Firm), PolicyText.Code(r.Profile.State), PolicyText.Code(r.Profile.Outward.Stage), PolicyText.Code(r.Profile.Inward.Stage),
                Display.Number(r.Profile.Outward.Score, 1), Display.Number(r.Profile.Inward.Score, 1),
                r.Profile.TopBarrier is { } tb ? PolicyText.Code(tb) : Display.Unknown, PolicyText.Esc(r.Recommendation.Rule),
                PolicyText.Esc(r.Programmes.FirstOrDefault()?.Programme));
        o.Write(firms);
    }
}
