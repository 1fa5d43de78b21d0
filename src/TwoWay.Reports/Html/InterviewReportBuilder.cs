using System.Globalization;
using TwoWay.Qualitative;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>
/// The interviews' section of the study report: what was collected and coded, the code × case
/// matrix (counts) and, when two coders coded, their agreement per code and overall. It reads the
/// results of <see cref="CodeCaseMatrix"/> and <see cref="InterCoderAgreement"/>; it computes nothing itself.
/// </summary>
public static class InterviewReportBuilder
{
    /// <summary>The section, or null when the study has no transcripts.</summary>
    public static ReportSection? Build(QualitativeProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var sources = project.Sources.ToList();
        if (sources.Count == 0) return null;

        var coders = project.Codings.GroupBy(c => c.Coder, StringComparer.Ordinal)
            .Select(g => (Coder: g.Key, Codings: g.Count()))
            .OrderByDescending(x => x.Codings).ThenBy(x => x.Coder, StringComparer.Ordinal).ToList();
        var rounds = sources.GroupBy(s => s.Round).OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g => (g.Key is { } r ? "round " + N(r) : "no round") + ": " + N(g.Count()));
        var cases = sources.Select(s => s.Case?.Value).Where(c => c is not null).Distinct().Count();

        var blocks = new List<ReportBlock>
        {
            new NoteListBlock(
            [
                $"{N(sources.Count)} transcripts ({string.Join(", ", rounds)}) from {N(cases)} cases.",
                coders.Count == 0 ? "No transcript is coded yet."
                    : $"{N(project.Codings.Count)} codings with {N(project.Codings.Select(c => c.CodeId).Distinct().Count())} codes by " +
                      string.Join(", ", coders.Select(c => $"{c.Coder} ({N(c.Codings)})")) + ".",
            ]),
        };

        var matrix = CodeCaseMatrix.Compute(project);
        var used = matrix.Rows.Where(r => r.Total > 0).ToList();
        if (used.Count > 0)
        {
            blocks.Add(new SubheadingBlock("Code × case matrix"));
            blocks.Add(new ParagraphBlock("Codings per code (rows) and case (columns), all rounds and coders; “twoway matrix --quotes” gives the framework matrix with the passages."));
            blocks.Add(new TableBlock(new ReportTable("Codings per code and case",
                ["Code", .. matrix.Cases, "Total"],
                used.Select(r => (IReadOnlyList<string>)[r.CodePath, .. r.Cells.Select(c => c.Codings == 0 ? "" : N(c.Codings)), N(r.Total)]).ToArray())));
        }

        if (coders.Count >= 2)
        {
            var (a, b) = (coders[0].Coder, coders[1].Coder);
            var agreement = InterCoderAgreement.Compute(project, a, b);
            blocks.Add(new SubheadingBlock($"Inter-coder agreement: {a} and {b}"));
            blocks.Add(new ParagraphBlock(
                "Character by character over the whole text of every transcript either coder coded, uncoded text included " +
                "(NVivo's method): percentage agreement, Cohen's kappa (chance = (A·B + (N−A)(N−B)) / N²) and Krippendorff's nominal alpha." +
                (coders.Count > 2 ? $" Other coders ({string.Join(", ", coders.Skip(2).Select(c => c.Coder))}) are not compared here; use “twoway agreement”." : "")));
            if (agreement.Overall is { } overall)
                blocks.Add(new NoteListBlock(
                [
                    $"Overall over {N(agreement.Codes)} codes and {N(agreement.Sources)} transcripts: agreement {Pct(overall.PercentAgreement)}, " +
                    $"kappa {F(overall.Kappa)}, alpha {F(overall.KrippendorffAlpha)}.",
                ]));
            var byCode = agreement.ByCode.OrderBy(c => c.CodePath, StringComparer.Ordinal).ToList();
            if (byCode.Count > 0)
            {
                blocks.Add(new ChartBlock(new BarChart(
                    "Cohen's kappa per code",
                    $"Kappa between {a} and {b} per code: " + string.Join("; ", byCode.Select(c => $"{c.CodePath} {F(c.Measures.Kappa)}")) + ".",
                    "kappa",
                    [new LegendEntry("kappa", ChartColor.FromHex("#76b7b2"))],
                    byCode.Select(c => new BarGroup(ShortName(c.CodePath), [c.Measures.Kappa])).ToArray())
                { Width = 1000, Height = 380 }));
                blocks.Add(new TableBlock(new ReportTable("Agreement per code (the chart's data)",
                    ["Code", "Characters", $"Coded by {a}", $"Coded by {b}", "By both", "Agreement", "Kappa", "Alpha"],
                    byCode.Select(c => (IReadOnlyList<string>)[c.CodePath, N(c.Measures.Characters), N(c.Measures.CodedByA), N(c.Measures.CodedByB),
                        N(c.Measures.CodedByBoth), Pct(c.Measures.PercentAgreement), F(c.Measures.Kappa), F(c.Measures.KrippendorffAlpha)]).ToArray())));
            }
            if (agreement.Unitizing is { ByGroup.Count: > 0 } u)
                blocks.Add(new TableBlock(new ReportTable(
                    "Unitizing alpha per code group (Krippendorff; ATLAS.ti's alpha-binary and cu-alpha): do the coders cut the text into the same units, and where both coded something of a group, choose the same code?",
                    ["Code group", "Codes", "Units", "Alpha-binary", "Cu-alpha"],
                    [.. u.ByGroup.Select(g => (IReadOnlyList<string>)[g.Group, N(g.Codes), N(g.Binary.Units), F(g.Binary.Alpha), F(g.CodingOnly.Alpha)]),
                     ["All codes (Cu-alpha across groups)", N(u.ByCode.Count), N(u.Binary?.Units ?? 0), F(u.Binary?.Alpha), F(u.GroupsCodingOnly.Alpha)]])));
        }
        return new ReportSection("interviews", "Interviews: coding and inter-coder agreement", blocks);
    }

    // The last segment of a code path, at most 24 characters, keeps the chart's axis readable; the table gives the full path.
    private static string ShortName(string path)
    {
        var name = path[(path.LastIndexOf(Codebook.PathSeparator) + 1)..].Trim();
        return name.Length <= 24 ? name : name[..23].TrimEnd() + "…";
    }

    private static string N(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
    private static string F(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–";
    private static string Pct(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
