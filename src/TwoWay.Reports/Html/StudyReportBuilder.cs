using System.Globalization;
using TwoWay.Cases;
using TwoWay.Domain;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>
/// Lays the case-analysis results (<see cref="CaseProfile"/>, <see cref="CrossCaseSummary"/>) out as
/// a <see cref="StudyReport"/>: chooses tables, labels and number formats. It reads results only;
/// every figure shown was computed by the analyses.
/// </summary>
public static class StudyReportBuilder
{
    public static StudyReport Build(string title, int asOfYear, IReadOnlyList<FirmCase> cases,
        IReadOnlyList<CaseProfile> profiles, CrossCaseSummary summary, Naming naming, string? notice = null,
        IReadOnlyList<QuotedEvidence>? quotations = null)
    {
        var byId = profiles.ToDictionary(p => p.FirmId, StringComparer.Ordinal);
        var firms = cases.OrderBy(c => c.Firm.Id)
            .Select(c => Firm(c, byId[c.Firm.Id.Value], naming))
            .Select(f => f with { Quotations = Quotations(f, quotations ?? [], naming) })
            .ToArray();
        var caseById = cases.ToDictionary(c => c.Firm.Id.Value, StringComparer.Ordinal);

        var matrix = new ReportTable(
            $"Cross-case matrix as of {asOfYear}",
            ["Firm", "Name", "Trajectory", "Lead (yrs)", "Stage in", "Stage out", "Intensity in", "Intensity out",
             "Countries in", "Countries out", "Degree in", "Degree out", "Balance", "Links in→out", "Links out→in",
             "Born global", "De-internat.", "Pattern"],
            summary.Rows.Select(r => (IReadOnlyList<string>)[
                r.FirmId, naming.Firm(caseById[r.FirmId].Firm), Labels.Of(r.Trajectory), Num(r.LeadYears),
                r.InwardStage.ToString(CultureInfo.InvariantCulture), r.OutwardStage.ToString(CultureInfo.InvariantCulture),
                Pct(r.InwardIntensity), Pct(r.OutwardIntensity),
                r.InwardCountries.ToString(CultureInfo.InvariantCulture), r.OutwardCountries.ToString(CultureInfo.InvariantCulture),
                Num2(r.InwardComposite), Num2(r.OutwardComposite), r.Balance is { } b ? b.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "–",
                r.InwardToOutward.ToString(CultureInfo.InvariantCulture), r.OutwardToInward.ToString(CultureInfo.InvariantCulture),
                Labels.Of(r.BornGlobal), r.Deinternationalized ? (r.GeopoliticalEnding ? "yes (geopolitical)" : "yes") : "no",
                Labels.Of(r.Pattern)]).ToArray());

        AnswerGroup Group(PatternGroup g, string name) =>
            new(name, "Rule: " + g.Rule + ".", g.FirmIds.Select(id => new FirmId(id)).ToArray());

        var inColor = CaseTimeline.TierColor(CommitmentTier.Trade);
        var outColor = CaseTimeline.TierColor(CommitmentTier.Equity);
        var degreeChart = new BarChart(
            $"Degree of internationalization by direction, {asOfYear}",
            "Composite degree (0–1) of inward and outward internationalization per firm: " +
            string.Join("; ", summary.Rows.Select(r => $"{r.FirmId} inward {Num2(r.InwardComposite)}, outward {Num2(r.OutwardComposite)}")) + ".",
            "composite degree (0–1)",
            [new LegendEntry("inward", inColor), new LegendEntry("outward", outColor)],
            summary.Rows.Select(r => new BarGroup(r.FirmId, [r.InwardComposite, r.OutwardComposite])).ToArray())
        { Width = 1000, Height = 380 };

        return new StudyReport(title, asOfYear, firms, matrix, naming.Text(summary.Answer),
            [Group(summary.Complementarity, "Complementarity: inward as a basis for outward"),
             Group(summary.IndependentInward, "Independence: an independent inward path"),
             Group(summary.Other, "Other trajectories")],
            [degreeChart])
        { Notice = notice };
    }

