using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>
/// Lays the policy-lens and self-assessment results (<see cref="PortfolioResult"/>,
/// <see cref="CoverageResult"/>, <see cref="AssessmentResult"/>) out as report sections: charts of
/// need vs supply and the tables behind them. Reads results only; every figure was computed by
/// the analyses.
/// </summary>
public static class PolicyReportBuilder
{
    // The study report's colours for the directions (inward blue, outward red), so the two read alike.
    private static readonly ChartColor OutwardColor = Palette.Outward;
    private static readonly ChartColor InwardColor = Palette.Inward;
    private static readonly ChartColor BothColor = Palette.Both;
    private static readonly ChartColor NeedColor = ChartColor.FromHex("#9c755f");
    private static readonly ChartColor SupplyColor = ChartColor.FromHex("#59a14f");

    private static readonly IReadOnlyList<LegendEntry> DirectionSeries =
        [new("outward", OutwardColor), new("inward", InwardColor), new("both directions", BothColor)];

    private static readonly IReadOnlyList<LegendEntry> NeedSupply =
        [new("need: % of firms", NeedColor), new("supply: % of programmes open", SupplyColor)];

    /// <summary>The portfolio of a catalogue: the export-only share with its definition, instruments, mechanisms, barriers.</summary>
    public static ReportSection Portfolio(PortfolioResult r, string catalogue)
    {
        var findings = new List<string>
        {
            $"{catalogue}: {r.Programmes} programmes — {r.Outward} outward, {r.Inward} inward, {r.Both} for both directions.",
            $"Export-only: {Pct(r.ExportOnlyShareByCount)} of programmes ({r.ExportOnly} of {r.Programmes}). Definition: {r.ExportOnlyDefinition}.",
            r.ProgrammesWithBudget == 0
                ? "Export-only by budget: no budget is known."
                : $"Export-only by budget: {Pct(r.ExportOnlyShareByBudget)} ({Money(r.ExportOnlyBudget)} of {Money(r.TotalBudget)} {r.BudgetCurrency}, over the {r.ProgrammesWithBudget} programmes with a known budget).",
            $"Bridging programmes (open to import-only firms and supporting a first outward mode): {r.Bridging}.",
        };
        if (r.UncoveredBarriers.Count > 0)
            findings.Add("Barrier groups no programme addresses: " + string.Join(", ", r.UncoveredBarriers.Select(Code)) + ".");

        return Section("policy-portfolio", "Support programmes: portfolio", findings,
        [
            Matrix("Instruments by direction", "instrument", r.DirectionByInstrument, r.Programmes),
            Matrix("Mechanisms by direction", "mechanism", r.DirectionByMechanism, r.Programmes),
            Matrix("Barrier groups addressed, by direction", "barrier group", r.BarrierCoverage, r.Programmes,
                c => c is BarrierGroup g && g.IsInternal() ? "internal" : "external"),
        ]);
    }

    private static Part Matrix<T>(string heading, string what, IReadOnlyList<DirectionCounts<T>> rows, int programmes,
        Func<T, string>? group = null) where T : struct, Enum
    {
        var chart = new BarChart($"{heading} (programmes)",
            $"Number of programmes per {what} and support direction, out of {programmes}: " +
            string.Join("; ", rows.Select(x => $"{Code(x.Category)} {x.Outward} outward, {x.Inward} inward, {x.Both} both")) + ".",
            "programmes", DirectionSeries,
            rows.Select(x => new BarGroup(Code(x.Category), [x.Outward, x.Inward, x.Both])).ToArray())
        { Width = 1000, Height = rows.Count > 8 ? 440 : 360 };
        IReadOnlyList<string> columns = group is null
            ? [what, "outward", "inward", "both", "total"]
            : [what, "group", "outward", "inward", "both", "total"];
        var table = new ReportTable($"{heading}: programmes (a programme counts in every category it lists)", columns,
            rows.Select(x => (IReadOnlyList<string>)(group is null
                ? [Code(x.Category), N(x.Outward), N(x.Inward), N(x.Both), N(x.Total)]
                : [Code(x.Category), group(x.Category), N(x.Outward), N(x.Inward), N(x.Both), N(x.Total)])).ToArray());
        return new Part(heading, [], chart, table);
    }

