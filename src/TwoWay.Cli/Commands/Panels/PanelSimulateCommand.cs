using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Panels;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Panels;

public sealed class PanelSimulateSettings : OutputSettings
{
    [CommandArgument(0, "<OUT>")]
    [Description("Output: FILE.csv, FILE.parquet, or a new folder (Parquet files partitioned by year).")]
    public string Out { get; init; } = "";

    [CommandOption("--firms <N>")]
    [Description("Number of fictional firms.")]
    [DefaultValue(10000L)]
    public long Firms { get; init; } = 10000;

    [CommandOption("--years <T>")]
    [Description("Number of years each firm is observed (at least 2).")]
    [DefaultValue(10)]
    public int Years { get; init; } = 10;

    [CommandOption("--seed <S>")]
    [Description("Random seed: the same seed and sizes always give the same panel.")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--hr <X>")]
    [Description("True hazard ratio of importing (last year) on export entry.")]
    [DefaultValue(1.8)]
    public double HazardRatio { get; init; } = 1.8;

    [CommandOption("--force")]
    [Description("Overwrite an existing output file (a folder is never replaced).")]
    public bool Force { get; init; }

    public override ValidationResult Validate() =>
        Firms < 1 ? ValidationResult.Error("--firms must be ≥ 1")
        : Years < 2 ? ValidationResult.Error("--years must be ≥ 2")
        : !(HazardRatio > 0) ? ValidationResult.Error("--hr must be > 0")
        : ValidationResult.Success();
}

[Description("Write a simulated panel.")]
public sealed class PanelSimulateCommand(Terminal terminal) : Command<PanelSimulateSettings>
{
    public override int Execute(CommandContext context, PanelSimulateSettings s, CancellationToken cancellationToken)
    {
        var request = new PanelSimulationRequest(s.Out, s.Firms, s.Years, s.Seed, s.HazardRatio) { Force = s.Force };
        var result = PanelText.WithStatus(terminal, "simulating", progress =>
            PanelService.SimulateAsync(request, progress is null ? null : new Progress<long>(k => progress.Report($"{Display.Count(k)} firm-years")),
                cancellationToken).GetAwaiter().GetResult());
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        terminal.Out.MarkupLineInterpolated($"wrote {Display.Count(result.FirmYears)} firm-years of {Display.Count(result.Firms)} fictional firms ({result.Years} years, seed {result.Seed}, true HR {result.HazardRatio.ToString(CultureInfo.InvariantCulture)}) to {result.Out} ({PublicJson.Serialize(result.Format).Trim('"')})");
        return ExitCodes.Ok;
    }
}
