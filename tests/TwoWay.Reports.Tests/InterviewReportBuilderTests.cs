using TwoWay.Domain;
using TwoWay.Qualitative;
using TwoWay.Reports.Html;

namespace TwoWay.Reports.Tests;

public class InterviewReportBuilderTests
{
    private static readonly Guid Learning = new("00000000-0000-4000-8000-000000000001");
    private static readonly Guid Trust = new("00000000-0000-4000-8000-000000000002");

    // Two 100-character transcripts of two cases. In the first, coder "ana" codes Learning on
    // characters 0–30 and "ben" on 10–30; in the second only "ana" codes Trust on 50–60.
    private static QualitativeProject Project(bool secondCoder = true)
    {
        var book = Codebook.Of([new Code(Learning, "Learning", "Knowledge from partners.", null), new Code(Trust, "Trust", null, null)]);
        var text = new string('x', 100);
        Source S(int n, string firm, int round) => new(new Guid($"00000000-0000-4000-8000-0000000001{n:D2}"), $"{firm} round {round}", text, new FirmId(firm), null, round);
        var (s1, s2) = (S(1, "RS-01", 1), S(2, "PL-01", 2));
        var codings = new List<Coding>
        {
            new(Guid.NewGuid(), s1.Id, Learning, new TextSpan(0, 30), "ana"),
            new(Guid.NewGuid(), s2.Id, Trust, new TextSpan(50, 60), "ana"),
        };
        if (secondCoder) codings.Add(new(Guid.NewGuid(), s1.Id, Learning, new TextSpan(10, 30), "ben"));
        return QualitativeProject.Create("T", [s1, s2], book, codings, []);
    }

    private static IEnumerable<string> Notes(ReportSection s) => s.Blocks.OfType<NoteListBlock>().SelectMany(b => b.Notes);
    private static ReportTable Table(ReportSection s, string caption) => s.Blocks.OfType<TableBlock>().Single(b => b.Table.Caption.StartsWith(caption, StringComparison.Ordinal)).Table;

    [Fact]
    public void Counts_transcripts_and_codings_per_code_and_case()
    {
        var section = InterviewReportBuilder.Build(Project())!;
        Assert.Contains("2 transcripts (round 1: 1, round 2: 1) from 2 cases.", Notes(section));
        Assert.Contains("3 codings with 2 codes by ana (2), ben (1).", Notes(section));
        var matrix = Table(section, "Codings per code and case");
        Assert.Equal(["Code", "PL-01", "RS-01", "Total"], matrix.Columns);
        Assert.Equal([["Learning", "", "2", "2"], ["Trust", "1", "", "1"]], matrix.Rows.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Shows_agreement_of_the_two_coders_computed_by_hand()
    {
        // The transcripts compared are those either coder coded in (both), so each code spans N = 200 characters.
        // Learning: A=30, B=20, both=20 → Po = (200−30−20+40)/200 = 0.95, Pe = (30·20 + 170·180)/200² = 0.78,
        //   kappa = 0.17/0.22 = 0.773; alpha = 1 − (2N−1)·disagreements/(n0·n1) = 1 − 399·10/(350·50) = 0.772.
        // Trust: A=10, B=0 → Po = 0.95, Pe = 190·200/200² = 0.95, kappa 0; alpha = 1 − 399·10/(390·10) = −0.023.
        // Overall pools 400 characters: A=40, B=20, both=20 → Po = 0.95, Pe = (800 + 360·380)/400² = 0.86,
        //   kappa = 0.09/0.14 = 0.643; alpha = 1 − 799·20/(740·60) = 0.640.
        var section = InterviewReportBuilder.Build(Project())!;
        Assert.Contains("Overall over 2 codes and 2 transcripts: agreement 95.0%, kappa 0.64, alpha 0.64.", Notes(section));
        var byCode = Table(section, "Agreement per code");
        Assert.Equal(["Learning", "200", "30", "20", "20", "95.0%", "0.77", "0.77"], byCode.Rows[0]);
        Assert.Equal(["Trust", "200", "10", "0", "0", "95.0%", "0.00", "-0.02"], byCode.Rows[1]);
        Assert.Single(section.Blocks.OfType<ChartBlock>());
    }

    [Fact]
    public void Has_no_agreement_with_one_coder_and_no_section_without_transcripts()
    {
        var section = InterviewReportBuilder.Build(Project(secondCoder: false))!;
        Assert.DoesNotContain(section.Blocks.OfType<SubheadingBlock>(), b => b.Text.StartsWith("Inter-coder", StringComparison.Ordinal));
        Assert.Null(InterviewReportBuilder.Build(QualitativeProject.Empty("none")));
    }
}
