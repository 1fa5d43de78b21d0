using TwoWay.Application.Interviews;
using TwoWay.Input;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Interviews;

/// <summary>
/// The coding screen's use cases: a transcript with its codings and segments (blind mode sends only
/// one coder's), and a selection coded with several codes at once, checked against the stored text.
/// </summary>
public sealed class TranscriptViewTests : IDisposable
{
    private const string Text = "Q: Kako?\r\nA: 🙂 Uvozili smo mašine.\r\n";
    private readonly TempDir _dir = new();
    private readonly string _study;
    private readonly InterviewWorkbench _w;

    public TranscriptViewTests()
    {
        _study = SmallStudy.Create(_dir);
        _dir.Write("t.txt", Text);
        Assert.Equal(0, CliRunner.Run("sources", "add", _study, _dir.File("t.txt"), "--case", "RS-01").ExitCode);
        _w = new InterviewWorkbench(_study);
        _w.AddCodeAsync(new AddCodeRequest("Learning")).GetAwaiter().GetResult();
        _w.AddCodeAsync(new AddCodeRequest("Imports")).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_selection_is_coded_with_every_chosen_code_and_blind_mode_shows_one_coder()
    {
        var start = Text.IndexOf("Uvozili", StringComparison.Ordinal);
        var end = Text.IndexOf('.', start);
        var coded = await _w.CodeSelectionAsync(new CodeSelectionRequest("t", start, end, Text[start..end], ["Learning", "Imports"], "ana"));
        Assert.Equal(2, coded.Count);
        await _w.CodeAsync(new CodePassageRequest("t", "Learning", "ben", Phrase: "Q: Kako?"));

        var all = await _w.TranscriptAsync(new TranscriptRequest("t"));
        Assert.Equal(Text, all.Text);
        Assert.Equal(3, all.Codings.Count);
        Assert.Equal(["ana", "ben"], all.Coders);
        // Segments cover the text exactly; the doubly coded passage lists both codings.
        Assert.Equal(Text.Length, all.Segments.Sum(s => s.End - s.Start));
        Assert.Equal(2, all.Segments.Single(s => s.Start == start).Codings.Count);

        var blind = await _w.TranscriptAsync(new TranscriptRequest("t", OnlyCoder: "ana"));
        Assert.All(blind.Codings, c => Assert.Equal("ana", c.Coder));
        Assert.Equal(["ana"], blind.Coders);
        Assert.DoesNotContain(blind.Segments, s => s.Codings.Contains(all.Codings.Single(c => c.Coder == "ben").CodingId));
    }

    [Theory]
    [InlineData(0, 3, "X: ", "does not match the stored text")]
    [InlineData(-1, 3, null, "not within the text")]
    [InlineData(0, 99, null, "not within the text")]
    [InlineData(14, 20, null, "splits a character")] // 13–14 is the emoji's first half: 14 falls inside it
    public async Task A_selection_that_is_not_the_stored_text_is_refused_and_nothing_is_stored(int start, int end, string? text, string expected)
    {
        Assert.True(char.IsHighSurrogate(Text[13]));
        var e = await Assert.ThrowsAsync<InputException>(() => _w.CodeSelectionAsync(new CodeSelectionRequest("t", start, end, text, ["Learning"], "ana")));
        Assert.Contains(expected, e.Errors[0].Message);
        Assert.Contains(e.Errors[0].Field, new[] { "span", "text" });
        Assert.Empty((await _w.TranscriptAsync(new TranscriptRequest("t"))).Codings);
    }

    [Fact]
    public async Task A_boundary_move_carries_the_text_the_screen_showed()
    {
        var q = await _w.CodeAsync(new CodePassageRequest("t", "Learning", "ana", Phrase: "Q: Kako?"));
        var e = await Assert.ThrowsAsync<InputException>(() => _w.EditCodingAsync(new EditCodingRequest(q.CodingId.ToString(), Span: "0-4", Text: "nope")));
        Assert.Contains("does not match", e.Errors[0].Message);
        var moved = await _w.EditCodingAsync(new EditCodingRequest(q.CodingId.ToString(), Span: "0-4", Text: "Q: K"));
        Assert.Equal("Q: K", moved.Text);
    }
}
