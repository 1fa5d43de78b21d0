using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>One part of a <see cref="ReportSection"/>: a heading, short paragraphs, an optional chart and the table holding its data.</summary>
public sealed record ReportPart(string Heading, IReadOnlyList<string> Paragraphs, ChartSpec? Chart, ReportTable? Table);

/// <summary>
/// A report section beyond the case studies (the policy lens, the self-assessment): findings
/// first, then parts. Built from result records by a builder; the renderer only lays it out, so
/// the same section can go into a study report or stand alone (<see cref="HtmlReport.Render(string, string?, IReadOnlyList{ReportSection})"/>).
/// </summary>
/// <param name="Id">The HTML id (anchor) of the section.</param>
/// <param name="Title">The section heading, also its entry in the contents.</param>
/// <param name="Findings">The headline statements, shown as a list under the title.</param>
/// <param name="Parts">Chart-and-table parts, in order.</param>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<string> Findings, IReadOnlyList<ReportPart> Parts);
