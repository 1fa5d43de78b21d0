using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Cases;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Reports.Html;
using TwoWay.Storage;

namespace TwoWay.Cli.Commands;

/// <summary>The case-study analysis commands: analyze, report, demo.</summary>
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
            .WithExample("report", "study.twoway", "--out", "report.html");
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Build a project file from the bundled fictional demo study and write its report (the main job).")
            .WithExample("demo", "--out", "demo");
    }
}

/// <summary>
/// What `twoway analyze` computes: every selected case analysed as of one year, and the cross-case
/// summary over them. The one result the table view, the JSON view and the report all show.
/// </summary>
/// <param name="Study">The study file or location as given.</param>
/// <param name="AsOfYear">The year every case is analysed at (end of that year).</param>
/// <param name="Firms">One profile per analysed firm, ordered by firm id.</param>
/// <param name="CrossCase">The cross-case summary over <paramref name="Firms"/>.</param>
public sealed record StudyAnalysis(string Study, int AsOfYear, IReadOnlyList<CaseProfile> Firms, CrossCaseSummary CrossCase)
{
    /// <summary>
    /// Analyses <paramref name="cases"/> as of <paramref name="year"/>, or when none is given as of
    /// the latest year any case mentions (a start, an end or a founding year), so results depend
    /// on the data only and never on the clock.
    /// </summary>
    public static StudyAnalysis Of(string study, IReadOnlyList<FirmCase> cases, int? year)
    {
        var asOf = year ?? (cases.Count == 0 ? YearMonth.MinYear : cases.Max(c => CaseAnalysis.LatestYear(c, YearMonth.MinYear)));
        var profiles = CaseAnalysis.AnalyzeAll(cases, asOf);
        return new StudyAnalysis(study, asOf, profiles, TwoWay.Cases.CrossCase.Summarize(profiles));
    }
}

public class AnalysisSettings : OutputSettings
{
    [CommandArgument(0, "<STUDY>")]
    [Description("The study project file (.twoway) or a PostgreSQL connection string.")]
    public string Study { get; init; } = "";

    [CommandOption("--year <YEAR>")]
    [Description("Analyse as of the end of this year (default: the latest year in the data).")]
    public int? Year { get; init; }

    public override ValidationResult Validate() =>
        Year is < YearMonth.MinYear or > YearMonth.MaxYear
            ? ValidationResult.Error($"--year must be between {YearMonth.MinYear} and {YearMonth.MaxYear}.")
            : ValidationResult.Success();
}

internal static class StudyLoading
{
    /// <summary>Every case of the study, or only <paramref name="firm"/>; an unknown firm id is bad input.</summary>
    public static IReadOnlyList<FirmCase> Load(string location, string? firm)
    {
        using var study = Study.Open(location);
        if (firm is null) return study.LoadCases();
        if (!FirmId.IsValid(firm))
            throw new InputException(location, null, "--firm", $"'{firm}' is not a valid firm id");
        var one = study.LoadCase(new FirmId(firm))
            ?? throw new InputException(location, null, "--firm", $"no firm '{firm}' in this study (list them with 'twoway firms {location}')");
        return [one];
    }
}

