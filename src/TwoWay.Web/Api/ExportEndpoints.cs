using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwoWay.Application.Cases;
using TwoWay.Application.Interviews;
using TwoWay.Application.Reports;
using Microsoft.Extensions.DependencyInjection;
using TwoWay.Application.Team;
using TwoWay.Web.Hosting;
using TwoWay.Web.Security;

namespace TwoWay.Web.Api;

/// <summary>Downloads: the HTML report and the cases workbook (each optionally with pseudonyms), the quotations workbook, the REFI-QDA project and codebook.</summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/export").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var access = http.RequestServices.GetRequiredService<StudyAccess>();
            // Blind coding: every export but the codebook holds other coders' codings.
            if (access.SeesOnlyOwn && !http.Request.Path.StartsWithSegments("/export/codebook.qdc"))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Exports are closed while coding is blind; the owner opens them with the comparison.");
            var result = await next(context);
            if (access.Team)
                await http.RequestServices.GetRequiredService<TeamActivity>().AuditAsync(access.Name, "export",
                    http.Request.Path.Value + http.Request.QueryString.Value, http.Connection.RemoteIpAddress?.ToString());
            return result;
        });
        exports.MapGet("/export/report.html", async (bool? pseudonyms, ReportService reports, WorkbenchContext wb, CancellationToken ct) =>
        {
            var report = await reports.BuildAsync(new ReportRequest(Pseudonymize: pseudonyms == true), ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(report.Html), "text/html; charset=utf-8", FileName(wb, "report.html"));
        });
        exports.MapGet("/cases.xlsx", (bool? pseudonyms, StudyService study, WorkbenchContext wb, CancellationToken ct) =>
            Written(ct, FileName(wb, pseudonyms == true ? "cases-pseudonyms.xlsx" : "cases.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (file, c) => study.ExportAsync(new ExportRequest(file, Force: true, Pseudonymize: pseudonyms == true), c)));
        exports.MapGet("/quotations.xlsx", (InterviewWorkbench w, WorkbenchContext wb, CancellationToken ct) =>
            Written(ct, FileName(wb, "quotations.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (file, c) => w.QuotesAsync(new QuotesRequest(null, Xlsx: file, Force: true), c)));
        exports.MapGet("/study.qdpx", (InterviewWorkbench w, WorkbenchContext wb, CancellationToken ct) =>
            Written(ct, FileName(wb, "qdpx"), "application/zip", (file, c) => w.ExportQdpxAsync(new RefiExportRequest(file, Force: true), c)));
        exports.MapGet("/codebook.qdc", (InterviewWorkbench w, WorkbenchContext wb, CancellationToken ct) =>
            Written(ct, FileName(wb, "qdc"), "application/xml", (file, c) => w.ExportQdcAsync(new RefiExportRequest(file, Force: true), c)));
    }

    private static string FileName(WorkbenchContext wb, string extension) =>
        Path.GetFileNameWithoutExtension(wb.StudyName) + (extension.Contains('.') ? "-" + extension : "." + extension);

    // The exporters write files (as the CLI's do); the download is that file, removed afterwards.
    private static async Task<IResult> Written(CancellationToken ct, string name, string type, Func<string, CancellationToken, Task> export)
    {
        var folder = Directory.CreateTempSubdirectory("twoway-export-");
        try
        {
            var file = Path.Combine(folder.FullName, name);
            await export(file, ct);
            return Results.File(await File.ReadAllBytesAsync(file, ct), type, name);
        }
        finally { folder.Delete(recursive: true); }
    }
}
