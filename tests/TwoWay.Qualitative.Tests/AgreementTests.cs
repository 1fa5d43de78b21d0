using System.Globalization;

namespace TwoWay.Qualitative.Tests;

public class AgreementTests
{
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: binary data, two observers.
    [Fact]
    public void Alpha_matches_Krippendorff_2011_binary_two_observer_example()
    {
        int[] a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        int[] b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        var units = a.Zip(b, (x, y) => (IReadOnlyList<int?>)[x, y]);
        Assert.Equal(0.095, KrippendorffAlpha.Nominal(units)!.Value, 3);
        // The closed form over counts gives the same value.
        Assert.Equal(0.095, KrippendorffAlpha.BinaryTwoCoders(10, a.Sum(), b.Sum(), a.Zip(b).Count(p => p.First == 1 && p.Second == 1))!.Value, 3);
    }

    // Section C: nominal data, four observers, twelve units, missing values; published alpha = 0.743.
    [Fact]
    public void Alpha_matches_Krippendorff_2011_nominal_example_with_missing_data()
    {
        int?[] a = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
        int?[] b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
        int?[] c = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
        int?[] d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
        var units = Enumerable.Range(0, 12).Select(i => (IReadOnlyList<int?>)[a[i], b[i], c[i], d[i]]);
        Assert.Equal(0.743, KrippendorffAlpha.Nominal(units)!.Value, 3);
    }

    [Fact]
    public void Alpha_is_undefined_without_variation()
    {
        Assert.Null(KrippendorffAlpha.Nominal(new[] { (IReadOnlyList<int?>)[1, 1], [1, 1] }));
        Assert.Null(KrippendorffAlpha.BinaryTwoCoders(10, 0, 0, 0));
    }

