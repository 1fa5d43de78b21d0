using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Studies;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands;

public sealed class MigrateSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file, or a PostgreSQL connection string / postgresql:// URL.")]
    public string Study { get; init; } = "";
}

/// <summary><c>twoway migrate STUDY</c>: the explicit schema upgrade (required for a PostgreSQL study).</summary>
public sealed class MigrateCommand(Terminal terminal) : Command<MigrateSettings>
{
    public override int Execute(CommandContext context, MigrateSettings settings, CancellationToken cancellationToken)
    {
        var result = StudyMigration.MigrateAsync(settings.Study, cancellationToken).GetAwaiter().GetResult();
        if (settings.Json) terminal.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
        else if (result.Applied.Count == 0) terminal.Out.MarkupLineInterpolated($"{result.Study} is up to date; nothing to do.");
        else terminal.Out.MarkupLineInterpolated($"{result.Study}: applied {result.Applied.Count} schema step(s): {string.Join(", ", result.Applied)}.");
        return ExitCodes.Ok;
    }
}
