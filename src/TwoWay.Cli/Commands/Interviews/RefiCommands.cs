using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Interviews;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class FileSettings : QualSettings
{
    [CommandArgument(1, "<file>")] public string File { get; init; } = "";
    [CommandOption("--replace")] [Description("qdpx import: replace a workbench that already holds transcripts or codes.")] public bool Replace { get; init; }
    [CommandOption("--offsets <UNIT>")] [Description("qdpx import: utf16, crlf_as_one or code_points (default: guessed from the exporting tool).")] public string? Offsets { get; init; }
}

public sealed class QdpxImportCommand(Terminal terminal) : InterviewCommand<FileSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, FileSettings s, CancellationToken ct)
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

public sealed class QdpxExportCommand(Terminal terminal) : InterviewCommand<FileSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, FileSettings s, CancellationToken ct)
    {
        var r = await workbench.ExportQdpxAsync(new ExportRequest(s.File), ct);
        Say(s, r, $"Wrote {r.File}: {r.Sources} transcripts, {r.Codes} codes, {r.Codings} codings.");
    }
}

public sealed class QdcImportCommand(Terminal terminal) : InterviewCommand<FileSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, FileSettings s, CancellationToken ct)
    {
        var r = await workbench.ImportQdcAsync(new QdcImportRequest(s.File), ct);
        Show(s, r, () =>
        {
            Terminal.Out.MarkupLineInterpolated($"Codebook merged: {r.Added} added, {r.MatchedByGuid} matched by GUID, {r.MatchedByPath} matched by path.");
            foreach (var x in r.Repairs) Terminal.Out.MarkupLineInterpolated($"  - {x}");
        });
    }
}

public sealed class QdcExportCommand(Terminal terminal) : InterviewCommand<FileSettings>(terminal)
{
    protected override async Task RunAsync(InterviewWorkbench workbench, FileSettings s, CancellationToken ct)
    {
        var r = await workbench.ExportQdcAsync(new ExportRequest(s.File), ct);
        Say(s, r, $"Wrote {r.File}: {r.Codes} codes.");
    }
}
