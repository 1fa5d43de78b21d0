using TwoWay.Qualitative;
using Xunit;

namespace TwoWay.Qualitative.Tests;

public class CodedSegmentsTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void Segments_cover_the_text_and_list_overlapping_codings_outermost_first()
    {
        // text of 20: A = [2,12), B = [5,8) inside A; by hand: 0-2 none, 2-5 A, 5-8 A B, 8-12 A, 12-20 none.
        var s = CodedSegments.Of(20, [(B, new TextSpan(5, 8)), (A, new TextSpan(2, 12))]);
        Assert.Equal([(0, 2), (2, 5), (5, 8), (8, 12), (12, 20)], s.Select(x => (x.Start, x.End)));
        Assert.Empty(s[0].Codings);
        Assert.Equal([A], s[1].Codings);
        Assert.Equal([A, B], s[2].Codings);
        Assert.Equal([A], s[3].Codings);
        Assert.Empty(s[4].Codings);
    }

    [Fact]
    public void Touching_codings_do_not_overlap_and_an_empty_text_has_no_segment()
    {
        var s = CodedSegments.Of(6, [(A, new TextSpan(0, 3)), (B, new TextSpan(3, 6))]);
        Assert.Equal([[A], [B]], s.Select(x => x.Codings.ToArray()));
        Assert.Empty(CodedSegments.Of(0, []));
    }

    [Fact]
    public void A_span_boundary_inside_an_emoji_is_refused()
    {
        var text = "ab😀cd"; // the emoji is two UTF-16 units at 2 and 3
        Assert.True(new TextSpan(3, 5).SplitsSurrogatePair(text));
        Assert.True(new TextSpan(0, 3).SplitsSurrogatePair(text));
        Assert.False(new TextSpan(2, 4).SplitsSurrogatePair(text));
        Assert.False(new TextSpan(0, 6).SplitsSurrogatePair(text));
    }
}
