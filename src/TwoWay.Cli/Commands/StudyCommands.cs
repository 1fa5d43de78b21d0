using Spectre.Console.Cli;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The study's project file and its case data: init, import, export, template, firms. The commands
/// (in Commands/Cases/) parse arguments, call <see cref="Application.Cases.StudyService"/> and render.
/// </summary>
public static class StudyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<InitCommand>("init")
            .WithDescription("Create a new, empty study project file (refuses to overwrite an existing file).")
            .WithExample("init", "study.twoway")
            .WithExample("init", "new-study.twoway", "--as-of", "2024");
        config.AddCommand<ImportCommand>("import")
            .WithDescription("Import firms and operations from CSV/TSV/XLSX files, all or nothing.")
            .WithExample("import", "study.twoway", "demo-study/firms.csv", "demo-study/operations.csv")
            .WithExample("import", "study.twoway", "cases.xlsx", "--replace");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export all firms and operations to CSV (two files) or one XLSX workbook, in the import format.")
            .WithExample("export", "study.twoway", "cases.xlsx");
        config.AddCommand<TemplateCommand>("template")
            .WithDescription("Write an empty input file whose header comments (CSV) or About sheet (XLSX) explain each column: firms, operations (a study), codings (bulk coding), programmes (a policy catalogue) or answers (batch self-assessment).")
            .WithExample("template", "operations", "operations.csv")
            .WithExample("template", "programmes", "catalogue.xlsx")
            .WithExample("template", "codings", "codings.csv");
        config.AddCommand<Web.ServeCommand>("serve")
            .WithDescription("Open the study in the browser: overview, firms with their timelines, the coding screen for transcripts, codebook, matrices, agreement, search and exports (127.0.0.1 only; runs until Ctrl-C).")
            .WithExample("serve", "study.twoway")
            .WithExample("serve", "study.twoway", "--port", "5117", "--no-browser", "--coder", "alice");
        config.AddCommand<FirmsCommand>("firms")
            .WithDescription("List the firms of a study with their numbers of inward and outward operations.")
            .WithExample("firms", "study.twoway", "--json");
    }
}