    [Fact]
    public void Binary_closed_form_equals_the_general_coincidence_computation_on_random_data()
    {
        var rng = new Random(42);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(2, 60);
            var a = Enumerable.Range(0, n).Select(_ => rng.Next(2)).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => rng.Next(2)).ToArray();
            var general = KrippendorffAlpha.Nominal(a.Zip(b, (x, y) => (IReadOnlyList<int?>)[x, y]));
            var closed = KrippendorffAlpha.BinaryTwoCoders(n, a.Sum(), b.Sum(), a.Zip(b).Count(p => p.First + p.Second == 2));
            Assert.Equal(general.HasValue, closed.HasValue);
            if (general is { } g) Assert.Equal(g, closed!.Value, 10);
        }
    }

    [Fact]
    public void Kappa_by_hand_nested_spans()
    {
        // N = 100, A coded 50, B coded 20 (all inside A's). Agreement = (20 + 50)/100 = 70%.
        // EF1 = 50·20/100 = 10, EF2 = 50·80/100 = 40, Pe = (10 + 40)/100 = 0.5, κ = (0.7 − 0.5)/0.5 = 0.4.
        var m = AgreementMeasures.From(100, 50, 20, 20);
        Assert.Equal(70.0, m.PercentAgreement, 12);
        Assert.Equal(0.4, m.Kappa, 12);
    }

    [Fact]
    public void Kappa_adds_chance_terms_rather_than_multiplying_them()
    {
        // QualCoder's formula would use Pe = EF1·EF2 (here 10·40 → nonsense); NVivo adds them.
        var m = AgreementMeasures.From(100, 50, 20, 20);
        var multiplied = (0.7 - 10.0 / 100 * (40.0 / 100)) / (1 - 10.0 / 100 * (40.0 / 100));
        Assert.NotEqual(multiplied, m.Kappa, 6);
    }

    [Fact]
    public void Kappa_is_one_when_neither_coder_coded_anything()
    {
        var m = AgreementMeasures.From(30, 0, 0, 0);
        Assert.Equal(100.0, m.PercentAgreement);
        Assert.Equal(1.0, m.Kappa);
        Assert.Null(m.KrippendorffAlpha);
    }

    public static TheoryData<string> ReferenceCases() =>
        new(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "kappa_reference.csv")).Skip(1).Select(l => l.Split(',')[0]));

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Kappa_over_a_project_matches_R_psych_cohen_kappa(string id)
    {
        var line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "kappa_reference.csv")).Single(l => l.StartsWith(id + ","));
        var f = line.Split(',');
        var spans = new Dictionary<string, (int[][] A, int[][] B)>
        {
            ["half_overlap"] = ([[0, 10]], [[5, 15]]),
            ["nested"] = ([[10, 60]], [[20, 40]]),
            ["two_spans"] = ([[0, 5], [20, 30]], [[3, 8], [22, 35]]),
            ["disjoint"] = ([[0, 10]], [[20, 30]]),
            ["large_sparse"] = ([[100, 400], [1000, 1100]], [[150, 420], [3000, 3050]]),
        }[id];
        var n = int.Parse(f[1], CultureInfo.InvariantCulture);
        var code = TestData.G(1);
        var source = TestData.G(2);
        var k = 0;
        var codings = spans.A.Select(s => ("a", s)).Concat(spans.B.Select(s => ("b", s)))
            .Select(x => new Coding(TestData.G(100 + k++), source, code, new TextSpan(x.s[0], x.s[1]), x.Item1));
        var project = QualitativeProject.Create("k", [new Source(source, "s", new string('x', n))], Codebook.Of([new Code(code, "c")]), codings);

        var result = InterCoderAgreement.Compute(project, "a", "b");
        var m = result.Overall!;
        Assert.Equal(long.Parse(f[2], CultureInfo.InvariantCulture), m.CodedByA);
        Assert.Equal(long.Parse(f[3], CultureInfo.InvariantCulture), m.CodedByB);
        Assert.Equal(long.Parse(f[4], CultureInfo.InvariantCulture), m.CodedByBoth);
        Assert.Equal(double.Parse(f[5], CultureInfo.InvariantCulture), m.PercentAgreement, 9);
        Assert.Equal(double.Parse(f[6], CultureInfo.InvariantCulture), m.Kappa, 9);
    }

    [Fact]
    public void Agreement_per_code_source_and_overall_pools_character_counts()
    {
        var p = TestData.Small();
        var r = InterCoderAgreement.Compute(p, "alice", "bob");
        Assert.Equal(3, r.Sources);  // S3 coded by alice only still counts
        Assert.Equal(3, r.Codes);
        Assert.Equal(r.Codes * r.Sources, r.ByCodeAndSource.Count);
        foreach (var code in r.ByCode)
        {
            var rows = r.ByCodeAndSource.Where(x => x.CodeId == code.CodeId).Select(x => x.Measures).ToList();
            Assert.Equal(rows.Sum(x => x.Characters), code.Measures.Characters);
            Assert.Equal(rows.Sum(x => x.CodedByBoth), code.Measures.CodedByBoth);
        }
        Assert.Equal(r.BySource.Sum(s => s.Measures.Characters), r.Overall!.Characters);
        // Licensing-in in S1: alice coded the whole sentence (42 chars), bob 19 chars inside it.
        var lic = r.ByCodeAndSource.Single(x => x.CodeId == TestData.Licensing && x.SourceId == TestData.S1).Measures;
        Assert.Equal((42L, 19L, 19L), (lic.CodedByA, lic.CodedByB, lic.CodedByBoth));
        var n = p.Source(TestData.S1).Text.Length;
        Assert.Equal(AgreementMeasures.From(n, 42, 19, 19), lic);
    }
}

/// <summary>Fleiss' kappa (Fleiss 1971) against the classic worked example and hand values, and its identity with Krippendorff's α.</summary>
public class FleissKappaTests
{
    // The worked example of the Wikipedia article "Fleiss' kappa" (10 subjects, 14 raters, 5 categories):
    // P̄ = 0.378, P̄ₑ = 0.213, κ = 0.210 (three decimals, as published there).
    private static readonly int[][] Example =
    [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];

    [Fact]
    public void Matches_the_published_worked_example()
    {
        var r = FleissKappa.FromCounts(Example)!;
        Assert.Equal(0.378, r.ObservedAgreement, 3);
        Assert.Equal(0.213, r.ExpectedAgreement, 3);
        Assert.Equal(0.210, r.Kappa, 3);
        Assert.Equal((10, 14), (r.Subjects, r.RatersPerSubject));
    }

