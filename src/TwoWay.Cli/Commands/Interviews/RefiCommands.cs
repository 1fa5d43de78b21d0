using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Interviews;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class QdpxImportSettings : QualSettings
{
    [CommandArgument(1, "<file>")] [Description("The REFI-QDA project (.qdpx) to read.")] public string File { get; init; } = "";
    [CommandOption("--replace")] [Description("Replace a workbench that already holds transcripts or codes.")] public bool Replace { get; init; }
    [CommandOption("--offsets <UNIT>")] [Description("How the file counts positions: utf16, crlf_as_one or code_points (default: guessed from the exporting tool).")] public string? Offsets { get; init; }
}

public sealed class QdcImportSettings : QualSettings
{
    [CommandArgument(1, "<file>")] [Description("The REFI-QDA codebook (.qdc) to merge.")] public string File { get; init; } = "";
}

public sealed class RefiExportSettings : QualSettings
{
    [CommandArgument(1, "<file>")] [Description("The file to write.")] public string File { get; init; } = "";
    [CommandOption("--force")] [Description("Overwrite an existing file (never the study).")] public bool Force { get; init; }
}

public sealed class QdpxImportCommand(Terminal terminal) : InterviewCommand<QdpxImportSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QdpxImportSettings s, CancellationToken ct)
    {
        var r = await workbench.ImportQdpxAsync(new QdpxImportRequest(s.File, s.Replace, s.Offsets), ct);
        Show(s, r, () =>
        {
            Terminal.Out.MarkupLineInterpolated(
                $"Imported {r.Sources} transcripts, {r.Codes} codes, {r.Codings} codings, {r.Memos} memos from {Path.GetFileName(s.File)} ({r.Origin ?? "unknown tool"}; offsets {r.Offsets}).");
            if (r.Repairs.Count > 0) Terminal.Out.MarkupLine("Repairs made:");
            foreach (var x in r.Repairs) Terminal.Out.MarkupLineInterpolated($"  - {x}");
        });
    }
}

public sealed class QdpxExportCommand(Terminal terminal) : InterviewCommand<RefiExportSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, RefiExportSettings s, CancellationToken ct)
    {
        var r = await workbench.ExportQdpxAsync(new RefiExportRequest(s.File, s.Force), ct);
        Say(s, r, $"Wrote {r.File}: {r.Sources} transcripts, {r.Codes} codes, {r.Codings} codings.");
    }
}

public sealed class QdcImportCommand(Terminal terminal) : InterviewCommand<QdcImportSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, QdcImportSettings s, CancellationToken ct)
    {
        var r = await workbench.ImportQdcAsync(new QdcImportRequest(s.File), ct);
        Show(s, r, () =>
        {
            Terminal.Out.MarkupLineInterpolated($"Codebook merged: {r.Added} added, {r.MatchedByGuid} matched by GUID, {r.MatchedByPath} matched by path.");
            foreach (var x in r.Repairs) Terminal.Out.MarkupLineInterpolated($"  - {x}");
        });
    }
}

public sealed class QdcExportCommand(Terminal terminal) : InterviewCommand<RefiExportSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, RefiExportSettings s, CancellationToken ct)
    {
        var r = await workbench.ExportQdcAsync(new RefiExportRequest(s.File, s.Force), ct);
        Say(s, r, $"Wrote {r.File}: {r.Codes} codes.");
    }
}
