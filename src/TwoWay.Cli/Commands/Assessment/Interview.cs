using Spectre.Console;
using TwoWay.Application.Assessment;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The terminal dialogue of the questionnaire: one question at a time; Enter skips an optional item
/// (or keeps the current answer), 'b' goes back, 'q' stops (answers so far are kept). What to ask,
/// checking and saving are the <see cref="QuestionnaireSession"/>'s; this only shows and reads.
/// </summary>
internal sealed class Interview(IAnsiConsole console, QuestionnaireSession session)
{
    /// <summary>True when every question was passed (the answers file is complete), false when the person stopped early.</summary>
    public bool Run()
    {
        var q = session.Questionnaire;
        if (session.Resumed) console.MarkupLineInterpolated($"Resuming {session.SavePath}: {session.Answered} answers found.");
        console.MarkupLineInterpolated($"[bold]{q.Title}[/] ({q.Id} {q.Version}), {q.Items.Length} questions. Answers are saved to {session.SavePath} as you go.");
        console.MarkupLine("[dim]Enter = skip (optional questions), b = back, q = stop and keep answers.[/]");
        if (session.Firm is null)
        {
            // The firm's name first: it titles the profile ("Self-assessment: Wisła Meble"), not "firm".
            var name = console.Prompt(new TextPrompt<string>("What is the firm's name? (Enter to leave it out)>").AllowEmpty()).Trim();
            if (name.Length > 0) session.SetFirm(name);
        }
        while (!session.Done)
        {
            var v = session.Current;
            console.WriteLine();
            console.MarkupLineInterpolated($"[dim][[{v.Number}/{v.Of}]] {v.Heading}[/]");
            console.MarkupLineInterpolated($"[bold]{v.Text}[/]");
            if (v.Labels.Count == 5)
                console.MarkupLineInterpolated($"[dim]{string.Join("  ", v.Labels.Select((l, k) => $"{k + 1} = {l}"))}[/]");
            foreach (var choice in v.Choices) console.MarkupLineInterpolated($"[dim]  {choice}[/]");
            var current = v.CurrentAnswer is { } a ? " [current: " + a + "]" : "";
            var input = console.Prompt(new TextPrompt<string>($"{v.Hint}{Markup.Escape(current)}>").AllowEmpty()).Trim();
            StepResult step;
            switch (input.ToLowerInvariant())
            {
                case "q":
                    var saved = session.Stop();
                    console.MarkupLineInterpolated($"Stopped; {saved} answers saved in {session.SavePath}. Run the same command to continue.");
                    return false;
                case "b":
                    session.Back();
                    continue;
                case "":
                    step = session.Skip();
                    break;
                default:
                    step = session.Answer(input);
                    break;
            }
            if (!step.Accepted) console.MarkupLineInterpolated($"[red]{step.Problem}[/]");
        }
        session.Finish();
        console.MarkupLineInterpolated($"All questions done; answers saved in {session.SavePath}.");
        console.WriteLine();
        return true;
    }
}
