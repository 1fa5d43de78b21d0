using System.Globalization;
using System.Net;
using System.Text;
using TwoWay.Qualitative;

namespace TwoWay.Reports.Html;

/// <summary>
/// The quotations of a code as one self-contained HTML page (no scripts, system fonts), grouped by
/// case then transcript: what a researcher pastes into a case write-up. Renders the retrieval
/// result as it is; computes nothing.
/// </summary>
public static class QuotationsPage
{
    public static string Render(QuotationList list, string? notice = null)
    {
        var h = new StringBuilder();
        var title = "Quotations: " + list.CodePath + (list.IncludesSubcodes ? " (with subcodes)" : "");
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
         .Append(Css).Append("</style></head>\n<body><main>\n<h1>").Append(E(title)).Append("</h1>\n");
        var filters = new[]
        {
            list.Filter.Case is { } c ? "case " + c.Value : null,
            list.Filter.Round is { } r ? "round " + r.ToString(CultureInfo.InvariantCulture) : null,
            list.Filter.Coder is { } k ? "coder " + k : null,
        }.Where(x => x is not null);
        h.Append("<p class=\"meta\">").Append(list.Quotations.Count.ToString(CultureInfo.InvariantCulture)).Append(" quotations")
         .Append(E(filters.Any() ? "; " + string.Join(", ", filters) : "")).Append("</p>\n");
        if (notice is not null) h.Append("<p class=\"notice\">").Append(E(notice)).Append("</p>\n");
        foreach (var byCase in list.Quotations.GroupBy(q => q.Case ?? CodeCaseMatrix.NoCase))
        {
            h.Append("<h2>").Append(E(byCase.Key)).Append("</h2>\n");
            foreach (var q in byCase)
            {
                var cite = string.Join(", ", new[]
                {
                    q.Respondent, q.Round is { } n ? "round " + n.ToString(CultureInfo.InvariantCulture) : null, q.SourceName,
                    $"{q.Start}–{q.End}", list.IncludesSubcodes ? q.CodePath : null, "coded by " + q.Coder,
                }.Where(x => x is not null));
                h.Append("<blockquote><p>“").Append(E(q.Text)).Append("”</p><cite>").Append(E(cite)).Append("</cite>");
                if (q.Memo is not null) h.Append("<p class=\"memo\">Memo: ").Append(E(q.Memo)).Append("</p>");
                h.Append("</blockquote>\n");
            }
        }
        h.Append("</main></body></html>\n");
        return h.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body { margin:0; background:#fbfbfc; color:#1d2330; font:16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        main { max-width: 900px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h2 { border-bottom: 2px solid #d7dce3; margin-top: 2rem; }
        .meta, cite, .memo { color:#5b6473; }
        .notice { background:#fff4d6; border-left:4px solid #e0a800; padding:.6rem .9rem; }
        blockquote { margin:.6rem 0; padding:.4rem 1rem; border-left:4px solid #7a5195; background:#fff; page-break-inside: avoid; }
        blockquote p { margin:.2rem 0; font-style: italic; }
        .memo { font-style: normal; font-size: .9em; }
        """;
}
