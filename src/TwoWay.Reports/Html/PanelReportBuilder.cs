using System.Globalization;
using TwoWay.Domain;
using TwoWay.Panels;
using TwoWay.Reports.Charts;
using TwoWay.Statistics;

namespace TwoWay.Reports.Html;

/// <summary>
/// Lays a <see cref="PanelAnalysis"/> (and a <see cref="SurveyAnalysis"/>) out as a
/// <see cref="SectionedReport"/>: state shares over time, the transition matrix as a heat map,
/// Kaplan–Meier curves with their 95% bands, hazard-ratio forest plots, and the tables behind them.
/// It chooses labels and number formats only; every number shown comes from the result record.
/// </summary>
public static class PanelReportBuilder
{
    private static readonly ChartColor Inward = Palette.Inward;
    private static readonly ChartColor Outward = Palette.Outward;
    private static readonly ChartColor Neither = Palette.Neither;
    private static readonly ChartColor Both = Palette.Both;
    private static readonly ChartColor Estimate = ChartColor.FromHex("#2b5d8a");

    /// <summary>The colour of a trader state in every panel chart.</summary>
    public static ChartColor StateColor(TraderState s) => s switch
    {
        TraderState.None => Neither,
        TraderState.ImportOnly => Inward,
        TraderState.ExportOnly => Outward,
        _ => Both,
    };

    /// <summary>"import_only" → "import only".</summary>
    public static string StateName(TraderState s) => s.Code().Replace('_', ' ');

    /// <summary>What a cell held back by disclosure control (--min-cell) shows.</summary>
    public const string HeldBack = "held back";

    public static SectionedReport Build(PanelAnalysis a, string title, bool timings = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sections = new List<ReportSection>
        {
            Overview(a),
            States(a),
            Transitions(a),
            Entry(a.ExportEntry, "export-entry"),
            Entry(a.ImportEntry, "import-entry"),
            Conversion(a.Conversion),
        };
        if (a.CountryLinkage is { } link) sections.Add(Linkage(link));
        var meta = $"{a.Source} · {N(a.Firms)} firms · {N(a.FirmYears)} firm-years · {a.FirstYear}–{a.LastYear}" +
                   (a.Covariates.Count > 0 ? " · covariates: " + string.Join(", ", a.Covariates) : "");
        return new SectionedReport(title, meta, sections)
        {
            // Stages as timed by the engine (an entry stage's time includes its fits and score pass); only on request
            // (--timings), so that the same panel gives the same report.
            Footer = !timings ? null : "Timings: " + string.Join(", ", a.Seconds.Select(kv => $"{kv.Key.Replace('_', ' ')} {F(kv.Value, "0.00")} s")) + ".",
        };
    }

    /// <summary>The entry models fitted on cells computed elsewhere (<c>panel fit</c>).</summary>
    public static SectionedReport Build(PanelFit f, string title)
    {
        ArgumentNullException.ThrowIfNull(f);
        var overview = new List<ReportBlock>
        {
            new ParagraphBlock($"Fitted on the cells in {f.Cells} (computed where the data lives; docs/panel-data.md). Standard errors: {f.StandardErrors}."),
        };
        overview.AddRange(new[] { f.ExportEntry, f.ImportEntry }.Select(e => (ReportBlock)new ParagraphBlock(Headline(e))));
        if (f.Disclosure is { } d) overview.Add(new ParagraphBlock(DisclosureText(d)));
        var meta = f.Covariates.Count > 0 ? "covariates: " + string.Join(", ", f.Covariates) : "no covariates";
        return new SectionedReport(title, meta,
            [new ReportSection("overview", "Does importing lead to exporting, and the reverse?", overview), Entry(f.ExportEntry, "export-entry"), Entry(f.ImportEntry, "import-entry")]);
    }