    /// <summary>
    /// Two subjects, two raters: (A, A) and (A, B). P₁ = 1, P₂ = 0, P̄ = 1/2; p_A = 3/4, p_B = 1/4, P̄ₑ = 10/16;
    /// κ = (1/2 − 5/8)/(3/8) = −1/3.
    /// </summary>
    [Fact]
    public void Hand_example_and_input_checks()
    {
        var r = FleissKappa.Of(new[] { (IReadOnlyList<string>)["A", "A"], ["A", "B"] })!;
        Assert.Equal(-1.0 / 3, r.Kappa, 14);
        Assert.Equal(0.5, r.ObservedAgreement, 14);
        Assert.Equal(0.625, r.ExpectedAgreement, 14);
        Assert.Null(FleissKappa.Of(new[] { (IReadOnlyList<int>)[1, 1], [1, 1] }));
        var ex = Assert.Throws<ArgumentException>(() => FleissKappa.FromCounts([[1, 1], [2, 1]]));
        Assert.Contains("same number", ex.Message);
    }

    /// <summary>Without missing ratings α = 1 − (1 − κ)(Nn − 1)/(Nn) (both from the same coincidences).</summary>
    [Fact]
    public void Equals_Krippendorff_alpha_through_the_exact_identity()
    {
        var units = Example.Select(row => (IReadOnlyList<int?>)row.SelectMany((count, category) => Enumerable.Repeat((int?)category, count)).ToList()).ToList();
        var alpha = KrippendorffAlpha.Nominal(units)!.Value;
        var k = FleissKappa.FromCounts(Example)!.Kappa;
        const double nn = 10 * 14;
        Assert.Equal(1 - (1 - k) * (nn - 1) / nn, alpha, 12);
    }
}

/// <summary>Agreement per code group (issue 14): the codes under one top-level code, their counts pooled before the formulas.</summary>
public sealed class CodeGroupAgreementTests
{
    // Mechanisms (not codable) ⊃ Learning, Trust; Contexts (codable itself). One transcript of 100 characters.
    private static QualitativeProject Project(params (string Coder, Guid Code, int Start, int End)[] codings)
    {
        var source = TestData.G(2);
        var book = Codebook.Of([
            new Code(TestData.G(10), "Mechanisms", isCodable: false), new Code(TestData.G(11), "Learning", parentId: TestData.G(10)),
            new Code(TestData.G(12), "Trust", parentId: TestData.G(10)), new Code(TestData.G(20), "Contexts")]);
        var k = 0;
        return QualitativeProject.Create("g", [new Source(source, "s", new string('x', 100))], book,
            codings.Select(c => new Coding(TestData.G(100 + k++), source, c.Code, new TextSpan(c.Start, c.End), c.Coder)));
    }

    [Fact]
    public void Two_coders_group_figures_are_the_group_codes_counts_pooled_by_hand()
    {
        var p = Project(("a", TestData.G(11), 0, 40), ("b", TestData.G(11), 10, 40), ("a", TestData.G(12), 50, 60), ("b", TestData.G(12), 70, 80),
            ("a", TestData.G(20), 0, 100), ("b", TestData.G(20), 0, 100));
        var r = InterCoderAgreement.Compute(p, "a", "b");
        var mechanisms = Assert.Single(r.ByGroup, g => g.Group == "Mechanisms");
        Assert.Equal(2, mechanisms.Codes);
        // Learning: N 100, A 40, B 30, AB 30; Trust: N 100, A 10, B 10, AB 0 → pooled N 200, A 50, B 40, AB 30.
        Assert.Equal(AgreementMeasures.From(200, 50, 40, 30), mechanisms.Measures);
        Assert.Equal(85.0, mechanisms.Measures.PercentAgreement, 12); // (30 + 200 − 50 − 40 + 30) / 200
        var contexts = Assert.Single(r.ByGroup, g => g.Group == "Contexts");
        Assert.Equal((1, 100L, 100.0), (contexts.Codes, contexts.Measures.CodedByBoth, contexts.Measures.PercentAgreement));
    }

    [Fact]
    public void Team_group_histograms_are_the_sum_of_their_codes_histograms()
    {
        var p = Project(("a", TestData.G(11), 0, 40), ("b", TestData.G(11), 10, 40), ("c", TestData.G(11), 20, 30),
            ("a", TestData.G(12), 50, 60), ("c", TestData.G(12), 50, 55), ("c", TestData.G(20), 0, 10));
        var r = TeamAgreement.Compute(p, ["a", "b", "c"]);
        var codes = r.ByCode.Where(c => c.CodePath.StartsWith("Mechanisms/", StringComparison.Ordinal)).ToList();
        var summed = Enumerable.Range(0, 4).Select(m => codes.Sum(c => c.Measures.Histogram[m])).ToList();
        var group = Assert.Single(r.ByGroup, g => g.Group == "Mechanisms");
        Assert.Equal(summed, group.Measures.Histogram);
        Assert.Equal(TeamMeasures.From(summed).FleissKappa, group.Measures.FleissKappa);
        // By hand: Learning h = [60, 10, 20, 10], Trust h = [90, 5, 5, 0] → [150, 15, 25, 10].
        Assert.Equal([150L, 15, 25, 10], group.Measures.Histogram);
    }
}

