using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Cases;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands;

/// <summary>Reference listings of the domain's vocabularies.</summary>
public static class ReferenceCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<ModesCommand>("modes")
            .WithDescription("List the modes of operation, their commitment tiers and their codes in each direction.");
    }
}

[Description("List the modes of operation with tier and codes.")]
public sealed class ModesCommand(Terminal terminal) : AsyncCommand<OutputSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, OutputSettings settings, CancellationToken cancellationToken)
    {
        var modes = await StudyService.ModesAsync(cancellationToken);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(modes) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("mode", "tier", "inward code", "inward", "outward code", "outward");
        foreach (var r in modes.Modes)
            table.AddRow(Markup.Escape(r.Mode), $"{r.Tier} {r.TierName}", Markup.Escape(r.InwardCode), Markup.Escape(r.InwardName), Markup.Escape(r.OutwardCode), Markup.Escape(r.OutwardName));
        terminal.Out.Write(table);
        return ExitCodes.Ok;
    }
}
