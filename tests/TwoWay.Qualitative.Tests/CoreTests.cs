using TwoWay.Domain;
using TwoWay.Input;

namespace TwoWay.Qualitative.Tests;

public class SpanAndProjectTests
{
    [Fact]
    public void Spans_refuse_negative_reversed_and_empty()
    {
        Assert.Contains("negative", Assert.Throws<ArgumentOutOfRangeException>(() => new TextSpan(-1, 3)).Message);
        Assert.Contains("reversed", Assert.Throws<ArgumentException>(() => new TextSpan(5, 3)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new TextSpan(4, 4)).Message);
    }

    [Fact]
    public void Adding_a_coding_out_of_range_overlapping_or_to_an_unknown_code_is_refused_and_nothing_changes()
    {
        var p = TestData.Small();
        var n = p.Source(TestData.S3).Text.Length;
        var outOfRange = new Coding(TestData.G(9001), TestData.S3, TestData.Learning, new TextSpan(n - 2, n + 1), "alice");
        var e = Assert.Throws<InputException>(() => p.AddCoding(outOfRange));
        Assert.Contains("RS-01 round 2", e.Message);
        Assert.Contains("out of range", e.Message);

        var overlap = new Coding(TestData.G(9002), TestData.S3, TestData.Licensing, new TextSpan(0, n - 5), "alice");
        Assert.Contains("overlaps", Assert.Throws<InputException>(() => p.AddCoding(overlap)).Message);

        var unknown = new Coding(TestData.G(9003), TestData.S3, TestData.G(777), new TextSpan(0, 2), "alice");
        Assert.Contains("unknown code GUID", Assert.Throws<InputException>(() => p.AddCoding(unknown)).Message);

        var notCodable = new Coding(TestData.G(9004), TestData.S3, TestData.Inward, new TextSpan(0, 2), "alice");
        Assert.Contains("not codable", Assert.Throws<InputException>(() => p.AddCoding(notCodable)).Message);

        // All-or-nothing: one bad coding in a batch means none is added.
        var good = new Coding(TestData.G(9005), TestData.S3, TestData.Trust, new TextSpan(0, 2), "alice");
        var batch = Assert.Throws<InputException>(() => p.AddCodings([good, outOfRange]));
        Assert.Single(batch.Errors);
        Assert.Equal(8, p.Codings.Count);
        Assert.Equal(9, p.AddCoding(good).Codings.Count);
        // Another coder may code the same passage; that is what agreement compares.
        Assert.Equal(9, p.AddCoding(new Coding(TestData.G(9006), TestData.S3, TestData.Licensing, new TextSpan(0, 5), "bob")).Codings.Count);
    }

    [Fact]
    public void Text_of_a_coded_source_cannot_change()
    {
        var p = TestData.Small();
        var s = p.Source(TestData.S3);
        var edited = new Source(s.Id, s.Name, s.Text + " more", s.Case, s.Respondent, s.Round);
        Assert.Contains("already coded", Assert.Throws<InputException>(() => p.UpdateSource(edited)).Message);
        var moved = new Source(s.Id, s.Name, s.Text, new FirmId("HR-02"), s.Respondent, 2);
        Assert.Equal("HR-02", p.UpdateSource(moved).Source(s.Id).Case!.Value.Value);
    }

    [Fact]
    public void Rename_and_move_keep_codings_and_refuse_cycles_and_sibling_clashes()
    {
        var p = TestData.Small().RenameCode(TestData.Learning, "Learning from partners").MoveCode(TestData.Learning, TestData.Inward);
        Assert.Equal("Inward modes/Learning from partners", p.Codebook.PathText(TestData.Learning));
        Assert.Equal(3, p.Codings.Count(c => c.CodeId == TestData.Learning));
        Assert.Contains("inside itself", Assert.Throws<InputException>(() => p.MoveCode(TestData.Inward, TestData.Licensing)).Message);
        Assert.Contains("already has a subcode", Assert.Throws<InputException>(() => p.RenameCode(TestData.Learning, "Licensing-in")).Message);
    }

    [Fact]
    public void Merge_moves_codings_and_subcodes_and_joins_overlapping_spans_of_one_coder()
    {
        var p = TestData.Small();
        // In S1 the Licensing and Learning spans of each coder are disjoint, so merging keeps every coding.
        var merged = p.MergeCodes(TestData.Licensing, TestData.Learning);
        Assert.False(merged.Codebook.Contains(TestData.Licensing));
        Assert.Equal(p.Codings.Count(c => c.CodeId is var id && (id == TestData.Licensing || id == TestData.Learning)),
                     merged.Codings.Count(c => c.CodeId == TestData.Learning));
        // Overlap case: alice's Licensing (whole first sentence) and a new alice Learning span inside it.
        var t = p.Source(TestData.S1).Text;
        var inner = new Coding(TestData.G(9100), TestData.S1, TestData.Trust, new TextSpan(3, 10), "alice", "inner");
        var q = p.AddCoding(inner).MergeCodes(TestData.Trust, TestData.Licensing);
        var licAlice = q.Codings.Where(c => c.CodeId == TestData.Licensing && c.Coder == "alice" && c.SourceId == TestData.S1).ToList();
        Assert.Single(licAlice);
        Assert.Equal(new TextSpan(0, 42), licAlice[0].Span);
        Assert.Equal("clear licensing-in\n\ninner", licAlice[0].Memo);
        // Subcodes move under the target.
        var r = p.MergeCodes(TestData.Inward, TestData.Trust);
        Assert.Equal("Trust/Licensing-in", r.Codebook.PathText(TestData.Licensing));
        Assert.Contains("into itself", Assert.Throws<InputException>(() => p.MergeCodes(TestData.Trust, TestData.Trust)).Message);
        Assert.Contains("own subcode", Assert.Throws<InputException>(() => p.MergeCodes(TestData.Inward, TestData.Licensing)).Message);
        Assert.Equal(t, q.Source(TestData.S1).Text);
    }