/// <summary>The bootstrap interval of α over transcripts (issue 14), checked where it can be derived by hand.</summary>
public sealed class AlphaBootstrapTests
{
    private static long[] T(long n, long a, long b, long ab) => [n, a, b, ab];

    private static double Alpha(params long[][] parts) =>
        KrippendorffAlpha.BinaryTwoCoders(parts.Sum(p => p[0]), parts.Sum(p => p[1]), parts.Sum(p => p[2]), parts.Sum(p => p[3]))!.Value;

    [Fact]
    public void Two_transcripts_give_three_resamples_and_the_interval_spans_the_lowest_to_the_highest()
    {
        // Drawing 2 of {T1, T2} with replacement: {T1,T1} p = 1/4, {T1,T2} p = 1/2, {T2,T2} p = 1/4. Each outcome
        // holds more than 2.5 % of the draws, so the 2.5 % and 97.5 % quantiles are the smallest and largest α.
        var t1 = T(100, 40, 30, 30);
        var t2 = T(100, 10, 10, 0);
        var outcomes = new[] { Alpha(t1, t1), Alpha(t1, t2), Alpha(t2, t2) };
        var ci = AlphaBootstrap.Interval([t1, t2], 20_000, 7)!;
        Assert.Equal(outcomes.Min(), ci.Lower, 12);
        Assert.Equal(outcomes.Max(), ci.Upper, 12);
        Assert.Equal((20_000, 20_000, "transcripts"), (ci.Replicates, ci.Drawn, ci.Resampled));
    }

