using System.Globalization;
using System.Net;
using System.Text;
using TwoWay.Domain;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>
/// Renders a <see cref="StudyReport"/> as ONE self-contained HTML file: inline CSS and inline SVG
/// charts, no scripts, no fonts or images fetched from anywhere, so it opens offline, archives
/// as one file and prints cleanly.
/// </summary>
public static class HtmlReport
{
    public static string Render(StudyReport report, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(naming);
        var h = new StringBuilder();
        Head(h, report.Title);
        h.Append("<header><h1>").Append(E(report.Title)).Append("</h1>\n<p class=\"meta\">As of ")
         .Append(report.AsOfYear.ToString(CultureInfo.InvariantCulture)).Append(" · ")
         .Append(report.Firms.Count.ToString(CultureInfo.InvariantCulture)).Append(" cases</p>\n");
        if (report.Notice is { } notice) h.Append("<p class=\"notice\">").Append(E(notice)).Append("</p>\n");
        h.Append("</header>\n");

        Toc(h, report, naming);

        h.Append("<section id=\"answer\">\n<h2>Complementarity or independence?</h2>\n<p class=\"answer\">").Append(E(report.StudyAnswer)).Append("</p>\n");
        foreach (var g in report.AnswerGroups)
        {
            h.Append("<h3>").Append(E(g.Answer)).Append(" <span class=\"count\">(").Append(g.Firms.Count).Append(")</span></h3>\n<p>").Append(E(g.Explanation)).Append("</p>\n");
            if (g.Firms.Count > 0)
            {
                h.Append("<ul class=\"cases\">");
                foreach (var id in g.Firms)
                {
                    var firm = report.Firms.FirstOrDefault(f => f.Case.Firm.Id == id)?.Case.Firm;
                    h.Append("<li><a href=\"#").Append(Anchor(id)).Append("\">").Append(E(id.Value));
                    if (firm is not null) h.Append(' ').Append(E(naming.Firm(firm)));
                    h.Append("</a></li>");
                }
                h.Append("</ul>\n");
            }
        }
        h.Append("</section>\n");

        h.Append("<section id=\"cross-case\">\n<h2>Cross-case comparison</h2>\n");
        Table(h, report.CrossCaseMatrix, "matrix");
        foreach (var chart in report.StudyCharts) Figure(h, chart);
        h.Append("</section>\n");

        foreach (var section in report.Sections) SectionedHtmlReport.Section(h, section);

        foreach (var firm in report.Firms) FirmSection(h, firm, report.AsOfYear, naming);

        Foot(h);
        return h.ToString();
    }