    /// <summary>One sentence on what --min-cell held back.</summary>
    public static string DisclosureText(DisclosureReport d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var held = d.Suppressed.Where(x => x.Primary + x.Secondary > 0).ToList();
        return held.Count == 0
            ? $"Disclosure control (at least {d.MinCell} firms): nothing needed to be held back."
            : $"Disclosure control (at least {d.MinCell} firms): " +
              string.Join("; ", held.Select(x => $"{x.Table}: {x.Primary} held back as resting on fewer firms" + (x.Secondary > 0 ? $", {x.Secondary} more so none can be recovered from a total" : ""))) +
              ". Held-back entries are left out of the tables and of the models fitted on cells.";
    }

    private static ReportSection Overview(PanelAnalysis a)
    {
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"{N(a.Firms)} firms observed over {N(a.FirmYears)} firm-years from {a.FirstYear} to {a.LastYear}. " +
                               "Definitions of states, spells and models: docs/methods.md, “Panel statistics”."),
        };
        foreach (var e in new[] { a.ExportEntry, a.ImportEntry })
            blocks.Add(new ParagraphBlock(Headline(e)));
        if (a.Disclosure is { } d) blocks.Add(new ParagraphBlock(DisclosureText(d)));
        return new ReportSection("overview", "Does importing lead to exporting, and the reverse?", blocks);
    }

    private static string Headline(EntryAnalysis e)
    {
        var (entry, lagged) = e.Entering == Direction.Outward ? ("export", "imported") : ("import", "exported");
        var lag = e.Cox?.Coefficients.FirstOrDefault(c => c.Name == e.LagCovariate);
        if (lag is null)
            return $"{Cap(entry)} entry: the Cox model was not estimated ({string.Join("; ", e.Problems)}).";
        return $"{Cap(entry)} entry: firms that {lagged} in the previous year started to {entry} at {F(lag.Ratio, "0.00")} times the hazard " +
               $"of firms that did not (hazard ratio {e.LagCovariate}, 95% CI {F(lag.RatioLower95, "0.00")}–{F(lag.RatioUpper95, "0.00")}, p {P(lag.P)}; " +
               $"Cox, {e.Cox!.Ties.ToString().ToLowerInvariant()} ties, {(lag.RobustSe is null ? "model-based SE" : "firm-clustered robust SE")}; {N(e.Entries)} entries among {N(e.FirmsAtRisk)} firms at risk).";
    }

    private static ReportSection States(PanelAnalysis a)
    {
        var years = a.States.Select(s => s.Year).Distinct().Order().ToArray();
        var byKey = a.States.ToDictionary(s => (s.Year, s.State));
        // Under disclosure control a held-back entry is absent: its line has a gap, its cell says so.
        string Share(int y, TraderState st) => byKey.TryGetValue((y, st), out var v) ? F(v.Share) : HeldBack;
        var series = TraderStates.All.Select(st =>
        {
            var shown = years.Where(y => byKey.ContainsKey((y, st))).ToArray();
            return new LineSeries(StateName(st), StateColor(st), shown.Select(y => (double)y).ToArray(), shown.Select(y => byKey[(y, st)].Share).ToArray());
        }).Where(x => x.X.Count > 0).ToArray();
        var chart = new LineChart("Trader states: share of firms by year",
            "Share of firms in each trader state by year: " + string.Join("; ", TraderStates.All.Select(st =>
                $"{StateName(st)} from {Share(years[0], st)} in {years[0]} to {Share(years[^1], st)} in {years[^1]}")) + ".",
            "Year", "share of firms", series, IntegerX: true, YMin: 0, YMax: 1) { Width = 1000, Height = 400 };
        var table = new ReportTable("Share of firms in each trader state (firms observed)",
            ["Year", .. TraderStates.All.Select(StateName), "Firms"],
            years.Select(y => (IReadOnlyList<string>)[y.ToString(CultureInfo.InvariantCulture), .. TraderStates.All.Select(st => Share(y, st)),
                N(a.FirmsByYear?.GetValueOrDefault(y) ?? TraderStates.All.Sum(st => byKey[(y, st)].Firms))]).ToArray());
        return new ReportSection("states", "Trader states over time", [new ChartBlock(chart), new TableBlock(table)]);
    }

    private static ReportSection Transitions(PanelAnalysis a)
    {
        var m = a.Transitions;
        Transition? Cell(TraderState from, TraderState to) => m.Cells.SingleOrDefault(c => c.From == from && c.To == to);
        string P(TraderState from, TraderState to) => Cell(from, to) is { } c ? F(c.Probability.Estimate) : HeldBack;
        var states = TraderStates.All;
        var chart = new HeatMapChart($"Transitions from year t to t + 1, pooled over {N(m.FirmYears)} firm-year pairs",
            "Probability of each state in year t + 1 given the state in year t: " + string.Join("; ", states.Select(from =>
                $"from {StateName(from)}: " + string.Join(", ", states.Select(to => $"{StateName(to)} {P(from, to)}")))) + ".",
            "state in year t", "state in year t + 1",
            states.Select(StateName).ToArray(), states.Select(StateName).ToArray(),
            states.Select(from => (IReadOnlyList<double>)states.Select(to => Cell(from, to)?.Probability.Estimate ?? 0).ToArray()).ToArray(),
            states.Select(from => (IReadOnlyList<string>)states.Select(to => P(from, to)).ToArray()).ToArray(),
            Estimate) { Width = 1000, Height = 520 };
        var table = new ReportTable("P(state in t + 1 | state in t) [Wilson 95% interval] (firm-year pairs)",
            ["From \\ to", .. states.Select(StateName)],
            states.Select(from => (IReadOnlyList<string>)[StateName(from), .. states.Select(to =>
                Cell(from, to) is { } c ? $"{Ci(c.Probability)} ({N(c.Firms)})" : HeldBack)]).ToArray());
        return new ReportSection("transitions", "Transitions between trader states", [new ChartBlock(chart), new TableBlock(table)]);
    }

    private static ReportSection Entry(EntryAnalysis e, string id)
    {
        var (entry, lagged, direction) = e.Entering == Direction.Outward ? ("export", "import", "Export") : ("import", "export", "Import");
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"{N(e.FirmsAtRisk)} firms at risk ({entry}ing nothing in their first observed year), {N(e.SpellRows)} spell rows (firm-years at risk), {N(e.Entries)} entries. " +
                               $"Covariate {e.LagCovariate} = the firm {lagged}ed in the previous year."),
            new SubheadingBlock($"Kaplan–Meier: time to {entry} entry"),
        };

        string GroupName(string g) => g.EndsWith("=1", StringComparison.Ordinal) ? $"{lagged}ed in the first year ({g})" : $"did not {lagged} in the first year ({g})";
        var colors = new[] { Inward, Outward };
        var curves = e.KaplanMeier.Select((c, i) => new LineSeries($"{GroupName(c.Group)}, n = {N(c.Subjects)}", colors[i % 2],
            [0, .. c.Steps.Select(s => s.Time)], [1, .. c.Steps.Select(s => s.Survival)],
            [1, .. c.Steps.Select(s => s.Lower95)], [1, .. c.Steps.Select(s => s.Upper95)])).ToArray();
        blocks.Add(new ChartBlock(new LineChart($"Share of firms not yet {entry}ing, by {lagged} status in the first year",
            "Kaplan–Meier estimate with 95% band: " + string.Join("; ", e.KaplanMeier.Select(c =>
                c.Steps.Count == 0 ? $"{c.Group} no steps" : $"{c.Group} falls to {F(c.Steps[^1].Survival)} by year {c.Steps[^1].Time.ToString(CultureInfo.InvariantCulture)}")) + ".",
            "years since the first observed year", $"share not yet {entry}ing", curves, Steps: true, IntegerX: true, YMin: 0, YMax: 1) { Width = 1000, Height = 420 }));
        var times = e.KaplanMeier.SelectMany(c => c.Steps.Select(s => s.Time)).Distinct().Order().ToArray();
        blocks.Add(new TableBlock(new ReportTable("Kaplan–Meier: share not yet entered [95% interval] (at risk)",
            ["Year k", .. e.KaplanMeier.Select(c => $"{c.Group} ({N(c.Subjects)} firms)")],
            times.Select(t => (IReadOnlyList<string>)[t.ToString(CultureInfo.InvariantCulture), .. e.KaplanMeier.Select(c =>
            {
                var s = c.Steps.FirstOrDefault(x => x.Time == t);
                return s is null ? "" : $"{F(s.Survival)} [{F(s.Lower95)}, {F(s.Upper95)}] ({N(s.AtRisk)})";
            })]).ToArray())));
        if (e.LogRank is { } lr)
            blocks.Add(new ParagraphBlock($"Log-rank test: χ² = {F(lr.Test.Statistic, "0.00")} on {lr.Test.Df} df, p {P(lr.Test.P)} " +
                $"(observed / expected entries: {string.Join("; ", lr.Groups.Select((g, i) => $"{g} {F(lr.Observed[i], "0")} / {F(lr.Expected[i], "0.0")}"))})."));

        if (e.Cox is { } cox)
        {
            blocks.Add(new SubheadingBlock($"Cox proportional hazards of {entry} entry"));
            blocks.Add(new ChartBlock(new ForestPlot($"{direction} entry: hazard ratios with 95% intervals (firm-clustered)",
                "Hazard ratios: " + string.Join("; ", cox.Coefficients.Select(c => $"{c.Label} {F(c.Ratio, "0.00")} ({F(c.RatioLower95, "0.00")}–{F(c.RatioUpper95, "0.00")})")) + ".",
                "hazard ratio",
                cox.Coefficients.Select(c => new ForestRow(c.Label, c.Ratio, c.RatioLower95, c.RatioUpper95, $"{F(c.Ratio, "0.00")} [{F(c.RatioLower95, "0.00")}, {F(c.RatioUpper95, "0.00")}]")).ToArray(),
                Estimate) { Width = 1000, Height = 110 + 34 * cox.Coefficients.Count }));
            blocks.Add(new TableBlock(Coefficients($"Cox ({cox.Ties.ToString().ToLowerInvariant()} ties; {N(cox.Subjects)} rows, {N(cox.Events)} events; CI from the robust SE)", cox.Coefficients, "HR")));
            blocks.Add(new ParagraphBlock($"Likelihood-ratio χ² = {F(cox.LikelihoodRatio.Statistic, "0.00")} ({cox.LikelihoodRatio.Df} df, p {P(cox.LikelihoodRatio.P)}); " +
                $"Wald = {F(cox.Wald.Statistic, "0.00")}; score = {F(cox.Score.Statistic, "0.00")}; robust Wald = {F(cox.RobustWald?.Statistic ?? double.NaN, "0.00")}; robust score = {F(cox.RobustScore?.Statistic ?? double.NaN, "0.00")} (p {P(cox.RobustScore?.P ?? double.NaN)}); " +
                $"concordance = {F(cox.Concordance, "0.0000")} (se {F(cox.ConcordanceSe, "0.0000")})."));
        }
        if (e.Logit is { } logit)
        {
            blocks.Add(new SubheadingBlock($"Discrete-time logit of {entry} entry"));
            blocks.Add(new TableBlock(Coefficients($"Logit ({N(logit.Observations)} spell rows, {(logit.Clusters is { } k ? N(k) : "no")} firm clusters; CI from the clustered SE)", logit.Coefficients, "OR")));
            blocks.Add(new ParagraphBlock(LogitFit(logit)));
        }
        if (e.Problems.Count > 0)
        {
            blocks.Add(new SubheadingBlock("Not estimated"));
            blocks.Add(new NoteListBlock(e.Problems));
        }
        return new ReportSection(id, $"{direction} entry (does {lagged}ing lead to {entry}ing?)", blocks);
    }

    /// <summary>The logit's fit as <c>summary(glm)</c> prints it: null and residual deviance with their df, and AIC.</summary>
    private static string LogitFit(LogisticResult l) =>
        $"Null deviance {F(l.NullDeviance ?? double.NaN, "0.00")}, residual deviance {F(l.Deviance, "0.00")} ({N(l.Coefficients.Count)} coefficients), AIC {F(l.Aic, "0.00")}; log-likelihood {F(l.LogLikelihood, "0.000")}.";

    private static ReportTable Coefficients(string caption, IReadOnlyList<Coefficient> coefficients, string ratio) => new(caption,
        ["Term", "Coef", ratio, "exp(−coef)", "SE", "Robust SE", "z", "p", $"95% CI ({ratio})"],
        coefficients.Select(c => (IReadOnlyList<string>)[c.Label, F(c.Estimate, "0.00000"), F(c.Ratio, "0.0000"), F(c.InverseRatio, "0.0000"), F(c.Se, "0.00000"),
            c.RobustSe is { } r ? F(r, "0.00000") : "–", F(c.Z, "0.00"), PValue(c.P), $"{F(c.RatioLower95)} – {F(c.RatioUpper95)}"]).ToArray());

    private static ReportSection Conversion(IReadOnlyList<ConversionRow> rows)
    {
        var ks = rows.Select(r => (double)r.WithinYears).ToArray();
        LineSeries Series(string label, ChartColor color, Func<ConversionRow, Proportion> p) => new(label, color, ks,
            rows.Select(r => p(r).Estimate).ToArray(), rows.Select(r => p(r).Lower).ToArray(), rows.Select(r => p(r).Upper).ToArray());
        var chart = new LineChart("Conversion: share exporting within k years",
            "Share exporting within k years with Wilson 95% band: " + string.Join("; ", rows.Select(r =>
                $"k = {r.WithinYears}: importers first {F(r.ImportersFirst.Estimate)}, no international activity {F(r.NonTraders.Estimate)}")) + ".",
            "within k years", "share exporting",
            [Series("first international activity importing", Inward, r => r.ImportersFirst), Series("no international activity", Neither, r => r.NonTraders)],
            IntegerX: true, YMin: 0) { Width = 900, Height = 380 };
        var table = new ReportTable("Share exporting within k years [Wilson 95% interval] (firms)",
            ["k", "First activity importing", "No international activity"],
            rows.Select(r => (IReadOnlyList<string>)[r.WithinYears.ToString(CultureInfo.InvariantCulture),
                $"{Ci(r.ImportersFirst)} ({N(r.ImportersFirst.Trials)})", $"{Ci(r.NonTraders)} ({N(r.NonTraders.Trials)})"]).ToArray());
        return new ReportSection("conversion", "Conversion of importers into exporters", [new ChartBlock(chart), new TableBlock(table)]);
    }

    private static ReportSection Linkage(CountryLinkage l) => new("country-linkage", "Country linkage",
    [
        new ParagraphBlock($"Among exporters' firm-country-years at risk of a first export to a country ({l.Countries} countries), " +
                           $"the share starting to export there is {Ci(l.WithPriorImports)} with earlier imports from that country and {Ci(l.WithoutPriorImports)} without (ratio {F(l.RiskRatio, "0.00")})."),
        new TableBlock(new ReportTable("Start exporting to country c [Wilson 95% interval]", ["", "Share", "Firm-country-years", "Starts"],
        [
            ["earlier imports from c", Ci(l.WithPriorImports), N(l.WithPriorImports.Trials), N(l.WithPriorImports.Successes)],
            ["no earlier imports from c", Ci(l.WithoutPriorImports), N(l.WithoutPriorImports.Trials), N(l.WithoutPriorImports.Successes)],
        ])),
    ]);

    /// <summary>The `twoway survey analyze` result as a report: weighted shares with intervals, the independence test and the weighted logit.</summary>
    public static SectionedReport Build(SurveyAnalysis s, string title)
    {
        ArgumentNullException.ThrowIfNull(s);
        var shares = s.States.Concat([s.ExportGivenImport, s.ExportGivenNoImport, s.ImportGivenExport, s.ImportGivenNoExport]).ToArray();
        var chart = new ForestPlot("Weighted shares with Wilson 95% intervals",
            "Weighted shares: " + string.Join("; ", shares.Select(w => $"{w.Name} {F(w.Share.Estimate)} ({F(w.Share.Lower)}–{F(w.Share.Upper)})")) + ".",
            "share of firms (weighted)",
            shares.Select(w => new ForestRow(w.Name, w.Share.Estimate, w.Share.Lower, w.Share.Upper, Ci(w.Share))).ToArray(),
            Estimate, Reference: double.NaN, LogScale: false) { Width = 1000, Height = 110 + 34 * shares.Length };
        var blocks = new List<ReportBlock>
        {
            new ChartBlock(chart),
            new ParagraphBlock($"Design: {s.Design.Description}; {N(s.Design.StrataCount)} strata, {N(s.Design.Psus)} PSUs, {N(s.Design.DegreesOfFreedom)} design degrees of freedom; single-PSU strata: {s.Design.LonelyPsu}{(s.Design.LonelyStrata.Count > 0 ? " (" + string.Join(", ", s.Design.LonelyStrata) + ")" : "")}."),
            new TableBlock(new ReportTable(s.Design.Strata is null && s.Design.Cluster is null && s.Design.Fpc is null
                    ? "Weighted shares [Wilson 95% interval at Kish's effective n; SE by Taylor linearisation]"
                    : "Weighted shares [Wilson 95% interval at the design's effective n = p(1−p)/SE²; SE by Taylor linearisation]",
                ["", "Share", "SE", "Design effect", "Firms", "Effective n"],
                shares.Select(w => (IReadOnlyList<string>)[w.Name, Ci(w.Share), F(w.Se, "0.0000"), w.Deff is { } d ? F(d, "0.00") : "–", F(w.Firms, "#,0"), F(w.EffectiveN, "0.0")]).ToArray())),
            new ParagraphBlock(s.RaoScott is { } rs
                ? $"Independence of importing and exporting (Rao–Scott second-order correction): F = {F(rs.F, "0.00")} on {F(rs.NumeratorDf, "0.##")} and {F(rs.DenominatorDf, "0.##")} df, p {P(rs.P)} (Pearson X² = {F(rs.Pearson, "0.00")})."
                : $"Independence of importing and exporting: χ² = {F(s.Independence.Statistic, "0.00")} on {s.Independence.Df} df, p {P(s.Independence.P)}."),
        };
        if (s.Logit is { } logit)
        {
            blocks.Add(new SubheadingBlock("Weighted logit of exporting"));
            blocks.Add(new TableBlock(Coefficients($"Weighted logit ({N(logit.Observations)} firms; " + s.LogitVariance switch
            {
                "design" => $"design-based SE as svyglm, p from t on {F(s.LogitDf ?? double.NaN, "0")} df)",
                "hc0-svyglm" => $"robust SE HC0 × n/(n−1) as svyglm, p from t on {F(s.LogitDf ?? double.NaN, "0")} df)",
                _ => "robust SE HC0 sandwich)",
            }, logit.Coefficients, "OR")));
            if (s.LogitVariance == "hc0") blocks.Add(new ParagraphBlock(LogitFit(logit)));
        }
        if (s.Problems.Count > 0) blocks.Add(new NoteListBlock(s.Problems));
        return new SectionedReport(title, $"{s.Source} · {N(s.Firms)} firms · total weight {F(s.WeightTotal, "#,0.##")}",
            [new ReportSection("survey", "Importing and exporting in the survey", blocks)]);
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    private static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    private static string F(double v, string format = "0.000") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
    private static string P(double p) => double.IsNaN(p) ? "–" : p < 0.0001 ? "< 0.0001" : "= " + p.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string PValue(double p) => double.IsNaN(p) ? "–" : p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string Ci(Proportion p) => $"{F(p.Estimate)} [{F(p.Lower)}, {F(p.Upper)}]";
}
