using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Cases;
using TwoWay.Cli.Infrastructure;
using TwoWay.Domain;
using TwoWay.Reports.Html;

namespace TwoWay.Cli.Commands;

public class AnalysisSettings : OutputSettings
{
    [CommandArgument(0, "<STUDY>")]
    [Description("The study project file (.twoway) or a PostgreSQL connection string.")]
    public string Study { get; init; } = "";

    [CommandOption("--year <YEAR>")]
    [Description("Analyse as of the end of this year (default: the study's reference year from 'study settings', else the latest year in its data).")]
    public int? Year { get; init; }

    public override ValidationResult Validate() =>
        Year is < YearMonth.MinYear or > YearMonth.MaxYear
            ? ValidationResult.Error($"--year must be between {YearMonth.MinYear} and {YearMonth.MaxYear}.")
            : ValidationResult.Success();
}

[Description("Analyse the cases of a study.")]
public sealed class AnalyzeCommand(Terminal terminal) : AsyncCommand<AnalyzeCommand.Settings>
{
    public sealed class Settings : AnalysisSettings
    {
        [CommandOption("--firm <ID>")]
        [Description("Analyse only this firm (and show its details).")]
        public string? Firm { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = await new CaseAnalysisService(settings.Study).AnalyzeAsync(new AnalyzeRequest(settings.Firm, settings.Year), cancellationToken);
        if (settings.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
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
    private static string Pct(double? v) => Display.Share(v, decimals: 0);
    private static string N2(double? v) => Display.Number(v, decimals: 2);

    public static void Write(IAnsiConsole o, StudyAnalysis r, bool details)
    {
        // Few, narrow columns (pairs "in / out" share one) so that a 100-column terminal never
        // breaks a word: names and patterns wrap between words only.
        var table = new Table().Title($"Cases as of {r.AsOfYear}")
            .Caption("stage and degree: inward / outward; links: inward→outward / outward→inward; de-int.: de-internationalized")
            .AddColumn("firm").AddColumn("trajectory")
            .AddColumn(new TableColumn("lead").RightAligned().NoWrap())
            .AddColumn(new TableColumn("stage").NoWrap())
            .AddColumn(new TableColumn("degree").NoWrap())
            .AddColumn(new TableColumn("balance").RightAligned().NoWrap())
            .AddColumn(new TableColumn("links").NoWrap())
            .AddColumn("pattern and flags");
        foreach (var row in r.CrossCase.Rows)
        {
            var flags = new List<string>();
            if (row.BornGlobal == FlagState.Yes) flags.Add("born global");
            if (row.Deinternationalized) flags.Add(row.GeopoliticalEnding ? "de-int. (geopolitical)" : "de-int.");
            if (row.ContestedInwardToOutward > 0) flags.Add("contested link");
            var pattern = Labels.Of(row.Pattern) + (row.Basis is { } basis ? $" ({Labels.Of(basis)})" : "");
            table.AddRow(E($"{row.FirmId} {row.FirmName}"), Labels.Of(row.Trajectory),
                row.LeadYears?.ToString("0.#", CultureInfo.InvariantCulture) ?? Display.Unknown,
                $"{row.InwardStage.ToString(CultureInfo.InvariantCulture)} / {row.OutwardStage.ToString(CultureInfo.InvariantCulture)}",
                $"{N2(row.InwardComposite)} / {N2(row.OutwardComposite)}", N2(row.Balance),
                $"{row.InwardToOutward.ToString(CultureInfo.InvariantCulture)} / {row.OutwardToInward.ToString(CultureInfo.InvariantCulture)}",
                E(string.Join("; ", [pattern, .. flags])));
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
            Row("highest tier", x => x.HighestTier is { } t ? ((int)t).ToString(CultureInfo.InvariantCulture) + " " + t.ToString().ToLowerInvariant() : Display.Unknown);
            Row("experience (years)", x => x.ExperienceYears?.ToString(CultureInfo.InvariantCulture) ?? Display.Unknown);
            Row("composite", x => N2(x.Composite));
            o.Write(d);

            var claims = r.Claims.FirstOrDefault(c => c.FirmId == p.FirmId)?.Connections ?? [];
            if (claims.Count > 0)
            {
                var c = new Table().Title("Connections and their basis").AddColumns("from", "to", "kind", "lag", "source", "status", "why");
                foreach (var k in claims)
                {
                    var found = p.Connections.Where(x => x.From.Id == k.From && x.To.Id == k.To).ToList();
                    c.AddRow(E(k.From), E(k.To),
                        E((k.Rules.Count > 0 ? string.Join(", ", k.Rules.Select(Labels.Of)) : "interview") + (k.Direction == ConnectionDirection.OutwardToInward ? " (out→in)" : "")),
                        found.Count > 0 ? found[0].LagYears.ToString("0.#", CultureInfo.InvariantCulture) : Display.Unknown,
                        k.Source is { } src ? Labels.Of(src) : Display.Unknown,
                        E(Labels.Of(k.Status) + $" ({k.Supporting.Count} for, {k.Contradicting.Count} against)"),
                        E(found.Count > 0 ? found[0].Explanation : "asserted in a coded interview quotation"));
                }
                o.Write(c);
            }
        }
    }
}
