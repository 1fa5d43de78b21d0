using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Suggestions;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Suggestions;

public class SuggestStudySettings : OutputSettings
{
    [CommandArgument(0, "<study>")]
    [Description("The study project file (or PostgreSQL connection string).")]
    public string Study { get; init; } = "";

    [CommandOption("--cues <FILE>")]
    [Description("Your own cue file (CSV/XLSX: direction, mode, pattern, note), e.g. with another language's wordings; default: the built-in cues (samples/suggest/cues.csv).")]
    public string? Cues { get; init; }
}

public sealed class SuggestSettings : SuggestStudySettings
{
    [CommandOption("--source <NAME>")] [Description("Only this transcript (name or id).")] public string? Source { get; init; }
    [CommandOption("--firm <ID>")] [Description("Only transcripts of this case.")] public string? Firm { get; init; }
    [CommandOption("--all")] [Description("Also show the suggestions you rejected.")] public bool All { get; init; }
}

public class SuggestDecisionSettings : SuggestStudySettings
{
    [CommandArgument(1, "<suggestion>")]
    [Description("The suggestion's id as 'twoway suggest' shows it (any unique beginning).")]
    public string Id { get; init; } = "";
}

public sealed class SuggestAcceptSettings : SuggestDecisionSettings
{
    [CommandOption("--operation-id <ID>")] [Description("The new operation's id (default: the case's next free FIRM/N).")] public string? OperationId { get; init; }
    [CommandOption("--start <YYYY|YYYY-MM>")] [Description("The start, when the quotation names no year (or names the wrong one).")] public string? Start { get; init; }
    [CommandOption("--partner <NAME>")] [Description("The partner, when the suggested one is wrong or missing.")] public string? Partner { get; init; }
    [CommandOption("--code <PATH>")] [Description("With --coder: also code the sentence with this code and link the coding to the operation as evidence.")] public string? Code { get; init; }
    [CommandOption("--coder <NAME>")] [Description("Who codes the sentence (with --code).")] public string? Coder { get; init; }
}

/// <summary><c>twoway suggest STUDY</c>: candidate operations found in the transcripts.</summary>
public sealed class SuggestCommand(Terminal terminal) : AsyncCommand<SuggestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SuggestSettings s, CancellationToken cancellationToken)
    {
        var r = await new SuggestionService(s.Study).SuggestAsync(new SuggestRequest(s.Source, s.Firm, s.Cues, s.All), cancellationToken);
        if (s.Json)
        {
            terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        if (r.Transcripts == 0)
        {
            o.MarkupLineInterpolated($"No transcripts to read{(s.Firm is null ? "" : " for " + s.Firm)}: add them with 'twoway sources add {s.Study} FILE --case ID'.");
            return ExitCodes.Ok;
        }
        if (r.Suggestions.Count == 0)
        {
            o.MarkupLineInterpolated($"No suggestions in {Display.Counted(r.Transcripts, "transcript")}: no sentence names a cue and a country together{(r.Rejected > 0 ? $" ({r.Rejected} rejected ones are hidden; --all shows them)" : "")}.");
            return ExitCodes.Ok;
        }
        var t = new Table().Title($"Suggested operations ({r.New} new, {r.Recorded} already recorded, {r.Accepted} accepted, {r.Rejected} rejected)")
            .AddColumns("id", "status", "case", "source", "direction", "mode", "country", "year", "partner", "quotation");
        foreach (var x in r.Suggestions)
            t.AddRow(x.Id[..8], Markup.Escape(x.Status + (x.Operation is { } op ? " " + op : "")), Markup.Escape(x.Case ?? ""), Markup.Escape(x.Source),
                x.Direction, Markup.Escape(x.ModeLabel), Markup.Escape(x.CountryName), x.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(x.Partner ?? ""), Markup.Escape(x.Quotation));
        o.Write(t);
        o.MarkupLineInterpolated($"Accept one with 'twoway suggest accept {s.Study} ID' (an operation with this quotation as interview evidence), or 'suggest reject'.");
        return ExitCodes.Ok;
    }
}

/// <summary><c>twoway suggest accept STUDY ID</c>: the suggestion becomes an operation, validated as an import row.</summary>
public sealed class SuggestAcceptCommand(Terminal terminal) : AsyncCommand<SuggestAcceptSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SuggestAcceptSettings s, CancellationToken cancellationToken)
    {
        var r = await new SuggestionService(s.Study).AcceptAsync(new AcceptSuggestionRequest(s.Id, s.OperationId, s.Start, s.Partner, s.Cues, s.Code, s.Coder), cancellationToken);
        if (s.Json) terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
        else terminal.Out.MarkupLineInterpolated($"Stored operation [bold]{r.Operation}[/]: {r.Suggestion.ModeLabel}, {r.Suggestion.CountryName}, with the quotation as interview evidence{(r.Coding is { } c ? $" and coding {c[..8]} linked to it" : "")}.");
        return ExitCodes.Ok;
    }
}

/// <summary><c>twoway suggest reject STUDY ID</c>: the suggestion is remembered as wrong.</summary>
public sealed class SuggestRejectCommand(Terminal terminal) : AsyncCommand<SuggestDecisionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SuggestDecisionSettings s, CancellationToken cancellationToken)
    {
        var r = await new SuggestionService(s.Study).RejectAsync(s.Id, s.Cues, cancellationToken);
        if (s.Json) terminal.WriteRaw(PublicJson.Serialize(r) + Environment.NewLine);
        else terminal.Out.MarkupLineInterpolated($"Rejected suggestion {r.Id[..8]} ({r.ModeLabel}, {r.CountryName}); 'suggest' no longer offers it ('--all' shows it).");
        return ExitCodes.Ok;
    }
}
