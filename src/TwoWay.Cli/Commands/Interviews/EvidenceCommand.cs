using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TwoWay.Application.Evidence;
using TwoWay.Cli.Infrastructure;

namespace TwoWay.Cli.Commands.Interviews;

public sealed class EvidenceSettings : QualSettings
{
    [CommandArgument(1, "[coding-id]")] [Description("The coded quotation (its id or first digits, as tables show them); without it, the links are listed.")] public string? Coding { get; init; }
    [CommandOption("--operation <ID>")] [Description("The operation the quotation is evidence for, e.g. RS-01/2.")] public string? Operation { get; init; }
    [CommandOption("--connection <FROM_TO>")] [Description("Two operation ids of one firm, e.g. RS-01/1>RS-01/4.")] public string? Connection { get; init; }
    [CommandOption("--contradicts")] [Description("The quotation speaks against the operation or connection: the claim becomes contested and is not counted.")] public bool Contradicts { get; init; }
    [CommandOption("--remove")] [Description("Remove the link instead of adding it.")] public bool Remove { get; init; }
    public override ValidationResult Validate() =>
        Coding is not null && (Operation is null) == (Connection is null) ? ValidationResult.Error("Give exactly one of --operation or --connection.")
        : Coding is null && (Operation ?? Connection) is not null ? ValidationResult.Error("Give the coding id to link.")
        : ValidationResult.Success();
}

/// <summary>Links (or with --remove unlinks) a coded quotation as evidence; then, or without a coding, lists the links.</summary>
public sealed class EvidenceLinkCommand(Terminal terminal) : AsyncCommand<EvidenceSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvidenceSettings s, CancellationToken cancellationToken)
    {
        var service = new EvidenceService(s.Study);
        var request = s.Coding is null ? null : new EvidenceLinkRequest(s.Coding, s.Operation, s.Connection, s.Contradicts);
        var r = request is null ? await service.ListAsync(cancellationToken)
            : s.Remove ? await service.UnlinkAsync(request, cancellationToken)
            : await service.LinkAsync(request, cancellationToken);
        InterviewOutput.Print(terminal, s.Json, r, () =>
        {
            var t = new Table().AddColumns("evidence", "for", "id", "case", "round", "code", "quotation", "coding");
            foreach (var x in r.Links)
                t.AddRow(x.Stance, x.Target, Markup.Escape(x.TargetId), Markup.Escape(x.Quotation.Case ?? ""), InterviewOutput.Round(x.Quotation.Round),
                    Markup.Escape(x.Quotation.CodePath), Markup.Escape(x.Quotation.Text), TwoWay.Qualitative.CodingIds.Short(x.Quotation.CodingId));
            terminal.Out.Write(t);
        });
        return ExitCodes.Ok;
    }
}
