using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoWay.Reports.Html;

namespace TwoWay.Reports.Tests;

public class HtmlReportTests
{
    private static readonly string Html = HtmlReport.Render(Fixture.Study(), Naming.AsIs());

    internal static IReadOnlyList<string> Svgs(string html) =>
        Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToArray();

    [Fact]
    public void Every_chart_is_well_formed_svg_with_a_title_and_description()
    {
        var svgs = Svgs(Html);
        Assert.Equal(2, svgs.Count); // one timeline (the domestic firm has none) + one study chart
        foreach (var svg in svgs)
        {
            var root = XElement.Parse(svg);
            Assert.Equal("svg", root.Name.LocalName);
            Assert.NotEmpty(root.Elements().Where(e => e.Name.LocalName == "title").Select(e => e.Value).Single());
            Assert.NotEmpty(root.Elements().Where(e => e.Name.LocalName == "desc").Select(e => e.Value).Single());
        }
    }

    [Fact]
    public void The_report_is_well_formed_apart_from_the_doctype()
    {
        // The HTML is written as XHTML-compatible markup, so an XML parser reads it whole.
        var doc = XDocument.Parse(Html.Replace("<!DOCTYPE html>", ""));
        Assert.Equal("html", doc.Root!.Name.LocalName);
    }

    [Fact]
    public void The_report_references_no_external_resource()
    {
        Assert.Empty(ExternalResources(Html));
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", Html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>src/href/url()/@import that leave the file; plain text and XML namespaces are fine.</summary>
    internal static IReadOnlyList<string> ExternalResources(string html) =>
        Regex.Matches(html, "(?:src|href|xlink:href)\\s*=\\s*[\"']?\\s*(?!#)[^\"'>\\s]+|url\\(\\s*[\"']?(?![#\"'])[^)]*\\)|@import",
                RegexOptions.IgnoreCase)
            .Select(m => m.Value).ToArray();

    [Fact]
    public void The_external_resource_check_catches_what_it_should()
    {
        Assert.NotEmpty(ExternalResources("<img src=\"https://x.org/a.png\">"));
        Assert.NotEmpty(ExternalResources("<style>body{background:url(http://x/y)}</style>"));
        Assert.Empty(ExternalResources("<a href=\"#firm-x\">x</a> <svg xmlns=\"http://www.w3.org/2000/svg\"><g clip-path=\"url(#c1)\"/><g clip-path=\"url('#c2')\"/></svg>"));
    }

    [Fact]
    public void Every_firm_has_a_section_and_a_contents_entry()
    {
        foreach (var id in new[] { Fixture.A, Fixture.B })
        {
            Assert.Contains($"<section class=\"firm\" id=\"{HtmlReport.Anchor(id)}\">", Html);
            Assert.Contains($"<a href=\"#{HtmlReport.Anchor(id)}\">", Html);
        }
    }

    [Fact]
    public void Names_are_escaped()
    {
        Assert.Contains("Alpha &lt;Valves&gt; &amp; Co", Html);
        Assert.DoesNotContain("Alpha <Valves>", Html);
    }

    [Fact]
    public void Trajectory_connections_and_quotations_are_shown()
    {
        Assert.Contains("Trajectory: inward-led", Html);
        Assert.Contains("same named partner", Html);
        Assert.Contains("We imported first.", Html);
        Assert.Contains("1 of 2 cases show complementarity.", Html);
    }

    [Fact]
    public void Pseudonymized_report_hides_firm_and_partner_names()
    {
        var study = Fixture.Study();
        var html = HtmlReport.Render(study, Naming.Pseudonymized(study.Firms.Select(f => f.Case)));
        Assert.DoesNotContain("Alpha", html);
        Assert.DoesNotContain("Beta Bakery", html);
        Assert.DoesNotContain("Kessler", html.Replace("Then Kessler bought from us.", "")); // quotations are the researcher's to redact
        Assert.Contains("Firm A", html);
        Assert.Contains("Partner 1", html);
    }
}
