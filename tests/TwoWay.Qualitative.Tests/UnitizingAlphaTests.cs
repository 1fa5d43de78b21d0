using TwoWay.Qualitative;
using Xunit;

namespace TwoWay.Qualitative.Tests;

/// <summary>
/// Krippendorff's unitizing α checked against his published worked examples and hand derivations.
/// Krippendorff (2004), Content Analysis, 2nd ed., §12.4, p. 254: two observers, continuum 150–450.
/// Krippendorff (1995), "On the reliability of unitizing continuous data", Sociological Methodology
/// 25, p. 57: four pairs of observers on 24 characters.
/// </summary>
public sealed class UnitizingAlphaTests
{
    private static UnitizedUnit U(int coder, long start, long length, string value = "") => new(coder, 0, start, start + length, value);

    // The 2004 example on offsets from 150 (the book's continuum starts at 150).
    private static readonly UnitizedUnit[] C2004 = [U(0, 225 - 150, 70), U(0, 370 - 150, 30), U(1, 220 - 150, 80), U(1, 355 - 150, 20), U(1, 400 - 150, 20)];
    private static readonly UnitizedUnit[] K2004 = [U(0, 180 - 150, 60), U(0, 300 - 150, 50), U(1, 180 - 150, 60), U(1, 300 - 150, 50)];

    [Fact]
    public void Krippendorff2004_category_c_matches_the_book()
    {
        var c = UnitizingAlpha.Binary([300], 2, C2004);
        // Hand: Σδ² = 50 + 850 + 400 = 1300 per direction; D_o = 2·1300/(2·300²).
        Assert.Equal(2600.0 / 180000, c.ObservedDisagreement, 12);
        Assert.Equal(0.0144, c.ObservedDisagreement, 4);
        // Hand: numerator 2/300 · 2,767,160; denominator 600·599 − 12,780 = 346,620.
        Assert.Equal(2.0 / 300 * 2767160 / 346620, c.ExpectedDisagreement, 12);
        Assert.Equal(0.0532, c.ExpectedDisagreement, 4);
        Assert.Equal(0.7286, c.Alpha!.Value, 4);
        Assert.Equal(5, c.Units);
    }

    [Fact]
    public void Krippendorff2004_category_k_and_the_pooled_alpha_match_the_book()
    {
        var k = UnitizingAlpha.Binary([300], 2, K2004);
        Assert.Equal(0, k.ObservedDisagreement);
        Assert.Equal(0.0490, k.ExpectedDisagreement, 4);
        Assert.Equal(1.0, k.Alpha!.Value, 12);
        var pooled = UnitizingMeasures.Pool([UnitizingAlpha.Binary([300], 2, C2004), k])!;
        Assert.Equal(0.8591, pooled.Alpha!.Value, 3);
    }

    // Krippendorff (1995), p. 57, on 24 characters: the observed disagreements he gives.
    [Theory]
    [InlineData("A", 0.03125)]
    [InlineData("B", 2.26736)]
    [InlineData("C", 0.02777)]
    [InlineData("D", 0.38715)]
    public void Krippendorff1995_observed_disagreement_matches_the_paper(string category, double expected)
    {
        var m = UnitizingAlpha.Binary([24], 2, Example1995(category, 1));
        // The paper prints five decimals, truncated (C: 0.02777 for 1/36).
        Assert.Equal(expected, m.ObservedDisagreement, 0.00001);
    }

    // His α's used an expected disagreement with a slip (noted by DKPro Statistics' authors); on a
    // finely divided continuum (each character split 50,000 times) the 2004 formula gives his figures.
    [Theory]
    [InlineData("A", 0.553)]
    [InlineData("B", -0.926)]
    [InlineData("C", 0.679)]
    [InlineData("D", 0.066)]
    public void Krippendorff1995_alphas_on_a_fine_continuum_match_the_paper(string category, double alpha)
    {
        const long stretch = 50_000;
        var m = UnitizingAlpha.Binary([24 * stretch], 2, Example1995(category, stretch));
        Assert.Equal(alpha, m.Alpha!.Value, 0.02);
    }

