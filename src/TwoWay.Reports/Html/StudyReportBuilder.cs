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
        IReadOnlyList<QuotedEvidence>? quotations = null, IReadOnlyDictionary<string, IReadOnlyList<ConnectionClaim>>? claims = null)
    {
        var byId = profiles.ToDictionary(p => p.FirmId, StringComparer.Ordinal);
        var firms = cases.OrderBy(c => c.Firm.Id)
            .Select(c => Firm(c, byId[c.Firm.Id.Value], naming, claims?.GetValueOrDefault(c.Firm.Id.Value)))
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
                Labels.Of(r.Pattern) + (r.Basis is { } basis ? $" ({Labels.Of(basis)})" : "")
                    + (r.ContestedInwardToOutward > 0 ? ", contested link" : "")]).ToArray());

        AnswerGroup Group(PatternGroup g, string name) =>
            new(name, "Rule: " + g.Rule + ".", g.FirmIds.Select(id => new FirmId(id)).ToArray());

        var inColor = Palette.Inward;
        var outColor = Palette.Outward;
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

    private static FirmReport Firm(FirmCase c, CaseProfile p, Naming naming, IReadOnlyList<ConnectionClaim>? claims)
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

        var connections = claims is null
            ? p.Connections.Select(k => new ReportConnection(
                new OperationId(k.From.Id), new OperationId(k.To.Id),
                Labels.Of(k.Kind) + (k.Direction == ConnectionDirection.OutwardToInward ? " (outward→inward)" : ""),
                k.LagYears, naming.Text(k.Explanation))).ToArray()
            : claims.Select(k => ClaimRow(c, p, k, naming)).ToArray();
        return new FirmReport(c, Labels.Of(t.Kind), naming.Text(reason), flags, stages, degrees, connections);
    }

    /// <summary>One connection claim as the report shows it: its rules (or the interview), lag, and how well it stands.</summary>
    private static ReportConnection ClaimRow(FirmCase c, CaseProfile p, ConnectionClaim k, Naming naming)
    {
        var found = p.Connections.Where(x => x.From.Id == k.From && x.To.Id == k.To).ToList();
        var start = c.Operations.ToDictionary(o => o.Id.Value, o => o.Start, StringComparer.Ordinal);
        var lag = found.Count > 0 ? found[0].LagYears : start[k.To].Year - start[k.From].Year;
        var kind = (k.Rules.Count > 0 ? string.Join(", ", k.Rules.Select(Labels.Of)) : "asserted in an interview")
            + (k.Direction == ConnectionDirection.OutwardToInward ? " (outward→inward)" : "");
        var rule = found.Count > 0 ? naming.Text(string.Join(" ", found.Select(x => x.Explanation).Distinct()))
            : "Not found by the rules; a coded quotation links the two operations.";
        return new ReportConnection(new OperationId(k.From), new OperationId(k.To), kind, lag, rule)
        {
            Status = Labels.Of(k.Status) + (k.Supporting.Count + k.Contradicting.Count > 0
                ? $" ({k.Supporting.Count} quotation(s) for, {k.Contradicting.Count} against)" : ""),
        };
    }

    /// <summary>The quotations behind this firm's claims: operations in timeline order, then connections.</summary>
    private static ClaimQuotation[] Quotations(FirmReport f, IReadOnlyList<QuotedEvidence> all, Naming naming)
    {
        var ops = f.Case.Operations.Select((o, i) => (o, i)).ToDictionary(x => x.o.Id, x => x);
        string Op(OperationId id) => $"{id} {ops[id].o.Direction.Code()} {CaseTimeline.Label(ops[id].o, naming)} ({ops[id].o.Start})";
        string Claim(QuotedEvidence q)
        {
            if (q.To is not { } to) return "Operation " + Op(q.From);
            // One pair of operations may be linked by several rules (e.g. same country and network): name them all.
            var kinds = f.Connections.Where(c => c.From == q.From && c.To == to).Select(c => c.Kind).ToList();
            return $"Connection {Op(q.From)} → {Op(to)}" + (kinds.Count == 0 ? ", from the interview (not found by the rules)" : ", " + string.Join(", ", kinds));
        }
        static string Source(TwoWay.Qualitative.Quotation q) => string.Join(", ", new[]
        {
            q.Respondent, q.Round is { } r ? "interview round " + r.ToString(CultureInfo.InvariantCulture) : null, q.SourceName,
            "code " + q.CodePath, "coded by " + q.Coder,
        }.Where(x => x is not null));
        return all.Where(q => ops.ContainsKey(q.From) && (q.To is null || ops.ContainsKey(q.To.Value)))
            .OrderBy(q => q.To is null ? 0 : 1).ThenBy(q => ops[q.From].i).ThenBy(q => q.To is { } t ? ops[t].i : -1)
            .Select(q => new ClaimQuotation(Claim(q), q.Quotation.Text, Source(q.Quotation)) { Place = new QuotationPlace(q.Quotation.SourceId, q.Quotation.CodingId, q.Quotation.Start, q.Quotation.End) }).ToArray();
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

    public static string Of(ClaimSource s) => s switch
    {
        ClaimSource.Rules => "rules",
        ClaimSource.Interview => "interview",
        _ => "rules and interview",
    };

    public static string Of(ClaimStatus s) => s switch
    {
        ClaimStatus.Triangulated => "triangulated (rules and interview)",
        ClaimStatus.RulesOnly => "rules only",
        ClaimStatus.InterviewOnly => "interview only",
        ClaimStatus.Contested => "contested",
        _ => "refuted by the interview",
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
