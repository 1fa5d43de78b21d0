using Spectre.Console.Cli;

namespace TwoWay.Cli.Commands;

/// <summary>The policy lens and the self-assessment: `twoway policy …`, `twoway assess …`, `twoway template programmes|answers`.</summary>
public static class PolicyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("policy", policy =>
        {
            policy.SetDescription("Programme catalogues: how one-sided the portfolio is and whom it leaves out.");
            policy.AddCommand<PortfolioCommand>("portfolio")
                .WithDescription("Export-only share (by count and budget), direction × instrument and × mechanism, barrier coverage.");
            policy.AddCommand<CoverageCommand>("coverage")
                .WithDescription("Coverage of a firm population's trader states and stages; gaps; bridging programmes.");
        });
        config.AddBranch<AssessSettings>("assess", assess =>
        {
            assess.SetDescription("Holistic self-assessment: profile in both directions, next step, matching programmes.");
            assess.SetDefaultCommand<AssessCommand>();
            assess.AddCommand<AssessBatchCommand>("batch")
                .WithDescription("Assess a survey export (one row per firm, item ids as columns) and summarise the population.");
        });
        // `twoway template programmes|answers FILE` is served by the study area's one template
        // command, which writes both kinds through the application layer.
    }
}
