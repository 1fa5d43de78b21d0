namespace TwoWay.Qualitative.Tests;

/// <summary>
/// Agreement of three or more coders (issue 14): Fleiss' κ and Krippendorff's α from the per-character
/// histogram, checked against the subject-by-subject implementations (themselves checked on the
/// published examples of Fleiss 1971 and Krippendorff 2011) and against a hand count.
/// </summary>
public class TeamAgreementTests
{
    /// <summary>The histogram expanded to one subject per character, k binary ratings each.</summary>
    private static List<IReadOnlyList<int?>> Units(IReadOnlyList<long> h)
    {
        var k = h.Count - 1;
        var units = new List<IReadOnlyList<int?>>();
        for (var m = 0; m <= k; m++)
            for (var i = 0; i < h[m]; i++)
                units.Add(Enumerable.Range(0, k).Select(j => (int?)(j < m ? 1 : 0)).ToList());
        return units;
    }

    [Theory]
    [InlineData(new long[] { 40, 3, 5, 12 })]
    [InlineData(new long[] { 7, 0, 0, 0, 9 })]
    [InlineData(new long[] { 100, 1, 1, 1, 1, 6 })]
    [InlineData(new long[] { 3, 4, 5 })]
    public void Histogram_measures_equal_fleiss_and_krippendorff_computed_subject_by_subject(long[] histogram)
    {
        var team = TeamMeasures.From(histogram);
        var units = Units(histogram);
        var fleiss = FleissKappa.Of(units.Select(u => (IReadOnlyList<int>)u.Select(v => v!.Value).ToList()))!;
        Assert.Equal(fleiss.Kappa, team.FleissKappa!.Value, 12);
        Assert.Equal(KrippendorffAlpha.Nominal(units)!.Value, team.Alpha!.Value, 12);
    }

    [Fact]
    public void Two_coders_give_the_two_coder_alpha()
    {
        // N = 60 characters, A codes 20, B codes 15, both 12: histogram h0 = 60 − 20 − 15 + 12, h1 = 20 + 15 − 24, h2 = 12.
        var team = TeamMeasures.From([37, 11, 12]);
        Assert.Equal(KrippendorffAlpha.BinaryTwoCoders(60, 20, 15, 12)!.Value, team.Alpha!.Value, 12);
    }

    [Fact]
    public void Three_coders_on_a_hand_counted_transcript()
    {
        // "0123456789" coded with one code: ana 0–6, bo 2–6 and 8–10, cy 2–4.
        // Characters: 0,1 → 1 coder; 2,3 → 3; 4,5 → 2; 6,7 → 0; 8,9 → 1. Histogram [2, 4, 2, 2].
        var code = Guid.NewGuid();
        var source = Guid.NewGuid();
        var book = Codebook.Of([new Code(code, "Learning", null, null)]);
        var s = new Source(source, "t", "0123456789", null, null, 1);
        Coding C(string coder, int a, int b) => new(Guid.NewGuid(), source, code, new TextSpan(a, b), coder);
        var p = QualitativeProject.Create("p", [s], book, [C("ana", 0, 6), C("bo", 2, 6), C("bo", 8, 10), C("cy", 2, 4)], []);
        var r = TeamAgreement.Compute(p, ["ana", "bo", "cy"]);
        var m = Assert.Single(r.ByCode).Measures;
        Assert.Equal([2L, 4, 2, 2], m.Histogram);
        // By hand: P(0)=P(3)=1, P(1)=P(2)=1/3; P̄ = (2·1 + 4·⅓ + 2·⅓ + 2·1)/10 = 0.6; p = (4 + 4 + 6)/30 = 7/15;
        // Pₑ = (7/15)² + (8/15)² = 113/225; κ = (0.6 − 113/225)/(1 − 113/225) = 22/112.
        Assert.Equal(22.0 / 112.0, m.FleissKappa!.Value, 12);
        Assert.Equal(2.0 / 8.0, m.UnanimousShare!.Value, 12); // all three on 2 of the 8 coded characters
        Assert.Equal(m.Histogram, r.Overall!.Histogram);
        Assert.Equal(m.FleissKappa, r.Overall.FleissKappa);
    }
}
