using TwoWay.Domain;

namespace TwoWay.Tests.Domain;

public class DidYouMeanTests
{
    private static readonly string[] Firms = ["AM-01", "GE-01", "GE-02", "RS-01", "UA-01", "Łódź-7"];

    [Theory]
    [InlineData("GE-1", "GE-01")]      // a leading zero left out
    [InlineData("ge-01", "GE-01")]     // letter case
    [InlineData("GE-001", "GE-01")]
    [InlineData("RS-10", "RS-01")]     // two digits swapped: distance 2
    [InlineData("łódź-7", "Łódź-7")]   // non-ASCII capitals fold too
    [InlineData("RS/01/1", null)]      // too far
    [InlineData("XX-99", null)]
    [InlineData("GE-01", null)]        // it exists: nothing to suggest
    [InlineData("", null)]
    public void Suggests_only_a_close_id(string typed, string? expected) =>
        Assert.Equal(expected, DidYouMean.Closest(typed, Firms));

    [Fact]
    public void The_hint_reads_as_part_of_a_sentence()
    {
        Assert.Equal(" (did you mean GE-01?)", DidYouMean.Hint("GE-1", Firms));
        Assert.Equal("", DidYouMean.Hint("ZZ-99", Firms));
    }
}
