using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Files;
using TwoWay.Application.Reports;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;

namespace TwoWay.Cli.Commands;

[Description("Write the study's HTML report.")]
public sealed class ReportCommand(Terminal terminal) : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : AnalysisSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Where to write the report (default: report.html).")]
        public string Out { get; init; } = "report.html";

        [CommandOption("--force")]
        [Description("Overwrite the report file if it exists (never the study or the catalogue).")]
        public bool Force { get; init; }

        [CommandOption("--title <TEXT>")]
        [Description("Report title (default: the study file's name).")]
        public string? Title { get; init; }

        [CommandOption("--pseudonymize")]
        [Description("Replace firm and partner names by codes (Firm A, Partner 1). Quotations are printed as stored.")]
        public bool Pseudonymize { get; init; }

        [CommandOption("--catalogue <FILE>")]
        [Description("A support-programme catalogue (CSV/XLSX): adds its portfolio and its coverage of the study's firms to the report.")]
        public string? Catalogue { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Refused before any work: the study file and the catalogue are never written over.
        ProtectedFile[] inputs = [.. ProtectedFile.Study(settings.Study), .. ProtectedFile.Input(settings.Catalogue, "the catalogue")];
        OutputFile.Check(settings.Out, "--out", settings.Force, inputs);
        var report = await new ReportService(settings.Study).BuildAsync(
            new ReportRequest(settings.Title, settings.Year, settings.Pseudonymize, settings.Catalogue), cancellationToken);
        var path = await OutputFile.WriteTextAsync(settings.Out, report.Html, "--out", settings.Force, inputs, cancellationToken);
        if (settings.Json)
            terminal.WriteRaw(PublicJson.Serialize(new ReportWritten(path, report.AsOfYear, report.Firms)) + Environment.NewLine);
        else
            terminal.Out.MarkupLineInterpolated($"Report written to [bold]{path}[/] ({report.Firms} cases, as of {report.AsOfYear}).");
        return ExitCodes.Ok;
    }
}