[Description("Analyse the cases of a study.")]
public sealed class AnalyzeCommand(Terminal terminal) : Command<AnalyzeCommand.Settings>
{
    public sealed class Settings : AnalysisSettings
    {
        [CommandOption("--firm <ID>")]
        [Description("Analyse only this firm (and show its details).")]
        public string? Firm { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var cases = StudyLoading.Load(settings.Study, settings.Firm);
        var result = StudyAnalysis.Of(settings.Study, cases, settings.Year);
        if (settings.Json)
        {
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(result) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        AnalysisTables.Write(terminal.Out, result, details: settings.Firm is not null || result.Firms.Count == 1);
        return ExitCodes.Ok;
    }
}

/// <summary>The human-readable view of a <see cref="StudyAnalysis"/>.</summary>
internal static class AnalysisTables
{
    private static string E(string? s) => Markup.Escape(s ?? "");
    private static string Pct(double? v) => v is { } x ? x.ToString("0%", CultureInfo.InvariantCulture) : "?";
    private static string N2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    public static void Write(IAnsiConsole o, StudyAnalysis r, bool details)
    {
        var table = new Table().Title($"Cases as of {r.AsOfYear}")
            .AddColumns("firm", "name", "trajectory", "lead", "stage in", "stage out", "degree in", "degree out", "balance", "links in→out", "links out→in", "flags", "pattern");
        foreach (var row in r.CrossCase.Rows)
        {
            var flags = new List<string>();
            if (row.BornGlobal == FlagState.Yes) flags.Add("born global");
            if (row.Deinternationalized) flags.Add(row.GeopoliticalEnding ? "de-int. (geopolitical)" : "de-int.");
            table.AddRow(E(row.FirmId), E(row.FirmName), Labels.Of(row.Trajectory),
                row.LeadYears?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–",
                row.InwardStage.ToString(CultureInfo.InvariantCulture), row.OutwardStage.ToString(CultureInfo.InvariantCulture),
                N2(row.InwardComposite), N2(row.OutwardComposite), row.Balance is { } b ? N2(b) : "–",
                row.InwardToOutward.ToString(CultureInfo.InvariantCulture), row.OutwardToInward.ToString(CultureInfo.InvariantCulture),
                E(string.Join(", ", flags)), Labels.Of(row.Pattern));
        }
        o.Write(table);
        o.WriteLine();
        o.MarkupLine("[bold]Complementarity or independence?[/] " + E(r.CrossCase.Answer));

        if (!details) return;
        foreach (var p in r.Firms)
        {
            o.WriteLine();
            o.MarkupLine($"[bold]{E(p.FirmId)} {E(p.FirmName)}[/] — {E(Labels.Of(p.Trajectory.Kind))}");
            o.WriteLine(p.Trajectory.Reason);
            if (p.Trajectory.BornGlobal.State != FlagState.No) o.WriteLine(p.Trajectory.BornGlobal.Reason);
            if (p.Trajectory.Deinternationalization.Present) o.WriteLine(p.Trajectory.Deinternationalization.Reason);

            var stages = new Table().Title("Stages").AddColumns("direction", "stage", "meaning");
            foreach (var s in new[] { p.InwardStage, p.OutwardStage })
                stages.AddRow(s.Direction.Code(), s.Number.ToString(CultureInfo.InvariantCulture), E(s.Label));
            o.Write(stages);

            var d = new Table().Title("Degree of internationalization").AddColumns("measure", "inward", "outward");
            void Row(string name, Func<DirectionDegree, string> f) => d.AddRow(name, E(f(p.Degree.Inward)), E(f(p.Degree.Outward)));
            Row("active operations", x => x.ActiveOperations.ToString(CultureInfo.InvariantCulture));
            Row("intensity", x => Pct(x.Intensity));
            Row("countries (active/ever)", x => $"{x.Countries}/{x.CountriesEver}");
            Row("regions/sub-regions", x => $"{x.Regions}/{x.SubRegions}");
            Row("dispersion", x => N2(x.Dispersion));
            Row("highest tier", x => x.HighestTier is { } t ? ((int)t).ToString(CultureInfo.InvariantCulture) + " " + t.ToString().ToLowerInvariant() : "–");
            Row("experience (years)", x => x.ExperienceYears?.ToString(CultureInfo.InvariantCulture) ?? "–");
            Row("composite", x => N2(x.Composite));
            o.Write(d);

            if (p.Connections.Count > 0)
            {
                var c = new Table().Title("Connections").AddColumns("from", "to", "kind", "lag", "why");
                foreach (var k in p.Connections)
                    c.AddRow(E($"{k.From.Id} {k.From.ModeName} {k.From.Country} {k.From.Start}"), E($"{k.To.Id} {k.To.ModeName} {k.To.Country} {k.To.Start}"),
                        E(Labels.Of(k.Kind) + (k.Direction == ConnectionDirection.OutwardToInward ? " (out→in)" : "")),
                        k.LagYears.ToString("0.#", CultureInfo.InvariantCulture), E(k.Explanation));
                o.Write(c);
            }
        }
    }
}

[Description("Write the study's HTML report.")]
public sealed class ReportCommand(Terminal terminal) : Command<ReportCommand.Settings>
{
    public sealed class Settings : AnalysisSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Where to write the report (default: report.html).")]
        public string Out { get; init; } = "report.html";

        [CommandOption("--title <TEXT>")]
        [Description("Report title (default: the study file's name).")]
        public string? Title { get; init; }

        [CommandOption("--pseudonymize")]
        [Description("Replace firm and partner names by codes (Firm A, Partner 1). Quotations are printed as stored.")]
        public bool Pseudonymize { get; init; }

        [CommandOption("--catalogue <FILE>")]
        [Description("A support-programme catalogue (CSV/XLSX): adds its portfolio and its coverage of the study's firms to the report.")]
        public string? Catalogue { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var cases = StudyLoading.Load(settings.Study, null);
        var analysis = StudyAnalysis.Of(settings.Study, cases, settings.Year);
        var title = settings.Title ?? "Study " + Path.GetFileNameWithoutExtension(settings.Study);
        var catalogue = settings.Catalogue is { } path ? TwoWay.Policy.Files.CatalogueFile.Read(path) : null;
        var sections = new List<ReportSection>();
        if (QualitativeCommands.InterviewSection(settings.Study) is { } interviews) sections.Add(interviews);
        if (catalogue is not null) sections.AddRange(PolicyCommands.StudySections(catalogue, Path.GetFileName(settings.Catalogue!), cases, analysis));
        if (PolicyCommands.AttachedAssessments(settings.Study, catalogue) is { } attached) sections.Add(attached);
        ReportWriter.Write(settings.Out, title, cases, analysis, settings.Pseudonymize, notice: null, QualitativeCommands.LinkedEvidence(settings.Study), sections);
        if (settings.Json)
            terminal.WriteRaw(TwoWay.Application.PublicJson.Serialize(new { report = Path.GetFullPath(settings.Out), as_of_year = analysis.AsOfYear, firms = cases.Count }) + Environment.NewLine);
        else
            terminal.Out.MarkupLineInterpolated($"Report written to [bold]{Path.GetFullPath(settings.Out)}[/] ({cases.Count} cases, as of {analysis.AsOfYear}).");
        return ExitCodes.Ok;
    }
}

internal static class ReportWriter
{
    /// <summary>Renders and writes the report next to its target first, then moves it into place: never half a file.</summary>
    public static void Write(string path, string title, IReadOnlyList<FirmCase> cases, StudyAnalysis analysis, bool pseudonymize, string? notice,
        IReadOnlyList<QuotedEvidence>? quotations = null, IReadOnlyList<ReportSection>? sections = null)
    {
        var naming = pseudonymize ? Naming.Pseudonymized(cases) : Naming.AsIs();
        var report = StudyReportBuilder.Build(title, analysis.AsOfYear, cases, analysis.Firms, analysis.CrossCase, naming, notice, quotations)
            with { Sections = sections ?? [] };
        WriteHtml(path, HtmlReport.Render(report, naming));
    }

    /// <summary>Writes a rendered report atomically (temp file, then move); a missing folder is bad input on <paramref name="option"/>.</summary>
    public static void WriteHtml(string path, string html, string option = "--out")
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
            throw new InputException(path, null, option, $"the folder {dir} does not exist");
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temp, html, new System.Text.UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