    [Fact]
    public void Identical_transcripts_give_no_width_and_one_transcript_gives_no_interval()
    {
        var t = T(500, 100, 90, 80);
        var ci = AlphaBootstrap.Interval([t, t, t, t], 500, 1)!;
        Assert.Equal(Alpha(t, t, t, t), ci.Lower, 12); // every draw pools four copies: the point estimate itself
        Assert.Equal(Alpha(t, t, t, t), ci.Upper, 12);
        Assert.Null(AlphaBootstrap.Interval([t], 500, 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_it_narrows_with_more_transcripts()
    {
        var rng = new Random(3);
        long[] Draw() { var n = rng.Next(500, 2000); var a = rng.Next(50, 200); var b = rng.Next(50, 200); return T(n, a, b, rng.Next(0, Math.Min(a, b))); }
        var few = Enumerable.Range(0, 5).Select(_ => Draw()).ToList();
        var many = Enumerable.Range(0, 80).Select(_ => Draw()).ToList();
        var a1 = AlphaBootstrap.Interval(few, 2000, 11)!;
        Assert.Equal(a1, AlphaBootstrap.Interval(few, 2000, 11));
        var a2 = AlphaBootstrap.Interval(many, 2000, 11)!;
        Assert.True(a2.Upper - a2.Lower < a1.Upper - a1.Lower, $"{a2} is not narrower than {a1}");
        Assert.InRange(Alpha([.. many]), a2.Lower, a2.Upper);
    }

    [Fact]
    public void Type_7_quantiles_match_R()
    {
        // R: quantile(c(1, 2, 4, 8, 16), c(0.025, 0.975)) → 1.1, 15.2
        double[] x = [1, 2, 4, 8, 16];
        Assert.Equal(1.1, AlphaBootstrap.Quantile(x, 0.025), 12);
        Assert.Equal(15.2, AlphaBootstrap.Quantile(x, 0.975), 12);
    }
}

/// <summary>The team's bootstrap interval (three or more coders), checked against the two-coder one and by hand.</summary>
public sealed class TeamAlphaBootstrapTests
{
    private static long[] H(long n, long a, long b, long ab) => [n - a - b + ab, a + b - 2 * ab, ab];

    [Fact]
    public void For_two_coders_the_team_interval_is_the_two_coder_interval()
    {
        long[][] counts = [[100, 40, 30, 30], [100, 10, 10, 0], [400, 50, 80, 40], [250, 0, 20, 0]];
        var pair = AlphaBootstrap.Interval(counts, 3000, 5)!;
        var team = AlphaBootstrap.TeamInterval(counts.Select(c => H(c[0], c[1], c[2], c[3])).ToList(), 3000, 5)!;
        Assert.Equal(pair.Lower, team.Lower, 12);
        Assert.Equal(pair.Upper, team.Upper, 12);
    }

    [Fact]
    public void Two_transcripts_of_three_coders_give_the_lowest_to_the_highest_of_the_three_draws()
    {
        long[] t1 = [60, 10, 20, 10], t2 = [90, 5, 5, 0];
        double A(params long[][] parts) => TeamMeasures.From(Enumerable.Range(0, 4).Select(m => parts.Sum(p => p[m])).ToList()).Alpha!.Value;
        var outcomes = new[] { A(t1, t1), A(t1, t2), A(t2, t2) };
        var ci = AlphaBootstrap.TeamInterval([t1, t2], 20_000, 9)!;
        Assert.Equal(outcomes.Min(), ci.Lower, 12);
        Assert.Equal(outcomes.Max(), ci.Upper, 12);
    }
}

/// <summary>The comparison side by side (issue 12): where two coders differ, stretch by stretch, worked by hand.</summary>
public sealed class DisagreementTests
{
    private const string Text = "We imported machines from Germany; then we exported to Sweden. Директор: экспорт!";

    private static QualitativeProject Project(params (string Coder, Guid Code, int Start, int End)[] codings)
    {
        var source = TestData.G(2);
        var book = Codebook.Of([new Code(TestData.G(11), "Learning"), new Code(TestData.G(12), "Trust")]);
        var k = 0;
        return QualitativeProject.Create("d", [new Source(source, "talk", Text)], book,
            codings.Select(c => new Coding(TestData.G(100 + k++), source, c.Code, new TextSpan(c.Start, c.End), c.Coder)));
    }

    [Fact]
    public void Stretches_coded_by_one_coder_only_are_listed_with_their_text_and_whose_they_are()
    {
        // Learning: a [0, 20) and abutting [20, 33) (one stretch [0, 33)), b [3, 40) → a only [0, 3), b only [33, 40).
        // Trust: a [63, 71) ("Директор"), b nothing → a only; abutting a [71, 72) joins it → [63, 72).
        var p = Project(("a", TestData.G(11), 0, 20), ("a", TestData.G(11), 20, 33), ("b", TestData.G(11), 3, 40),
            ("a", TestData.G(12), 63, 71), ("a", TestData.G(12), 71, 72));
        var d = InterCoderAgreement.Compute(p, "a", "b").Disagreements;
        Assert.Equal(
        [
            ("Learning", 0, 3, "a", "We "),
            ("Learning", 33, 40, "b", "; then "),
            ("Trust", 63, 72, "a", "Директор:"),
        ], d.Select(x => (x.CodePath, x.Start, x.End, x.CodedBy, x.Text)).ToList());
        // The counts agree with the measures: the stretches are exactly the characters one coder coded alone.
        var learning = InterCoderAgreement.Compute(p, "a", "b").ByCode.Single(c => c.CodePath == "Learning").Measures;
        Assert.Equal(learning.CodedByA + learning.CodedByB - 2 * learning.CodedByBoth, d.Where(x => x.CodePath == "Learning").Sum(x => x.End - x.Start));
    }

    [Fact]
    public void Identical_codings_have_no_disagreements_and_an_interleaving_alternates()
    {
        Assert.Empty(InterCoderAgreement.Compute(Project(("a", TestData.G(11), 5, 25), ("b", TestData.G(11), 5, 25)), "a", "b").Disagreements);
        // a [0,10) [20,30), b [5,25): a only [0,5), b only [10,20), a only [25,30).
        var d = InterCoderAgreement.Compute(Project(("a", TestData.G(11), 0, 10), ("a", TestData.G(11), 20, 30), ("b", TestData.G(11), 5, 25)), "a", "b").Disagreements;
        Assert.Equal([(0, 5, "a"), (10, 20, "b"), (25, 30, "a")], d.Select(x => (x.Start, x.End, x.CodedBy)).ToList());
    }
}
