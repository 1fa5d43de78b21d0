using TwoWay.Reports.Html;

namespace TwoWay.Web.Pages;

/// <summary>A report table on a page: the table, an optional link for its first column, a CSS class.</summary>
public sealed record TableView(ReportTable Table, Func<string, string>? Link = null, string? Css = null);
