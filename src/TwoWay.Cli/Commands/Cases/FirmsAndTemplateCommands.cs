using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Cli.Infrastructure;
using TwoWay.Interchange.Cases;

namespace TwoWay.Cli.Commands;

public sealed class TemplateSettings : CommandSettings
{
    [CommandArgument(0, "<kind>")]
    [Description("firms or operations (study), codings (bulk coding with 'code import'), programmes or answers (policy and self-assessment).")]
    public string Kind { get; init; } = "";

    [CommandArgument(1, "<file>")]
    [Description("The file to write: .csv (column notes as '#' lines) or .xlsx (an About sheet).")]
    public string File { get; init; } = "";

    [CommandOption("--force")]
    [Description("Overwrite the file if it exists.")]
    public bool Force { get; init; }

    [CommandOption("--questionnaire <FILE>")]
    [Description("With answers: the questionnaire definition (JSON) whose items become columns; default: the built-in one.")]
    public string? Questionnaire { get; init; }

    public override ValidationResult Validate() =>
        StudyService.ParseTemplateKind(Kind) is not { } kind
            ? ValidationResult.Error($"the template kind must be 'firms', 'operations', 'codings', 'programmes' or 'answers', not '{Kind}'.")
            : Questionnaire is not null && kind != TemplateKind.Answers
                ? ValidationResult.Error("--questionnaire goes with the answers template.")
            : !new[] { ".csv", ".tsv", ".xlsx" }.Contains(Path.GetExtension(File).ToLowerInvariant())
                ? ValidationResult.Error($"the template file must end in .csv, .tsv or .xlsx, not '{File}'.")
                : ValidationResult.Success();
}

[Description("Write an empty, documented firms, operations, codings, programmes or answers file.")]
public sealed class TemplateCommand(Terminal terminal) : AsyncCommand<TemplateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TemplateSettings settings, CancellationToken cancellationToken)
    {
        var kind = StudyService.ParseTemplateKind(settings.Kind)!.Value;
        await StudyService.WriteTemplateAsync(new TemplateRequest(kind, settings.File, settings.Force, settings.Questionnaire), cancellationToken);
        terminal.Out.MarkupLineInterpolated($"Wrote the {settings.Kind.ToLowerInvariant()} template {settings.File}.");
        return ExitCodes.Ok;
    }
}

public sealed class FirmsSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";
}

[Description("List the firms of a study.")]
public sealed class FirmsCommand(Terminal terminal) : AsyncCommand<FirmsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, FirmsSettings settings, CancellationToken cancellationToken)
    {
        var list = await new StudyService(settings.Study).FirmsAsync(cancellationToken);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(list) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        if (list.Firms.Count == 0)
        {
            terminal.Out.WriteLine("The study has no firms yet. Import some with 'twoway import STUDY firms.csv'.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("firm", "name", "home", "sector", "size", "founded", "inward ops", "outward ops");
        foreach (var r in list.Firms)
            table.AddRow(Markup.Escape(r.FirmId), Markup.Escape(r.Name), r.HomeCountry, Markup.Escape(Display.Text(r.Sector)),
                r.Size is { } s ? Codes.Of(s) : Display.Unknown, r.FoundingYear?.ToString(CultureInfo.InvariantCulture) ?? Display.Unknown,
                Display.Count(r.InwardOperations), Display.Count(r.OutwardOperations));
        terminal.Out.Write(table);
        terminal.Out.WriteLine($"{Display.Count(list.Firms.Count)} firms.");
        return ExitCodes.Ok;
    }
}
