using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;

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
public sealed class ModesCommand(Terminal terminal) : Command<OutputSettings>
{
    public sealed record ModeRow(string Mode, int Tier, string TierName, string InwardCode, string InwardName, string OutwardCode, string OutwardName);

    public override int Execute(CommandContext context, OutputSettings settings, CancellationToken cancellationToken)
    {
        var rows = Modes.All.Select(m => new ModeRow(m.Code(), (int)m.Tier(), m.Tier().ToString().ToLowerInvariant(),
            m.Code(Direction.Inward), m.Name(Direction.Inward), m.Code(Direction.Outward), m.Name(Direction.Outward))).ToList();
        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(new { modes = rows }) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("mode", "tier", "inward code", "inward", "outward code", "outward");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Mode), $"{r.Tier} {r.TierName}", Markup.Escape(r.InwardCode), Markup.Escape(r.InwardName), Markup.Escape(r.OutwardCode), Markup.Escape(r.OutwardName));
        terminal.Out.Write(table);
        return ExitCodes.Ok;
    }
}
