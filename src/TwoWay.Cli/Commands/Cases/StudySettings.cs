using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Interchange.Cases;

namespace TwoWay.Cli.Commands;

public class StudySettings : CommandSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study: a .twoway project file, or a PostgreSQL connection string (Host=...;Database=...).")]
    public string Study { get; init; } = "";
}

/// <summary>Reading the table kind options of import and export.</summary>
internal static class CaseKinds
{
    public static CaseTableKind? Parse(string? text) =>
        text is null ? null : Codes.TryParse<CaseTableKind>(text, out var k) ? k : null;

    public static ValidationResult Validate(string? text, string option) =>
        text is null || Parse(text) is not null
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} must be 'firms' or 'operations', not '{text}'.");
}