    [Fact]
    public void Code_colours_accept_rgb_hex_and_refuse_other_text()
    {
        Assert.Equal("#AABBCC", new CodeColour("#abc").Hex);
        Assert.Equal("#0A141E", CodeColour.FromRgb(10, 20, 30).Hex);
        Assert.False(CodeColour.TryParse("red", out _));
        Assert.Throws<ArgumentException>(() => new CodeColour("#12345"));
    }
}

public class AnalysisTests
{
    [Fact]
    public void Quotations_for_a_code_filter_by_case_round_and_coder_and_include_subcodes_on_request()
    {
        var p = TestData.Small();
        var all = Quotations.For(p, TestData.Licensing);
        Assert.Equal(3, all.Quotations.Count);
        Assert.Equal(["We licensed the design from a German firm.", "licensed the design", "the licence again"], all.Quotations.Select(q => q.Text).ToArray());
        Assert.Single(Quotations.For(p, TestData.Licensing, new QuotationFilter(Round: 2)).Quotations);
        Assert.Equal(2, Quotations.For(p, TestData.Licensing, new QuotationFilter(Case: new FirmId("RS-01"), Coder: "alice")).Quotations.Count);
        Assert.Empty(Quotations.For(p, TestData.Inward).Quotations);
        Assert.Equal(3, Quotations.For(p, TestData.Inward, includeSubcodes: true).Quotations.Count);
        var q = all.Quotations[0];
        Assert.Equal(("RS-01", 1, "Ana", "Inward modes/Licensing-in"), (q.Case, q.Round, q.Respondent, q.CodePath));
        var ev = q.ToEvidence();
        Assert.Equal((EvidenceKind.Interview, 1, q.Text), (ev.Kind, ev.InterviewRound, ev.Quotation));
    }

    [Fact]
    public void Matrix_counts_codings_per_code_and_case_and_filters_by_round()
    {
        var p = TestData.Small();
        var m = CodeCaseMatrix.Compute(p, withQuotations: true);
        Assert.Equal(["HR-02", "RS-01"], m.Cases.ToArray());
        int Cell(CodeCaseMatrixResult r, Guid code, string c) => r.Rows.Single(x => x.CodeId == code).Cells.Single(x => x.Case == c).Codings;
        Assert.Equal(3, Cell(m, TestData.Licensing, "RS-01"));
        Assert.Equal(0, Cell(m, TestData.Licensing, "HR-02"));
        Assert.Equal(2, Cell(m, TestData.Trust, "HR-02"));
        Assert.Equal(2, m.Rows.Single(x => x.CodeId == TestData.Licensing).Cells.Single(x => x.Case == "RS-01").Sources);
        Assert.Equal(3, m.Rows.Single(x => x.CodeId == TestData.Licensing).Cells.Single(x => x.Case == "RS-01").Quotations.Count);
        Assert.Equal(p.Codings.Count, m.Rows.Sum(r => r.Total));
        var r1 = CodeCaseMatrix.Compute(p, round: 2);
        Assert.Equal(["RS-01"], r1.Cases.ToArray());
        Assert.Equal(1, r1.Rows.Sum(r => r.Total));
        Assert.Empty(r1.Rows.SelectMany(r => r.Cells).SelectMany(c => c.Quotations));
    }

    [Fact]
    public void Co_occurrence_counts_overlapping_codings_of_different_codes_per_case()
    {
        var p = TestData.Small();
        var r = CoOccurrence.Compute(p);
        // S1: alice Licensing [0,42) touches alice Learning [44,..) (CRLF between): no overlap;
        // bob Learning "a German firm.\r\nThat taught us" overlaps alice Licensing and alice Learning; bob Licensing overlaps alice Licensing only (same code: not counted).
        // S2: alice Learning (first sentence) vs bob Trust ("🇮🇹 Trust grew"): disjoint; alice Trust overlaps bob Trust (same code).
        var pair = Assert.Single(r.Pairs);
        Assert.Equal(("Inward modes/Licensing-in", "Learning"), (pair.CodePathA, pair.CodePathB)); // ordinal path order
        Assert.Equal(1, pair.Cases);
        Assert.Equal(pair.Overlaps, pair.ByCase["RS-01"]);
        // bob Learning overlaps alice Licensing; alice Learning vs alice Licensing: no; bob Learning vs bob Licensing: no (disjoint)
        Assert.Equal(1, pair.Overlaps);
        Assert.Empty(CoOccurrence.Compute(p, coder: "alice").Pairs);
    }

    [Fact]
    public void Search_is_case_insensitive_counts_all_hits_and_locates_unique_phrases()
    {
        var p = TestData.Small();
        var r = TextSearch.Find(p, "LICEN");
        Assert.Equal(2, r.TotalHits);
        Assert.Equal(["RS-01 round 1", "RS-01 round 2"], r.Hits.Select(h => h.SourceName).ToArray());
        Assert.Equal(1, TextSearch.Find(p, "licen", new QuotationFilter(Round: 2)).TotalHits);
        var text = p.Source(TestData.S1).Text;
        Assert.Equal("German firm", TextSearch.LocateUnique(text, "German firm", "s").Of(text));
        Assert.Contains("does not occur", Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "French", "s")).Message);
        Assert.Contains("more than once", Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "e", "s")).Message);
    }
}
