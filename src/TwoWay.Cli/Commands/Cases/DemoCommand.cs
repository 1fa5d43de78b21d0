using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Reports;
using TwoWay.Cli.Infrastructure;
using TwoWay.Storage;

namespace TwoWay.Cli.Commands;

/// <summary>
/// `twoway demo`: the main job on the bundled fictional study (<see cref="DemoService"/>), with the
/// sample files embedded in this tool.
/// </summary>
[Description("Build a project file from the fictional demo study and write its report.")]
public sealed class DemoCommand(Terminal terminal) : AsyncCommand<DemoCommand.Settings>
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for demo.twoway, report.html and the sample files (default: demo). A folder holding an earlier demo is updated; another non-empty folder needs --force.")]
        public string Out { get; init; } = "demo";

        [CommandOption("--force")]
        [Description("Write the demo's files into a non-empty folder that holds no earlier demo (replacing files of the same names).")]
        public bool Force { get; init; }
    }

    /// <summary>The folder of the case samples, also the prefix of their embedded names.</summary>
    public const string InputFolder = DemoService.InputFolder;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var service = new DemoService(DemoSamples.FromAssembly(typeof(DemoCommand).Assembly));
        var r = await service.RunAsync(new DemoRequest(settings.Out, settings.Force), cancellationToken);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var i = r.Interviews;
        terminal.Out.MarkupLineInterpolated($"Imported {r.Firms} firms and {r.Operations} operations from [bold]{r.Inputs}[/]");
        terminal.Out.MarkupLineInterpolated($"Imported {i.Sources} interview transcripts with {i.Codings} codings by {string.Join(" and ", i.Coders)}; {i.EvidenceLinks} coded quotations linked as evidence for operations, {i.ConnectionLinks} for connections");
        if (i.Agreement is { } agreement && i.Coders.Count == 2)
            terminal.Out.MarkupLineInterpolated($"Inter-coder agreement (all codes, character by character): kappa {Display.Number(agreement.Kappa, 2)}; see twoway agreement {r.Study} {i.Coders[0]} {i.Coders[1]}");
        terminal.Out.MarkupLineInterpolated($"Support programmes ({r.Programmes}) and self-assessments ({r.Assessments}; {r.AttachedAssessments} attached to study firms {string.Join(", ", r.AttachedFirms)}) from [bold]{r.PolicyInputs}[/]");
        terminal.Out.MarkupLineInterpolated($"Simulated a fictional panel of {Display.Count(r.PanelFirmYears)} firm-years ({Display.Count(r.PanelFirms)} firms) into [bold]{r.Panel}[/] and analysed it with DuckDB");
        terminal.Out.MarkupLineInterpolated($"Study file: [bold]{r.Study}[/]");
        terminal.Out.MarkupLineInterpolated($"Report:     [bold]{r.Report}[/]");
        terminal.Out.MarkupLineInterpolated($"Panel report: [bold]{r.PanelReport}[/]");
        terminal.Out.MarkupLineInterpolated($"{r.Answer}");
        terminal.Out.MarkupLineInterpolated($"Next: twoway analyze {r.Study}");
        return ExitCodes.Ok;
    }
}
