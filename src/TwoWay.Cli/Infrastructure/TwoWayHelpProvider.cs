using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace TwoWay.Cli.Infrastructure;

/// <summary>
/// Spectre's help, with two gaps closed. A command that also has subcommands (<c>code</c> with
/// <c>code edit</c>, <c>assess</c> with <c>assess batch</c>) shows its own usage, arguments and
/// options, then its subcommands; and every command lists the options it inherits from its
/// branch (<c>assess batch</c>'s <c>--catalogue</c>, <c>--json</c>). Spectre alone showed neither, so
/// <c>assess --help</c> listed none of <c>--answers</c>, <c>--html</c> or <c>--study</c>.
/// </summary>
internal sealed class TwoWayHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    private static ICommandInfo? DefaultOf(ICommandInfo? command) => command?.Commands.FirstOrDefault(c => c.IsDefaultCommand);

    public override IEnumerable<IRenderable> GetUsage(ICommandModel model, ICommandInfo? command) =>
        DefaultOf(command) is { } d ? base.GetUsage(model, d) : base.GetUsage(model, command);

    public override IEnumerable<IRenderable> GetArguments(ICommandModel model, ICommandInfo? command) =>
        base.GetArguments(model, DefaultOf(command) ?? command);

    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command)
    {
        var target = DefaultOf(command) ?? command;
        if (target is null) return base.GetOptions(model, command);
        var chain = new List<ICommandInfo>();
        for (var c = target; c is not null; c = c.Parent) chain.Insert(0, c); // the branch's options first
        var options = chain.SelectMany(c => c.Parameters.OfType<ICommandOption>()).Where(o => !o.IsHidden)
            .DistinctBy(o => string.Join(',', o.LongNames.Concat(o.ShortNames))).ToList();
        var grid = new Grid().AddColumn(new GridColumn { Padding = new Padding(4, 0, 4, 0) }).AddColumn();
        grid.AddRow(new Markup("-h, --help"), new Text("Prints help information"));
        foreach (var o in options)
        {
            var names = string.Join(", ", o.ShortNames.Select(s => "-" + s).Concat(o.LongNames.Select(l => "--" + l)));
            if (o.ShortNames.Count == 0) names = "    " + names;
            if (!o.IsFlag && o.ValueName is { } v) names += $" <{v}>";
            grid.AddRow(new Text(names), new Text((o.Description ?? "").TrimEnd().TrimEnd('.')));
        }
        return [new Text(Environment.NewLine), new Markup("[yellow]OPTIONS:[/]"), new Text(Environment.NewLine), grid];
    }
}
