using TwoWay.Application.Assessment;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Policy.Files;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Assessment;

/// <summary>The questionnaire logic without a terminal: what to ask next, checking answers, skipping, going back, saving and resuming.</summary>
public class QuestionnaireSessionTests
{
    private static Task<QuestionnaireSession> Start(string save, string? firm = null) =>
        new AssessmentService().StartQuestionnaireAsync(new QuestionnaireRequest(new AssessorOptions(), save, firm));

    [Fact]
    public async Task Answers_are_checked_saved_and_resumed_at_the_first_unanswered_question()
    {
        using var dir = new TempDir();
        var save = dir.File("answers.json");
        var s = await Start(save, "Demo");
        Assert.False(s.Resumed);
        var first = s.Current;
        Assert.Equal((1, s.Questionnaire.Items.Length, "exported_before", "yes/no", true), (first.Number, first.Of, first.ItemId, first.Hint, first.Required));
        Assert.Null(first.CurrentAnswer);

        var refused = s.Answer("maybe");
        Assert.False(refused.Accepted);
        Assert.Contains("is not yes or no", refused.Problem);
        Assert.Equal(0, s.Position);
        Assert.True(s.Answer("no").Accepted);
        var skipRequired = s.Skip();                     // exports_regularly is required
        Assert.False(skipRequired.Accepted);
        Assert.Contains("cannot be skipped", skipRequired.Problem);
        var inconsistent = s.Answer("yes");               // regularly yes while ever no
        Assert.False(inconsistent.Accepted);
        Assert.Contains("exported_before", inconsistent.Problem);
        Assert.Equal(1, s.Position);
        s.Back();
        Assert.Equal("no", s.Current.CurrentAnswer);
        Assert.True(s.Skip().Accepted);                  // Enter keeps the current answer
        Assert.True(s.Answer("no").Accepted);
        Assert.True(s.Answer("yes").Accepted);           // imported_before
        Assert.True(s.Answer("yes").Accepted);           // imports_regularly
        Assert.Equal("export_share", s.Current.ItemId);
        Assert.True(s.Skip().Accepted);                  // optional
        Assert.True(s.Answer("40%").Accepted);           // import_share
        Assert.Equal(5, s.Stop());

        var saved = AnswersFile.Read(save, s.Questionnaire, partial: true);
        Assert.Equal("Demo", saved.Sheet.Firm);
        Assert.Equal(new ShareAnswer(0.4), saved.Sheet["import_share"]);

        var again = await Start(save);
        Assert.True(again.Resumed);
        Assert.Equal(5, again.Answered);
        Assert.Equal("export_share", again.Current.ItemId);
        Assert.Throws<InvalidOperationException>(() => again.Finish());
        while (!again.Done)
        {
            var item = again.Questionnaire.Items[again.Position];
            var step = item.Required || item.Scale == ScaleKind.Likert5 ? again.Answer(item.Scale switch
            {
                ScaleKind.YesNo => "no",
                ScaleKind.Likert5 => "4",
                ScaleKind.Share => "0",
                ScaleKind.Count => "1",
                _ => item.Direction == Direction.Inward ? "goods_import" : "goods_export",
            }) : again.Skip();
            Assert.True(step.Accepted, step.Problem);
        }
        Assert.Throws<InvalidOperationException>(() => again.Current);
        var done = again.Finish();
        Assert.Equal("Demo", done.Sheet.Firm);                                  // kept from the saved file
        Assert.Equal(new ShareAnswer(0.4), done.Sheet["import_share"]);          // the resumed answer
        var report = await new AssessmentService().AssessAsync(new AssessRequest(new AssessorOptions(), save));
        Assert.Equal("Demo", report.Result.Profile.Firm);
        Assert.Equal(TraderState.ImportOnly, report.Result.Profile.State);
    }
}
