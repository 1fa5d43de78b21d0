using TwoWay.Reports.Charts;

namespace TwoWay.Web.Api;

/// <summary>
/// A chart of a page drawn by THE renderer and embedded as an SVG image (a data: URL in an img).
/// An SVG shown as an image runs no script and loads nothing, so the page's CSP only needs
/// <c>img-src data:</c>; charts of the study itself are served at their own URLs instead.
/// </summary>
public static class ChartImages
{
    public static string DataUri(ChartSpec chart) =>
        "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ChartRenderer.ToSvg(chart)));
}