    /// <summary>Coverage of a firm population: need (share of firms) beside supply (share of programmes open) per state, stage and trajectory.</summary>
    public static ReportSection Coverage(CoverageResult r)
    {
        var findings = new List<string>
        {
            $"Population: {r.Population}, {Num(r.TotalFirms)} firms; catalogue: {r.Programmes} programmes.",
            $"Firms no programme is open to (given their trader state and stages): {Num(r.UnservedFirms)} ({Pct(r.UnservedShare)}).",
            $"Bridging programmes: {r.BridgingCount} for the {Pct(r.ImportOnlyShare)} of firms that import only" +
                (r.BridgingCount > 0 ? $" ({string.Join(", ", r.BridgingProgrammes)})." : "."),
        };
        findings.AddRange(r.Gaps.Count == 0
            ? ["No gaps: every firm, trader state and stage holding firms has at least one programme open to it."]
            : r.Gaps.Select(g => "Gap: " + g + "."));

        var parts = new List<Part>
        {
            NeedVsSupply("Trader states", "trader state",
                r.States.Select(s => (Code(s.State), s.Firms, s.Share, s.ProgrammeCount, s.ProgrammeShare, (double?)null, s.Gap)).ToList(), r.Programmes),
            NeedVsSupply("Stages per direction (new, occasional, regular)", "stage",
                r.Stages.Select(s => ($"{s.Direction.Code()}: {Code(s.Stage)}", s.Firms ?? 0, s.Share, s.ProgrammeCount, s.ProgrammeShare, (double?)null, s.Gap)).ToList(),
                r.Programmes, r.Stages.All(s => s.Firms is null) ? "The population has no stages; only the supply is shown." : null),
        };
        if (r.Trajectories.Count > 0)
            parts.Add(NeedVsSupply("Trajectories (from the case analyses)", "trajectory",
                r.Trajectories.Select(t => (Code(t.Trajectory), t.Firms, t.Share, t.ProgrammeCount, Share(t.ProgrammeCount, r.Programmes), (double?)t.UnservedFirms, t.Gap)).ToList(),
                r.Programmes));
        if (r.Levels.Count > 0)
            parts.Add(NeedVsSupply("Establishment-chain stages 0–3 per direction (from the case analyses)", "stage",
                r.Levels.Select(l => ($"{l.Direction.Code()} {l.Number}: {l.Label}", l.Firms, l.Share, l.ProgrammeCount, Share(l.ProgrammeCount, r.Programmes), (double?)l.UnservedFirms, l.Gap)).ToList(),
                r.Programmes, chartLabels: r.Levels.Select(l => $"{l.Direction.Code()} {l.Number}").ToList()));
        return Section("policy-coverage", "Support programmes: coverage of the firms", findings, parts);
    }

    private static Part NeedVsSupply(string heading, string what,
        IReadOnlyList<(string Label, double Firms, double? Share, int Open, double? OpenShare, double? Unserved, bool Gap)> rows,
        int programmes, string? note = null, IReadOnlyList<string>? chartLabels = null)
    {
        var labels = chartLabels ?? rows.Select(x => x.Label).ToList();
        var chart = new BarChart($"{heading}: need vs supply",
            $"Per {what}, the share of firms in it (need) and the share of the {programmes} programmes open to it (supply): " +
            string.Join("; ", rows.Select(x => $"{x.Label} {Pct(x.Share)} of firms, {Pct(x.OpenShare)} of programmes")) + ".",
            "%", NeedSupply,
            rows.Select((x, i) => new BarGroup(labels[i], [(x.Share ?? 0) * 100, (x.OpenShare ?? 0) * 100])).ToArray())
        { Width = 1000, Height = 380 };
        var withUnserved = rows.Any(x => x.Unserved is not null);
        IReadOnlyList<string> columns = withUnserved
            ? [what, "firms", "% of firms", "firms unserved", "programmes open", "% of programmes", "gap"]
            : [what, "firms", "% of firms", "programmes open", "% of programmes", "gap"];
        var table = new ReportTable($"{heading}: need vs supply", columns,
            rows.Select(x => (IReadOnlyList<string>)(withUnserved
                ? [x.Label, Num(x.Firms), Pct(x.Share), Num(x.Unserved), N(x.Open), Pct(x.OpenShare), x.Gap ? "GAP" : ""]
                : [x.Label, Num(x.Firms), Pct(x.Share), N(x.Open), Pct(x.OpenShare), x.Gap ? "GAP" : ""])).ToArray());
        return new Part(heading, note is null ? [] : [note], chart, table);
    }