    private static void Head(StringBuilder h, string title)
    {
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static void Foot(StringBuilder h)
    {
        h.Append("<footer><p>Made with TwoWay. Charts are SVG with a text alternative; tables under each chart list the same data.</p></footer>\n");
        h.Append("</main>\n</body>\n</html>\n");
    }

    /// <summary>The HTML id of a firm's section.</summary>
    public static string Anchor(FirmId id) => "firm-" + new string(id.Value.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static void Toc(StringBuilder h, StudyReport report, Naming naming)
    {
        h.Append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        h.Append("<li><a href=\"#answer\">Complementarity or independence?</a></li>\n");
        h.Append("<li><a href=\"#cross-case\">Cross-case comparison</a></li>\n");
        foreach (var s in report.Sections)
            h.Append("<li><a href=\"#").Append(E(s.Id)).Append("\">").Append(E(s.Heading)).Append("</a></li>\n");
        h.Append("<li>Cases<ol>\n");
        foreach (var f in report.Firms)
            h.Append("<li><a href=\"#").Append(Anchor(f.Case.Firm.Id)).Append("\">").Append(E(f.Case.Firm.Id.Value)).Append(' ')
             .Append(E(naming.Firm(f.Case.Firm))).Append("</a> <span class=\"traj\">").Append(E(f.Trajectory)).Append("</span></li>\n");
        h.Append("</ol></li>\n</ol>\n</nav>\n");
    }

    private static void FirmSection(StringBuilder h, FirmReport f, int asOfYear, Naming naming)
    {
        var firm = f.Case.Firm;
        h.Append("<section class=\"firm\" id=\"").Append(Anchor(firm.Id)).Append("\">\n<h2>").Append(E(firm.Id.Value)).Append(' ').Append(E(naming.Firm(firm))).Append("</h2>\n");
        var facts = new List<string> { "home country " + firm.HomeCountry };
        if (firm.Sector is { } s) facts.Add("sector " + s);
        if (firm.Size is { } z) facts.Add(z.ToString().ToLowerInvariant() + " firm");
        if (firm.FoundingYear is { } y) facts.Add("founded " + y.ToString(CultureInfo.InvariantCulture));
        facts.AddRange(firm.Attributes.Where(kv => kv.Key != "respondent").Select(kv => kv.Key + ": " + kv.Value));
        h.Append("<p class=\"meta\">").Append(E(string.Join(" · ", facts))).Append("</p>\n");

        h.Append("<div class=\"trajectory\"><p><strong>Trajectory: ").Append(E(f.Trajectory)).Append("</strong>");
        foreach (var flag in f.Flags) h.Append(" <span class=\"flag\">").Append(E(flag)).Append("</span>");
        h.Append("</p>\n<p>").Append(E(f.TrajectoryReason)).Append("</p></div>\n");

        if (f.Case.Operations.Length > 0)
        {
            Figure(h, CaseTimeline.Build(f.Case, asOfYear, f.Connections, naming));
            Table(h, OperationsTable(f.Case, naming), "ops");
        }
        else
        {
            h.Append("<p class=\"empty\">No international operations recorded.</p>\n");
        }

        h.Append("<div class=\"pair\">");
        Table(h, f.Stages);
        Table(h, f.Degrees);
        h.Append("</div>\n");

        h.Append("<h3>Inward–outward connections</h3>\n");
        var weighed = f.Connections.Any(c => c.Status is not null);
        if (f.Connections.Count == 0)
            h.Append("<p class=\"empty\">Neither the rules nor the coded interviews connect the two directions.</p>\n");
        else if (weighed)
            Table(h, new ReportTable("Connections (earlier operation → later operation in the other direction), with their basis",
                ["From", "To", "Kind", "Lag (years)", "Rule", "Status"],
                f.Connections.Select(c => (IReadOnlyList<string>)[
                    Describe(f.Case, c.From, naming), Describe(f.Case, c.To, naming), c.Kind,
                    c.LagYears.ToString("0.#", CultureInfo.InvariantCulture), c.Rule, c.Status ?? ""]).ToArray()));
        else
            Table(h, new ReportTable("Connections (earlier operation → later operation in the other direction)",
                ["From", "To", "Kind", "Lag (years)", "Rule"],
                f.Connections.Select(c => (IReadOnlyList<string>)[
                    Describe(f.Case, c.From, naming), Describe(f.Case, c.To, naming), c.Kind,
                    c.LagYears.ToString("0.#", CultureInfo.InvariantCulture), c.Rule]).ToArray()));

        // A quotation that was also coded in a transcript is shown once, with its coding.
        var quotes = f.Case.Operations.SelectMany(o => o.Evidence.Where(e => e.Quotation is not null).Select(e => (o, e)))
            .Where(x => !f.Quotations.Any(q => q.Text == x.e.Quotation)).ToArray();
        if (quotes.Length > 0 || f.Quotations.Count > 0)
        {
            h.Append("<h3>Evidence</h3>\n");
            foreach (var (o, e) in quotes)
            {
                h.Append("<blockquote><p>“").Append(E(e.Quotation!)).Append("”</p><cite>")
                 .Append(E(string.Join(", ", new[] { e.Reference, e.InterviewRound is { } r ? "interview round " + r : null, o.Id.Value + ": " + CaseTimeline.Label(o, naming) }.Where(x => x is not null))))
                 .Append("</cite></blockquote>\n");
            }
            foreach (var q in f.Quotations)
                h.Append("<blockquote class=\"coded\"><p>“").Append(E(q.Text)).Append("”</p><cite>")
                 .Append(E(q.Claim)).Append(" — ").Append(E(q.Source)).Append("</cite></blockquote>\n");
        }
        h.Append("</section>\n");
    }

    private static string Describe(FirmCase c, OperationId id, Naming naming)
    {
        var o = c.Operations.FirstOrDefault(x => x.Id == id);
        return o is null ? id.Value : $"{id} {o.Direction.Code()} {CaseTimeline.Label(o, naming)} ({o.Start})";
    }

    /// <summary>The operations of a case as the report (and the web workbench) shows them.</summary>
    public static ReportTable OperationsTable(FirmCase c, Naming naming) => new(
        "Operations (the timeline's data)",
        ["Id", "Direction", "Mode", "Tier", "Country", "Partner", "Start", "End", "End reason", "Volume"],
        c.Operations.Select(o => (IReadOnlyList<string>)[
            o.Id.Value, o.Direction.Code(), o.Mode.Name(o.Direction), CaseTimeline.TierName(o.Tier), o.PartnerCountry.ToString(),
            o.Partner is null ? "" : naming.Partner(o.Partner), o.Start.ToString(), o.End?.ToString() ?? "ongoing",
            o.EndReason is { } r ? Words(r.Kind.ToString()) + (r.Note is null ? "" : ": " + r.Note) : "",
            Volume(o.Volume)]).ToArray());

    /// <summary>"GeopoliticalBarrier" → "geopolitical barrier".</summary>
    internal static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Volume(Volume? v)
    {
        if (v is null) return "";
        var parts = new List<string>();
        if (v.AnnualValue is { } a) parts.Add(a.ToString("#,0", CultureInfo.InvariantCulture) + " " + v.Currency + "/yr");
        if (v.ShareOfTotal is { } s) parts.Add(s.ToString("0%", CultureInfo.InvariantCulture));
        return string.Join(", ", parts);
    }

    internal static void Figure(StringBuilder h, ChartSpec chart)
    {
        h.Append("<figure>").Append(ChartRenderer.ToSvg(chart)).Append("<figcaption>").Append(E(chart.Title)).Append("</figcaption></figure>\n");
    }

    internal static void Table(StringBuilder h, ReportTable t, string? cssClass = null)
    {
        h.Append("<div class=\"table\"><table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append("><caption>").Append(E(t.Caption)).Append("</caption>\n<thead><tr>");
        foreach (var c in t.Columns) h.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            h.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                h.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody></table></div>\n");
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    // System fonts only: a self-contained file must not fetch web fonts.
    internal const string Css = """

        :root { --ink:#1d2330; --muted:#5b6473; --line:#d7dce3; --accent:#2b5d8a; --bg:#fbfbfc; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--ink); font:16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h1 { font-size: 2rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.45rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
        a { color: var(--accent); }
        .meta { color: var(--muted); margin: .2rem 0 1rem; }
        .notice { background:#fff4d6; border-left:4px solid #e0a800; padding:.6rem .9rem; }
        .toc ol { margin: .3rem 0; padding-left: 1.4rem; }
        .toc .traj, .count { color: var(--muted); font-size: .9em; }
        .answer { font-size: 1.1rem; }
        ul.cases { display:flex; flex-wrap:wrap; gap:.3rem 1.4rem; padding-left:0; list-style:none; }
        .trajectory { background:#eef3f8; border-radius:6px; padding:.5rem 1rem; }
        .trajectory p { margin:.3rem 0; }
        .flag { display:inline-block; background:#fff; border:1px solid var(--accent); color:var(--accent); border-radius:999px; padding:0 .55rem; font-size:.85em; font-weight:normal; }
        figure { margin: 1rem 0; background:#fff; border:1px solid var(--line); border-radius:6px; padding:.5rem; }
        figure svg { width:100%; height:auto; display:block; }
        figcaption { color: var(--muted); font-size:.9rem; text-align:center; }
        .table { overflow-x:auto; margin: .8rem 0; }
        table { border-collapse: collapse; font-size: .9rem; background:#fff; }
        caption { text-align:left; font-weight:600; padding:.3rem 0; }
        th, td { border:1px solid var(--line); padding:.3rem .55rem; text-align:left; vertical-align:top; }
        thead th { background:#eef1f5; }
        tbody th { font-weight:600; white-space:nowrap; }
        table.matrix { font-size:.8rem; }
        table.ops { font-size: .82rem; }
        .pair { display:flex; flex-wrap:wrap; gap:1.5rem; align-items:flex-start; }
        blockquote { margin:.6rem 0; padding:.4rem 1rem; border-left:4px solid var(--line); background:#fff; }
        blockquote p { margin:.2rem 0; font-style: italic; }
        blockquote.coded { border-left-color:#7a5195; }
        cite { color: var(--muted); font-size:.85rem; font-style: normal; }
        .empty { color: var(--muted); font-style: italic; }
        footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
        @media print {
          body { background:#fff; font-size: 11pt; }
          main { max-width:none; padding:0; }
          .toc { page-break-after: always; }
          section.firm { page-break-before: always; }
          figure, table, blockquote { page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
