using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;
using System.ComponentModel;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class MatrixSettings : QualSettings
{
    [CommandOption("--round <N>")] [Description("Count only codings in interviews of this round.")] public int? Round { get; init; }
    [CommandOption("--quotes")] [Description("Framework matrix: each cell lists its quotations.")] public bool Quotes { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Count only this coder's codings (default: every coder's, so a passage two coders coded counts twice).")] public string? Coder { get; init; }
    [CommandOption("--all-codes")] [Description("Also list the codes that have no codings (hidden in the table by default; always in --json).")] public bool AllCodes { get; init; }
}

public sealed class MatrixCommand(Terminal terminal) : InterviewCommand<MatrixSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, MatrixSettings s, CancellationToken ct)
    {
        var m = await workbench.MatrixAsync(new MatrixRequest(s.Round, s.Quotes, s.Coder), ct);
        Show(s, m, () =>
        {
            var t = new Table().AddColumn("code");
            foreach (var c in m.Cases) t.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
            t.AddColumn(new TableColumn("total").RightAligned());
            var shown = m.Rows.Where(r => s.AllCodes || r.Total > 0).ToList();
            // An empty cell is left blank, as in NVivo's matrix: no coding there, nothing unknown.
            foreach (var row in shown)
                t.AddRow([Markup.Escape(row.CodePath), .. row.Cells.Select(c => s.Quotes && c.Quotations.Count > 0
                    ? Markup.Escape(string.Join("\n", c.Quotations.Select(q => "“" + q.Text + "”")))
                    : c.Codings == 0 ? "" : Display.Count(c.Codings)), Display.Count(row.Total)]);
            Terminal.Out.Write(t);
            var whose = s.Coder is not null ? $"Codings by {s.Coder} only." : m.Coders.Count > 1
                ? $"Codings of all coders together ({string.Join(", ", m.Coders)}); --coder NAME counts one."
                : m.Coders.Count == 1 ? $"Codings by {m.Coders[0]}." : "No codings yet.";
            var hidden = m.Rows.Count - shown.Count;
            Terminal.Out.MarkupLineInterpolated($"[grey]{whose}{(hidden > 0 ? $" {Display.Counted(hidden, "code")} without codings not shown (--all-codes)." : "")}[/]");
        });
    }
}

public sealed class CoOccurrenceSettings : QualSettings
{
    [CommandOption("--round <N>")] [Description("Count only codings in interviews of this round.")] public int? Round { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Count only this coder's codings.")] public string? Coder { get; init; }
}

public sealed class CoOccurrenceCommand(Terminal terminal) : InterviewCommand<CoOccurrenceSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CoOccurrenceSettings s, CancellationToken ct)
    {
        var r = await workbench.CoOccurrenceAsync(new CoOccurrenceRequest(s.Round, s.Coder), ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("code A", "code B", "overlaps", "cases", "by case");
            foreach (var x in r.Pairs)
                t.AddRow(Markup.Escape(x.CodePathA), Markup.Escape(x.CodePathB), Display.Count(x.Overlaps), Display.Count(x.Cases),
                    Markup.Escape(string.Join(", ", x.ByCase.Select(kv => $"{kv.Key}: {Display.Count(kv.Value)}"))));
            Terminal.Out.Write(t);
        });
    }
}

public sealed class AgreementSettings : QualSettings
{
    [CommandArgument(1, "<coder-a>")] [Description("The first coder's name, as given to code --coder.")] public string CoderA { get; init; } = "";
    [CommandArgument(2, "<coder-b>")] [Description("The second coder's name.")] public string CoderB { get; init; } = "";
    [CommandArgument(3, "[more-coders]")] [Description("Further coders: with three or more, Fleiss' kappa and Krippendorff's alpha of the whole team per code.")] public string[] More { get; init; } = [];
    public override ValidationResult Validate() =>
        new[] { CoderA, CoderB }.Concat(More).Distinct().Count() != 2 + More.Length ? ValidationResult.Error("Compare different coders (each named once).") : ValidationResult.Success();
}

