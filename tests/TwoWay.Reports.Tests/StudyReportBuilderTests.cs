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
