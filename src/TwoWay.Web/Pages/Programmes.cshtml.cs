using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Policy;
using TwoWay.Input;
using TwoWay.Reports.Html;
using TwoWay.Web.Hosting;

namespace TwoWay.Web.Pages;

/// <summary>
/// A programme catalogue (uploaded as CSV, TSV or XLSX) against the study's firms: the portfolio
/// (export-only share, direction × instrument, barriers) and its coverage of the firms' stages and
/// trajectories, as <c>twoway policy portfolio</c> and <c>policy coverage --study</c> compute them.
/// The upload is read from a temporary copy, removed afterwards; nothing is stored in the study.
/// </summary>
[TwoWay.Web.Security.ChangesNothing]
public sealed class ProgrammesModel(WorkbenchContext wb) : PageModel
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".xlsx"];

    public string? Catalogue { get; private set; }
    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? catalogue, CancellationToken ct)
    {
        if (catalogue is null || catalogue.Length == 0) { Problems = ["choose a catalogue file (.csv, .tsv or .xlsx)"]; return Page(); }
        var name = Path.GetFileName(catalogue.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension)) { Problems = [$"{name}: a catalogue is a .csv, .tsv or .xlsx file"]; return Page(); }
        var folder = Directory.CreateTempSubdirectory("twoway-catalogue-");
        try
        {
            // Kept under its own name, so every error names the file the user chose.
            var file = Path.Combine(folder.FullName, name);
            await using (var copy = System.IO.File.Create(file)) await catalogue.CopyToAsync(copy, ct);
            var policy = new PolicyService();
            var portfolio = await policy.PortfolioAsync(new PortfolioRequest(file), ct);
            var coverage = await policy.CoverageAsync(new CoverageRequest(file, new CoveragePopulation.StudyFirms(wb.Study)), ct);
            Catalogue = name;
            Sections = [PolicyReportBuilder.Portfolio(portfolio.Result, name), PolicyReportBuilder.Coverage(coverage.Result)];
        }
        catch (InputException e)
        {
            Problems = e.Errors.Select(x => x.ToString()).ToList();
        }
        finally { folder.Delete(recursive: true); }
        return Page();
    }
}