    /// <summary>Several firms' self-assessments side by side: direction scores, stage, next step and the best-fitting programme.</summary>
    public static ReportSection Assessments(IReadOnlyList<AssessmentResult> results, string source)
    {
        var chart = new BarChart("Self-assessment scores by direction (0–100)",
            "Outward readiness and inward capability score per assessed firm (no combined score): " +
            string.Join("; ", results.Select(x => $"{Firm(x)} outward {Num(x.Profile.Outward.Score)}, inward {Num(x.Profile.Inward.Score)}")) + ".",
            "score (0–100)", [new("outward readiness", OutwardColor), new("inward capability", InwardColor)],
            results.Select(x => new BarGroup(Firm(x), [x.Profile.Outward.Score ?? 0, x.Profile.Inward.Score ?? 0])).ToArray())
        { Width = 1000, Height = 360 };
        var table = new ReportTable("Profiles, next steps and the best-fitting programme",
            ["Firm", "Trader state", "Outward stage", "Outward score", "Inward stage", "Inward score", "Next step", "Best-fitting programme"],
            results.Select(x => (IReadOnlyList<string>)[
                Firm(x), Code(x.Profile.State), Code(x.Profile.Outward.Stage), Score(x.Profile.Outward),
                Code(x.Profile.Inward.Stage), Score(x.Profile.Inward), $"{x.Recommendation.NextStep} (rule {x.Recommendation.Rule})",
                x.Programmes.Count > 0 ? $"{x.Programmes[0].Programme} {x.Programmes[0].Name}" : "none fits"]).ToArray());
        return Section("self-assessments", "Self-assessments", [$"{results.Count} firms assessed ({source}). Bands: low < 40 ≤ developing < 60 ≤ ready < 80 ≤ strong."],
            [new Part("Scores, next steps and programmes", [], chart, table)]);
    }

