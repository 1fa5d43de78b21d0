using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace TwoWay.Cli.Infrastructure;

/// <summary>
/// Spectre's help, except for a command that also has subcommands (<c>code</c> with <c>code edit</c>,
/// <c>assess</c> with <c>assess batch</c>): there the usage, arguments and options of the command
/// itself are shown, then its subcommands. Spectre alone shows only the subcommands, so
/// <c>assess --help</c> listed none of <c>--answers</c>, <c>--html</c> or <c>--study</c>.
/// </summary>
internal sealed class TwoWayHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    private static ICommandInfo? DefaultOf(ICommandInfo? command) => command?.Commands.FirstOrDefault(c => c.IsDefaultCommand);

    public override IEnumerable<IRenderable> GetUsage(ICommandModel model, ICommandInfo? command) =>
        DefaultOf(command) is { } d ? base.GetUsage(model, d) : base.GetUsage(model, command);

    public override IEnumerable<IRenderable> GetArguments(ICommandModel model, ICommandInfo? command) =>
        base.GetArguments(model, DefaultOf(command) ?? command);

    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command) =>
        base.GetOptions(model, DefaultOf(command) ?? command);
}
