using TwoWay.Domain;
using TwoWay.Reports.Charts;

namespace TwoWay.Reports.Html;

/// <summary>A table as the report shows it: already-formatted cells, a caption, column headers.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>An inward–outward connection as the report shows it (drawn as an arrow on the timeline).</summary>
public sealed record ReportConnection(OperationId From, OperationId To, string Kind, double LagYears, string Rule)
{
    /// <summary>How well the connection stands (triangulated, rules only, interview only, contested…); null when interviews were not weighed.</summary>
    public string? Status { get; init; }
}

/// <summary>
/// A coded interview quotation attached as evidence to a claim of the case model: the operation
/// <see cref="From"/>, or (with <see cref="To"/>) the inward–outward connection From → To.
/// </summary>
public sealed record QuotedEvidence(OperationId From, OperationId? To, TwoWay.Qualitative.Quotation Quotation);

/// <summary>A quotation as the report shows it: the claim it supports and where it comes from.</summary>
public sealed record ClaimQuotation(string Claim, string Text, string Source)
{
    /// <summary>Where the quotation stands in its transcript, for a link to its place (null when not known).</summary>
    public QuotationPlace? Place { get; init; }
}

/// <summary>A coding's place: the transcript, the coding and its span (UTF-16 units).</summary>
public sealed record QuotationPlace(Guid SourceId, Guid CodingId, int Start, int End);

/// <summary>Everything the report shows for one firm. Built from the case analysis by a mapper; rendering adds nothing.</summary>
public sealed record FirmReport(
    FirmCase Case,
    string Trajectory,
    string TrajectoryReason,
    IReadOnlyList<string> Flags,
    ReportTable Stages,
    ReportTable Degrees,
    IReadOnlyList<ReportConnection> Connections)
{
    /// <summary>Coded quotations linked to this firm's operations and connections, claim by claim.</summary>
    public IReadOnlyList<ClaimQuotation> Quotations { get; init; } = [];
}

/// <summary>One answer of the study (e.g. "complementarity") with the cases behind it.</summary>
public sealed record AnswerGroup(string Answer, string Explanation, IReadOnlyList<FirmId> Firms);

/// <summary>The whole study as the HTML report renders it.</summary>
public sealed record StudyReport(
    string Title,
    int AsOfYear,
    IReadOnlyList<FirmReport> Firms,
    ReportTable CrossCaseMatrix,
    string StudyAnswer,
    IReadOnlyList<AnswerGroup> AnswerGroups,
    IReadOnlyList<BarChart> StudyCharts)
{
    /// <summary>A notice shown at the top (e.g. "All data in this study are fictional").</summary>
    public string? Notice { get; init; }

    /// <summary>Further sections after the cross-case comparison (e.g. the policy lens: portfolio, coverage, self-assessments).</summary>
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
}