    /// <summary>
    /// The population view of a batch of self-assessments: trader states and stages, the band
    /// counts of every dimension (chart), score distributions with Cronbach's alpha, next steps.
    /// </summary>
    public static ReportSection Population(BatchResult b, string source)
    {
        var pop = b.Population;
        var bandColors = new[] { "#e15759", "#f28e2b", "#76b7b2", "#59a14f" };
        var bands = Enum.GetValues<Band>();
        var rows = pop.Directions.Select(d => (Label: $"{d.Direction.Code()} score", d.Direction, Name: "(direction score)", d.Scores, d.Reliability))
            .Concat(pop.Dimensions.Select(d => (Label: d.Dimension, d.Direction, d.Name, d.Scores, d.Reliability))).ToList();
        var chart = new BarChart("Firms per score band, by direction and dimension",
            $"Number of the {pop.Firms} firms in each band (low < 40 ≤ developing < 60 ≤ ready < 80 ≤ strong) per direction score and dimension: " +
            string.Join("; ", rows.Select(x => $"{x.Label} " + string.Join(", ", x.Scores.Bands.Select(c => $"{Code(c.Band)} {c.Firms}")))) + ".",
            "firms", bands.Select((band, i) => new LegendEntry(Code(band), ChartColor.FromHex(bandColors[i]))).ToArray(),
            rows.Select(x => new BarGroup(x.Label, x.Scores.Bands.Select(c => (double)c.Firms).ToArray())).ToArray())
        { Width = 1000, Height = 420 };
        var distributions = new ReportTable("Score distributions (quartiles as R's type 7) and Cronbach's alpha (complete cases)",
            ["Direction", "Id", "Dimension", "n", "mean", "sd", "min", "q1", "median", "q3", "max", .. bands.Select(Code), "alpha", "items", "cases"],
            rows.Select(x => (IReadOnlyList<string>)[
                x.Direction.Code(), x.Label, x.Name, N(x.Scores.N), Num(x.Scores.Mean), Num(x.Scores.Sd), Num(x.Scores.Min), Num(x.Scores.Q1),
                Num(x.Scores.Median), Num(x.Scores.Q3), Num(x.Scores.Max), .. x.Scores.Bands.Select(c => N(c.Firms)),
                x.Reliability.Alpha is { } a ? a.ToString("0.000", CultureInfo.InvariantCulture) : "–", N(x.Reliability.Items), N(x.Reliability.CompleteCases)]).ToArray());
        var states = new ReportTable("Trader states and stages", ["Group", "Firms", "Share"],
            pop.States.Select(x => (IReadOnlyList<string>)[Code(x.State), N(x.Firms), Pct(x.Share)])
                .Concat(pop.Stages.Select(x => (IReadOnlyList<string>)[$"{x.Direction.Code()}: {Code(x.Stage)}", N(x.Firms), Pct(x.Share)])).ToArray());
        var steps = new ReportTable("Next steps (decision table rule that fired)", ["Rule", "Next step", "Firms", "Share"],
            pop.NextSteps.Select(x => (IReadOnlyList<string>)[x.Rule, x.NextStep, N(x.Firms), Pct(x.Share)]).ToArray());
        return Section("assessment-population", "Self-assessments: the population",
            [$"{pop.Firms} firms assessed ({source}) with questionnaire {b.Questionnaire} {b.Version}. No combined score across the directions is formed."],
            [new Part("Scores", [], chart, distributions),
             new Part("Trader states and stages", [], null, states),
             new Part("Next steps", [], null, steps)]);
    }

