using System.Text;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>One block of a <see cref="ReportSection"/>, shown in order.</summary>
public abstract record ReportBlock;

/// <summary>A paragraph of already-formatted text.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A sub-heading inside a section.</summary>
public sealed record SubheadingBlock(string Text) : ReportBlock;

/// <summary>A chart, drawn by <see cref="ChartRenderer"/>.</summary>
public sealed record ChartBlock(ChartSpec Chart) : ReportBlock;

/// <summary>A table of already-formatted cells.</summary>
public sealed record TableBlock(ReportTable Table) : ReportBlock;

/// <summary>A list of short notes (e.g. models that could not be estimated and why).</summary>
public sealed record NoteListBlock(IReadOnlyList<string> Notes) : ReportBlock;

/// <summary>A titled section of a <see cref="SectionedReport"/>; <see cref="Id"/> is its HTML anchor.</summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// A report that is a sequence of sections of text, charts and tables (e.g. the population panel
/// report). Builders fill it from a result record; <see cref="SectionedHtmlReport"/> renders it.
/// </summary>
public sealed record SectionedReport(string Title, string Meta, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>A notice shown at the top (e.g. "simulated data").</summary>
    public string? Notice { get; init; }

    /// <summary>Small print at the end (e.g. how long the analysis took).</summary>
    public string? Footer { get; init; }
}

/// <summary>
/// Renders a <see cref="SectionedReport"/> as ONE self-contained HTML file with the same page style,
/// figure and table markup as <see cref="HtmlReport"/>: inline CSS and SVG, no scripts, nothing fetched.
/// </summary>
public static class SectionedHtmlReport
{
    public static string Render(SectionedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string E(string text) => HtmlReport.E(text);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.Append("<title>").Append(E(report.Title)).Append("</title>\n<style>").Append(HtmlReport.Css).Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<header><h1>").Append(E(report.Title)).Append("</h1>\n<p class=\"meta\">").Append(E(report.Meta)).Append("</p>\n");
        if (report.Notice is { } notice) h.Append("<p class=\"notice\">").Append(E(notice)).Append("</p>\n");
        h.Append("</header>\n");

        h.Append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        foreach (var s in report.Sections)
            h.Append("<li><a href=\"#").Append(E(s.Id)).Append("\">").Append(E(s.Heading)).Append("</a></li>\n");
        h.Append("</ol>\n</nav>\n");

        foreach (var s in report.Sections) Section(h, s);
        h.Append("<footer><p>Made with TwoWay. Charts are SVG with a text alternative; the tables list the same data.");
        if (report.Footer is { } footer) h.Append(' ').Append(E(footer));
        h.Append("</p></footer>\n</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>One section and its blocks; also used for the extra sections of a study report (<see cref="StudyReport.Sections"/>).</summary>
    internal static void Section(StringBuilder h, ReportSection s)
    {
        static string E(string text) => HtmlReport.E(text);
        h.Append("<section id=\"").Append(E(s.Id)).Append("\">\n<h2>").Append(E(s.Heading)).Append("</h2>\n");
        foreach (var block in s.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p: h.Append("<p>").Append(E(p.Text)).Append("</p>\n"); break;
                case SubheadingBlock sh: h.Append("<h3>").Append(E(sh.Text)).Append("</h3>\n"); break;
                case ChartBlock c: HtmlReport.Figure(h, c.Chart); break;
                case TableBlock t: HtmlReport.Table(h, t.Table); break;
                case NoteListBlock n:
                    h.Append("<ul class=\"notes\">");
                    foreach (var note in n.Notes) h.Append("<li>").Append(E(note)).Append("</li>");
                    h.Append("</ul>\n");
                    break;
                default: throw new ArgumentException($"No rendering for {block.GetType().Name}.", nameof(s));
            }
        }
        h.Append("</section>\n");
    }
}
