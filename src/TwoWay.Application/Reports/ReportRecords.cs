using TwoWay.Application.Cases;

namespace TwoWay.Application.Reports;

/// <summary>`twoway report`: what the study report shows.</summary>
/// <param name="Title">The report's title (null: "Study NAME" after the study file's name).</param>
/// <param name="Year">The as-of year (null: the study's default, <see cref="AsOf.Of"/>).</param>
/// <param name="Pseudonymize">Replace firm and partner names by "Firm A", "Partner 1" (quotations stay as stored).</param>
/// <param name="Catalogue">A programme catalogue file: adds its portfolio and its coverage of the study's firms.</param>
public sealed record ReportRequest(string? Title = null, int? Year = null, bool Pseudonymize = false, string? Catalogue = null);

/// <summary>The rendered study report and what it covers; the caller writes <see cref="Html"/> where it wants it.</summary>
/// <param name="Html">The whole self-contained HTML document.</param>
/// <param name="Analysis">The analysis the report shows.</param>
public sealed record StudyReportResult(string Html, StudyAnalysis Analysis)
{
    /// <summary>The as-of year of every case in the report.</summary>
    public int AsOfYear => Analysis.AsOfYear;

    /// <summary>The number of cases in the report.</summary>
    public int Firms => Analysis.Firms.Count;
}

/// <summary>The `twoway report --json` document: the report's absolute path, the as-of year, the number of cases.</summary>
public sealed record ReportWritten(string Report, int AsOfYear, int Firms);

/// <summary>
/// The study laid out as the report shows it (<see cref="TwoWay.Reports.Html.StudyReport"/>: per-firm tables, connections
/// with their status, linked quotations; the cross-case matrix and answer), the analysis behind it,
/// and the naming (real names or pseudonyms) every view of it must use.
/// </summary>
public sealed record StudyView(TwoWay.Reports.Html.StudyReport Report, TwoWay.Application.Cases.StudyAnalysis Analysis, TwoWay.Reports.Html.Naming Naming);
