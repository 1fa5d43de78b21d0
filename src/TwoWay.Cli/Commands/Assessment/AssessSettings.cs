using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Assessment;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands;

/// <summary>Options shared by `twoway assess` and `twoway assess batch`.</summary>
public class AssessSettings : OutputSettings
{
    [CommandOption("--questionnaire <FILE>")]
    [Description("Questionnaire definition (JSON, docs/assessment.md); default: the built-in one (samples/policy/questionnaire.json).")]
    public string? Questionnaire { get; init; }

    [CommandOption("--decision-table <FILE>")]
    [Description("Decision table (CSV/XLSX); default: the built-in one (samples/policy/decision-table.csv).")]
    public string? DecisionTable { get; init; }

    [CommandOption("--catalogue <FILE>")]
    [Description("Programme catalogue to match; default: the built-in FICTIONAL sample catalogue.")]
    public string? Catalogue { get; init; }

    [CommandOption("--top <N>")]
    [Description("How many matching programmes to list per firm (default 5).")]
    public int Top { get; init; } = 5;

    [CommandOption("--force")]
    [Description("Overwrite existing --html and --out files (never an input file, the answers file or the study).")]
    public bool Force { get; init; }

    /// <summary>The files this command reads, which no output may replace.</summary>
    internal virtual IEnumerable<TwoWay.Application.Files.ProtectedFile> Inputs =>
        [.. Application.Files.ProtectedFile.Input(Questionnaire, "the questionnaire"), .. Application.Files.ProtectedFile.Input(DecisionTable, "the decision table"),
         .. Application.Files.ProtectedFile.Input(Catalogue, "the catalogue")];

    public override ValidationResult Validate() =>
        Top is >= 0 and <= 100 ? ValidationResult.Success() : ValidationResult.Error("--top must be between 0 and 100.");

    internal AssessorOptions Options => new(Questionnaire, DecisionTable, Catalogue, Top);
}

public sealed class AssessOneSettings : AssessSettings
{
    [CommandOption("--answers <FILE>")]
    [Description("Assess answers saved as JSON instead of asking the questions.")]
    public string? Answers { get; init; }

    [CommandOption("--save <FILE>")]
    [Description("Interactive: where answers are saved after every question (default: assessment.json); an existing file is resumed.")]
    public string Save { get; init; } = "assessment.json";

    [CommandOption("--firm <NAME>")]
    [Description("Interactive: the firm's name or id, stored with the answers.")]
    public string? Firm { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the firm's profile as a self-contained HTML page with a chart.")]
    public string? Html { get; init; }

    [CommandOption("--study <STUDY>")]
    [Description("Attach the assessment (its answers file) to firm --firm-id of this study project file; `twoway report` then shows it.")]
    public string? Study { get; init; }

    [CommandOption("--again")]
    [Description("With --study: attach although the firm already has an assessment (a repeat, e.g. a year later).")]
    public bool Again { get; init; }

    [CommandOption("--firm-id <ID>")]
    [Description("With --study: the id of the study firm the assessment belongs to.")]
    public string? FirmId { get; init; }

    internal override IEnumerable<TwoWay.Application.Files.ProtectedFile> Inputs =>
        [.. base.Inputs, .. Application.Files.ProtectedFile.Input(Answers, "the answers file"), .. Application.Files.ProtectedFile.Input(Save, "the answers file"),
         .. (Study is null ? [] : Application.Files.ProtectedFile.Study(Study))];

    public override ValidationResult Validate()
    {
        var basic = base.Validate();
        if (!basic.Successful) return basic;
        if ((Study is null) != (FirmId is null)) return ValidationResult.Error("--study and --firm-id go together.");
        if (FirmId is not null && !Domain.FirmId.IsValid(FirmId)) return ValidationResult.Error($"'{FirmId}' is not a valid firm id.");
        return ValidationResult.Success();
    }
}

public sealed class AssessBatchSettings : AssessSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Survey export (.csv, .tsv or .xlsx): firm_id, optional size_class and sector, one column per item id.")]
    public string File { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("Also write one row per firm (profile, next step, programmes) to this CSV or XLSX file.")]
    public string? Out { get; init; }

    [CommandOption("--show <N>")]
    [Description("How many firms to list in the table output and the HTML page (default 20; all are in --json and --out).")]
    public int Show { get; init; } = 20;

    internal override IEnumerable<TwoWay.Application.Files.ProtectedFile> Inputs =>
        [.. base.Inputs, .. Application.Files.ProtectedFile.Input(File, "the survey export")];

    [CommandOption("--html <FILE>")]
    [Description("Also write the population view and the first --show firms as a self-contained HTML page with charts.")]
    public string? Html { get; init; }
}
