using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Interviews;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Interviews;

public class QualSettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";
}

/// <summary>
/// An interview workbench command: parses its settings, calls one use case of
/// <see cref="InterviewWorkbench"/> (which stores before it returns) and shows the result as a
/// table or, with --json, as JSON. A refused use case prints only its error.
/// </summary>
public abstract class InterviewCommand<T>(Terminal terminal) : AsyncCommand<T> where T : QualSettings
{
    protected Terminal Terminal { get; } = terminal;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, T settings, CancellationToken cancellationToken)
    {
        await RunAsync(new InterviewWorkbench(settings.Study), settings, cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>Calls the workbench and shows what it returned.</summary>
    protected abstract Task RunAsync(InterviewWorkbench workbench, T settings, CancellationToken ct);

    /// <summary>Shows <paramref name="result"/> as JSON with --json, else runs <paramref name="table"/>.</summary>
    protected void Show<TResult>(T settings, TResult result, Action table) => InterviewOutput.Print(Terminal, settings.Json, result, table);

    /// <summary>A one-line confirmation, or <paramref name="result"/> with --json.</summary>
    protected void Say<TResult>(T settings, TResult result, FormattableString line) =>
        Show(settings, result, () => Terminal.Out.MarkupLineInterpolated(line));
}

internal static class InterviewOutput
{
    public static void Print<T>(Terminal t, bool json, T result, Action table)
    {
        if (json) t.WriteRaw(PublicJson.Serialize(result) + Environment.NewLine);
        else table();
    }

    /// <summary>A table cell for an optional round: the number, or empty.</summary>
    public static string Round(int? round) => round is { } r ? Display.Count(r) : "";
}
