using System.ComponentModel;
using Spectre.Console.Cli;

namespace TwoWay.Cli.Infrastructure;

/// <summary>Options every command that prints results shares.</summary>
public class OutputSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print machine-readable JSON (keys documented in docs/json.md) instead of tables.")]
    public bool Json { get; init; }
}
