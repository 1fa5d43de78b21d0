using Spectre.Console.Cli;
using TwoWay.Cli.Commands.Interviews;
using TwoWay.Qualitative;
using TwoWay.Reports.Html;
using TwoWay.Storage;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Cli.Commands;

/// <summary>
/// The qualitative workbench: transcripts, codebook, coding, retrieval, matrices, agreement, REFI-QDA.
/// The commands (in Interviews/) call TwoWay.Application's InterviewWorkbench and EvidenceService.
/// </summary>
public static class QualitativeCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("sources", b =>
        {
            b.SetDescription("Interview transcripts of the study.");
            b.AddCommand<SourcesAddCommand>("add").WithDescription("Add a transcript (.txt, .md, .docx) for a case, respondent and round.")
                .WithExample("sources", "add", "study.twoway", "demo-study/interviews/RS-01-r1.txt", "--case", "RS-01", "--round", "1", "--role", "\"managing director\"", "--pseudonym", "Ana");
            b.AddCommand<SourcesListCommand>("list").WithDescription("List the transcripts.");
            b.AddCommand<SourcesRemoveCommand>("remove").WithDescription("Remove a transcript; with --force also its codings, memos and evidence links.");
        });
        config.AddBranch("codes", b =>
        {
            b.SetDescription("The hierarchical codebook.");
            b.AddCommand<CodesListCommand>("list").WithDescription("List the codes with their paths and numbers of codings.");
            b.AddCommand<CodesAddCommand>("add").WithDescription("Add a code by its path, e.g. 'Mechanisms/Learning' (the parent must exist).");
            b.AddCommand<CodesRenameCommand>("rename").WithDescription("Rename a code (its codings stay).");
            b.AddCommand<CodesMoveCommand>("move").WithDescription("Move a code under another (or to the top with no --to).");
            b.AddCommand<CodesMergeCommand>("merge").WithDescription("Merge a code into another: codings and subcodes move, the first code is removed.");
            b.AddCommand<CodesStarterCommand>("starter").WithDescription("Add the starter codebook (inward/outward modes, mechanisms, contexts, connection kinds).")
                .WithExample("codes", "starter", "study.twoway");
        });
        config.AddBranch("memos", b =>
        {
            b.SetDescription("Memos on codes, transcripts, cases or the project.");
            b.AddCommand<MemosAddCommand>("add").WithDescription("Write a memo on a code (--code), transcript (--source), case (--case) or the project (none).");
            b.AddCommand<MemosListCommand>("list").WithDescription("List the memos.");
        });
        config.AddBranch("code", b =>
        {
            b.SetDescription("Code a span of a transcript, given as --span START-END (UTF-16 indices) or --phrase TEXT; 'code edit' and 'code remove' change one; 'code import' codes from a spreadsheet.");
            b.SetDefaultCommand<CodeCommand>();
            b.AddExample("code", "study.twoway", "RS-01-r1", "Mechanisms/Learning", "--phrase", "\"We started by importing Kessler castings\"", "--coder", "alice");
            b.AddCommand<CodeEditCommand>("edit").WithDescription("Move a coding's boundaries (--span or --phrase), recode it (--code) or change its memo.")
                .WithExample("code", "edit", "study.twoway", "236adb83", "--phrase", "\"We started by importing Kessler castings; their engineers\"");
            b.AddCommand<CodeRemoveCommand>("remove").WithDescription("Remove a coding (with --force also the evidence links resting on it).")
                .WithExample("code", "remove", "study.twoway", "236adb83");
            b.AddCommand<CodeImportCommand>("import").WithDescription("Bulk coding from a spreadsheet (source, code, phrase or start and end, coder, memo): every row checked as 'code' checks one, all stored or none.")
                .WithExample("code", "import", "study.twoway", "codings.csv", "--coder", "alice");
        });
        config.AddCommand<QuotesCommand>("quotes").WithDescription("All quotations for a code (or, without one, of every code), optionally by case, round or coder.");
        config.AddCommand<CodersCommand>("coders").WithDescription("Who coded: each coder's codings, transcripts and codes.");
        config.AddCommand<MatrixCommand>("matrix").WithDescription("Code × case matrix of codings (with --quotes: the framework matrix with quotations).");
        config.AddCommand<CoOccurrenceCommand>("cooccurrence").WithDescription("Pairs of codes applied to overlapping passages, per case and in total.");
        config.AddCommand<AgreementCommand>("agreement").WithDescription("Inter-coder agreement: two coders (% agreement, Cohen's kappa as NVivo, Krippendorff's alpha), or a team of three or more (Fleiss' kappa, alpha).");
        config.AddCommand<SearchCommand>("search").WithDescription("Full-text search across transcripts (case-insensitive).");
        config.AddCommand<EvidenceLinkCommand>("evidence").WithDescription("Link a coded quotation as evidence for an operation or a connection; without a target, list the links.");
        config.AddBranch("qdpx", b =>
        {
            b.SetDescription("REFI-QDA projects (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder …");
            b.AddCommand<QdpxImportCommand>("import").WithDescription("Import a .qdpx into the study's (empty) workbench, listing every repair made.");
            b.AddCommand<QdpxExportCommand>("export").WithDescription("Export the workbench as a .qdpx (valid against Project.xsd).");
        });
        config.AddBranch("qdc", b =>
        {
            b.SetDescription("REFI-QDA codebooks (.qdc).");
            b.AddCommand<QdcImportCommand>("import").WithDescription("Merge a .qdc codebook into the study's codebook (codes matched by GUID or path).");
            b.AddCommand<QdcExportCommand>("export").WithDescription("Export the codebook as a .qdc (valid against Codebook.xsd).");
        });
    }
}
