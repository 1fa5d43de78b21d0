using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;

namespace TwoWay.Web.Pages;

/// <summary>
/// Inter-coder agreement of the coders chosen: two coders give percent agreement, Cohen's κ and
/// Krippendorff's α per code (NVivo's character-by-character comparison); three or more give
/// Fleiss' κ and α per code. With guide lines for reading them.
/// </summary>
public sealed class AgreementModel(InterviewWorkbench workbench, TwoWay.Web.Security.StudyAccess access) : PageModel
{
    /// <summary>How many stretches where two coders differ the page lists (the JSON has all).</summary>
    public const int MaxDisagreements = 300;

    public CoderList Coders { get; private set; } = null!;
    public IReadOnlyList<string> Chosen { get; private set; } = [];
    public AgreementResult? Pair { get; private set; }
    public TeamAgreementResult? Team { get; private set; }

    /// <summary>Blind coding and the comparison not yet opened: the page shows nothing of the others' work.</summary>
    public bool Closed => access.SeesOnlyOwn;

    public async Task OnGetAsync(string[]? coder, CancellationToken ct)
    {
        if (Closed) { Coders = new CoderList([]); return; }
        Coders = await workbench.CodersAsync(ct);
        var known = Coders.Coders.Select(c => c.Coder).ToList();
        Chosen = coder is { Length: > 0 } ? coder.Where(known.Contains).Distinct().ToList() : known;
        if (Chosen.Count == 2) Pair = await workbench.AgreementAsync(new AgreementRequest(Chosen[0], Chosen[1]), ct);
        else if (Chosen.Count > 2) Team = await workbench.TeamAgreementAsync(Chosen, ct);
    }

    public static string F(double? v, string format = "0.00") =>
        v is { } x && !double.IsNaN(x) ? x.ToString(format, System.Globalization.CultureInfo.InvariantCulture).Replace('-', '−') : "–";

    /// <summary>A bootstrap interval as "0.61–0.78", or "–" when there is none (fewer than two transcripts).</summary>
    public static string Interval(TwoWay.Qualitative.BootstrapInterval? ci) =>
        ci is null ? "–" : $"{F(ci.Lower, "0.00")}–{F(ci.Upper, "0.00")}";
}
