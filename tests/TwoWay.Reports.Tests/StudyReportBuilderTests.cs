using TwoWay.Cases;
using TwoWay.Domain;
using TwoWay.Reports.Html;

namespace TwoWay.Reports.Tests;

public class StudyReportBuilderTests
{
    private static StudyReport Build(Naming? naming = null, int year = 2024)
    {
        FirmCase[] cases = [Fixture.TwoWayFirm(), Fixture.DomesticFirm()];
        var profiles = cases.Select(c => CaseAnalysis.Analyze(c, year)).ToList();
        return StudyReportBuilder.Build("T", year, cases, profiles, CrossCase.Summarize(profiles), naming ?? Naming.AsIs(), "Fictional.");
    }

    [Fact]
    public void Shows_what_the_analysis_found_for_each_firm()
    {
        var report = Build();
        var a = report.Firms.Single(f => f.Case.Firm.Id == Fixture.A);
        Assert.Equal("inward-led", a.Trajectory);
        Assert.Equal("domestic", report.Firms.Single(f => f.Case.Firm.Id == Fixture.B).Trajectory);
        // Inward goods from Kessler (1996) → outward goods to Kessler (2003): same partner, lag 7.
        var same = a.Connections.Single(c => c.Kind == "same partner");
        Assert.Equal(("XX-01/1", "XX-01/3", 7.0), (same.From.Value, same.To.Value, same.LagYears));
        Assert.Equal(["inward", "outward"], a.Stages.Rows.Select(r => r[0]));
    }

    [Fact]
    public void The_matrix_has_one_row_per_firm_and_the_answer_names_the_cases()
    {
        var report = Build();
        Assert.Equal(["XX-01", "XX-02"], report.CrossCaseMatrix.Rows.Select(r => r[0]));
        Assert.Equal(report.CrossCaseMatrix.Columns.Count, report.CrossCaseMatrix.Rows[0].Count);
        var complementarity = report.AnswerGroups[0];
        Assert.Equal([Fixture.A], complementarity.Firms);
        Assert.Contains("XX-01", report.StudyAnswer);
    }

    [Fact]
    public void The_degree_chart_has_a_group_per_firm_with_inward_and_outward_values()
    {
        var chart = Build().StudyCharts.Single();
        Assert.Equal(["XX-01", "XX-02"], chart.Groups.Select(g => g.Label));
        Assert.All(chart.Groups, g => Assert.Equal(2, g.Values.Count));
        Assert.Equal([0.0, 0.0], chart.Groups[1].Values);
    }

    [Fact]
    public void Pseudonymized_sentences_carry_no_partner_name()
    {
        FirmCase[] cases = [Fixture.TwoWayFirm(), Fixture.DomesticFirm()];
        var report = Build(Naming.Pseudonymized(cases));
        var a = report.Firms.Single(f => f.Case.Firm.Id == Fixture.A);
        Assert.DoesNotContain("Kessler", a.TrajectoryReason + string.Join(" ", a.Connections.Select(c => c.Rule)));
        Assert.DoesNotContain("Alpha", string.Join(" ", report.CrossCaseMatrix.Rows.SelectMany(r => r)));
    }
}

public class CodedQuotationTests
{
    private static TwoWay.Qualitative.Quotation Quote(string text, string code) =>
        new(Guid.NewGuid(), Guid.NewGuid(), code, Guid.NewGuid(), "XX-01 round 1", "XX-01", 1, "Ana", "alice", 0, text.Length, text, null);

    [Fact]
    public void Each_claim_shows_the_coded_quotations_behind_it_and_the_page_renders_them()
    {
        FirmCase[] cases = [Fixture.TwoWayFirm(), Fixture.DomesticFirm()];
        var profiles = cases.Select(c => CaseAnalysis.Analyze(c, 2024)).ToList();
        QuotedEvidence[] evidence =
        [
            new(new OperationId("XX-01/1"), new OperationId("XX-01/3"), Quote("Kessler first sold to us, later bought from us.", "Connection kinds/Same partner")),
            new(new OperationId("XX-01/2"), new OperationId("XX-01/4"), Quote("The licence taught us the market.", "Mechanisms/Learning")),
            new(new OperationId("XX-01/2"), null, Quote("We licensed the Valvola range.", "Inward modes/Licensing-in")),
            new(new OperationId("ZZ-09/1"), null, Quote("Another firm.", "Inward modes/Imports")),
        ];
        var report = StudyReportBuilder.Build("T", 2024, cases, profiles, CrossCase.Summarize(profiles), Naming.AsIs(), null, evidence);
        var a = report.Firms.Single(f => f.Case.Firm.Id == Fixture.A);
        // Operations first, then connections; a connection the rules did not find is marked as such.
        Assert.Equal(3, a.Quotations.Count);
        Assert.StartsWith("Operation XX-01/2 inward", a.Quotations[0].Claim);
        Assert.StartsWith("Connection XX-01/1 inward", a.Quotations[1].Claim);
        Assert.EndsWith(", same partner", a.Quotations[1].Claim);
        Assert.EndsWith("(not found by the rules)", a.Quotations[2].Claim);
        Assert.Equal("Ana, interview round 1, XX-01 round 1, code Mechanisms/Learning, coded by alice", a.Quotations[2].Source);
        Assert.Empty(report.Firms.Single(f => f.Case.Firm.Id == Fixture.B).Quotations);

        var html = HtmlReport.Render(report, Naming.AsIs());
        Assert.Contains("“Kessler first sold to us, later bought from us.”", html);
        Assert.DoesNotContain("Another firm.", html);
    }
}
