using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;

namespace TwoWay.Web.Pages;

/// <summary>The code × case matrix (with quotations: the framework matrix) and code co-occurrence, by round and coder.</summary>
public sealed class MatrixModel(InterviewWorkbench workbench, TwoWay.Web.Security.StudyAccess access) : PageModel
{
    public CodeCaseMatrixResult Matrix { get; private set; } = null!;
    public CoOccurrenceResult CoOccurrence { get; private set; } = null!;
    public CoderList Coders { get; private set; } = null!;
    public bool Quotes { get; private set; }
    public bool AllCodes { get; private set; }
    public int? Round { get; private set; }
    public string? Coder { get; private set; }

    public async Task OnGetAsync(int? round, string? coder, bool quotes, bool all, CancellationToken ct)
    {
        // Blind coding: a coder's matrices count only their own codings.
        if (access.SeesOnlyOwn) coder = access.Name;
        (Round, Coder, Quotes, AllCodes) = (round, string.IsNullOrEmpty(coder) ? null : coder, quotes, all);
        Coders = await workbench.CodersAsync(ct);
        if (access.SeesOnlyOwn) Coders = Coders with { Coders = Coders.Coders.Where(c => c.Coder == access.Name).ToList() };
        Matrix = await workbench.MatrixAsync(new MatrixRequest(Round, Quotes, Coder), ct);
        CoOccurrence = await workbench.CoOccurrenceAsync(new CoOccurrenceRequest(Round, Coder), ct);
    }

    /// <summary>The rows shown: empty rows are hidden unless all codes are asked for.</summary>
    public IEnumerable<MatrixRow> Rows => AllCodes ? Matrix.Rows : Matrix.Rows.Where(r => r.Total > 0);
}