    private static UnitizedUnit[] Example1995(string category, long s) => category switch
    {
        "A" => [U(0, 2 * s, 8 * s), U(0, 14 * s, 6 * s), U(1, 4 * s, 4 * s), U(1, 15 * s, 2 * s)],
        "B" => [U(0, 0, 18 * s), U(1, 0, 2 * s), U(1, 2 * s, s), U(1, 3 * s, s), U(1, 4 * s, s), U(1, 5 * s, s), U(1, 6 * s, 3 * s), U(1, 9 * s, s)],
        "C" => [U(0, 2 * s, 6 * s), U(0, 10 * s, 2 * s), U(0, 14 * s, 4 * s), U(0, 20 * s, 2 * s),
                U(1, 0, 2 * s), U(1, 4 * s, 4 * s), U(1, 10 * s, 4 * s), U(1, 16 * s, 2 * s), U(1, 20 * s, 2 * s)],
        "D" => [U(0, 0, 2 * s), U(0, 2 * s, 8 * s), U(0, 10 * s, 4 * s), U(0, 14 * s, 6 * s), U(0, 20 * s, 4 * s),
                U(1, 0, 4 * s), U(1, 4 * s, 4 * s), U(1, 8 * s, 7 * s), U(1, 15 * s, 2 * s), U(1, 17 * s, 7 * s)],
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    [Fact]
    public void Identical_coders_agree_perfectly_and_nothing_marked_is_undefined()
    {
        UnitizedUnit[] units = [U(0, 3, 4), U(1, 3, 4), U(2, 3, 4), U(0, 12, 5), U(1, 12, 5), U(2, 12, 5)];
        var m = UnitizingAlpha.Binary([30], 3, units);
        Assert.Equal(0, m.ObservedDisagreement);
        Assert.Equal(1.0, m.Alpha!.Value, 12);
        Assert.Null(UnitizingAlpha.Binary([30], 2, []).Alpha);
    }

    [Fact]
    public void Overlapping_units_of_one_coder_are_merged_and_stretches_keep_their_gaps_apart()
    {
        // Coder 0 codes [2,6) twice as [2,5) and [4,6); coder 1 codes [2,6) once: no disagreement.
        var merged = UnitizingAlpha.Binary([10], 2, [U(0, 2, 3), U(0, 4, 2), U(1, 2, 4)]);
        Assert.Equal(0, merged.ObservedDisagreement);
        // Hand, three coders on one stretch of 10: coder 0 [0,4), coder 1 [2,6), coder 2 nothing.
        // Pairs: (0,1) 2² + 2² = 8; (0,2) 4² = 16; (1,2) 4² = 16; D_o = 2·40/(3·2·100) = 0.13333…
        var three = UnitizingAlpha.Binary([10], 3, [U(0, 0, 4), U(1, 2, 4)]);
        Assert.Equal(80.0 / 600, three.ObservedDisagreement, 12);
        // Expected, by hand: N = 2 units of 4; gaps 6 (coder 0), 2 and 4 (coder 1), 10 (coder 2);
        // those ≥ 4 give Σ(l_γ − 4 + 1) = 3 + 1 + 7 = 11; per unit (1/3)(128 − 48 + 4) + 16·11 = 28 + 176 = 204;
        // D_e = (2/10)·408 / (30·29 − 2·12) = 81.6/846.
        Assert.Equal(81.6 / 846, three.ExpectedDisagreement, 12);
        // Split in two stretches of 5, coder 2's gaps are 5 and 5, not 10: the expected term changes.
        var split = UnitizingAlpha.Binary([5, 5], 3, [new(0, 0, 0, 4), new(1, 1, 0, 4)]);
        Assert.NotEqual(three.ExpectedDisagreement, split.ExpectedDisagreement);
    }

    [Fact]
    public void Coding_only_alpha_by_hand()
    {
        // Coder 0: X [0,10), Y [10,20); coder 1: X [0,15), Y [15,20); coder 1's extra Y [30,35) has no partner.
        // Coincidences: XX 2·10, YY 2·5, XY = YX = 5; n_X = 25, n_Y = 15, n = 40;
        // α = 1 − 39·10/(2·25·15) = 0.48.
        var r = UnitizingAlpha.CodingOnly([U(0, 0, 10, "X"), U(0, 10, 10, "Y"), U(1, 0, 15, "X"), U(1, 15, 5, "Y"), U(1, 30, 5, "Y")]);
        Assert.Equal(20, r.PairableCharacters);
        Assert.Equal(2, r.Values);
        Assert.Equal(0.48, r.Alpha!.Value, 12);
        // Agreement on every shared character but one value only: undefined, as nominal α is.
        Assert.Null(UnitizingAlpha.CodingOnly([U(0, 0, 10, "X"), U(1, 5, 10, "X")]).Alpha);
    }

    [Fact]
    public void Coding_only_alpha_equals_nominal_alpha_on_the_characters()
    {
        // Three coders; characterwise the same data through KrippendorffAlpha.Nominal must agree.
        UnitizedUnit[] units = [U(0, 0, 6, "A"), U(1, 0, 4, "A"), U(1, 4, 4, "B"), U(2, 2, 6, "B"), U(0, 6, 2, "B")];
        var chars = Enumerable.Range(0, 8).Select(c => (IReadOnlyList<int?>)Enumerable.Range(0, 3)
            .Select(coder => units.Where(u => u.Coder == coder && u.Start <= c && c < u.End).Select(u => (int?)(u.Value == "A" ? 0 : 1)).FirstOrDefault())
            .ToList());
        Assert.Equal(KrippendorffAlpha.Nominal(chars)!.Value, UnitizingAlpha.CodingOnly(units).Alpha!.Value, 12);
    }
}

/// <summary>The study-level computation: codings become the units of the right code, group and transcript.</summary>
public sealed class UnitizingAgreementTests
{
    [Fact]
    public void Codings_of_a_study_give_the_same_figures_as_the_units_by_hand()
    {
        // Group "Modes" with codes Import and Export; two transcripts of 40 and 30 characters.
        Guid modes = Guid.NewGuid(), import = Guid.NewGuid(), export = Guid.NewGuid(), s1 = Guid.NewGuid(), s2 = Guid.NewGuid();
        var book = Codebook.Of([new Code(modes, "Modes", null, null), new Code(import, "Import", parentId: modes), new Code(export, "Export", parentId: modes)]);
        Source[] sources = [new(s1, "first", new string('a', 40), null, null, 1), new(s2, "second", new string('b', 30), null, null, 1)];
        Coding C(string coder, Guid source, Guid code, int a, int b) => new(Guid.NewGuid(), source, code, new TextSpan(a, b), coder);
        var p = QualitativeProject.Create("p", sources, book,
        [
            C("ana", s1, import, 0, 10), C("bo", s1, import, 2, 10), C("ana", s2, export, 5, 20), C("bo", s2, import, 5, 15), C("bo", s2, export, 15, 20),
        ], []);
        var r = InterCoderAgreement.Compute(p, "ana", "bo").Unitizing!;
        Assert.Equal(70, r.Characters);
        // Import: ana [0,10) on stretch 0; bo [2,10) on stretch 0 and [5,15) on stretch 1.
        var importByHand = UnitizingAlpha.Binary([40, 30], 2, [new(0, 0, 0, 10), new(1, 0, 2, 10), new(1, 1, 5, 15)]);
        Assert.Equal(importByHand, r.ByCode.Single(c => c.CodeId == import).Binary);
        var exportByHand = UnitizingAlpha.Binary([40, 30], 2, [new(0, 1, 5, 20), new(1, 1, 15, 20)]);
        Assert.Equal(exportByHand, r.ByCode.Single(c => c.CodeId == export).Binary);
        var group = Assert.Single(r.ByGroup);
        Assert.Equal("Modes", group.Group);
        Assert.Equal(UnitizingMeasures.Pool([importByHand, exportByHand]), group.Binary);
        // cu-α: on [2,10) both chose Import; on [5,15) of the second, ana Export and bo Import; on [15,20) both Export.
        // Coincidences: II 2·8 = 16, EE 2·5 = 10, IE = EI = 10; n_I = 26, n_E = 20, n = 46; α = 1 − 45·20/(2·26·20).
        Assert.Equal(8 + 15, group.CodingOnly.PairableCharacters);
        Assert.Equal(1 - 45.0 * 20 / (2 * 26 * 20), group.CodingOnly.Alpha!.Value, 12);
        // One group only: Cu-α has a single value and is undefined.
        Assert.Null(r.GroupsCodingOnly.Alpha);
    }
}