public sealed class AgreementCommand(Terminal terminal) : InterviewCommand<AgreementSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, AgreementSettings s, CancellationToken ct)
    {
        if (s.More.Length > 0)
        {
            var team = await workbench.TeamAgreementAsync([s.CoderA, s.CoderB, .. s.More], ct);
            Show(s, team, () =>
            {
                var t = new Table().AddColumns("code", "characters", "coded by any", "by all", "Fleiss' kappa", "alpha", "alpha 95% CI");
                void Row(string name, TeamMeasures m, BootstrapInterval? ci = null) => t.AddRow(Markup.Escape(name), Display.Count(m.Characters),
                    Display.Count(m.Characters - m.Histogram[0]), Display.Count(m.Histogram[^1]), Display.Number(m.FleissKappa), Display.Number(m.Alpha),
                    ci is null ? Display.Unknown : $"{Display.Number(ci.Lower)} – {Display.Number(ci.Upper)}");
                foreach (var c in team.ByCode) Row(c.CodePath, c.Measures, c.AlphaInterval);
                foreach (var g in team.ByGroup) Row($"{g.Group} (group of {Display.Counted(g.Codes, "code")})", g.Measures);
                if (team.Overall is { } o) Row("(overall)", o, team.AlphaInterval);
                Terminal.Out.Write(t);
                Terminal.Out.MarkupLineInterpolated($"[grey]{team.Coders.Count} coders ({string.Join(", ", team.Coders)}) over {Display.Counted(team.Sources, "transcript")}, character by character.[/]");
                ShowUnitizing(team.Unitizing);
            });
            return;
        }
        var r = await workbench.AgreementAsync(new AgreementRequest(s.CoderA, s.CoderB), ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("code", "characters", Markup.Escape(s.CoderA), Markup.Escape(s.CoderB), "both", "agreement %", "kappa", "alpha", "alpha 95% CI");
            static string Ci(BootstrapInterval? ci) => ci is null ? Display.Unknown : $"{Display.Number(ci.Lower)} – {Display.Number(ci.Upper)}";
            void Row(string name, AgreementMeasures m, BootstrapInterval? ci = null) => t.AddRow(Markup.Escape(name), Display.Count(m.Characters),
                Display.Count(m.CodedByA), Display.Count(m.CodedByB), Display.Count(m.CodedByBoth),
                Display.Number(m.PercentAgreement, 2), Display.Number(m.Kappa), Display.Number(m.KrippendorffAlpha), Ci(ci));
            foreach (var c in r.ByCode) Row(c.CodePath, c.Measures, c.AlphaInterval);
            foreach (var g in r.ByGroup) Row($"{g.Group} (group of {Display.Counted(g.Codes, "code")})", g.Measures);
            if (r.Overall is { } o) Row("(overall)", o, r.AlphaInterval);
            Terminal.Out.Write(t);
            Terminal.Out.MarkupLine("[grey]alpha 95% CI: percentile bootstrap over transcripts (2,000 draws, seeded; docs/methods.md); – with fewer than two transcripts.[/]");
            ShowUnitizing(r.Unitizing);
            if (r.Disagreements.Count > 0)
            {
                // The first places they differ, side by side; --json lists every one.
                var d = new Table().Title($"Where they differ ({Display.Count(r.Disagreements.Count)} stretches{(r.Disagreements.Count > 20 ? "; the first 20, --json has all" : "")})")
                    .AddColumns("code", "transcript", "at", Markup.Escape(s.CoderA) + " only", Markup.Escape(s.CoderB) + " only");
                foreach (var x in r.Disagreements.Take(20))
                {
                    var text = Markup.Escape(x.Text.Length > 60 ? x.Text[..60] + "…" : x.Text).ReplaceLineEndings(" ");
                    d.AddRow(Markup.Escape(x.CodePath), Markup.Escape(x.SourceName), $"{x.Start}–{x.End}", x.CodedBy == s.CoderA ? text : "", x.CodedBy == s.CoderB ? text : "");
                }
                Terminal.Out.Write(d);
            }
        });
    }

    /// <summary>Krippendorff's unitizing α family, named as ATLAS.ti names it.</summary>
    private void ShowUnitizing(UnitizingAgreementResult? u)
    {
        if (u is null || u.ByCode.Count == 0) return;
        var t = new Table().AddColumns("code", "units", "alpha-binary", "cu-alpha");
        foreach (var c in u.ByCode) t.AddRow(Markup.Escape(c.CodePath), Display.Count(c.Binary.Units), Display.Number(c.Binary.Alpha), "");
        foreach (var g in u.ByGroup)
            t.AddRow(Markup.Escape($"{g.Group} (group of {Display.Counted(g.Codes, "code")})"), Display.Count(g.Binary.Units), Display.Number(g.Binary.Alpha), Display.Number(g.CodingOnly.Alpha));
        if (u.Binary is { } o) t.AddRow("(overall)", Display.Count(o.Units), Display.Number(o.Alpha), "");
        Terminal.Out.WriteLine();
        Terminal.Out.MarkupLine("[bold]Unitizing alpha[/] (Krippendorff; ATLAS.ti's alpha-binary and cu-alpha): where coders put their units, not only which characters.");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLineInterpolated($"[grey]Cu-alpha across code groups: {Display.Number(u.GroupsCodingOnly.Alpha)} over {Display.Count(u.GroupsCodingOnly.PairableCharacters)} characters coded by two or more coders. – where undefined (docs/methods.md).[/]");
    }
}

public sealed class SearchSettings : QualSettings
{
    [CommandArgument(1, "<phrase>")] [Description("The words to find, in any letter case.")] public string Phrase { get; init; } = "";
    [CommandOption("--limit <N>")] [Description("Show at most this many hits (all are counted; default 50).")] public int Limit { get; init; } = 50;
}

public sealed class SearchCommand(Terminal terminal) : InterviewCommand<SearchSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, SearchSettings s, CancellationToken ct)
    {
        var r = await workbench.SearchAsync(new SearchRequest(s.Phrase, s.Limit), ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("source", "case", "round", "span", "context");
            foreach (var h in r.Hits)
                t.AddRow(Markup.Escape(h.SourceName), Markup.Escape(h.Case ?? ""), InterviewOutput.Round(h.Round), $"{h.Start}–{h.End}",
                    Markup.Escape(h.Context.ReplaceLineEndings(" ")));
            Terminal.Out.MarkupLineInterpolated($"{r.TotalHits} hits");
            Terminal.Out.Write(t);
        });
    }
}