    /// <summary>One firm's self-assessment: its profile in both directions, the next step and the programmes that fit, each with why.</summary>
    public static ReportSection Profile(AssessmentResult r)
    {
        var p = r.Profile;
        var n = r.Recommendation;
        var dims = new[] { p.Outward, p.Inward }.SelectMany(d => d.Dimensions.Select(s => (d.Direction, s))).ToList();
        var chart = new BarChart($"{Firm(r)}: dimension scores (0–100)",
            "Score of each dimension, outward readiness and inward capability: " +
            string.Join("; ", dims.Select(x => $"{x.Direction.Code()} {x.s.Name} {Num(x.s.Score)}")) + ". Bands: low < 40 ≤ developing < 60 ≤ ready < 80 ≤ strong.",
            "score (0–100)", [new("outward readiness", OutwardColor), new("inward capability", InwardColor)],
            // The names, cut at a word to stay readable on the axis; the table below gives them whole.
            dims.Select(x => new BarGroup(Short(x.s.Name), x.Direction == Direction.Outward ? [x.s.Score ?? 0, 0] : [0, x.s.Score ?? 0])).ToArray())
        { Width = 1000, Height = 400 };
        var directions = new ReportTable("Profile by direction (no combined score: the two directions are read side by side)",
            ["Direction", "Active", "Stage", "Share", "Countries", "Modes", "Score", "Band", "Weakest dimension"],
            new[] { p.Outward, p.Inward }.Select(d => (IReadOnlyList<string>)[
                d.Direction.Code(), d.Active ? "yes" : "no", PlainWords.Of(d.Direction, d.Stage), Pct(d.Share), d.Countries?.ToString(CultureInfo.InvariantCulture) ?? "–",
                string.Join(", ", d.Modes.Select(m => m.Name(d.Direction))), Num(d.Score), d.Band is { } b ? Code(b) : "–", d.Dimensions.FirstOrDefault(x => x.Dimension == d.WeakestDimension)?.Name ?? d.WeakestDimension ?? "–"]).ToArray());
        var dimensionTable = new ReportTable("Dimensions (the chart's data)", ["Direction", "Dimension", "Score", "Band", "Answered"],
            dims.Select(x => (IReadOnlyList<string>)[x.Direction.Code(), x.s.Name, Num(x.s.Score), x.s.Band is { } b ? Code(b) : "–", $"{x.s.Answered}/{x.s.Items}"]).ToArray());
        var programmes = new ReportTable("Programmes that fit, ranked", ["#", "Programme", "Name", "Agency", "Points", "Why it fits"],
            r.Programmes.Select(m => (IReadOnlyList<string>)[N(m.Rank), m.Programme, m.Name, m.Agency, N(m.Points), string.Join("; ", m.Reasons)]).ToArray());
        var findings = new List<string>
        {
            $"The firm {PlainWords.Of(p.State)}. Outward: {PlainWords.Of(Direction.Outward, p.Outward.Stage)}; inward: {PlainWords.Of(Direction.Inward, p.Inward.Stage)}.",
            $"Next step: {n.NextStep} — kinds of support that fit: {string.Join(", ", n.Instruments.Select(PlainWords.Of))}, helping through {PlainWords.Of(n.Mechanism)}. Why: {n.Reason} (rule {n.Rule}).",
            $"Biggest obstacle: {(p.TopBarrier is { } tb ? PlainWords.Of(tb) : "none rated 3 or more")}.",
        };
        return Section("profile", $"Self-assessment profile: {Firm(r)}", findings,
        [
            new Part("Both directions", [$"Questionnaire {p.Questionnaire} {p.Version}."], null, directions),
            new Part("Dimensions", [], chart, dimensionTable),
            new Part("Programmes", r.Programmes.Count == 0 ? ["No programme of the catalogue fits this next step."] : [], null,
                r.Programmes.Count == 0 ? null : programmes),
        ]);
    }

    // A section is its findings (a note list) and then parts of heading, paragraphs, chart and table.
    private sealed record Part(string Heading, IReadOnlyList<string> Paragraphs, ChartSpec? Chart, ReportTable? Table);

    private static ReportSection Section(string id, string heading, IReadOnlyList<string> findings, IEnumerable<Part> parts)
    {
        var blocks = new List<ReportBlock>();
        if (findings.Count > 0) blocks.Add(new NoteListBlock(findings));
        foreach (var part in parts)
        {
            blocks.Add(new SubheadingBlock(part.Heading));
            blocks.AddRange(part.Paragraphs.Select(p => new ParagraphBlock(p)));
            if (part.Chart is { } chart) blocks.Add(new ChartBlock(chart));
            if (part.Table is { } table) blocks.Add(new TableBlock(table));
        }
        return new ReportSection(id, heading, blocks);
    }

    private static string Firm(AssessmentResult r) => r.Profile.Firm ?? "firm";
    private static string Score(DirectionProfile d) => d.Score is { } s ? $"{Num(s)} ({Code(d.Band!.Value)})" : "–";
    private static double? Share(int n, int of) => of > 0 ? (double)n / of : null;
    private static string Code<T>(T value) where T : struct, Enum => Vocabulary<T>.Code(value);
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Num(double? v) => v is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) : "–";
    private static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
    private static string Money(decimal? v) => v is { } x ? x.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A label for a chart axis: the words of <paramref name="name"/> up to about 26 characters, "…" when cut.</summary>
    internal static string Short(string name)
    {
        if (name.Length <= 26) return name;
        var cut = name.LastIndexOf(' ', 25);
        return (cut > 8 ? name[..cut] : name[..25]).TrimEnd(',', ' ') + "…";
    }
}
