using System.Globalization;
using System.Text;
using TwoWay.Application.Interviews;

namespace TwoWay.Web.Hosting;

/// <summary>
/// One colour per code: the code's own colour, else one of a palette chosen by its place in the
/// codebook. Served as a stylesheet (classes <c>k-GUID</c> setting <c>--c</c>) because the page's
/// Content-Security-Policy forbids inline styles.
/// </summary>
internal static class CodeColours
{
    // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), lightened use in CSS.
    private static readonly string[] Palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];

    // 48 bits of the GUID: unique within any real codebook, and short on a page with thousands of pieces.
    public static string ClassOf(Guid codeId) => "k" + codeId.ToString("N")[..12];

    public static string Stylesheet(CodeList codes)
    {
        var css = new StringBuilder("/* code colours, generated */\n");
        var i = 0;
        foreach (var c in codes.Codes)
        {
            var colour = c.Colour ?? Palette[i++ % Palette.Length];
            if (!IsHex(colour)) colour = "#999999";
            css.Append('.').Append(ClassOf(c.CodeId)).Append("{--c:").Append(colour).Append("}\n");
        }
        return css.ToString();
    }

    private static bool IsHex(string s) =>
        s.Length == 7 && s[0] == '#' && int.TryParse(s.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}
