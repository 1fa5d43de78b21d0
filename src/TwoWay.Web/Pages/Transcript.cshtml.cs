using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TwoWay.Web.Hosting;
using TwoWay.Application.Interviews;
using TwoWay.Qualitative;

namespace TwoWay.Web.Pages;

/// <summary>
/// The coding screen: the transcript with its codings highlighted, the codes to apply, and the
/// margin of codings. With <c>mine</c> (blind mode) only the signed-in coder's codings leave the
/// server; with <c>coder</c> only that coder's are shown.
/// </summary>
public sealed class TranscriptModel(InterviewWorkbench workbench, TwoWay.Web.Security.StudyAccess access) : PageModel
{
    public TranscriptView View { get; private set; } = null!;
    public CodeList Codes { get; private set; } = null!;
    public IReadOnlyList<MemoRow> Memos { get; private set; } = [];
    public bool Mine { get; private set; }
    public string? Coder { get; private set; }
    public IReadOnlyList<string> AllCoders { get; private set; } = [];

    /// <summary>Blind coding on the team server: this coder sees only their own codings, whatever the form asks.</summary>
    public bool Blind => access.SeesOnlyOwn;

    /// <summary>Whether this person may code here (a viewer reads only).</summary>
    public bool CanCode => access.CanCode;

    public async Task OnGetAsync(string id, bool mine, string? coder, CancellationToken ct)
    {
        mine |= access.SeesOnlyOwn;
        Mine = mine;
        Coder = mine ? User.Identity!.Name : string.IsNullOrEmpty(coder) ? null : coder;
        var all = await workbench.TranscriptAsync(new TranscriptRequest(id), ct);
        AllCoders = mine ? [User.Identity!.Name!] : all.Coders;
        View = Coder is null ? all : await workbench.TranscriptAsync(new TranscriptRequest(id, Coder), ct);
        Codes = await workbench.ListCodesAsync(ct);
        Memos = (await workbench.ListMemosAsync(ct)).Memos.Where(m => m.Target == MemoTarget.Source && m.TargetId == View.Source.SourceId.ToString()).ToList();
    }

    /// <summary>
    /// The pieces a segment is drawn as. The HTML parser turns every CR and CRLF into LF, so each is
    /// drawn as its own piece that records its stored length: offsets in the page then map exactly
    /// to offsets in the stored text.
    /// </summary>
    public static IEnumerable<(int Start, string Shown, string? Raw)> Pieces(string text, CodedSegment segment)
    {
        var i = segment.Start;
        var run = i;
        while (i < segment.End)
        {
            if (text[i] != '\r') { i++; continue; }
            if (i > run) yield return (run, text[run..i], null);
            var crlf = i + 1 < segment.End && text[i + 1] == '\n';
            yield return (i, "\n", crlf ? "crlf" : "cr");
            i += crlf ? 2 : 1;
            run = i;
        }
        if (segment.End > run) yield return (run, text[run..segment.End], null);
    }

    // Letters of every script stay as they are (smaller pages); markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The key of a coding on the page (48 bits of its GUID): what <c>data-c</c> lists and <c>data-k</c> names.</summary>
    public static string KeyOf(Guid codingId) => codingId.ToString("N")[..12];

    /// <summary>
    /// The transcript's text in [<paramref name="from"/>, <paramref name="to"/>) as spans, one per piece
    /// of a segment: <c>data-s</c> is the piece's stored offset, <c>data-c</c> the keys of the codings
    /// over it, the class the colour of the innermost coding's code (<c>n2</c> when codings overlap),
    /// <c>data-raw</c> the stored form of a line break. Written without any whitespace between spans:
    /// the page's offsets are the stored text's. Every piece of text is HTML-encoded. The script asks
    /// for a region again after a change (<c>/api/transcripts/ID/region</c>) and swaps only that region.
    /// </summary>
    public static IHtmlContent TextHtml(TranscriptView view, int from, int to)
    {
        var codeOf = view.Codings.ToDictionary(c => c.CodingId, c => c.CodeId);
        var html = new StringBuilder((to - from) * 2 + 64);
        using var writer = new StringWriter(html);
        foreach (var whole in view.Segments)
        {
            if (whole.End <= from) continue;
            if (whole.Start >= to) break;
            var seg = whole with { Start = Math.Max(whole.Start, from), End = Math.Min(whole.End, to) };
            var ids = seg.Codings;
            var cls = ids.Count == 0 ? null : CodeColours.ClassOf(codeOf[ids[^1]]) + (ids.Count > 1 ? " n2" : "");
            var data = ids.Count == 0 ? null : string.Join(' ', ids.Select(KeyOf));
            foreach (var p in Pieces(view.Text, seg))
            {
                html.Append("<span");
                if (cls is not null) html.Append(" class=\"").Append(cls).Append('"');
                html.Append(" data-s=\"").Append(p.Start.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (p.Raw is not null) html.Append(" data-raw=\"").Append(p.Raw).Append('"');
                if (data is not null) html.Append(" data-c=\"").Append(data).Append('"');
                html.Append('>');
                Encoder.Encode(writer, p.Shown);
                html.Append("</span>");
            }
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>The margin's entries for <paramref name="codings"/>: code, coder, position, the start of the quotation, the memo.</summary>
    public static IHtmlContent MarginHtml(IEnumerable<TranscriptCoding> codings)
    {
        var html = new StringBuilder();
        using var w = new StringWriter(html);
        void Text(string s) => Encoder.Encode(w, s);
        foreach (var c in codings)
        {
            html.Append("<li id=\"c-").Append(c.CodingId).Append("\" class=\"mark\" data-k=\"").Append(KeyOf(c.CodingId))
                .Append("\" data-version=\"").Append(c.Version.ToString(CultureInfo.InvariantCulture))
                .Append("\" data-start=\"").Append(c.Start.ToString(CultureInfo.InvariantCulture))
                .Append("\" data-end=\"").Append(c.End.ToString(CultureInfo.InvariantCulture))
                .Append("\" data-code=\"").Append(c.CodeId).Append('"');
            if (c.Memo is { } m) { html.Append(" data-memo=\""); Text(m); html.Append('"'); }
            html.Append("><p><span class=\"swatch ").Append(CodeColours.ClassOf(c.CodeId)).Append("\" aria-hidden=\"true\"></span> ")
                .Append("<button type=\"button\" class=\"link\" data-action=\"go\" aria-expanded=\"false\">");
            Text(c.CodePath);
            html.Append("</button> <span class=\"by\">");
            Text(c.Coder);
            html.Append("</span> <span class=\"pos\">").Append(c.Start.ToString(CultureInfo.InvariantCulture)).Append('–')
                .Append(c.End.ToString(CultureInfo.InvariantCulture)).Append("</span></p><blockquote dir=\"auto\">");
            Text(c.Text.Length > 90 ? c.Text[..80] + "…" : c.Text);
            html.Append("</blockquote>");
            if (c.Memo is { } memo) { html.Append("<p class=\"memo\" dir=\"auto\">Memo: "); Text(memo); html.Append("</p>"); }
            html.Append("</li>");
        }
        return new HtmlString(html.ToString());
    }
}