    private static FirmReport Firm(FirmCase c, CaseProfile p, Naming naming)
    {
        var t = p.Trajectory;
        var flags = new List<string>();
        if (t.BornGlobal.State == FlagState.Yes) flags.Add("born global");
        if (t.BornGlobal.State == FlagState.Unknown) flags.Add("born global: unknown");
        if (t.Deinternationalization.Present)
            flags.Add(t.Deinternationalization.Geopolitical ? "de-internationalization (geopolitical)" : "de-internationalization");
        var reason = t.Reason + (t.BornGlobal.State == FlagState.No ? "" : " " + t.BornGlobal.Reason) + (t.Deinternationalization.Present ? " " + t.Deinternationalization.Reason : "");

        var stages = new ReportTable($"Stages as of {p.AsOfYear}", ["Direction", "Stage", "Meaning", "Reached"],
            new[] { p.InwardStage, p.OutwardStage }.Select(s => (IReadOnlyList<string>)[
                s.Direction.Code(), s.Number.ToString(CultureInfo.InvariantCulture), s.Label,
                s.History.Count == 0 ? "–" : string.Join("; ", s.History.Select(h => $"{h.Year}: {h.ToNumber} ({h.Cause.Id})"))]).ToArray());

        var i = p.Degree.Inward;
        var o = p.Degree.Outward;
        IReadOnlyList<string> Row(string name, Func<DirectionDegree, string> f) => [name, f(i), f(o)];
        var degrees = new ReportTable($"Degree of internationalization as of {p.AsOfYear}", ["Measure", "Inward", "Outward"],
        [
            Row("Active operations", d => d.ActiveOperations.ToString(CultureInfo.InvariantCulture)),
            Row("Intensity (share of purchases / sales)", d => Pct(d.Intensity)),
            Row("Partner countries (active / ever)", d => $"{d.Countries} / {d.CountriesEver}"),
            Row("World regions / sub-regions", d => $"{d.Regions} / {d.SubRegions}"),
            Row("Dispersion (Blau, sub-regions)", d => Num2(d.Dispersion)),
            Row("Highest commitment tier", d => d.HighestTier is { } h ? CaseTimeline.TierName(h) : "–"),
            Row("Years of experience", d => d.ExperienceYears?.ToString(CultureInfo.InvariantCulture) ?? "–"),
            Row("Composite degree (0–1)", d => Num2(d.Composite)),
            ["Balance (out − in) / (out + in)", p.Degree.Balance is { } b ? b.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "–", ""],
        ]);

        var connections = p.Connections.Select(k => new ReportConnection(
            new OperationId(k.From.Id), new OperationId(k.To.Id),
            Labels.Of(k.Kind) + (k.Direction == ConnectionDirection.OutwardToInward ? " (outward→inward)" : ""),
            k.LagYears, naming.Text(k.Explanation))).ToArray();
        return new FirmReport(c, Labels.Of(t.Kind), naming.Text(reason), flags, stages, degrees, connections);
    }

    /// <summary>The quotations behind this firm's claims: operations in timeline order, then connections.</summary>
    private static ClaimQuotation[] Quotations(FirmReport f, IReadOnlyList<QuotedEvidence> all, Naming naming)
    {
        var ops = f.Case.Operations.Select((o, i) => (o, i)).ToDictionary(x => x.o.Id, x => x);
        string Op(OperationId id) => $"{id} {ops[id].o.Direction.Code()} {CaseTimeline.Label(ops[id].o, naming)} ({ops[id].o.Start})";
        string Claim(QuotedEvidence q)
        {
            if (q.To is not { } to) return "Operation " + Op(q.From);
            var found = f.Connections.FirstOrDefault(c => c.From == q.From && c.To == to);
            return $"Connection {Op(q.From)} → {Op(to)}" + (found is null ? ", from the interview (not found by the rules)" : $", {found.Kind}");
        }
        static string Source(TwoWay.Qualitative.Quotation q) => string.Join(", ", new[]
        {
            q.Respondent, q.Round is { } r ? "interview round " + r.ToString(CultureInfo.InvariantCulture) : null, q.SourceName,
            "code " + q.CodePath, "coded by " + q.Coder,
        }.Where(x => x is not null));
        return all.Where(q => ops.ContainsKey(q.From) && (q.To is null || ops.ContainsKey(q.To.Value)))
            .OrderBy(q => q.To is null ? 0 : 1).ThenBy(q => ops[q.From].i).ThenBy(q => q.To is { } t ? ops[t].i : -1)
            .Select(q => new ClaimQuotation(Claim(q), q.Quotation.Text, Source(q.Quotation))).ToArray();
    }

    private static string Pct(double? v) => v is { } x ? x.ToString("0%", CultureInfo.InvariantCulture) : "unknown";
    private static string Num(double? v) => v is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) : "–";
    private static string Num2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Readable names of the analysis enums, shared by the report and the CLI tables.</summary>
public static class Labels
{
    public static string Of(Trajectory t) => t switch
    {
        Trajectory.InwardLed => "inward-led",
        Trajectory.OutwardLed => "outward-led",
        Trajectory.Simultaneous => "simultaneous",
        Trajectory.InwardOnly => "inward-only",
        Trajectory.OutwardOnly => "outward-only",
        _ => "domestic",
    };

    public static string Of(CasePattern p) => p switch
    {
        CasePattern.Complementarity => "complementarity",
        CasePattern.IndependentInward => "independent inward path",
        _ => "other",
    };

    public static string Of(ConnectionKind k) => k switch
    {
        ConnectionKind.SamePartner => "same partner",
        ConnectionKind.SameCountry => "same country",
        ConnectionKind.Technology => "technology",
        _ => "network",
    };

    public static string Of(FlagState s) => s switch
    {
        FlagState.Yes => "yes",
        FlagState.No => "no",
        _ => "unknown",
    };
}
