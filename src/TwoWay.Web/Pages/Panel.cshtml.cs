using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Panels;
using TwoWay.Input;
using TwoWay.Panels;
using TwoWay.Reports.Html;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Pages;

/// <summary>
/// A firm-year trade panel (CSV or Parquet) uploaded and analysed as <c>twoway panel analyze</c>
/// does it (the same engine and report builder): entry and exit, the inward→outward models, the
/// Kaplan–Meier curves. The upload is written to a temporary file as it arrives (ASP.NET Core
/// buffers a large form to disk, never to memory), limited to <see cref="WorkbenchServer.MaxPanelUploadBytes"/>,
/// and deleted once the report is drawn; nothing is stored in the study.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = WorkbenchServer.MaxPanelUploadBytes)]
[TwoWay.Web.Security.ChangesNothing]
public sealed class PanelModel : PageModel
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".parquet"];

    public string? Panel { get; private set; }
    public SectionedReport? Report { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public string FirmColumn { get; set; } = "firm_id";
    [BindProperty] public string YearColumn { get; set; } = "year";
    [BindProperty] public string ImportColumn { get; set; } = "import_value";
    [BindProperty] public string ExportColumn { get; set; } = "export_value";
    [BindProperty] public string? Covariates { get; set; }

    /// <summary>Disclosure control, as <c>--min-cell</c>: empty for none.</summary>
    [BindProperty] public int? MinCell { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? panel, CancellationToken ct)
    {
        if (panel is null || panel.Length == 0) { Problems = ["choose a panel file (.csv, .tsv or .parquet)"]; return Page(); }
        var name = Path.GetFileName(panel.FileName);
        if (!Extensions.Contains(Path.GetExtension(name).ToLowerInvariant())) { Problems = [$"{name}: a panel is a .csv, .tsv or .parquet file"]; return Page(); }
        var folder = Directory.CreateTempSubdirectory("twoway-panel-");
        try
        {
            // Kept under its own name, so every error names the file the user chose.
            var file = Path.Combine(folder.FullName, name);
            await using (var copy = System.IO.File.Create(file)) await panel.CopyToAsync(copy, ct);
            var input = new PanelInput(file)
            {
                FirmColumn = FirmColumn.Trim(), YearColumn = YearColumn.Trim(), ImportColumn = ImportColumn.Trim(), ExportColumn = ExportColumn.Trim(),
                Covariates = (Covariates ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            };
            var outcome = await PanelService.AnalyzeAsync(new PanelAnalysisRequest(input) { MinCell = MinCell }, cancellationToken: ct);
            Panel = name;
            // The report names the file the user chose, never the server's temporary copy.
            Report = PanelReportBuilder.Build(outcome.Analysis with { Source = name }, "Panel analysis: " + name);
        }
        catch (InputException e)
        {
            Problems = e.Errors.Select(x => x.ToString().Replace(folder.FullName + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)).ToList();
        }
        finally { folder.Delete(recursive: true); }
        return Page();
    }
}
