using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwoWay.Application.Reports;
using TwoWay.Reports.Charts;
using TwoWay.Reports.Html;

namespace TwoWay.Web.Api;

/// <summary>
/// Charts as SVG images, drawn by the report's one renderer. Served as images (not inlined) so the
/// page's Content-Security-Policy needs no inline styles; the page gives each its text alternative.
/// </summary>
internal static class ChartEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/firms/{id}/timeline.svg", async (string id, int? year, bool? pseudonyms, ReportService reports, CancellationToken ct) =>
        {
            var view = await reports.ViewAsync(new ReportRequest(Year: year, Pseudonymize: pseudonyms == true), ct);
            var firm = view.Report.Firms.FirstOrDefault(f => f.Case.Firm.Id.Value == id);
            if (firm is null || firm.Case.Operations.Length == 0) return Results.NotFound();
            var svg = ChartRenderer.ToSvg(CaseTimeline.Build(firm.Case, view.Report.AsOfYear, firm.Connections, view.Naming));
            return Results.Text(svg, "image/svg+xml; charset=utf-8");
        });
    }
}
