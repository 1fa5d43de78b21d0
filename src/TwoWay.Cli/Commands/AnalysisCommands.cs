using Spectre.Console.Cli;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The case-study analysis commands: analyze, report, demo. The commands (in Commands/Cases/) call
/// <see cref="Application.Cases.CaseAnalysisService"/>, <see cref="Application.Reports.ReportService"/>
/// and <see cref="Application.Reports.DemoService"/> and render their results.
/// </summary>
public static class AnalysisCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<AnalyzeCommand>("analyze")
            .WithDescription("Stages, degrees, trajectory and connections per firm, and the cross-case answer (complementarity or independence).")
            .WithExample("analyze", "study.twoway")
            .WithExample("analyze", "study.twoway", "--firm", "RS-01", "--year", "2015", "--json");
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Write the study as one self-contained HTML report with charts.")
            .WithExample("report", "study.twoway", "--out", "study-report.html");
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Build a project file from the bundled fictional demo study and write its report (the main job).")
            .WithExample("demo", "--out", "demo");
    }
}
