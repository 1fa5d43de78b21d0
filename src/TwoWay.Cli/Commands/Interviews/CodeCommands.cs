using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application;
using TwoWay.Application.Interviews;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class CodesListCommand(Terminal terminal) : InterviewCommand<QualSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QualSettings s, CancellationToken ct)
    {
        var r = await workbench.ListCodesAsync(ct);
        Show(s, r, () =>
        {
            var t = new Table().AddColumns("path", "codable", "codings", "id");
            foreach (var c in r.Codes) t.AddRow(Markup.Escape(c.Path), c.Codable ? "yes" : "no", Display.Count(c.Codings), c.CodeId.ToString());
            Terminal.Out.Write(t);
        });
    }
}

public sealed class CodesAddSettings : QualSettings
{
    [CommandArgument(1, "<path>")] [Description("Path of the new code, e.g. 'Mechanisms/Learning' (missing parents are created).")] public string Path { get; init; } = "";
    [CommandOption("--description <TEXT>")] [Description("What the code means and when to apply it (shown in the codebook and exports).")] public string? Description { get; init; }
    [CommandOption("--colour|--color <HEX>")] [Description("The code's colour as #RRGGBB, e.g. #7a5195.")] public string? Colour { get; init; }
    [CommandOption("--group")] [Description("Not codable: the code only groups others.")] public bool Group { get; init; }
}

public sealed class CodesAddCommand(Terminal terminal) : InterviewCommand<CodesAddSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodesAddSettings s, CancellationToken ct)
    {
        var r = await workbench.AddCodeAsync(new AddCodeRequest(s.Path, s.Description, s.Colour, s.Group), ct);
        var parents = r.CreatedParents.Count == 0 ? "" : $" (and its parent{(r.CreatedParents.Count > 1 ? "s" : "")} {string.Join(", ", r.CreatedParents)})";
        Say(s, r, $"Added code [bold]{r.Path}[/]{parents} ({r.CodeId}).");
    }
}

public sealed class CodesRenameSettings : QualSettings
{
    [CommandArgument(1, "<code>")] [Description("Path or GUID of the code.")] public string Code { get; init; } = "";
    [CommandArgument(2, "<new-name>")] [Description("The code's new name (its place in the tree and its codings stay).")] public string NewName { get; init; } = "";
}

public sealed class CodesRenameCommand(Terminal terminal) : InterviewCommand<CodesRenameSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodesRenameSettings s, CancellationToken ct)
    {
        var r = await workbench.RenameCodeAsync(new RenameCodeRequest(s.Code, s.NewName), ct);
        Say(s, r, $"Renamed to [bold]{r.Path}[/].");
    }
}

public sealed class CodesMoveSettings : QualSettings
{
    [CommandArgument(1, "<code>")] [Description("Path or GUID of the code to move.")] public string Code { get; init; } = "";
    [CommandOption("--to <PARENT>")] [Description("Path or GUID of the new parent; omit to move to the top.")] public string? To { get; init; }
}

public sealed class CodesMoveCommand(Terminal terminal) : InterviewCommand<CodesMoveSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodesMoveSettings s, CancellationToken ct)
    {
        var r = await workbench.MoveCodeAsync(new MoveCodeRequest(s.Code, s.To), ct);
        Say(s, r, $"Moved to [bold]{r.Path}[/].");
    }
}

public sealed class CodesMergeSettings : QualSettings
{
    [CommandArgument(1, "<from>")] [Description("The code to merge away (path or GUID): its codings and subcodes move.")] public string From { get; init; } = "";
    [CommandArgument(2, "<into>")] [Description("The code that receives them (path or GUID).")] public string Into { get; init; } = "";
}

public sealed class CodesMergeCommand(Terminal terminal) : InterviewCommand<CodesMergeSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, CodesMergeSettings s, CancellationToken ct)
    {
        var r = await workbench.MergeCodesAsync(new MergeCodesRequest(s.From, s.Into), ct);
        Say(s, r, $"Merged into [bold]{r.Path}[/]: {r.Codings} codings.");
    }
}

public sealed class CodesStarterCommand(Terminal terminal) : InterviewCommand<QualSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QualSettings s, CancellationToken ct)
    {
        var r = await workbench.AddStarterCodebookAsync(ct);
        Say(s, r, $"Starter codebook: {r.Added} codes added, {r.AlreadyThere} already there.");
    }
}
